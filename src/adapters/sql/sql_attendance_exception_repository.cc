// SQL adapter of ports::AttendanceExceptionRepository: paper sign-in exceptions with their
// sessions and evidence files (migration 0021). Portable SQL; one instance per transaction (see
// sql_store.h).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

using domain::AttendanceException;
using domain::ExceptionState;

constexpr std::string_view kFrom =
    "FROM attendance_exceptions ae JOIN classes c ON c.id = ae.class_id "
    "JOIN institutions i ON i.id = c.institution_id";
constexpr std::string_view kColumns =
    "SELECT ae.id, ae.class_id, c.title AS class_title, c.institution_id, "
    "i.name AS institution_name, i.district_code, ae.state, ae.reason, ae.filed_by_user, "
    "ae.filed_by, ae.filed_at, ae.decided_by_user, ae.decided_by, ae.decided_at, "
    "ae.decision_reason, ae.backfilled_at, ae.backfilled_count, ae.version, "
    "(SELECT COUNT(*) FROM attendance_exception_files f WHERE f.exception_id = ae.id) "
    "AS file_count ";

AttendanceException ExceptionOf(const RowRef& row) {
  AttendanceException e;
  e.id = row.Int("id");
  e.class_id = row.Int("class_id");
  e.class_title = row.Str("class_title");
  e.institution_id = row.Int("institution_id");
  e.institution_name = row.Str("institution_name");
  e.district_code = row.Str("district_code");
  e.state = domain::ParseExceptionState(row.Str("state")).value_or(ExceptionState::kPending);
  e.reason = row.Str("reason");
  e.filed_by_user = row.Int("filed_by_user");
  e.filed_by = row.Str("filed_by");
  e.filed_at = row.Str("filed_at");
  if (row.Opt("decided_by_user")) e.decided_by_user = row.Int("decided_by_user");
  e.decided_by = row.Opt("decided_by");
  e.decided_at = row.Opt("decided_at");
  e.decision_reason = row.Str("decision_reason");
  e.backfilled_at = row.Opt("backfilled_at");
  e.backfilled_count = row.Int("backfilled_count");
  e.version = row.Int("version");
  e.file_count = row.Int("file_count");
  return e;
}

constexpr std::string_view kFileColumns =
    "SELECT exception_id, n, sha256, size_bytes, mime, file_name, uploaded_by, uploaded_at "
    "FROM attendance_exception_files";

domain::ExceptionFile FileOf(const RowRef& r) {
  return {r.Int("exception_id"), r.Int("n"),         r.Str("sha256"),      r.Int("size_bytes"),
          r.Str("mime"),         r.Str("file_name"), r.Str("uploaded_by"), r.Str("uploaded_at")};
}

