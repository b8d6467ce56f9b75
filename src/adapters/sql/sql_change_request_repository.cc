// SQL adapter of ports::ChangeRequestRepository: change requests (三（二）3) with their added
// sessions, trainees and moves. Portable SQL; one instance per transaction (see sql_store.h).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"
#include "domain/date.h"

namespace anpei::adapters::sql {
namespace {

using domain::ChangeRequest;

constexpr std::string_view kFrom =
    "FROM change_requests cr JOIN classes c ON c.id = cr.class_id "
    "JOIN institutions i ON i.id = c.institution_id";
constexpr std::string_view kColumns =
    "SELECT cr.id, cr.class_id, c.title AS class_title, c.institution_id, "
    "i.name AS institution_name, i.district_code, cr.kind, cr.state, cr.reason, cr.filed_by_user, "
    "cr.filed_by, cr.filed_at, cr.class_version, cr.decided_by_user, cr.decided_by, "
    "cr.decided_at, cr.decision_reason, cr.plan_version, cr.version ";

Result<domain::Date> DateOf(const RowRef& row, std::string_view column) {
  auto d = domain::ParseDate(row.Str(column), column);
  if (!d.ok()) return Status(Code::kInternal, "数据库中的日期无效：" + row.Str(column));
  return *d;
}

ChangeRequest RequestOf(const RowRef& row) {
  ChangeRequest c;
  c.id = row.Int("id");
  c.class_id = row.Int("class_id");
  c.class_title = row.Str("class_title");
  c.institution_id = row.Int("institution_id");
  c.institution_name = row.Str("institution_name");
  c.district_code = row.Str("district_code");
  c.kind = domain::ParseChangeKind(row.Str("kind")).value_or(domain::ChangeKind::kMakeupClass);
  c.state = domain::ParseChangeState(row.Str("state")).value_or(domain::ChangeState::kPending);
  c.reason = row.Str("reason");
  c.filed_by_user = row.Int("filed_by_user");
  c.filed_by = row.Str("filed_by");
  c.filed_at = row.Str("filed_at");
  c.class_version = row.Int("class_version");
  if (row.Opt("decided_by_user")) c.decided_by_user = row.Int("decided_by_user");
  c.decided_by = row.Opt("decided_by");
  c.decided_at = row.Opt("decided_at");
  c.decision_reason = row.Str("decision_reason");
  if (row.Opt("plan_version")) c.plan_version = row.Int("plan_version");
  c.version = row.Int("version");
  return c;
}

class SqlChangeRequestRepository final : public ports::ChangeRequestRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<ports::PageOf<ChangeRequest>> ListChangeRequests(const ports::ChangeRequestFilter& f,
                                                          ports::Page page) override {
    Where w;
    if (f.class_id) w.Add("cr.class_id = ?", Int(*f.class_id));
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.state) w.Add("cr.state = ?", Str(*f.state));
    ports::PageOf<ChangeRequest> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(kFrom, w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(std::string(kColumns) + std::string(kFrom), w,
                                              {"cr.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(RequestOf(row));
    FinishPage(out, [](const ChangeRequest& c) { return c.id; });
    for (auto& c : out.items) ANPEI_RETURN_IF_ERROR(ReadParts(c));
    return out;
  }

  Result<ChangeRequest> GetChangeRequest(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kColumns) + std::string(kFrom) + " WHERE cr.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("变更申请", id);
    ChangeRequest c = RequestOf(Rows(r).front());
    ANPEI_RETURN_IF_ERROR(ReadParts(c));
    return c;
  }

  Result<int64_t> InsertChangeRequest(const ChangeRequest& c) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO change_requests (class_id, kind, state, reason, filed_by_user, "
                  "filed_by, filed_at, class_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(c.class_id), Str(domain::ChangeKindId(c.kind)),
                   Str(domain::ChangeStateId(domain::ChangeState::kPending)), Str(c.reason),
                   Int(c.filed_by_user), Str(c.filed_by), Str(c.filed_at), Int(c.class_version)}));
    const int64_t id = Rows(r).front().Int("id");
    std::vector<Params> sessions, trainees, moves;
    int64_t seq = 0;
    for (const auto& s : c.sessions) {
      sessions.push_back({Int(id), Int(seq++), Str(s.date.ToString()), Int(s.start_minute),
                          Int(s.end_minute), Int(s.hours), Str(domain::SessionKindId(s.kind)),
                          Str(domain::DeliveryId(s.delivery)), OptStr(s.teacher), Str(s.content)});
    }
    seq = 0;
    for (int64_t t : c.trainee_ids) trainees.push_back({Int(id), Int(seq++), Int(t)});
    seq = 0;
    for (const auto& m : c.moves) {
      moves.push_back({Int(id), Int(seq++), Int(m.seq), Str(m.date.ToString()), Int(m.start_minute),
                       Int(m.end_minute), Str(m.from_date.ToString()), Int(m.from_start_minute),
                       Int(m.from_end_minute)});
    }
    ANPEI_RETURN_IF_ERROR(
        InsertRows("INSERT INTO change_request_sessions (change_request_id, seq, date, "
                   "start_minute, end_minute, hours, kind, delivery, teacher_key, content)",
                   10, sessions));
    ANPEI_RETURN_IF_ERROR(InsertRows(
        "INSERT INTO change_request_trainees (change_request_id, seq, trainee_id)", 3, trainees));
    ANPEI_RETURN_IF_ERROR(
        InsertRows("INSERT INTO change_request_moves (change_request_id, seq, session_seq, date, "
                   "start_minute, end_minute, from_date, from_start_minute, from_end_minute)",
                   9, moves));
    return id;
  }

  Status LockChangeRequest(int64_t id) override {
    return Q("UPDATE change_requests SET version = version WHERE id = ?", {Int(id)}).status();
  }
  Status DecideChangeRequest(const ChangeRequest& c, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE change_requests SET state = ?, decided_by_user = ?, decided_by = ?, "
                  "decided_at = ?, decision_reason = ?, plan_version = ?, version = version + 1 "
                  "WHERE id = ? AND version = ? AND state = ?",
                  {Str(domain::ChangeStateId(c.state)),
                   c.decided_by_user ? Int(*c.decided_by_user) : SqlValue(), OptStr(c.decided_by),
                   OptStr(c.decided_at), Str(c.decision_reason),
                   c.plan_version ? Int(*c.plan_version) : SqlValue(), Int(c.id), Int(expected),
                   Str(domain::ChangeStateId(domain::ChangeState::kPending))}));
    if (r.affected > 0) return Status::Ok();
    ANPEI_ASSIGN_OR_RETURN(
        auto now, Q("SELECT state, version FROM change_requests WHERE id = ?", {Int(c.id)}));
    if (now.rows.empty()) return NotFoundId("变更申请", c.id);
    const RowRef row = Rows(now).front();
    const auto state = domain::ParseChangeState(row.Str("state"));
    if (state && *state != domain::ChangeState::kPending) {
      return Status(Code::kConflict,
                    "变更申请已处理，当前状态：" + std::string(domain::ChangeStateName(*state)),
                    "state")
          .WithReason("change_request.decided");
    }
    return Status(Code::kConflict,
                  "变更申请已被他人修改（当前版本 " + row.Str("version") + "），请刷新后再试",
                  "version")
        .WithReason("version.stale");
  }

 private:
  Status ReadParts(ChangeRequest& c) {
    ANPEI_ASSIGN_OR_RETURN(
        auto s, Q("SELECT date, start_minute, end_minute, hours, kind, delivery, teacher_key, "
                  "content FROM change_request_sessions WHERE change_request_id = ? ORDER BY seq",
                  {Int(c.id)}));
    for (RowRef row : Rows(s)) {
      domain::PlanSession ps;
      ANPEI_ASSIGN_OR_RETURN(ps.date, DateOf(row, "date"));
      ps.start_minute = static_cast<int>(row.Int("start_minute"));
      ps.end_minute = static_cast<int>(row.Int("end_minute"));
      ps.hours = static_cast<int>(row.Int("hours"));
      ps.kind = domain::ParseSessionKind(row.Str("kind")).value_or(domain::SessionKind::kTheory);
      ps.delivery = domain::ParseDelivery(row.Str("delivery")).value_or(domain::Delivery::kOffline);
      ps.teacher = row.Opt("teacher_key");
      ps.content = row.Str("content");
      c.sessions.push_back(std::move(ps));
    }
    ANPEI_ASSIGN_OR_RETURN(auto t, Q("SELECT trainee_id FROM change_request_trainees "
                                     "WHERE change_request_id = ? ORDER BY seq",
                                     {Int(c.id)}));
    for (RowRef row : Rows(t)) c.trainee_ids.push_back(row.Int("trainee_id"));
    ANPEI_ASSIGN_OR_RETURN(auto m,
                           Q("SELECT session_seq, date, start_minute, end_minute, from_date, "
                             "from_start_minute, from_end_minute FROM change_request_moves "
                             "WHERE change_request_id = ? ORDER BY seq",
                             {Int(c.id)}));
    for (RowRef row : Rows(m)) {
      domain::SessionMove mv;
      mv.seq = row.Int("session_seq");
      ANPEI_ASSIGN_OR_RETURN(mv.date, DateOf(row, "date"));
      mv.start_minute = static_cast<int>(row.Int("start_minute"));
      mv.end_minute = static_cast<int>(row.Int("end_minute"));
      ANPEI_ASSIGN_OR_RETURN(mv.from_date, DateOf(row, "from_date"));
      mv.from_start_minute = static_cast<int>(row.Int("from_start_minute"));
      mv.from_end_minute = static_cast<int>(row.Int("from_end_minute"));
      c.moves.push_back(mv);
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::ChangeRequestRepository> MakeChangeRequestRepository(
    ports::SqlConnection& conn, const ports::Vault& vault) {
  return std::make_unique<SqlChangeRequestRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
