// SQL adapter of ports::PublicityRepository: publicity batches, their entries and objections
// (migration 0028). Portable SQL for SQLite and PostgreSQL; one instance per transaction (see
// sql_store.h). The objector's contact is sealed per row (kObjectionContact).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

constexpr std::string_view kBatchFrom =
    "FROM publicity_batches b JOIN districts d ON d.code = b.district_code";
constexpr std::string_view kBatchColumns =
    "SELECT b.id, b.district_code, d.name AS district_name, b.title, b.working_days, b.opens_on, "
    "b.closes_on, b.state, b.opened_by, b.opened_by_name, b.opened_at, b.closed_by_name, "
    "b.closed_at, b.version, "
    "(SELECT COUNT(*) FROM publicity_entries e WHERE e.batch_id = b.id) AS entries, "
    "(SELECT COUNT(*) FROM objections o WHERE o.batch_id = b.id) AS objections, "
    "(SELECT COUNT(*) FROM objections o WHERE o.batch_id = b.id AND o.state = 'open') "
    "AS objections_open ";

domain::PublicityBatch BatchOf(const RowRef& row) {
  domain::PublicityBatch b;
  b.id = row.Int("id");
  b.district_code = row.Str("district_code");
  b.district_name = row.Str("district_name");
  b.title = row.Str("title");
  b.working_days = static_cast<int>(row.Int("working_days"));
  b.opens_on = row.Str("opens_on");
  b.closes_on = row.Str("closes_on");
  b.state = row.Str("state");
  b.opened_by = row.Int("opened_by");
  b.opened_by_name = row.Str("opened_by_name");
  b.opened_at = row.Str("opened_at");
  b.closed_by_name = row.Opt("closed_by_name");
  b.closed_at = row.Opt("closed_at");
  b.version = row.Int("version");
  b.entries = row.Int("entries");
  b.objections = row.Int("objections");
  b.objections_open = row.Int("objections_open");
  return b;
}

constexpr std::string_view kEntryColumns =
    "SELECT id, batch_id, class_id, person_id, masked_name, masked_id_number, occupation, "
    "occupation_name, level, institution_name, class_title, subsidy_yuan, withdrawn "
    "FROM publicity_entries ";

domain::PublicityEntry EntryOf(const RowRef& row) {
  domain::PublicityEntry e;
  e.id = row.Int("id");
  e.batch_id = row.Int("batch_id");
  e.class_id = row.Int("class_id");
  e.person_id = row.Int("person_id");
  e.masked_name = row.Str("masked_name");
  e.masked_id_number = row.Str("masked_id_number");
  e.occupation = row.Str("occupation");
  e.occupation_name = row.Str("occupation_name");
  e.level = row.Str("level");
  e.institution_name = row.Str("institution_name");
  e.class_title = row.Str("class_title");
  e.subsidy_yuan = row.Int("subsidy_yuan");
  e.withdrawn = row.Int("withdrawn") != 0;
  return e;
}

constexpr std::string_view kObjectionFrom =
    "FROM objections o JOIN publicity_batches b ON b.id = o.batch_id "
    "JOIN classes c ON c.id = o.class_id "
    "LEFT JOIN publicity_entries e ON e.id = o.entry_id";
constexpr std::string_view kObjectionColumns =
    "SELECT o.id, o.batch_id, o.class_id, o.entry_id, o.receipt, o.contact_kind, o.contact, "
    "o.body, o.filed_at, o.state, o.reason, o.resolved_by_name, o.resolved_at, o.case_id, "
    "o.version, b.title AS batch_title, b.district_code, c.title AS class_title, "
    "e.masked_name AS entry_name ";

domain::Objection ObjectionOf(const RowRef& row) {
  domain::Objection o;
  o.id = row.Int("id");
  o.batch_id = row.Int("batch_id");
  o.class_id = row.Int("class_id");
  if (row.Opt("entry_id")) o.entry_id = row.Int("entry_id");
  o.receipt = row.Str("receipt");
  o.contact_kind = row.Str("contact_kind");
  o.body = row.Str("body");
  o.filed_at = row.Str("filed_at");
  o.state = row.Str("state");
  o.reason = row.Opt("reason");
  o.resolved_by_name = row.Opt("resolved_by_name");
  o.resolved_at = row.Opt("resolved_at");
  if (row.Opt("case_id")) o.case_id = row.Int("case_id");
  o.version = row.Int("version");
  o.batch_title = row.Str("batch_title");
  o.district_code = row.Str("district_code");
  o.class_title = row.Str("class_title");
  o.entry_name = row.Opt("entry_name").value_or("");
  return o;
}

