// SQL adapter of ports::FundRepository: fund requests, their lines and clawbacks (migration 0029).
// Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h). The
// payee's account number is sealed to its cell (kPayeeAccount); "never paid twice" is the partial
// unique index fund_lines_one_claim, whose violation answers Conflict funds.already_claimed.
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

constexpr std::string_view kRequestColumns =
    "SELECT r.id, r.state, r.district_code, r.created_by, r.created_by_name, r.created_at, "
    "r.hrss_by_name, r.hrss_at, r.finance_by_name, r.finance_at, r.return_reason, "
    "r.returned_by_name, r.returned_at, r.exported_at, r.export_count, r.version, "
    "(SELECT COUNT(DISTINCT l.class_id) FROM fund_lines l WHERE l.request_id = r.id) AS "
    "class_count, "
    "(SELECT COUNT(*) FROM fund_lines l WHERE l.request_id = r.id) AS line_count, "
    "(SELECT COALESCE(SUM(l.amount_yuan), 0) FROM fund_lines l WHERE l.request_id = r.id AND "
    "l.status <> 'cancelled') AS requested_yuan ";
constexpr std::string_view kRequestFrom = "FROM fund_requests r";

ports::FundRequestRecord RequestOf(const RowRef& row) {
  ports::FundRequestRecord r;
  r.id = row.Int("id");
  r.state = row.Str("state");
  r.district_code = row.Opt("district_code");
  r.created_by = row.Int("created_by");
  r.created_by_name = row.Str("created_by_name");
  r.created_at = row.Str("created_at");
  r.hrss_by_name = row.Opt("hrss_by_name");
  r.hrss_at = row.Opt("hrss_at");
  r.finance_by_name = row.Opt("finance_by_name");
  r.finance_at = row.Opt("finance_at");
  r.return_reason = row.Opt("return_reason");
  r.returned_by_name = row.Opt("returned_by_name");
  r.returned_at = row.Opt("returned_at");
  r.exported_at = row.Opt("exported_at");
  r.export_count = row.Int("export_count");
  r.version = row.Int("version");
  r.class_count = row.Int("class_count");
  r.line_count = row.Int("line_count");
  r.requested_yuan = row.Int("requested_yuan");
  return r;
}

constexpr std::string_view kLineSelect =
    "SELECT l.id, l.request_id, l.class_id, c.title AS class_title, c.institution_id, "
    "i.name AS institution_name, i.district_code, l.person_id, t.name AS person_name, "
    "l.amount_yuan, l.account_kind, l.account_sealed, l.status, l.attempt, l.bank_reference, "
    "l.paid_on, l.failure_reason, l.updated_at, l.version "
    "FROM fund_lines l JOIN classes c ON c.id = l.class_id "
    "JOIN institutions i ON i.id = c.institution_id JOIN trainees t ON t.id = l.person_id ";

// The total counts only what the filter needs: every clawback has its class, institution and
// trainee (foreign keys), so an unscoped count reads the clawbacks alone and a scoped one joins
// the class and institution, never the trainees (tests/storage/query_plan_test.cc).
std::string_view ClawbackCountFrom(const ports::ClawbackFilter& f) {
  if (!f.institution_id && !f.district_code) return "FROM clawbacks k";
  return "FROM clawbacks k JOIN classes c ON c.id = k.class_id "
         "JOIN institutions i ON i.id = c.institution_id";
}
constexpr std::string_view kClawbackFrom =
    "FROM clawbacks k JOIN classes c ON c.id = k.class_id "
    "JOIN institutions i ON i.id = c.institution_id JOIN trainees t ON t.id = k.person_id";
constexpr std::string_view kClawbackColumns =
    "SELECT k.id, k.line_id, k.class_id, c.title AS class_title, c.institution_id, "
    "i.name AS institution_name, i.district_code, k.person_id, t.name AS person_name, k.case_id, "
    "k.due_yuan, k.recovered_yuan, k.state, k.created_at, k.version ";

