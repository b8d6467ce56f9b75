// SQL adapter of ports::SignalRepository: roll calls (migration 0022) and the reads of the
// attendance signals over the attendance tables (migration 0019) and the classes' sessions.
// Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include <map>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

// "?, ?, ?" for n values.
std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

constexpr std::string_view kRollCallColumns =
    "SELECT id, class_id, session_seq, requested, drawn_at, deadline, drawn_by, drawn_by_name "
    "FROM roll_calls";

domain::RollCall RollCallOf(const RowRef& r) {
  domain::RollCall rc;
  rc.id = r.Int("id");
  rc.class_id = r.Int("class_id");
  rc.seq = static_cast<int>(r.Int("session_seq"));
  rc.requested = r.Int("requested");
  rc.drawn_at = r.Int("drawn_at");
  rc.deadline = r.Int("deadline");
  rc.drawn_by = r.Int("drawn_by");
  rc.drawn_by_name = r.Str("drawn_by_name");
  return rc;
}

class SqlSignalRepository final : public ports::SignalRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> InsertRollCall(const domain::RollCall& rc) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO roll_calls (class_id, session_seq, requested, drawn_at, deadline, "
                  "drawn_by, drawn_by_name) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(rc.class_id), Int(rc.seq), Int(rc.requested), Int(rc.drawn_at),
                   Int(rc.deadline), Int(rc.drawn_by), Str(rc.drawn_by_name)}));
    const int64_t id = Rows(r).front().Int("id");
    std::vector<Params> rows;
    for (const domain::RollCallEntry& e : rc.persons) {
      rows.push_back({Int(id), Int(e.person_id), Int(e.position)});
    }
    ANPEI_RETURN_IF_ERROR(
        InsertRows("INSERT INTO roll_call_persons (roll_call_id, person_id, draw_order)", 3, rows));
    return id;
  }

  Result<domain::RollCall> GetRollCall(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kRollCallColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("点名", id);
    std::vector<domain::RollCall> out{RollCallOf(Rows(r).front())};
    ANPEI_RETURN_IF_ERROR(FillPersons(out));
    return std::move(out.front());
  }

  Result<std::vector<domain::RollCall>> ListRollCalls(int64_t class_id, int limit) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kRollCallColumns) + " WHERE class_id = ? ORDER BY id DESC LIMIT ?",
                  {Int(class_id), Int(limit)}));
    std::vector<domain::RollCall> out;
    for (RowRef row : Rows(r)) out.push_back(RollCallOf(row));
    ANPEI_RETURN_IF_ERROR(FillPersons(out));
    return out;
  }

  Result<std::vector<domain::RollCall>> PendingRollCalls(int64_t person_id, int64_t now) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT rc.id, rc.class_id, rc.session_seq, rc.requested, rc.drawn_at, "
                  "rc.deadline, rc.drawn_by, rc.drawn_by_name FROM roll_call_persons p JOIN "
                  "roll_calls rc ON rc.id = p.roll_call_id WHERE p.person_id = ? AND "
                  "p.answered_at IS NULL AND rc.deadline >= ? ORDER BY rc.id",
                  {Int(person_id), Int(now)}));
    std::vector<domain::RollCall> out;
    for (RowRef row : Rows(r)) out.push_back(RollCallOf(row));
    ANPEI_RETURN_IF_ERROR(FillPersons(out));
    return out;
  }

  Status RecordAnswer(int64_t roll_call_id, int64_t person_id,
                      const domain::RollCallAnswer& a) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE roll_call_persons SET answered_at = ?, device_id = ?, lat = ?, lng = ?, "
          "accuracy_m = ?, distance_m = ?, client_addr = ? WHERE roll_call_id = ? AND "
          "person_id = ? AND answered_at IS NULL",
          {Int(a.at), Str(a.device_id), OptDouble(a.lat), OptDouble(a.lng), OptDouble(a.accuracy_m),
           OptDouble(a.distance_m), Str(a.client_addr), Int(roll_call_id), Int(person_id)}));
    if (r.affected == 1) return Status::Ok();
    ANPEI_ASSIGN_OR_RETURN(auto e,
                           Q("SELECT answered_at FROM roll_call_persons WHERE roll_call_id = ? AND "
                             "person_id = ?",
                             {Int(roll_call_id), Int(person_id)}));
    if (e.rows.empty()) return NotFoundId("点名", roll_call_id);
    return Status(Code::kConflict, "已应答过本次点名", "roll_call")
        .WithReason("attendance.roll_call_answered");
  }

  Result<std::vector<ports::BindingRow>> Bindings(
      const std::vector<int64_t>& person_ids, const std::vector<std::string>& device_ids) override {
    std::vector<ports::BindingRow> out;
    if (person_ids.empty() && device_ids.empty()) return out;
    std::string where;
    Params params;
    if (!person_ids.empty()) {
      where = "person_id IN (" + Marks(person_ids.size()) + ")";
      for (int64_t p : person_ids) params.push_back(Int(p));
    }
    if (!device_ids.empty()) {
      where += std::string(where.empty() ? "" : " OR ") + "device_id IN (" +
               Marks(device_ids.size()) + ")";
      for (const std::string& d : device_ids) params.push_back(Str(d));
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT person_id, device_id, bound_at, unbound_at FROM trainee_device_history "
                  "WHERE " +
                      where + " ORDER BY id",
                  params));
    for (RowRef row : Rows(r)) {
      out.push_back(
          {row.Int("person_id"), row.Str("device_id"), row.Str("bound_at"), row.Opt("unbound_at")});
    }
    return out;
  }

  Result<std::vector<ports::SessionElsewhere>> SessionsOn(
      int64_t class_id, const std::vector<std::string>& dates) override {
    std::vector<ports::SessionElsewhere> out;
    if (dates.empty()) return out;
    Params params{Int(class_id)};
    for (const std::string& d : dates) params.push_back(Str(d));
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("SELECT s.class_id, c.title, c.institution_id, i.district_code, s.seq, s.date, "
          "s.start_minute, s.end_minute, ct.teacher_id FROM class_sessions s JOIN classes c ON "
          "c.id = s.class_id JOIN institutions i ON i.id = c.institution_id LEFT JOIN "
          "class_teachers ct ON ct.class_id = s.class_id AND ct.teacher_key = s.teacher_key "
          "WHERE s.class_id <> ? AND s.date IN (" +
              Marks(dates.size()) +
              ") AND c.state NOT IN ('draft', 'declared', 'returned', 'rejected') "
              "ORDER BY s.class_id, s.seq",
          params));
    for (RowRef row : Rows(r)) {
      ports::SessionElsewhere s;
      s.class_id = row.Int("class_id");
      s.class_title = row.Str("title");
      s.institution_id = row.Int("institution_id");
      s.district_code = row.Str("district_code");
      s.seq = static_cast<int>(row.Int("seq"));
      s.date = row.Str("date");
      s.start_minute = static_cast<int>(row.Int("start_minute"));
      s.end_minute = static_cast<int>(row.Int("end_minute"));
      if (row.Opt("teacher_id")) s.teacher_id = row.Int("teacher_id");
      out.push_back(std::move(s));
    }
    return out;
  }

  Result<std::vector<ports::CheckElsewhere>> ChecksElsewhere(int64_t class_id,
                                                             const std::vector<int64_t>& person_ids,
                                                             int64_t from, int64_t until) override {
    std::vector<ports::CheckElsewhere> out;
    if (person_ids.empty()) return out;
    Params params;
    for (int64_t p : person_ids) params.push_back(Int(p));
    params.push_back(Int(from));
    params.push_back(Int(until));
    params.push_back(Int(class_id));
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("SELECT class_id, session_seq, person_id, direction, at FROM attendance_records "
          "WHERE person_id IN (" +
              Marks(person_ids.size()) + ") AND at >= ? AND at <= ? AND class_id <> ? ORDER BY at",
          params));
    for (RowRef row : Rows(r)) {
      out.push_back({row.Int("class_id"), static_cast<int>(row.Int("session_seq")),
                     row.Int("person_id"), row.Str("direction"), row.Int("at")});
    }
    return out;
  }

 private:
  // The drawn persons (and answers) of each roll call, in draw order.
  Status FillPersons(std::vector<domain::RollCall>& calls) {
    if (calls.empty()) return Status::Ok();
    std::map<int64_t, domain::RollCall*> by_id;
    Params params;
    for (domain::RollCall& c : calls) {
      by_id[c.id] = &c;
      params.push_back(Int(c.id));
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT roll_call_id, person_id, draw_order, answered_at, device_id, lat, lng, "
                  "accuracy_m, distance_m, client_addr FROM roll_call_persons WHERE roll_call_id "
                  "IN (" +
                      Marks(calls.size()) + ") ORDER BY roll_call_id, draw_order",
                  params));
    for (RowRef row : Rows(r)) {
      domain::RollCallEntry e;
      e.person_id = row.Int("person_id");
      e.position = static_cast<int>(row.Int("draw_order"));
      if (row.Opt("answered_at")) {
        domain::RollCallAnswer a;
        a.at = row.Int("answered_at");
        a.device_id = row.Opt("device_id").value_or("");
        a.lat = row.OptDouble("lat");
        a.lng = row.OptDouble("lng");
        a.accuracy_m = row.OptDouble("accuracy_m");
        a.distance_m = row.OptDouble("distance_m");
        a.client_addr = row.Opt("client_addr").value_or("");
        e.answer = std::move(a);
      }
      by_id[row.Int("roll_call_id")]->persons.push_back(std::move(e));
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::SignalRepository> MakeSignalRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault) {
  return std::make_unique<SqlSignalRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