SqlValue OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : SqlValue(); }

class SqlPublicityRepository final : public ports::PublicityRepository, private SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> InsertBatch(const domain::PublicityBatch& b,
                              const std::vector<domain::PublicityEntry>& entries) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO publicity_batches (district_code, title, working_days, opens_on, "
                  "closes_on, state, opened_by, opened_by_name, opened_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Str(b.district_code), Str(b.title), Int(b.working_days), Str(b.opens_on),
                   Str(b.closes_on), Str(b.state), Int(b.opened_by), Str(b.opened_by_name),
                   Str(b.opened_at)}));
    const int64_t id = Rows(r).front().Int("id");
    std::vector<Params> rows;
    rows.reserve(entries.size());
    for (const auto& e : entries) {
      rows.push_back({Int(id), Int(e.class_id), Int(e.person_id), Str(e.masked_name),
                      Str(e.masked_id_number), Str(e.occupation), Str(e.occupation_name),
                      Str(e.level), Str(e.institution_name), Str(e.class_title),
                      Int(e.subsidy_yuan), Int(0)});
    }
    auto inserted = InsertRows(
        "INSERT INTO publicity_entries (batch_id, class_id, person_id, masked_name, "
        "masked_id_number, occupation, occupation_name, level, institution_name, class_title, "
        "subsidy_yuan, withdrawn)",
        12, rows);
    if (!inserted.ok() && inserted.code() == Code::kConflict) {
      return Status(Code::kConflict, "所选培训班已在其他公示批次中公示", "class_ids")
          .WithReason("publicity.class_published");
    }
    ANPEI_RETURN_IF_ERROR(inserted);
    return id;
  }

  Result<domain::PublicityBatch> GetBatch(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kBatchColumns) + std::string(kBatchFrom) + " WHERE b.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("公示批次", id);
    return BatchOf(Rows(r).front());
  }

  Result<ports::PageOf<domain::PublicityBatch>> ListBatches(const ports::BatchFilter& f,
                                                            ports::Page page) override {
    Where w;
    if (f.district_code) w.Add("b.district_code = ?", Str(*f.district_code));
    if (f.state) w.Add("b.state = ?", Str(*f.state));
    if (f.ended_before) w.Add("b.closes_on < ?", Str(*f.ended_before));
    if (f.class_id) {
      w.Add("EXISTS (SELECT 1 FROM publicity_entries e WHERE e.class_id = ? AND e.batch_id = b.id)",
            Int(*f.class_id));
    }
    ports::PageOf<domain::PublicityBatch> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(kBatchFrom, w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(std::string(kBatchColumns) + std::string(kBatchFrom),
                                              w, {"b.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(BatchOf(row));
    FinishPage(out, [](const domain::PublicityBatch& b) { return b.id; });
    return out;
  }

  Status UpdateBatch(const domain::PublicityBatch& b, int64_t version) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE publicity_batches SET state = ?, closed_by_name = ?, closed_at = ?, "
          "version = version + 1 WHERE id = ? AND version = ?",
          {Str(b.state), OptStr(b.closed_by_name), OptStr(b.closed_at), Int(b.id), Int(version)}));
    if (r.affected == 0) return Missed("publicity_batches", "公示批次", b.id);
    return Status::Ok();
  }

  Result<std::vector<int64_t>> BatchClasses(int64_t batch_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT DISTINCT class_id FROM publicity_entries WHERE "
                                     "batch_id = ? ORDER BY class_id",
                                     {Int(batch_id)}));
    std::vector<int64_t> out;
    for (RowRef row : Rows(r)) out.push_back(row.Int("class_id"));
    return out;
  }

  Result<std::vector<domain::PublicityEntry>> ListEntries(int64_t batch_id) override {
    return Entries("WHERE batch_id = ? ORDER BY id", batch_id);
  }

  Result<std::vector<domain::PublicityEntry>> ClassEntries(int64_t class_id) override {
    return Entries("WHERE class_id = ? ORDER BY id", class_id);
  }

  Result<domain::PublicityEntry> GetEntry(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto items, Entries("WHERE id = ?", id));
    if (items.empty()) return NotFoundId("公示条目", id);
    return items.front();
  }

  Status WithdrawEntry(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("UPDATE publicity_entries SET withdrawn = 1 WHERE id = ?", {Int(id)}));
    if (r.affected == 0) return NotFoundId("公示条目", id);
    return Status::Ok();
  }

  Result<int64_t> InsertObjection(const domain::Objection& o) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO objections (batch_id, class_id, entry_id, receipt, contact_kind, "
                  "contact, body, filed_at, state) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?) "
                  "RETURNING id",
                  {Int(o.batch_id), Int(o.class_id), OptInt(o.entry_id), Str(o.receipt),
                   Str(o.contact_kind), Str(o.body), Str(o.filed_at), Str(o.state)}));
    const int64_t id = Rows(r).front().Int("id");
    ANPEI_RETURN_IF_ERROR(Q("UPDATE objections SET contact = ? WHERE id = ?",
                            {Seal(o.contact, kObjectionContact, id), Int(id)})
                              .status());
    return id;
  }

  Result<domain::Objection> GetObjection(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kObjectionColumns) + std::string(kObjectionFrom) + " WHERE o.id = ?",
                  {Int(id)}));
    if (r.rows.empty()) return NotFoundId("异议", id);
    RowRef row = Rows(r).front();
    domain::Objection o = ObjectionOf(row);
    ANPEI_ASSIGN_OR_RETURN(o.contact, Open(row.Cell("contact"), kObjectionContact, o.id));
    return o;
  }

  Result<domain::Objection> ObjectionByReceipt(const std::string& receipt) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kObjectionColumns) + std::string(kObjectionFrom) +
                                         " WHERE o.receipt = ?",
                                     {Str(receipt)}));
    if (r.rows.empty()) {
      return Status(Code::kNotFound, "没有这个回执码的异议", "receipt")
          .WithReason("objection.not_found");
    }
    return ObjectionOf(Rows(r).front());
  }

  Result<ports::PageOf<domain::Objection>> ListObjections(const ports::ObjectionFilter& f,
                                                          ports::Page page) override {
    Where w;
    if (f.district_code) w.Add("b.district_code = ?", Str(*f.district_code));
    if (f.batch_id) w.Add("o.batch_id = ?", Int(*f.batch_id));
    if (f.state) w.Add("o.state = ?", Str(*f.state));
    ports::PageOf<domain::Objection> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(kObjectionFrom, w, out));
    ANPEI_ASSIGN_OR_RETURN(
        auto r, SelectPage(std::string(kObjectionColumns) + std::string(kObjectionFrom), w,
                           {"o.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(ObjectionOf(row));
    FinishPage(out, [](const domain::Objection& o) { return o.id; });
    return out;
  }

  Status UpdateObjection(const domain::Objection& o, int64_t version) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("UPDATE objections SET state = ?, reason = ?, resolved_by_name = ?, "
                             "resolved_at = ?, case_id = ?, version = version + 1 "
                             "WHERE id = ? AND version = ?",
                             {Str(o.state), OptStr(o.reason), OptStr(o.resolved_by_name),
                              OptStr(o.resolved_at), OptInt(o.case_id), Int(o.id), Int(version)}));
    if (r.affected == 0) return Missed("objections", "异议", o.id);
    return Status::Ok();
  }

 private:
  Result<std::vector<domain::PublicityEntry>> Entries(std::string_view where, int64_t key) {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kEntryColumns) + std::string(where), {Int(key)}));
    std::vector<domain::PublicityEntry> out;
    for (RowRef row : Rows(r)) out.push_back(EntryOf(row));
    return out;
  }
};

}  // namespace

std::unique_ptr<ports::PublicityRepository> MakePublicityRepository(ports::SqlConnection& conn,
                                                                    const ports::Vault& vault) {
  return std::make_unique<SqlPublicityRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
