// SQL adapter of ports::FraudRepository: cases (0018, 0027), their steps and the credit blacklist
// (0027). Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

constexpr std::string_view kCaseFrom =
    "FROM cases k JOIN classes c ON c.id = k.class_id JOIN institutions i ON i.id = "
    "c.institution_id";
constexpr std::string_view kCaseColumns =
    "SELECT k.id, k.class_id, c.title AS class_title, i.name AS institution_name, "
    "i.id AS institution_id, i.district_code, k.source, k.source_id, k.state, k.summary, "
    "k.opened_by, k.opened_at, k.response_due, k.version ";

domain::CaseRecord CaseOf(const RowRef& row) {
  domain::CaseRecord c;
  c.id = row.Int("id");
  c.class_id = row.Int("class_id");
  c.class_title = row.Str("class_title");
  c.institution_name = row.Str("institution_name");
  c.institution_id = row.Int("institution_id");
  c.district_code = row.Str("district_code");
  c.source = row.Str("source");
  c.source_id = row.Int("source_id");
  c.state = row.Str("state");
  c.summary = row.Str("summary");
  c.opened_by = row.Str("opened_by");
  c.opened_at = row.Str("opened_at");
  c.response_due = row.Opt("response_due");
  c.version = row.Int("version");
  return c;
}

constexpr std::string_view kEntryFrom =
    "FROM blacklist_entries b JOIN institutions i ON i.id = b.institution_id";
constexpr std::string_view kEntryColumns =
    "SELECT b.id, b.institution_id, i.name AS institution_name, i.district_code, b.case_id, "
    "b.reason, b.listed_at, b.listed_at_unix, b.period_until, b.listed_by, b.listed_by_name, "
    "b.sent_to_hrss_at, b.acknowledged_at, b.acknowledged_by_name, b.lifted_at, "
    "b.lifted_at_unix, b.lifted_by_name, b.lift_reason ";

domain::BlacklistEntry EntryOf(const RowRef& row) {
  domain::BlacklistEntry e;
  e.id = row.Int("id");
  e.institution_id = row.Int("institution_id");
  e.institution_name = row.Str("institution_name");
  e.district_code = row.Str("district_code");
  if (row.Opt("case_id")) e.case_id = row.Int("case_id");
  e.reason = row.Str("reason");
  e.listed_at = row.Str("listed_at");
  e.listed_at_unix = row.Int("listed_at_unix");
  e.period_until = row.Str("period_until");
  e.listed_by = row.Int("listed_by");
  e.listed_by_name = row.Str("listed_by_name");
  e.sent_to_hrss_at = row.Str("sent_to_hrss_at");
  e.acknowledged_at = row.Opt("acknowledged_at");
  e.acknowledged_by_name = row.Opt("acknowledged_by_name");
  e.lifted_at = row.Opt("lifted_at");
  if (row.Opt("lifted_at_unix")) e.lifted_at_unix = row.Int("lifted_at_unix");
  e.lifted_by_name = row.Opt("lifted_by_name");
  e.lift_reason = row.Opt("lift_reason");
  return e;
}

SqlValue OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : SqlValue(); }