class SqlAttendanceExceptionRepository final : public ports::AttendanceExceptionRepository,
                                               SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<ports::PageOf<AttendanceException>> ListExceptions(const ports::ExceptionFilter& f,
                                                            ports::Page page) override {
    Where w;
    if (f.class_id) w.Add("ae.class_id = ?", Int(*f.class_id));
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.state) w.Add("ae.state = ?", Str(*f.state));
    ports::PageOf<AttendanceException> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(kFrom, w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(std::string(kColumns) + std::string(kFrom), w,
                                              {"ae.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(ExceptionOf(row));
    FinishPage(out, [](const AttendanceException& e) { return e.id; });
    for (auto& e : out.items) ANPEI_RETURN_IF_ERROR(ReadParts(e));
    return out;
  }

  Result<AttendanceException> GetException(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kColumns) + std::string(kFrom) + " WHERE ae.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("纸质签到申请", id);
    AttendanceException e = ExceptionOf(Rows(r).front());
    ANPEI_RETURN_IF_ERROR(ReadParts(e));
    return e;
  }

  Status LockException(int64_t id) override {
    return Q("UPDATE attendance_exceptions SET version = version WHERE id = ?", {Int(id)}).status();
  }

  Result<int64_t> InsertException(const AttendanceException& e) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO attendance_exceptions (class_id, state, reason, filed_by_user, "
                  "filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(e.class_id), Str(domain::ExceptionStateId(ExceptionState::kPending)),
                   Str(e.reason), Int(e.filed_by_user), Str(e.filed_by), Str(e.filed_at)}));
    const int64_t id = Rows(r).front().Int("id");
    std::vector<Params> rows;
    for (int64_t seq : e.session_seqs) rows.push_back({Int(id), Int(seq)});
    ANPEI_RETURN_IF_ERROR(InsertRows(
        "INSERT INTO attendance_exception_sessions (exception_id, session_seq)", 2, rows));
    return id;
  }

  Status DecideException(const AttendanceException& e, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE attendance_exceptions SET state = ?, decided_by_user = ?, decided_by = ?, "
          "decided_at = ?, decision_reason = ?, version = version + 1 "
          "WHERE id = ? AND version = ? AND state = ?",
          {Str(domain::ExceptionStateId(e.state)),
           e.decided_by_user ? Int(*e.decided_by_user) : SqlValue(), OptStr(e.decided_by),
           OptStr(e.decided_at), Str(e.decision_reason), Int(e.id), Int(expected),
           Str(domain::ExceptionStateId(ExceptionState::kPending))}));
    if (r.affected > 0) return Status::Ok();
    ANPEI_ASSIGN_OR_RETURN(
        auto now, Q("SELECT state, version FROM attendance_exceptions WHERE id = ?", {Int(e.id)}));
    if (now.rows.empty()) return NotFoundId("纸质签到申请", e.id);
    const RowRef row = Rows(now).front();
    const auto state = domain::ParseExceptionState(row.Str("state"));
    if (state && *state != ExceptionState::kPending) {
      return Status(
                 Code::kConflict,
                 "纸质签到申请已处理，当前状态：" + std::string(domain::ExceptionStateName(*state)),
                 "state")
          .WithReason("attendance_exception.decided");
    }
    return Status(Code::kConflict,
                  "纸质签到申请已被他人修改（当前版本 " + row.Str("version") + "），请刷新后再试",
                  "version")
        .WithReason("version.stale");
  }

  Status MarkBackfilled(int64_t id, int64_t added, const std::string& at) override {
    return Q("UPDATE attendance_exceptions SET backfilled_count = backfilled_count + ?, "
             "backfilled_at = COALESCE(backfilled_at, ?) WHERE id = ?",
             {Int(added), Str(at), Int(id)})
        .status();
  }

  Result<int64_t> InsertFile(const domain::ExceptionFile& f, int64_t by_user) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO attendance_exception_files (exception_id, n, sha256, size_bytes, mime, "
          "file_name, uploaded_by_user, uploaded_by, uploaded_at) SELECT ?, COALESCE(MAX(n), 0) + "
          "1, ?, ?, ?, ?, ?, ?, ? FROM attendance_exception_files WHERE exception_id = ? "
          "RETURNING n",
          {Int(f.exception_id), Str(f.sha256), Int(f.size), Str(f.mime), Str(f.file_name),
           Int(by_user), Str(f.uploaded_by), Str(f.uploaded_at), Int(f.exception_id)}));
    return Rows(r).front().Int("n");
  }

  Result<domain::ExceptionFile> GetFile(int64_t exception_id, int64_t n) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kFileColumns) + " WHERE exception_id = ? AND n = ?",
                             {Int(exception_id), Int(n)}));
    if (r.rows.empty()) return NotFoundId("文件", n);
    return FileOf(Rows(r).front());
  }

  Result<std::vector<domain::ExceptionFile>> ListFiles(int64_t exception_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kFileColumns) + " WHERE exception_id = ? ORDER BY n", {Int(exception_id)}));
    std::vector<domain::ExceptionFile> out;
    for (RowRef row : Rows(r)) out.push_back(FileOf(row));
    return out;
  }

 private:
  Status ReadParts(AttendanceException& e) {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT session_seq FROM attendance_exception_sessions WHERE "
                                     "exception_id = ? ORDER BY session_seq",
                                     {Int(e.id)}));
    e.session_seqs.clear();
    for (RowRef row : Rows(r)) e.session_seqs.push_back(row.Int("session_seq"));
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::AttendanceExceptionRepository> MakeAttendanceExceptionRepository(
    ports::SqlConnection& conn, const ports::Vault& vault) {
  return std::make_unique<SqlAttendanceExceptionRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
