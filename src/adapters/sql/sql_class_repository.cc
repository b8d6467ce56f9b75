// SQL adapter of ports::ClassRepository: classes with teachers, sessions and roster; plan versions;
// counts. Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include <algorithm>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"
#include "domain/date.h"

namespace anpei::adapters::sql {
namespace {

using domain::ClassState;

// The columns of a class list's row.
constexpr std::string_view kSummarySelect =
    "SELECT c.id, c.institution_id, i.name AS institution_name, i.district_code, c.title, "
    "c.occupation, c.policy_id, c.state, "
    "(SELECT MIN(s.date) FROM class_sessions s WHERE s.class_id = c.id) AS start_date, "
    "(SELECT COALESCE(SUM(s.hours), 0) FROM class_sessions s WHERE s.class_id = c.id) "
    "AS total_hours, "
    "(SELECT COUNT(*) FROM class_sessions s WHERE s.class_id = c.id) AS session_count, "
    "(SELECT COUNT(*) FROM class_roster r WHERE r.class_id = c.id) AS roster_count, "
    "c.declared_at, c.version, c.updated_at ";

class SqlClassRepository final : public ports::ClassRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<ports::PageOf<domain::ClassSummary>> ListClasses(const ports::ClassFilter& f,
                                                          ports::Page page) override {
    Where w;
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.state) w.Add("c.state = ?", Str(*f.state));
    if (f.occupation) w.Add("c.occupation = ?", Str(*f.occupation));
    if (f.q) w.Add("c.title LIKE ? ESCAPE '\\'", LikePattern(*f.q));
    constexpr std::string_view first_session =
        "(SELECT MIN(s.date) FROM class_sessions s WHERE s.class_id = c.id)";
    if (f.start_from) w.Add(std::string(first_session) + " >= ?", Str(*f.start_from));
    if (f.start_to) w.Add(std::string(first_session) + " <= ?", Str(*f.start_to));
    if (f.declared_before) w.Add("c.declared_at < ?", Str(*f.declared_before));
    constexpr std::string_view from =
        "FROM classes c JOIN institutions i ON i.id = c.institution_id";
    ports::PageOf<domain::ClassSummary> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage(from, w, out));
    auto r = f.oldest_declared_first ? SelectByDeclaration(from, w, page)
                                     : SelectPage(std::string(kSummarySelect) + std::string(from),
                                                  w, {"c.id", true}, page);
    if (!r.ok()) return r.status();
    for (RowRef row : Rows(*r)) {
      domain::ClassSummary s;
      s.id = row.Int("id");
      s.institution_id = row.Int("institution_id");
      s.institution_name = row.Str("institution_name");
      s.district_code = row.Str("district_code");
      s.title = row.Str("title");
      s.occupation = row.Str("occupation");
      s.policy_id = row.Str("policy_id");
      s.state = domain::ParseClassState(row.Str("state")).value_or(ClassState::kDraft);
      s.start_date = row.Opt("start_date");
      s.total_hours = row.Int("total_hours");
      s.session_count = row.Int("session_count");
      s.roster_count = row.Int("roster_count");
      s.declared_at = row.Opt("declared_at");
      s.version = row.Int("version");
      s.updated_at = row.Str("updated_at");
      out.items.push_back(std::move(s));
    }
    FinishPage(out, [](const domain::ClassSummary& s) { return s.id; });
    return out;
  }

  // A page in the review queue's order: the oldest declaration first, then the id. The cursor is
  // the last row's id; the next page starts after that row's (declared_at, id).
  Result<SqlResult> SelectByDeclaration(std::string_view from, const Where& where,
                                        ports::Page page) {
    Where w = where;
    if (page.after) {
      w.Add(
          "(c.declared_at > (SELECT k.declared_at FROM classes k WHERE k.id = ?) OR "
          "(c.declared_at = (SELECT k.declared_at FROM classes k WHERE k.id = ?) AND c.id > ?))",
          Int(*page.after));
      w.params.push_back(Int(*page.after));
      w.params.push_back(Int(*page.after));
    }
    std::string sql = std::string(kSummarySelect) + std::string(from) + w.sql +
                      " ORDER BY c.declared_at, c.id LIMIT ?";
    w.params.push_back(Int(page.page_size + 1));
    if (!page.after) {
      sql += " OFFSET ?";
      w.params.push_back(Int((page.page - 1) * page.page_size));
    }
    return Q(sql, w.params);
  }

  Result<ports::PageOf<domain::ClassSummary>> ListWaiting(const ports::ClassFilter& f,
                                                          ports::WaitingSince since,
                                                          int64_t limit) override {
    Where w;
    w.Add("c.state = ?", Str(f.state.value_or("")));
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    constexpr std::string_view from =
        "FROM classes c JOIN institutions i ON i.id = c.institution_id";
    ports::PageOf<domain::ClassSummary> out;
    out.page = ports::Page(1, limit);
    ANPEI_RETURN_IF_ERROR(CountPage(from, w, out));
    // Declared and updated timestamps are RFC 3339 in the installation's one offset, so their
    // text order is their time order.
    const std::string order = since == ports::WaitingSince::kDeclared
                                  ? " ORDER BY c.declared_at, c.id LIMIT ?"
                                  : " ORDER BY c.updated_at, c.id LIMIT ?";
    Params params = w.params;
    params.push_back(Int(limit));
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("SELECT c.id, c.institution_id, i.name AS institution_name, i.district_code, "
          "c.title, c.occupation, c.policy_id, c.state, c.declared_at, c.version, "
          "c.updated_at, "
          "(SELECT MIN(s.date) FROM class_sessions s WHERE s.class_id = c.id) AS start_date " +
              std::string(from) + w.sql + order,
          params));
    for (RowRef row : Rows(r)) {
      domain::ClassSummary s;
      s.id = row.Int("id");
      s.institution_id = row.Int("institution_id");
      s.institution_name = row.Str("institution_name");
      s.district_code = row.Str("district_code");
      s.title = row.Str("title");
      s.occupation = row.Str("occupation");
      s.policy_id = row.Str("policy_id");
      s.state = domain::ParseClassState(row.Str("state")).value_or(ClassState::kDraft);
      s.declared_at = row.Opt("declared_at");
      s.start_date = row.Opt("start_date");
      s.version = row.Int("version");
      s.updated_at = row.Str("updated_at");
      out.items.push_back(std::move(s));
    }
    return out;
  }

  Result<domain::TrainingClass> GetClass(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto c, GetClassPlan(id));
    ANPEI_RETURN_IF_ERROR(ReadRoster(c));
    ANPEI_ASSIGN_OR_RETURN(auto latest, Decisions(id, true));
    if (!latest.empty()) c.latest_decision = std::move(latest.front());
    return c;
  }

  Result<int64_t> ClassVersion(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT version FROM classes WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("培训班", id);
    return Rows(r).front().Int("version");
  }

  Result<bool> OnRoster(int64_t class_id, int64_t trainee_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT 1 FROM class_roster WHERE class_id = ? AND trainee_id = ?",
                             {Int(class_id), Int(trainee_id)}));
    return !r.rows.empty();
  }

  Result<domain::TrainingClass> GetClassPlan(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT c.id, c.institution_id, i.name AS institution_name, i.district_code, "
                  "c.policy_id, "
                  "c.occupation, c.title, c.venue_address, c.venue_lat, c.venue_lng, c.state, "
                  "c.declared_at, c.calendar_version, c.version, c.created_at, c.updated_at "
                  "FROM classes c "
                  "JOIN institutions i ON i.id = c.institution_id WHERE c.id = ?",
                  {Int(id)}));
    if (r.rows.empty()) return NotFoundId("培训班", id);
    const RowRef row = Rows(r).front();
    domain::TrainingClass c;
    c.id = row.Int("id");
    c.institution_id = row.Int("institution_id");
    c.institution_name = row.Str("institution_name");
    c.district_code = row.Str("district_code");
    c.policy_id = row.Str("policy_id");
    c.occupation = row.Str("occupation");
    c.title = row.Str("title");
    c.venue.address = row.Str("venue_address");
    c.venue.lat = row.OptDouble("venue_lat");
    c.venue.lng = row.OptDouble("venue_lng");
    c.state = domain::ParseClassState(row.Str("state")).value_or(ClassState::kDraft);
    c.declared_at = row.Opt("declared_at");
    if (row.Opt("calendar_version")) c.calendar_version = row.Int("calendar_version");
    c.version = row.Int("version");
    c.created_at = row.Str("created_at");
    c.updated_at = row.Str("updated_at");

    ANPEI_ASSIGN_OR_RETURN(auto teachers,
                           Q("SELECT ct.teacher_key, ct.teacher_id, t.name FROM class_teachers ct "
                             "JOIN teachers t ON t.id = ct.teacher_id WHERE ct.class_id = ? "
                             "ORDER BY ct.teacher_key",
                             {Int(id)}));
    for (RowRef t : Rows(teachers)) {
      c.teachers.push_back({t.Str("teacher_key"), t.Int("teacher_id"), t.Str("name")});
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto sessions,
        Q("SELECT date, start_minute, end_minute, hours, kind, delivery, teacher_key, content "
          "FROM class_sessions WHERE class_id = ? ORDER BY seq",
          {Int(id)}));
    for (RowRef s : Rows(sessions)) {
      domain::PlanSession ps;
      auto date = domain::ParseDate(s.Str("date"), "date");
      if (!date.ok()) return Status(Code::kInternal, "数据库中的课次日期无效：" + s.Str("date"));
      ps.date = *date;
      ps.start_minute = static_cast<int>(s.Int("start_minute"));
      ps.end_minute = static_cast<int>(s.Int("end_minute"));
      ps.hours = static_cast<int>(s.Int("hours"));
      ps.kind = domain::ParseSessionKind(s.Str("kind")).value_or(domain::SessionKind::kTheory);
      ps.delivery = domain::ParseDelivery(s.Str("delivery")).value_or(domain::Delivery::kOffline);
      ps.teacher = s.Opt("teacher_key");
      ps.content = s.Str("content");
      c.sessions.push_back(std::move(ps));
    }
    return c;
  }

  Result<std::vector<domain::ClassDecision>> Decisions(int64_t class_id, bool latest_only) {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string("SELECT id, class_id, decision, reason, reviewer_id, reviewer_name, "
                              "decided_at, plan_version, verification_code FROM class_decisions "
                              "WHERE class_id = ? ORDER BY id DESC") +
                      (latest_only ? " LIMIT 1" : ""),
                  {Int(class_id)}));
    std::vector<domain::ClassDecision> out;
    for (RowRef row : Rows(r)) {
      domain::ClassDecision d;
      d.id = row.Int("id");
      d.class_id = row.Int("class_id");
      d.decision = domain::ParseReviewDecision(row.Str("decision"))
                       .value_or(domain::ReviewDecision::kReturn);
      d.reason = row.Str("reason");
      if (row.Opt("reviewer_id")) d.reviewer_id = row.Int("reviewer_id");
      d.reviewer_name = row.Str("reviewer_name");
      d.decided_at = row.Str("decided_at");
      d.plan_version = row.Int("plan_version");
      d.verification_code = row.Str("verification_code");
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<std::vector<domain::ClassDecision>> ListDecisions(int64_t class_id) override {
    return Decisions(class_id, false);
  }

  Result<int64_t> InsertDecision(const domain::ClassDecision& d) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO class_decisions (class_id, decision, reason, reviewer_id, "
                  "reviewer_name, decided_at, plan_version, verification_code) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(d.class_id), Str(domain::ReviewDecisionId(d.decision)), Str(d.reason),
                   d.reviewer_id > 0 ? Int(d.reviewer_id) : SqlValue(), Str(d.reviewer_name),
                   Str(d.decided_at), Int(d.plan_version), Str(d.verification_code)}));
    return Rows(r).front().Int("id");
  }

  Status SetState(int64_t id, domain::ClassState state,
                  const std::optional<std::string>& declared_at,
                  std::optional<int64_t> calendar_version, const std::string& updated_at,
                  int64_t expected) override {
    // The version in the WHERE clause is the optimistic lock: on PostgreSQL a second writer waits
    // for the first's row lock and then finds the version moved on (zero rows), on SQLite the
    // write transactions queue; either way one of two concurrent decisions wins.
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE classes SET state = ?, declared_at = ?, calendar_version = ?, "
                  "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                  {Str(domain::ClassStateId(state)), OptStr(declared_at),
                   calendar_version ? Int(*calendar_version) : SqlValue(), Str(updated_at), Int(id),
                   Int(expected)}));
    if (r.affected == 0) return Missed("classes", "培训班", id);
    return Status::Ok();
  }

  Status DeleteClass(int64_t id, int64_t expected) override {
    // Teachers, sessions, roster, plan versions and held enrolments go with it (ON DELETE CASCADE).
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("DELETE FROM classes WHERE id = ? AND version = ?", {Int(id), Int(expected)}));
    if (r.affected == 0) return Missed("classes", "培训班", id);
    return Status::Ok();
  }

  // The roster: the person's ID number; the name and group of the institution's own record (the
  // name it gave while a reviewer has not confirmed it, else the person's). Enrolments held for a
  // reviewer are not part of the class: they are the reviewer's (held_enrolments).
  Status ReadRoster(domain::TrainingClass& c) {
    ANPEI_ASSIGN_OR_RETURN(
        auto roster,
        Q("SELECT r.trainee_id, COALESCE(e.given_name, t.name) AS name, t.id_number_enc, "
          "COALESCE(e.trainee_group, t.trainee_group) AS trainee_group "
          "FROM class_roster r JOIN trainees t ON t.id = r.trainee_id "
          "LEFT JOIN enrolments e ON e.institution_id = ? AND e.trainee_id = r.trainee_id "
          "WHERE r.class_id = ? ORDER BY r.seq, r.trainee_id",
          {Int(c.institution_id), Int(c.id)}));
    for (RowRef t : Rows(roster)) {
      ANPEI_ASSIGN_OR_RETURN(auto idn,
                             Open(t.Cell("id_number_enc"), kTraineeId, t.Int("trainee_id")));
      c.roster.push_back(
          {t.Int("trainee_id"), t.Str("name"), std::move(idn), t.Str("trainee_group"), ""});
    }
    return Status::Ok();
  }

  Status InsertParts(const domain::TrainingClass& c, int64_t id) {
    std::vector<Params> teachers, sessions, roster;
    for (const auto& t : c.teachers) teachers.push_back({Int(id), Str(t.key), Int(t.teacher_id)});
    int64_t seq = 0;
    for (const auto& s : c.sessions) {
      sessions.push_back({Int(id), Int(seq++), Str(s.date.ToString()), Int(s.start_minute),
                          Int(s.end_minute), Int(s.hours), Str(domain::SessionKindId(s.kind)),
                          Str(domain::DeliveryId(s.delivery)), OptStr(s.teacher), Str(s.content)});
    }
    int64_t place = 0;  // the roster's own order (migration 0015)
    for (const auto& t : c.roster) roster.push_back({Int(id), Int(t.trainee_id), Int(place++)});
    ANPEI_RETURN_IF_ERROR(
        InsertRows("INSERT INTO class_teachers (class_id, teacher_key, teacher_id)", 3, teachers));
    ANPEI_RETURN_IF_ERROR(
        InsertRows("INSERT INTO class_sessions (class_id, seq, date, "
                   "start_minute, end_minute, hours, kind, delivery, teacher_key, content)",
                   10, sessions));
    Status st = InsertRows("INSERT INTO class_roster (class_id, trainee_id, seq)", 3, roster);
    if (st.code() == Code::kConflict) {
      return Status(Code::kConflict, "名单中有重复的学员（同一学员只能报名一次）", "roster");
    }
    return st;
  }

  Result<int64_t> InsertClass(const domain::TrainingClass& c) override {
    auto r =
        Q("INSERT INTO classes (institution_id, policy_id, occupation, title, venue_address, "
          "venue_lat, venue_lng, state, declared_at, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Int(c.institution_id), Str(c.policy_id), Str(c.occupation), Str(c.title),
           Str(c.venue.address), OptDouble(c.venue.lat), OptDouble(c.venue.lng),
           Str(domain::ClassStateId(c.state)), OptStr(c.declared_at), Str(c.created_at),
           Str(c.updated_at)});
    if (!r.ok()) return r.status();
    const int64_t id = Rows(*r).front().Int("id");
    ANPEI_RETURN_IF_ERROR(InsertParts(c, id));
    return id;
  }

  Status UpdateClass(const domain::TrainingClass& c, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE classes SET occupation = ?, title = ?, venue_address = ?, venue_lat = ?, "
          "venue_lng = ?, state = ?, declared_at = ?, calendar_version = ?, updated_at = ?, "
          "version = version + 1 WHERE id = ? AND version = ?",
          {Str(c.occupation), Str(c.title), Str(c.venue.address), OptDouble(c.venue.lat),
           OptDouble(c.venue.lng), Str(domain::ClassStateId(c.state)), OptStr(c.declared_at),
           c.calendar_version ? Int(*c.calendar_version) : SqlValue(), Str(c.updated_at), Int(c.id),
           Int(expected)}));
    if (r.affected == 0) return Missed("classes", "培训班", c.id);
    for (std::string_view table : {"class_teachers", "class_sessions", "class_roster"}) {
      ANPEI_ASSIGN_OR_RETURN(
          auto d, Q("DELETE FROM " + std::string(table) + " WHERE class_id = ?", {Int(c.id)}));
    }
    return InsertParts(c, c.id);
  }

  Status InsertPlanVersion(int64_t class_id, const domain::PlanVersion& v) override {
    ANPEI_RETURN_IF_ERROR(
        Q("INSERT INTO plan_versions (class_id, version, plan_json, reason, "
          "created_at, change_request_id) VALUES (?, ?, ?, ?, ?, ?)",
          {Int(class_id), Int(v.version), Str(v.plan_json), Str(v.reason), Str(v.created_at),
           v.change_request_id ? Int(*v.change_request_id) : SqlValue()})
            .status());
    std::vector<Params> rows;
    int64_t seq = 0;
    for (int64_t id : v.roster)
      rows.push_back({Int(class_id), Int(v.version), Int(seq++), Int(id)});
    return InsertRows("INSERT INTO plan_version_roster (class_id, version, seq, trainee_id)", 4,
                      rows);
  }

  Result<std::vector<domain::PlanVersion>> ListPlanVersions(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT version, plan_json, reason, created_at, "
                                     "change_request_id FROM plan_versions "
                                     "WHERE class_id = ? ORDER BY version",
                                     {Int(class_id)}));
    std::vector<domain::PlanVersion> out;
    for (RowRef row : Rows(r)) {
      domain::PlanVersion v{row.Int("version"),    row.Str("plan_json"), row.Str("reason"),
                            row.Str("created_at"), std::nullopt,         {}};
      if (row.Opt("change_request_id")) v.change_request_id = row.Int("change_request_id");
      out.push_back(std::move(v));
    }
    ANPEI_ASSIGN_OR_RETURN(auto roster, Q("SELECT version, trainee_id FROM plan_version_roster "
                                          "WHERE class_id = ? ORDER BY version, seq",
                                          {Int(class_id)}));
    for (RowRef row : Rows(roster)) {
      for (auto& v : out) {
        if (v.version == row.Int("version")) v.roster.push_back(row.Int("trainee_id"));
      }
    }
    return out;
  }

  Result<ports::ClassStats> CountClasses(const ports::ClassFilter& f) override {
    ports::ClassStats stats;
    Where w;
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    ANPEI_ASSIGN_OR_RETURN(
        auto s, Q("SELECT c.state, COUNT(*) AS n FROM classes c JOIN institutions i ON i.id = "
                  "c.institution_id" +
                      w.sql + " GROUP BY c.state ORDER BY c.state",
                  w.params));
    for (RowRef row : Rows(s)) {
      const std::string id = row.Str("state");
      auto state = domain::ParseClassState(id);
      stats.by_state.push_back(
          {id, state ? std::string(domain::ClassStateName(*state)) : id, row.Int("n")});
    }
    Where dw;
    if (f.institution_id) dw.Add("i.id = ?", Int(*f.institution_id));
    if (f.district_code) dw.Add("d.code = ?", Str(*f.district_code));
    ANPEI_ASSIGN_OR_RETURN(auto d, Q("SELECT d.code, d.name, COUNT(c.id) AS n FROM districts d "
                                     "LEFT JOIN institutions i ON i.district_code = d.code "
                                     "LEFT JOIN classes c ON c.institution_id = i.id" +
                                         dw.sql + " GROUP BY d.code, d.name ORDER BY d.code",
                                     dw.params));
    for (RowRef row : Rows(d)) {
      stats.by_district.push_back({row.Str("code"), row.Str("name"), row.Int("n")});
    }
    return stats;
  }

  Result<bool> TraineeOnRosterOf(int64_t trainee_id, std::optional<int64_t> institution_id,
                                 std::optional<std::string> district_code) override {
    Where w;
    w.Add("r.trainee_id = ?", Int(trainee_id));
    if (institution_id) w.Add("c.institution_id = ?", Int(*institution_id));
    if (district_code) w.Add("i.district_code = ?", Str(*district_code));
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT 1 AS found FROM class_roster r JOIN classes c ON c.id = r.class_id "
                  "JOIN institutions i ON i.id = c.institution_id" +
                      w.sql + " LIMIT 1",
                  w.params));
    return !r.rows.empty();
  }
};

}  // namespace

std::unique_ptr<ports::ClassRepository> MakeClassRepository(ports::SqlConnection& conn,
                                                            const ports::Vault& vault) {
  return std::make_unique<SqlClassRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
