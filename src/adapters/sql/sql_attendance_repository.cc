// SQL adapter of ports::AttendanceRepository (issue 13): check-in/check-out records, bound
// phones with their history, trainee sessions and refusals. Portable SQL; one instance per
// transaction (see sql_store.h).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

using domain::AttendanceRecord;

constexpr std::string_view kRecordColumns =
    "SELECT id, class_id, session_seq, person_id, direction, at, source, idempotency_key, "
    "device_id, client_addr, user_agent, lat, lng, accuracy_m, distance_m, selfie_id, "
    "exception_id, recorded_by_user, created_at FROM attendance_records ";

std::optional<int64_t> OptInt(const RowRef& row, std::string_view column) {
  if (!row.Opt(column)) return std::nullopt;
  return row.Int(column);
}
SqlValue OptIntValue(const std::optional<int64_t>& v) { return v ? Int(*v) : SqlValue(); }

AttendanceRecord RecordOf(const RowRef& row) {
  AttendanceRecord r;
  r.id = row.Int("id");
  r.class_id = row.Int("class_id");
  r.session_seq = row.Int("session_seq");
  r.person_id = row.Int("person_id");
  r.direction = domain::ParseDirection(row.Str("direction")).value_or(domain::Direction::kIn);
  r.at = row.Int("at");
  r.source = row.Str("source") == "paper" ? domain::AttendanceSource::kPaper
                                          : domain::AttendanceSource::kPhone;
  r.idempotency_key = row.Opt("idempotency_key");
  r.device_id = row.Opt("device_id");
  r.client_addr = row.Opt("client_addr");
  r.user_agent = row.Opt("user_agent");
  r.lat = row.OptDouble("lat");
  r.lng = row.OptDouble("lng");
  r.accuracy_m = row.OptDouble("accuracy_m");
  r.distance_m = row.OptDouble("distance_m");
  r.selfie_id = OptInt(row, "selfie_id");
  r.exception_id = OptInt(row, "exception_id");
  r.recorded_by_user = OptInt(row, "recorded_by_user");
  r.created_at = row.Str("created_at");
  return r;
}

domain::TraineeDevice DeviceOf(const RowRef& row) {
  return {row.Int("person_id"), row.Str("device_id"), row.Str("bound_at")};
}