class SqlFraudRepository final : public ports::FraudRepository, private SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> InsertCase(const domain::CaseRecord& c) override {
    // source_id is the case's own id: a placeholder below every real one first (unique per
    // source; two concurrent inserts may meet on it and one answers Conflict), then the id.
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO cases (class_id, source, source_id, state, summary, opened_by, "
                  "opened_at) VALUES (?, ?, (SELECT -1 - COUNT(*) FROM cases), ?, ?, ?, ?) "
                  "RETURNING id",
                  {Int(c.class_id), Str(c.source), Str(c.state), Str(c.summary), Str(c.opened_by),
                   Str(c.opened_at)}));
    const int64_t id = Rows(r).front().Int("id");
    ANPEI_RETURN_IF_ERROR(Q("UPDATE cases SET source_id = id WHERE id = ?", {Int(id)}).status());
    return id;
  }

  Result<domain::CaseRecord> GetCase(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kCaseColumns) + std::string(kCaseFrom) + " WHERE k.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("案件", id);
    return CaseOf(Rows(r).front());
  }

  Result<ports::PageOf<domain::CaseRecord>> ListCases(const ports::CaseFilter& f,
                                                      ports::Page page) override {
    Where w;
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.institution_id) {
      w.Add("c.institution_id = ?", Int(*f.institution_id));
      w.Add("k.state <> ?", Str("open"));  // an institution learns of a case when investigated
    }
    if (f.class_id) w.Add("k.class_id = ?", Int(*f.class_id));
    if (f.state) w.Add("k.state = ?", Str(*f.state));
    ports::PageOf<domain::CaseRecord> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(kCaseFrom, w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(std::string(kCaseColumns) + std::string(kCaseFrom), w,
                                              {"k.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(CaseOf(row));
    FinishPage(out, [](const domain::CaseRecord& c) { return c.id; });
    return out;
  }

  Status UpdateCase(const domain::CaseRecord& c, int64_t version) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("UPDATE cases SET state = ?, response_due = ?, version = version + 1 "
                             "WHERE id = ? AND version = ?",
                             {Str(c.state), OptStr(c.response_due), Int(c.id), Int(version)}));
    if (r.affected == 0) return Missed("cases", "案件", c.id);
    return Status::Ok();
  }

  Result<int64_t> InsertStep(const domain::CaseStep& s) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO case_steps (case_id, kind, body, by_user, by_name, at) "
          "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {Int(s.case_id), Str(s.kind), Str(s.body), Int(s.by_user), Str(s.by_name), Str(s.at)}));
    return Rows(r).front().Int("id");
  }

  Result<std::vector<domain::CaseStep>> ListSteps(int64_t case_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT id, case_id, kind, body, by_user, by_name, at FROM case_steps "
                             "WHERE case_id = ? ORDER BY id",
                             {Int(case_id)}));
    std::vector<domain::CaseStep> out;
    for (RowRef row : Rows(r)) {
      domain::CaseStep s;
      s.id = row.Int("id");
      s.case_id = row.Int("case_id");
      s.kind = row.Str("kind");
      s.body = row.Str("body");
      s.by_user = row.Int("by_user");
      s.by_name = row.Str("by_name");
      s.at = row.Str("at");
      out.push_back(std::move(s));
    }
    return out;
  }

  Result<int64_t> InsertBlacklistEntry(const domain::BlacklistEntry& e) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO blacklist_entries (institution_id, case_id, reason, listed_at, "
                  "listed_at_unix, period_until, listed_by, listed_by_name, sent_to_hrss_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(e.institution_id), OptInt(e.case_id), Str(e.reason), Str(e.listed_at),
                   Int(e.listed_at_unix), Str(e.period_until), Int(e.listed_by),
                   Str(e.listed_by_name), Str(e.sent_to_hrss_at)}));
    return Rows(r).front().Int("id");
  }

  Result<domain::BlacklistEntry> GetBlacklistEntry(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kEntryColumns) + std::string(kEntryFrom) + " WHERE b.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("黑名单记录", id);
    return EntryOf(Rows(r).front());
  }

  Result<ports::PageOf<domain::BlacklistEntry>> ListBlacklist(const ports::BlacklistFilter& f,
                                                              ports::Page page) override {
    Where w;
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.institution_id) w.Add("b.institution_id = ?", Int(*f.institution_id));
    const auto add_plain = [&w](std::string_view condition) {
      w.sql += w.sql.empty() ? " WHERE " : " AND ";
      w.sql += condition;
    };
    if (f.in_force_only) add_plain("b.lifted_at IS NULL");
    if (f.unacknowledged_only) add_plain("b.acknowledged_at IS NULL");
    ports::PageOf<domain::BlacklistEntry> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(kEntryFrom, w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(std::string(kEntryColumns) + std::string(kEntryFrom),
                                              w, {"b.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(EntryOf(row));
    FinishPage(out, [](const domain::BlacklistEntry& e) { return e.id; });
    return out;
  }

  Result<std::vector<domain::BlacklistEntry>> EntriesOf(int64_t institution_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kEntryColumns) + std::string(kEntryFrom) +
                                         " WHERE b.institution_id = ? ORDER BY b.id",
                                     {Int(institution_id)}));
    std::vector<domain::BlacklistEntry> out;
    for (RowRef row : Rows(r)) out.push_back(EntryOf(row));
    return out;
  }

  Status UpdateBlacklistEntry(const domain::BlacklistEntry& e) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE blacklist_entries SET acknowledged_at = ?, acknowledged_by_name = ?, "
          "lifted_at = ?, lifted_at_unix = ?, lifted_by_name = ?, lift_reason = ? "
          "WHERE id = ?",
          {OptStr(e.acknowledged_at), OptStr(e.acknowledged_by_name), OptStr(e.lifted_at),
           OptInt(e.lifted_at_unix), OptStr(e.lifted_by_name), OptStr(e.lift_reason), Int(e.id)}));
    if (r.affected == 0) return NotFoundId("黑名单记录", e.id);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::FraudRepository> MakeFraudRepository(ports::SqlConnection& conn,
                                                            const ports::Vault& vault) {
  return std::make_unique<SqlFraudRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