ports::ClawbackRecord ClawbackOf(const RowRef& row) {
  ports::ClawbackRecord c;
  c.id = row.Int("id");
  c.line_id = row.Int("line_id");
  c.class_id = row.Int("class_id");
  c.class_title = row.Str("class_title");
  c.institution_id = row.Int("institution_id");
  c.institution_name = row.Str("institution_name");
  c.district_code = row.Str("district_code");
  c.person_id = row.Int("person_id");
  c.person_name = row.Str("person_name");
  if (row.Opt("case_id")) c.case_id = row.Int("case_id");
  c.due_yuan = row.Int("due_yuan");
  c.recovered_yuan = row.Int("recovered_yuan");
  c.state = row.Str("state");
  c.created_at = row.Str("created_at");
  c.version = row.Int("version");
  return c;
}

SqlValue OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : SqlValue(); }

Where ClawbackWhere(const ports::ClawbackFilter& f) {
  Where w;
  if (f.state) w.Add("k.state = ?", Str(*f.state));
  if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
  if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
  return w;
}

class SqlFundRepository final : public ports::FundRepository, private SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> InsertRequest(const ports::FundRequestRecord& r) override {
    ANPEI_ASSIGN_OR_RETURN(auto res,
                           Q("INSERT INTO fund_requests (state, district_code, created_by, "
                             "created_by_name, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                             {Str(r.state), OptStr(r.district_code), Int(r.created_by),
                              Str(r.created_by_name), Str(r.created_at)}));
    return Rows(res).front().Int("id");
  }

  Result<ports::FundRequestRecord> GetRequest(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kRequestColumns) + std::string(kRequestFrom) + " WHERE r.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("拨付申请", id);
    return RequestOf(Rows(r).front());
  }

  Result<ports::PageOf<ports::FundRequestRecord>> ListRequests(const ports::FundRequestFilter& f,
                                                               ports::Page page) override {
    Where w;
    if (f.state) w.Add("r.state = ?", Str(*f.state));
    if (f.district_code) w.Add("r.district_code = ?", Str(*f.district_code));
    ports::PageOf<ports::FundRequestRecord> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(kRequestFrom, w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           SelectPage(std::string(kRequestColumns) + std::string(kRequestFrom), w,
                                      {"r.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(RequestOf(row));
    FinishPage(out, [](const ports::FundRequestRecord& r) { return r.id; });
    return out;
  }

  Status UpdateRequest(const ports::FundRequestRecord& r, int64_t version) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto res, Q("UPDATE fund_requests SET state = ?, hrss_by_name = ?, hrss_at = ?, "
                    "finance_by_name = ?, finance_at = ?, return_reason = ?, returned_by_name = ?, "
                    "returned_at = ?, exported_at = ?, export_count = ?, version = version + 1 "
                    "WHERE id = ? AND version = ?",
                    {Str(r.state), OptStr(r.hrss_by_name), OptStr(r.hrss_at),
                     OptStr(r.finance_by_name), OptStr(r.finance_at), OptStr(r.return_reason),
                     OptStr(r.returned_by_name), OptStr(r.returned_at), OptStr(r.exported_at),
                     Int(r.export_count), Int(r.id), Int(version)}));
    if (res.affected == 0) return Missed("fund_requests", "拨付申请", r.id);
    return Status::Ok();
  }

  Result<int64_t> InsertLine(const ports::FundLineRecord& l) override {
    auto res =
        Q("INSERT INTO fund_lines (request_id, class_id, person_id, amount_yuan, account_kind, "
          "status, attempt, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Int(l.request_id), Int(l.class_id), Int(l.person_id), Int(l.amount_yuan),
           Str(l.account_kind), Str(l.status), Int(l.attempt), Str(l.updated_at)});
    if (!res.ok()) {
      if (res.status().code() != Code::kConflict) return res.status();
      return Status(Code::kConflict,
                    "培训班 " + std::to_string(l.class_id) +
                        " 的学员已在另一拨付申请中（同一学员"
                        "同一班次只拨付一次，四（二））",
                    "class_ids")
          .WithReason("funds.already_claimed");
    }
    const int64_t id = Rows(*res).front().Int("id");
    if (!l.account.empty()) {
      ANPEI_RETURN_IF_ERROR(Q("UPDATE fund_lines SET account_sealed = ? WHERE id = ?",
                              {Str(Seal(l.account, kPayeeAccount, id)), Int(id)})
                                .status());
    }
    return id;
  }

  Result<ports::FundLineRecord> GetLine(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto lines, Lines("WHERE l.id = ?", {Int(id)}));
    if (lines.empty()) return NotFoundId("拨付明细", id);
    return std::move(lines.front());
  }

  Result<std::vector<ports::FundLineRecord>> LinesOfRequest(int64_t request_id) override {
    return Lines("WHERE l.request_id = ? ORDER BY l.class_id, l.id", {Int(request_id)});
  }

  Result<std::vector<ports::FundLineRecord>> LinesOfClass(int64_t class_id) override {
    return Lines("WHERE l.class_id = ? ORDER BY l.id", {Int(class_id)});
  }

  Status UpdateLine(const ports::FundLineRecord& l, int64_t version) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto res,
        Q("UPDATE fund_lines SET account_kind = ?, account_sealed = ?, status = ?, attempt = ?, "
          "bank_reference = ?, paid_on = ?, failure_reason = ?, updated_at = ?, "
          "version = version + 1 WHERE id = ? AND version = ?",
          {Str(l.account_kind),
           l.account.empty() ? SqlValue() : Str(Seal(l.account, kPayeeAccount, l.id)),
           Str(l.status), Int(l.attempt), OptStr(l.bank_reference), OptStr(l.paid_on),
           OptStr(l.failure_reason), Str(l.updated_at), Int(l.id), Int(version)}));
    if (res.affected == 0) return Missed("fund_lines", "拨付明细", l.id);
    return Status::Ok();
  }

  Result<int64_t> InsertClawback(const ports::ClawbackRecord& c) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO clawbacks (line_id, class_id, person_id, case_id, due_yuan, "
                  "state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(c.line_id), Int(c.class_id), Int(c.person_id), OptInt(c.case_id),
                   Int(c.due_yuan), Str(c.state), Str(c.created_at)}));
    return Rows(r).front().Int("id");
  }

  Result<ports::ClawbackRecord> GetClawback(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kClawbackColumns) + std::string(kClawbackFrom) + " WHERE k.id = ?",
                  {Int(id)}));
    if (r.rows.empty()) return NotFoundId("追回记录", id);
    return ClawbackOf(Rows(r).front());
  }

  Result<ports::PageOf<ports::ClawbackRecord>> ListClawbacks(const ports::ClawbackFilter& f,
                                                             ports::Page page) override {
    const Where w = ClawbackWhere(f);
    ports::PageOf<ports::ClawbackRecord> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(ClawbackCountFrom(f), w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           SelectPage(std::string(kClawbackColumns) + std::string(kClawbackFrom), w,
                                      {"k.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(ClawbackOf(row));
    FinishPage(out, [](const ports::ClawbackRecord& c) { return c.id; });
    return out;
  }

  Status AddRecovery(const ports::ClawbackRecovery& r, int64_t version) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto res,
        Q("UPDATE clawbacks SET recovered_yuan = recovered_yuan + ?, state = CASE WHEN "
          "recovered_yuan + ? >= due_yuan THEN 'settled' ELSE 'outstanding' END, "
          "version = version + 1 WHERE id = ? AND version = ? AND recovered_yuan + ? <= due_yuan",
          {Int(r.amount_yuan), Int(r.amount_yuan), Int(r.clawback_id), Int(version),
           Int(r.amount_yuan)}));
    if (res.affected == 0) return Missed("clawbacks", "追回记录", r.clawback_id);
    return Q("INSERT INTO clawback_recoveries (clawback_id, amount_yuan, recovered_on, "
             "reference, by_user, by_name, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
             {Int(r.clawback_id), Int(r.amount_yuan), Str(r.recovered_on), Str(r.reference),
              Int(r.by_user), Str(r.by_name), Str(r.at)})
        .status();
  }

  Result<std::vector<ports::ClawbackRecovery>> RecoveriesOf(int64_t clawback_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT id, clawback_id, amount_yuan, recovered_on, "
                                     "reference, by_name, at FROM clawback_recoveries "
                                     "WHERE clawback_id = ? ORDER BY id",
                                     {Int(clawback_id)}));
    std::vector<ports::ClawbackRecovery> out;
    for (RowRef row : Rows(r)) {
      ports::ClawbackRecovery c;
      c.id = row.Int("id");
      c.clawback_id = row.Int("clawback_id");
      c.amount_yuan = row.Int("amount_yuan");
      c.recovered_on = row.Str("recovered_on");
      c.reference = row.Str("reference");
      c.by_name = row.Str("by_name");
      c.at = row.Str("at");
      out.push_back(std::move(c));
    }
    return out;
  }

  Result<std::vector<ports::ClawbackTotals>> ClawbackSums(const ports::ClawbackFilter& f) override {
    const Where w = ClawbackWhere(f);
    std::vector<ports::ClawbackTotals> out(1);
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT c.institution_id, i.name AS institution_name, COUNT(*) AS n, "
                  "SUM(k.due_yuan) AS due, SUM(k.recovered_yuan) AS recovered " +
                      std::string(kClawbackFrom) + w.sql +
                      " GROUP BY c.institution_id, i.name ORDER BY i.name, c.institution_id",
                  w.params));
    for (RowRef row : Rows(r)) {
      ports::ClawbackTotals t;
      t.institution_id = row.Int("institution_id");
      t.institution_name = row.Str("institution_name");
      t.count = row.Int("n");
      t.due_yuan = row.Int("due");
      t.recovered_yuan = row.Int("recovered");
      out[0].count += t.count;
      out[0].due_yuan += t.due_yuan;
      out[0].recovered_yuan += t.recovered_yuan;
      out.push_back(std::move(t));
    }
    return out;
  }

 private:
  Result<std::vector<ports::FundLineRecord>> Lines(std::string_view tail, const Params& params) {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kLineSelect) + std::string(tail), params));
    std::vector<ports::FundLineRecord> out;
    for (RowRef row : Rows(r)) {
      ports::FundLineRecord l;
      l.id = row.Int("id");
      l.request_id = row.Int("request_id");
      l.class_id = row.Int("class_id");
      l.class_title = row.Str("class_title");
      l.institution_id = row.Int("institution_id");
      l.institution_name = row.Str("institution_name");
      l.district_code = row.Str("district_code");
      l.person_id = row.Int("person_id");
      l.person_name = row.Str("person_name");
      l.amount_yuan = row.Int("amount_yuan");
      l.account_kind = row.Str("account_kind");
      ANPEI_ASSIGN_OR_RETURN(l.account, Open(row.Cell("account_sealed"), kPayeeAccount, l.id));
      l.status = row.Str("status");
      l.attempt = row.Int("attempt");
      l.bank_reference = row.Opt("bank_reference");
      l.paid_on = row.Opt("paid_on");
      l.failure_reason = row.Opt("failure_reason");
      l.updated_at = row.Str("updated_at");
      l.version = row.Int("version");
      out.push_back(std::move(l));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<ports::FundRepository> MakeFundRepository(ports::SqlConnection& conn,
                                                          const ports::Vault& vault) {
  return std::make_unique<SqlFundRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