class SqlAttendanceRepository final : public ports::AttendanceRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> InsertRecord(const AttendanceRecord& r) override {
    auto q = Q(
        "INSERT INTO attendance_records (class_id, session_seq, person_id, direction, at, "
        "source, idempotency_key, device_id, client_addr, user_agent, lat, lng, "
        "accuracy_m, distance_m, selfie_id, exception_id, recorded_by_user, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {Int(r.class_id), Int(r.session_seq), Int(r.person_id),
         Str(domain::DirectionId(r.direction)), Int(r.at),
         Str(domain::AttendanceSourceId(r.source)), OptStr(r.idempotency_key), OptStr(r.device_id),
         OptStr(r.client_addr), OptStr(r.user_agent), OptDouble(r.lat), OptDouble(r.lng),
         OptDouble(r.accuracy_m), OptDouble(r.distance_m), OptIntValue(r.selfie_id),
         OptIntValue(r.exception_id), OptIntValue(r.recorded_by_user), Str(r.created_at)});
    if (!q.ok()) {
      if (q.status().code() != Code::kConflict) return q.status();
      return Status(Code::kConflict, "本课次已有该签到/签退记录", "direction")
          .WithReason("attendance.already");
    }
    return Rows(*q).front().Int("id");
  }

  Result<std::optional<AttendanceRecord>> FindByIdempotencyKey(int64_t person_id,
                                                               const std::string& key) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kRecordColumns) + "WHERE person_id = ? AND idempotency_key = ?",
                  {Int(person_id), Str(key)}));
    if (r.rows.empty()) return std::optional<AttendanceRecord>();
    return std::optional<AttendanceRecord>(RecordOf(Rows(r).front()));
  }

  Result<std::vector<AttendanceRecord>> ListRecords(int64_t class_id,
                                                    std::optional<int64_t> seq) override {
    Result<SqlResult> r =
        seq ? Q(std::string(kRecordColumns) +
                    "WHERE class_id = ? AND session_seq = ? ORDER BY session_seq, at, id",
                {Int(class_id), Int(*seq)})
            : Q(std::string(kRecordColumns) + "WHERE class_id = ? ORDER BY session_seq, at, id",
                {Int(class_id)});
    if (!r.ok()) return r.status();
    std::vector<AttendanceRecord> out;
    for (RowRef row : Rows(*r)) out.push_back(RecordOf(row));
    return out;
  }

  Result<std::vector<AttendanceRecord>> PersonRecords(int64_t class_id, int64_t seq,
                                                      int64_t person_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kRecordColumns) +
                      "WHERE class_id = ? AND session_seq = ? AND person_id = ? ORDER BY at, id",
                  {Int(class_id), Int(seq), Int(person_id)}));
    std::vector<AttendanceRecord> out;
    for (RowRef row : Rows(r)) out.push_back(RecordOf(row));
    return out;
  }

  Result<std::optional<domain::TraineeDevice>> DeviceOfPerson(int64_t person_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT person_id, device_id, bound_at FROM trainee_devices "
                                     "WHERE person_id = ?",
                                     {Int(person_id)}));
    if (r.rows.empty()) return std::optional<domain::TraineeDevice>();
    return std::optional<domain::TraineeDevice>(DeviceOf(Rows(r).front()));
  }

  Result<std::optional<domain::TraineeDevice>> PersonOfDevice(
      const std::string& device_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT person_id, device_id, bound_at FROM trainee_devices "
                                     "WHERE device_id = ?",
                                     {Str(device_id)}));
    if (r.rows.empty()) return std::optional<domain::TraineeDevice>();
    return std::optional<domain::TraineeDevice>(DeviceOf(Rows(r).front()));
  }

  Status BindDevice(const domain::TraineeDevice& b) override {
    ANPEI_RETURN_IF_ERROR(
        Q("INSERT INTO trainee_devices (person_id, device_id, bound_at) VALUES (?, ?, ?)",
          {Int(b.person_id), Str(b.device_id), Str(b.bound_at)})
            .status());
    return Q("INSERT INTO trainee_device_history (person_id, device_id, bound_at) VALUES (?, ?, ?)",
             {Int(b.person_id), Str(b.device_id), Str(b.bound_at)})
        .status();
  }

  Status UnbindDevice(int64_t person_id, const std::string& at, int64_t by_user,
                      const std::string& reason) override {
    ANPEI_ASSIGN_OR_RETURN(auto d,
                           Q("DELETE FROM trainee_devices WHERE person_id = ?", {Int(person_id)}));
    if (d.affected == 0) {
      return Status(Code::kConflict, "该学员尚未绑定手机，无需解除", "person_id")
          .WithReason("attendance.not_bound");
    }
    return Q("UPDATE trainee_device_history SET unbound_at = ?, unbound_by_user = ?, reason = ? "
             "WHERE person_id = ? AND unbound_at IS NULL",
             {Str(at), Int(by_user), Str(reason), Int(person_id)})
        .status();
  }

  Status InsertTraineeSession(const domain::TraineeSession& s) override {
    return Q("INSERT INTO trainee_sessions (token_hash, person_id, class_id, device_id, "
             "csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
             {Str(s.token_hash), Int(s.person_id), Int(s.class_id), Str(s.device_id),
              Str(s.csrf_token), Str(s.created_at), Str(s.expires_at)})
        .status();
  }

  Result<std::optional<domain::TraineeSession>> FindTraineeSession(
      const std::string& token_hash) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT token_hash, person_id, class_id, device_id, csrf_token, created_at, "
                  "expires_at, revoked_at FROM trainee_sessions WHERE token_hash = ?",
                  {Str(token_hash)}));
    if (r.rows.empty()) return std::optional<domain::TraineeSession>();
    const RowRef row = Rows(r).front();
    domain::TraineeSession s;
    s.token_hash = row.Str("token_hash");
    s.person_id = row.Int("person_id");
    s.class_id = row.Int("class_id");
    s.device_id = row.Str("device_id");
    s.csrf_token = row.Str("csrf_token");
    s.created_at = row.Str("created_at");
    s.expires_at = row.Str("expires_at");
    s.revoked_at = row.Opt("revoked_at");
    return std::optional<domain::TraineeSession>(std::move(s));
  }

  Status RevokeTraineeSession(const std::string& token_hash, const std::string& at) override {
    return Q("UPDATE trainee_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS "
             "NULL",
             {Str(at), Str(token_hash)})
        .status();
  }

  Status RevokePersonSessions(int64_t person_id, const std::string& at) override {
    return Q("UPDATE trainee_sessions SET revoked_at = ? WHERE person_id = ? AND revoked_at IS "
             "NULL",
             {Str(at), Int(person_id)})
        .status();
  }

  Status InsertRefusal(const domain::AttendanceRefusalEntry& f) override {
    return Q("INSERT INTO attendance_refusals (person_id, class_id, session_seq, reason, "
             "device_id, lat, lng, accuracy_m, client_addr, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
             "?, ?)",
             {Int(f.person_id), Int(f.class_id), Int(f.session_seq), Str(f.reason),
              OptStr(f.device_id), OptDouble(f.lat), OptDouble(f.lng), OptDouble(f.accuracy_m),
              OptStr(f.client_addr), Int(f.at)})
        .status();
  }

  Result<std::vector<domain::AttendanceRefusalEntry>> ListRefusals(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT id, person_id, class_id, session_seq, reason, device_id, lat, lng, "
                  "accuracy_m, client_addr, at FROM attendance_refusals WHERE class_id = ? "
                  "ORDER BY session_seq, id",
                  {Int(class_id)}));
    std::vector<domain::AttendanceRefusalEntry> out;
    for (RowRef row : Rows(r)) {
      domain::AttendanceRefusalEntry f;
      f.id = row.Int("id");
      f.person_id = row.Int("person_id");
      f.class_id = row.Int("class_id");
      f.session_seq = row.Int("session_seq");
      f.reason = row.Str("reason");
      f.device_id = row.Opt("device_id");
      f.lat = row.OptDouble("lat");
      f.lng = row.OptDouble("lng");
      f.accuracy_m = row.OptDouble("accuracy_m");
      f.client_addr = row.Opt("client_addr");
      f.at = row.Int("at");
      out.push_back(std::move(f));
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<ports::AttendanceRepository> MakeAttendanceRepository(ports::SqlConnection& conn,
                                                                      const ports::Vault& vault) {
  return std::make_unique<SqlAttendanceRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
