#include "adapters/sql/sql_store.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "domain/audit.h"
#include "domain/date.h"

namespace anpei::adapters {
namespace {

using domain::ClassState;
using ports::SqlResult;
using ports::SqlRow;
using ports::SqlValue;
using Params = std::vector<SqlValue>;

SqlValue Str(std::string_view s) { return std::string(s); }
SqlValue Int(int64_t v) { return std::to_string(v); }
SqlValue OptStr(const std::optional<std::string>& s) { return s; }
SqlValue OptDouble(const std::optional<double>& d) {
  if (!d) return std::nullopt;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
  (void)ec;
  return std::string(buf, end);
}

int64_t AsInt(const SqlValue& v) {
  if (!v) return 0;
  int64_t out = 0;
  std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}
std::string AsStr(const SqlValue& v) { return v.value_or(""); }
std::optional<double> AsOptDouble(const SqlValue& v) {
  if (!v) return std::nullopt;
  return std::strtod(v->c_str(), nullptr);
}

std::string LikePattern(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

// A WHERE clause built from the filters that are present, so that no parameter is ever untyped
// (PostgreSQL cannot infer the type of "? IS NULL").
struct Where {
  std::string sql;
  Params params;
  void Add(std::string_view condition, SqlValue value) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
    params.push_back(std::move(value));
  }
  void AddTwo(std::string_view condition, SqlValue a, SqlValue b) {
    sql += sql.empty() ? " WHERE " : " AND ";
    sql += condition;
    params.push_back(std::move(a));
    params.push_back(std::move(b));
  }
};

std::string Limit(ports::Page page) {
  return " LIMIT " + std::to_string(page.page_size) + " OFFSET " +
         std::to_string((page.page - 1) * page.page_size);
}

std::string_view KindId(domain::SessionKind k) {
  return k == domain::SessionKind::kTheory ? "theory" : "practical";
}
std::string_view DeliveryId(domain::Delivery d) {
  return d == domain::Delivery::kOffline ? "offline" : "online";
}

constexpr std::string_view kTraineeId = "trainees.id_number";
constexpr std::string_view kTraineePhone = "trainees.phone";
constexpr std::string_view kTeacherId = "teachers.id_number";
// Serialises audit appends on PostgreSQL (SQLite writers are serialised by BEGIN IMMEDIATE).
constexpr std::string_view kAuditLockKey = "7707177";

class SqlTx : public ports::StoreTx {
 public:
  SqlTx(ports::SqlConnection& conn, const ports::Vault& vault) : conn_(conn), vault_(vault) {}

  Result<std::string> Open(const SqlValue& sealed, std::string_view context) {
    if (!sealed || sealed->empty()) return std::string();
    return vault_.Open(*sealed, context);
  }

  Result<SqlResult> Q(std::string_view sql, const Params& params = {}) {
    return conn_.Execute(sql, params);
  }

  // NotFound or Conflict after an update that matched no row.
  Status Missed(std::string_view table, std::string_view what, int64_t id) {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT version FROM " + std::string(table) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId(what, id);
    return Status(
        Code::kConflict,
        std::string(what) + "已被他人修改（当前版本 " + AsStr(r.rows[0][0]) + "），请刷新后再改",
        "version");
  }

  static Status NotFoundId(std::string_view what, int64_t id) {
    return Status(Code::kNotFound, std::string(what) + " " + std::to_string(id) + " 不存在", "id");
  }

  // ---- districts ----
  Result<std::vector<domain::District>> ListDistricts() override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT code, name FROM districts ORDER BY code"));
    std::vector<domain::District> out;
    for (const auto& row : r.rows) out.push_back({AsStr(row[0]), AsStr(row[1])});
    return out;
  }
  Result<domain::District> GetDistrict(std::string_view code) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT code, name FROM districts WHERE code = ?", {Str(code)}));
    if (r.rows.empty()) {
      return Status(Code::kNotFound, "行政区划 " + std::string(code) + " 不存在", "code");
    }
    return domain::District{AsStr(r.rows[0][0]), AsStr(r.rows[0][1])};
  }
  Status InsertDistrict(const domain::District& d) override {
    return Q("INSERT INTO districts (code, name) VALUES (?, ?)", {Str(d.code), Str(d.name)})
        .status();
  }

  // ---- institutions ----
  static constexpr std::string_view kInstitutionColumns =
      "SELECT i.id, i.name, i.uscc, i.district_code, d.name, i.address, i.blacklisted_at, "
      "i.version, i.created_at, i.updated_at FROM institutions i "
      "JOIN districts d ON d.code = i.district_code";
  static domain::Institution InstitutionOf(const SqlRow& r) {
    domain::Institution i;
    i.id = AsInt(r[0]);
    i.name = AsStr(r[1]);
    i.uscc = AsStr(r[2]);
    i.district_code = AsStr(r[3]);
    i.district_name = AsStr(r[4]);
    i.address = AsStr(r[5]);
    i.blacklisted_at = r[6];
    i.version = AsInt(r[7]);
    i.created_at = AsStr(r[8]);
    i.updated_at = AsStr(r[9]);
    return i;
  }
  Result<ports::PageOf<domain::Institution>> ListInstitutions(const ports::InstitutionFilter& f,
                                                              ports::Page page) override {
    Where w;
    if (f.id) w.Add("i.id = ?", Int(*f.id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.q) {
      w.AddTwo("(i.name LIKE ? ESCAPE '\\' OR i.uscc LIKE ? ESCAPE '\\')", LikePattern(*f.q),
               LikePattern(*f.q));
    }
    ports::PageOf<domain::Institution> out;
    out.page = page;
    ANPEI_ASSIGN_OR_RETURN(auto count, Q("SELECT COUNT(*) FROM institutions i" + w.sql, w.params));
    out.total = AsInt(count.rows[0][0]);
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kInstitutionColumns) + w.sql + " ORDER BY i.id" + Limit(page), w.params));
    for (const auto& row : r.rows) out.items.push_back(InstitutionOf(row));
    return out;
  }
  Result<domain::Institution> GetInstitution(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kInstitutionColumns) + " WHERE i.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("培训机构", id);
    return InstitutionOf(r.rows[0]);
  }
  Result<int64_t> InsertInstitution(const domain::Institution& i) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO institutions (name, uscc, district_code, address, blacklisted_at, "
                  "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Str(i.name), Str(i.uscc), Str(i.district_code), Str(i.address),
                   OptStr(i.blacklisted_at), Str(i.created_at), Str(i.updated_at)}));
    return AsInt(r.rows.at(0)[0]);
  }
  Status UpdateInstitution(const domain::Institution& i, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE institutions SET name = ?, uscc = ?, district_code = ?, address = ?, "
                  "blacklisted_at = ?, updated_at = ?, version = version + 1 "
                  "WHERE id = ? AND version = ?",
                  {Str(i.name), Str(i.uscc), Str(i.district_code), Str(i.address),
                   OptStr(i.blacklisted_at), Str(i.updated_at), Int(i.id), Int(expected)}));
    if (r.affected == 0) return Missed("institutions", "培训机构", i.id);
    return Status::Ok();
  }

  // ---- teachers ----
  static constexpr std::string_view kTeacherColumns =
      "SELECT id, institution_id, name, id_number_enc, qualification, version, created_at "
      "FROM teachers";
  Result<domain::Teacher> TeacherOf(const SqlRow& r) {
    domain::Teacher t;
    t.id = AsInt(r[0]);
    t.institution_id = AsInt(r[1]);
    t.name = AsStr(r[2]);
    ANPEI_ASSIGN_OR_RETURN(auto id, Open(r[3], kTeacherId));
    t.id_number = std::move(id);
    t.qualification = AsStr(r[4]);
    t.version = AsInt(r[5]);
    t.created_at = AsStr(r[6]);
    return t;
  }
  Result<ports::PageOf<domain::Teacher>> ListTeachers(const ports::TeacherFilter& f,
                                                      ports::Page page) override {
    Where w;
    if (f.institution_id) w.Add("institution_id = ?", Int(*f.institution_id));
    if (f.district_code) {
      w.Add("institution_id IN (SELECT id FROM institutions WHERE district_code = ?)",
            Str(*f.district_code));
    }
    if (f.q) w.Add("name LIKE ? ESCAPE '\\'", LikePattern(*f.q));
    ports::PageOf<domain::Teacher> out;
    out.page = page;
    ANPEI_ASSIGN_OR_RETURN(auto count, Q("SELECT COUNT(*) FROM teachers" + w.sql, w.params));
    out.total = AsInt(count.rows[0][0]);
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kTeacherColumns) + w.sql + " ORDER BY id" + Limit(page), w.params));
    for (const auto& row : r.rows) {
      ANPEI_ASSIGN_OR_RETURN(auto t, TeacherOf(row));
      out.items.push_back(std::move(t));
    }
    return out;
  }
  Result<domain::Teacher> GetTeacher(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kTeacherColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("教师", id);
    return TeacherOf(r.rows[0]);
  }
  Result<int64_t> InsertTeacher(const domain::Teacher& t) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO teachers (institution_id, name, id_number, id_number_enc, qualification, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {Int(t.institution_id), Str(t.name), vault_.BlindIndex(t.id_number, kTeacherId),
           vault_.Seal(t.id_number, kTeacherId), Str(t.qualification), Str(t.created_at)}));
    return AsInt(r.rows.at(0)[0]);
  }
  Status UpdateTeacher(const domain::Teacher& t, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE teachers SET name = ?, id_number = ?, id_number_enc = ?, qualification = ?, "
          "version = version + 1 WHERE id = ? AND version = ?",
          {Str(t.name), vault_.BlindIndex(t.id_number, kTeacherId),
           vault_.Seal(t.id_number, kTeacherId), Str(t.qualification), Int(t.id), Int(expected)}));
    if (r.affected == 0) return Missed("teachers", "教师", t.id);
    return Status::Ok();
  }

  // ---- trainees ----
  static constexpr std::string_view kTraineeColumns =
      "SELECT id, name, id_number_enc, phone_enc, trainee_group, version, created_at "
      "FROM trainees";
  Result<domain::Trainee> TraineeOf(const SqlRow& r) {
    domain::Trainee t;
    t.id = AsInt(r[0]);
    t.name = AsStr(r[1]);
    ANPEI_ASSIGN_OR_RETURN(auto id, Open(r[2], kTraineeId));
    t.id_number = std::move(id);
    auto phone = Open(r[3], kTraineePhone);
    if (!phone.ok()) return phone.status();
    t.phone = std::move(*phone);
    t.group = AsStr(r[4]);
    t.version = AsInt(r[5]);
    t.created_at = AsStr(r[6]);
    return t;
  }
  Result<ports::PageOf<domain::Trainee>> ListTrainees(const ports::TraineeFilter& f,
                                                      ports::Page page) override {
    Where w;
    if (f.institution_id) {
      w.Add(
          "id IN (SELECT r.trainee_id FROM class_roster r JOIN classes c ON c.id = r.class_id "
          "WHERE c.institution_id = ?)",
          Int(*f.institution_id));
    }
    if (f.district_code) {
      w.Add(
          "id IN (SELECT r.trainee_id FROM class_roster r JOIN classes c ON c.id = r.class_id "
          "JOIN institutions i ON i.id = c.institution_id WHERE i.district_code = ?)",
          Str(*f.district_code));
    }
    if (f.group) w.Add("trainee_group = ?", Str(*f.group));
    if (f.q) {
      w.AddTwo("(name LIKE ? ESCAPE '\\' OR id_number = ?)", LikePattern(*f.q),
               vault_.BlindIndex(*f.q, kTraineeId));
    }
    ports::PageOf<domain::Trainee> out;
    out.page = page;
    ANPEI_ASSIGN_OR_RETURN(auto count, Q("SELECT COUNT(*) FROM trainees" + w.sql, w.params));
    out.total = AsInt(count.rows[0][0]);
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kTraineeColumns) + w.sql + " ORDER BY id" + Limit(page), w.params));
    for (const auto& row : r.rows) {
      ANPEI_ASSIGN_OR_RETURN(auto t, TraineeOf(row));
      out.items.push_back(std::move(t));
    }
    return out;
  }
  Result<domain::Trainee> GetTrainee(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kTraineeColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("学员", id);
    return TraineeOf(r.rows[0]);
  }
  Result<std::optional<domain::Trainee>> FindTraineeByIdNumber(std::string_view id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kTraineeColumns) + " WHERE id_number = ?",
                                     {vault_.BlindIndex(id, kTraineeId)}));
    if (r.rows.empty()) return std::optional<domain::Trainee>();
    ANPEI_ASSIGN_OR_RETURN(auto t, TraineeOf(r.rows[0]));
    return std::optional<domain::Trainee>(std::move(t));
  }
  Result<int64_t> InsertTrainee(const domain::Trainee& t) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO trainees (name, id_number, id_number_enc, phone, phone_enc, trainee_group, "
          "created_at) VALUES (?, ?, ?, '', ?, ?, ?) RETURNING id",
          {Str(t.name), vault_.BlindIndex(t.id_number, kTraineeId),
           vault_.Seal(t.id_number, kTraineeId), vault_.Seal(t.phone, kTraineePhone), Str(t.group),
           Str(t.created_at)}));
    return AsInt(r.rows.at(0)[0]);
  }
  Status UpdateTrainee(const domain::Trainee& t, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE trainees SET name = ?, id_number = ?, id_number_enc = ?, phone = '', "
          "phone_enc = ?, trainee_group = ?, version = version + 1 WHERE id = ? AND version = ?",
          {Str(t.name), vault_.BlindIndex(t.id_number, kTraineeId),
           vault_.Seal(t.id_number, kTraineeId), vault_.Seal(t.phone, kTraineePhone), Str(t.group),
           Int(t.id), Int(expected)}));
    if (r.affected == 0) return Missed("trainees", "学员", t.id);
    return Status::Ok();
  }

  // ---- classes ----
  Result<ports::PageOf<domain::ClassSummary>> ListClasses(const ports::ClassFilter& f,
                                                          ports::Page page) override {
    Where w;
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.state) w.Add("c.state = ?", Str(*f.state));
    if (f.occupation) w.Add("c.occupation = ?", Str(*f.occupation));
    if (f.q) w.Add("c.title LIKE ? ESCAPE '\\'", LikePattern(*f.q));
    const std::string from =
        " FROM classes c JOIN institutions i ON i.id = c.institution_id" + w.sql;
    ports::PageOf<domain::ClassSummary> out;
    out.page = page;
    ANPEI_ASSIGN_OR_RETURN(auto count, Q("SELECT COUNT(*)" + from, w.params));
    out.total = AsInt(count.rows[0][0]);
    auto r =
        Q("SELECT c.id, c.institution_id, i.name, i.district_code, c.title, c.occupation, "
          "c.policy_id, c.state, "
          "(SELECT MIN(s.date) FROM class_sessions s WHERE s.class_id = c.id), "
          "(SELECT COALESCE(SUM(s.hours), 0) FROM class_sessions s WHERE s.class_id = c.id), "
          "(SELECT COUNT(*) FROM class_sessions s WHERE s.class_id = c.id), "
          "(SELECT COUNT(*) FROM class_roster r WHERE r.class_id = c.id), "
          "c.declared_at, c.version, c.updated_at" +
              from + " ORDER BY c.id DESC" + Limit(page),
          w.params);
    if (!r.ok()) return r.status();
    for (const auto& row : r->rows) {
      domain::ClassSummary s;
      s.id = AsInt(row[0]);
      s.institution_id = AsInt(row[1]);
      s.institution_name = AsStr(row[2]);
      s.district_code = AsStr(row[3]);
      s.title = AsStr(row[4]);
      s.occupation = AsStr(row[5]);
      s.policy_id = AsStr(row[6]);
      s.state = domain::ParseClassState(AsStr(row[7])).value_or(ClassState::kDraft);
      s.start_date = row[8];
      s.total_hours = AsInt(row[9]);
      s.session_count = AsInt(row[10]);
      s.roster_count = AsInt(row[11]);
      s.declared_at = row[12];
      s.version = AsInt(row[13]);
      s.updated_at = AsStr(row[14]);
      out.items.push_back(std::move(s));
    }
    return out;
  }

  Result<domain::TrainingClass> GetClass(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT c.id, c.institution_id, i.name, i.district_code, c.policy_id, "
                  "c.occupation, c.title, c.venue_address, c.venue_lat, c.venue_lng, c.state, "
                  "c.declared_at, c.version, c.created_at, c.updated_at FROM classes c "
                  "JOIN institutions i ON i.id = c.institution_id WHERE c.id = ?",
                  {Int(id)}));
    if (r.rows.empty()) return NotFoundId("培训班", id);
    const SqlRow& row = r.rows[0];
    domain::TrainingClass c;
    c.id = AsInt(row[0]);
    c.institution_id = AsInt(row[1]);
    c.institution_name = AsStr(row[2]);
    c.district_code = AsStr(row[3]);
    c.policy_id = AsStr(row[4]);
    c.occupation = AsStr(row[5]);
    c.title = AsStr(row[6]);
    c.venue.address = AsStr(row[7]);
    c.venue.lat = AsOptDouble(row[8]);
    c.venue.lng = AsOptDouble(row[9]);
    c.state = domain::ParseClassState(AsStr(row[10])).value_or(ClassState::kDraft);
    c.declared_at = row[11];
    c.version = AsInt(row[12]);
    c.created_at = AsStr(row[13]);
    c.updated_at = AsStr(row[14]);

    ANPEI_ASSIGN_OR_RETURN(auto teachers,
                           Q("SELECT ct.teacher_key, ct.teacher_id, t.name FROM class_teachers ct "
                             "JOIN teachers t ON t.id = ct.teacher_id WHERE ct.class_id = ? "
                             "ORDER BY ct.teacher_key",
                             {Int(id)}));
    for (const auto& t : teachers.rows) {
      c.teachers.push_back({AsStr(t[0]), AsInt(t[1]), AsStr(t[2])});
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto sessions,
        Q("SELECT date, start_minute, end_minute, hours, kind, delivery, teacher_key "
          "FROM class_sessions WHERE class_id = ? ORDER BY seq",
          {Int(id)}));
    for (const auto& s : sessions.rows) {
      domain::PlanSession ps;
      auto date = domain::ParseDate(AsStr(s[0]), "date");
      if (!date.ok()) return Status(Code::kInternal, "数据库中的课次日期无效：" + AsStr(s[0]));
      ps.date = *date;
      ps.start_minute = static_cast<int>(AsInt(s[1]));
      ps.end_minute = static_cast<int>(AsInt(s[2]));
      ps.hours = static_cast<int>(AsInt(s[3]));
      ps.kind = AsStr(s[4]) == "practical" ? domain::SessionKind::kPractical
                                           : domain::SessionKind::kTheory;
      ps.delivery =
          AsStr(s[5]) == "online" ? domain::Delivery::kOnline : domain::Delivery::kOffline;
      ps.teacher = s[6];
      c.sessions.push_back(std::move(ps));
    }
    ANPEI_ASSIGN_OR_RETURN(auto roster,
                           Q("SELECT r.trainee_id, t.name, t.id_number_enc, t.trainee_group "
                             "FROM class_roster r JOIN trainees t ON t.id = r.trainee_id "
                             "WHERE r.class_id = ? ORDER BY r.trainee_id",
                             {Int(id)}));
    for (const auto& t : roster.rows) {
      ANPEI_ASSIGN_OR_RETURN(auto idn, Open(t[2], kTraineeId));
      c.roster.push_back({AsInt(t[0]), AsStr(t[1]), std::move(idn), AsStr(t[3])});
    }
    return c;
  }

  // Inserts rows of `width` values with one multi-row INSERT per chunk: a roster of 300 costs a
  // few round trips instead of 300 (portable, unlike libpq's pipeline mode, and as effective
  // here).
  Status InsertRows(std::string_view head, size_t width, const std::vector<Params>& rows) {
    constexpr size_t kRowsPerStatement = 200;  // far below SQLite's 32766 parameters
    for (size_t begin = 0; begin < rows.size(); begin += kRowsPerStatement) {
      const size_t end = std::min(rows.size(), begin + kRowsPerStatement);
      std::string sql(head);
      std::string tuple = "(";
      for (size_t i = 0; i < width; ++i) tuple += i ? ", ?" : "?";
      tuple += ")";
      Params params;
      for (size_t r = begin; r < end; ++r) {
        sql += (r == begin ? " VALUES " : ", ") + tuple;
        params.insert(params.end(), rows[r].begin(), rows[r].end());
      }
      ANPEI_ASSIGN_OR_RETURN(auto res, Q(sql, params));
    }
    return Status::Ok();
  }

  Status InsertParts(const domain::TrainingClass& c, int64_t id) {
    std::vector<Params> teachers, sessions, roster;
    for (const auto& t : c.teachers) teachers.push_back({Int(id), Str(t.key), Int(t.teacher_id)});
    int64_t seq = 0;
    for (const auto& s : c.sessions) {
      sessions.push_back({Int(id), Int(seq++), Str(s.date.ToString()), Int(s.start_minute),
                          Int(s.end_minute), Int(s.hours), Str(KindId(s.kind)),
                          Str(DeliveryId(s.delivery)), OptStr(s.teacher)});
    }
    for (const auto& t : c.roster) roster.push_back({Int(id), Int(t.trainee_id)});
    ANPEI_RETURN_IF_ERROR(
        InsertRows("INSERT INTO class_teachers (class_id, teacher_key, teacher_id)", 3, teachers));
    ANPEI_RETURN_IF_ERROR(
        InsertRows("INSERT INTO class_sessions (class_id, seq, date, "
                   "start_minute, end_minute, hours, kind, delivery, teacher_key)",
                   9, sessions));
    Status st = InsertRows("INSERT INTO class_roster (class_id, trainee_id)", 2, roster);
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
    const int64_t id = AsInt(r->rows.at(0)[0]);
    ANPEI_RETURN_IF_ERROR(InsertParts(c, id));
    return id;
  }

  Status UpdateClass(const domain::TrainingClass& c, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE classes SET occupation = ?, title = ?, venue_address = ?, venue_lat = ?, "
          "venue_lng = ?, state = ?, declared_at = ?, updated_at = ?, version = version + 1 "
          "WHERE id = ? AND version = ?",
          {Str(c.occupation), Str(c.title), Str(c.venue.address), OptDouble(c.venue.lat),
           OptDouble(c.venue.lng), Str(domain::ClassStateId(c.state)), OptStr(c.declared_at),
           Str(c.updated_at), Int(c.id), Int(expected)}));
    if (r.affected == 0) return Missed("classes", "培训班", c.id);
    for (std::string_view table : {"class_teachers", "class_sessions", "class_roster"}) {
      ANPEI_ASSIGN_OR_RETURN(
          auto d, Q("DELETE FROM " + std::string(table) + " WHERE class_id = ?", {Int(c.id)}));
    }
    return InsertParts(c, c.id);
  }

  Status InsertPlanVersion(int64_t class_id, const domain::PlanVersion& v) override {
    return Q("INSERT INTO plan_versions (class_id, version, plan_json, reason, created_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {Int(class_id), Int(v.version), Str(v.plan_json), Str(v.reason), Str(v.created_at)})
        .status();
  }

  Result<std::vector<domain::PlanVersion>> ListPlanVersions(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT version, plan_json, reason, created_at FROM plan_versions "
                             "WHERE class_id = ? ORDER BY version",
                             {Int(class_id)}));
    std::vector<domain::PlanVersion> out;
    for (const auto& row : r.rows) {
      out.push_back({AsInt(row[0]), AsStr(row[1]), AsStr(row[2]), AsStr(row[3])});
    }
    return out;
  }

  Result<ports::ClassStats> CountClasses(const ports::ClassFilter& f) override {
    ports::ClassStats stats;
    Where w;
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    ANPEI_ASSIGN_OR_RETURN(
        auto s, Q("SELECT c.state, COUNT(*) FROM classes c JOIN institutions i ON i.id = "
                  "c.institution_id" +
                      w.sql + " GROUP BY c.state ORDER BY c.state",
                  w.params));
    for (const auto& row : s.rows) {
      const std::string id = AsStr(row[0]);
      auto state = domain::ParseClassState(id);
      stats.by_state.push_back(
          {id, state ? std::string(domain::ClassStateName(*state)) : id, AsInt(row[1])});
    }
    Where dw;
    if (f.institution_id) dw.Add("i.id = ?", Int(*f.institution_id));
    if (f.district_code) dw.Add("d.code = ?", Str(*f.district_code));
    ANPEI_ASSIGN_OR_RETURN(auto d, Q("SELECT d.code, d.name, COUNT(c.id) FROM districts d "
                                     "LEFT JOIN institutions i ON i.district_code = d.code "
                                     "LEFT JOIN classes c ON c.institution_id = i.id" +
                                         dw.sql + " GROUP BY d.code, d.name ORDER BY d.code",
                                     dw.params));
    for (const auto& row : d.rows) {
      stats.by_district.push_back({AsStr(row[0]), AsStr(row[1]), AsInt(row[2])});
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
        auto r, Q("SELECT COUNT(*) FROM class_roster r JOIN classes c ON c.id = r.class_id "
                  "JOIN institutions i ON i.id = c.institution_id" +
                      w.sql,
                  w.params));
    return AsInt(r.rows[0][0]) > 0;
  }

  // ---- accounts ----
  static constexpr std::string_view kUserColumns =
      "SELECT id, username, display_name, password_hash, institution_id, district_code, "
      "disabled_at, failed_logins, locked_until, version, created_at FROM users";
  Result<domain::User> UserOf(const SqlRow& r) {
    domain::User u;
    u.id = AsInt(r[0]);
    u.username = AsStr(r[1]);
    u.display_name = AsStr(r[2]);
    u.password_hash = AsStr(r[3]);
    if (r[4]) u.institution_id = AsInt(r[4]);
    u.district_code = r[5];
    u.disabled_at = r[6];
    u.failed_logins = AsInt(r[7]);
    u.locked_until = r[8];
    u.version = AsInt(r[9]);
    u.created_at = AsStr(r[10]);
    ANPEI_ASSIGN_OR_RETURN(
        auto roles, Q("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {Int(u.id)}));
    for (const auto& row : roles.rows) u.roles.push_back(AsStr(row[0]));
    return u;
  }
  Result<std::optional<domain::User>> FindUserByName(std::string_view username) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kUserColumns) + " WHERE username = ?", {Str(username)}));
    if (r.rows.empty()) return std::optional<domain::User>();
    ANPEI_ASSIGN_OR_RETURN(auto u, UserOf(r.rows[0]));
    return std::optional<domain::User>(std::move(u));
  }
  Result<domain::User> GetUser(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kUserColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("用户", id);
    return UserOf(r.rows[0]);
  }
  Result<ports::PageOf<domain::User>> ListUsers(const ports::UserFilter& f,
                                                ports::Page page) override {
    Where w;
    if (f.q) {
      w.AddTwo("(username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\')",
               LikePattern(*f.q), LikePattern(*f.q));
    }
    ports::PageOf<domain::User> out;
    out.page = page;
    ANPEI_ASSIGN_OR_RETURN(auto count, Q("SELECT COUNT(*) FROM users" + w.sql, w.params));
    out.total = AsInt(count.rows[0][0]);
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kUserColumns) + w.sql + " ORDER BY id" + Limit(page), w.params));
    for (const auto& row : r.rows) {
      ANPEI_ASSIGN_OR_RETURN(auto u, UserOf(row));
      out.items.push_back(std::move(u));
    }
    return out;
  }
  Result<int64_t> InsertUser(const domain::User& u) override {
    auto r =
        Q("INSERT INTO users (username, display_name, password_hash, institution_id, "
          "district_code, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {Str(u.username), Str(u.display_name), Str(u.password_hash),
           u.institution_id ? Int(*u.institution_id) : SqlValue(), OptStr(u.district_code),
           Str(u.created_at)});
    if (!r.ok()) {
      if (r.status().code() == Code::kConflict) {
        return Status(Code::kConflict, "用户名「" + u.username + "」已被使用", "username");
      }
      return r.status();
    }
    const int64_t id = AsInt(r->rows.at(0)[0]);
    std::vector<Params> roles;
    for (const auto& role : u.roles) roles.push_back({Int(id), Str(role)});
    ANPEI_RETURN_IF_ERROR(InsertRows("INSERT INTO user_roles (user_id, role)", 2, roles));
    return id;
  }
  Status UpdateUserSecurity(const domain::User& u) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE users SET password_hash = ?, disabled_at = ?, failed_logins = ?, "
                  "locked_until = ?, version = version + 1 WHERE id = ?",
                  {Str(u.password_hash), OptStr(u.disabled_at), Int(u.failed_logins),
                   OptStr(u.locked_until), Int(u.id)}));
    if (r.affected == 0) return NotFoundId("用户", u.id);
    return Status::Ok();
  }
  Status InsertSession(const domain::Session& x) override {
    return Q("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {Str(x.token_hash), Int(x.user_id), Str(x.csrf_token), Str(x.created_at),
              Str(x.expires_at)})
        .status();
  }
  Result<std::optional<domain::Session>> FindSession(std::string_view token_hash) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT token_hash, user_id, csrf_token, created_at, expires_at, revoked_at "
                  "FROM sessions WHERE token_hash = ?",
                  {Str(token_hash)}));
    if (r.rows.empty()) return std::optional<domain::Session>();
    const auto& row = r.rows[0];
    return std::optional<domain::Session>(domain::Session{
        AsStr(row[0]), AsInt(row[1]), AsStr(row[2]), AsStr(row[3]), AsStr(row[4]), row[5]});
  }
  Status RevokeSession(std::string_view token_hash, std::string_view at) override {
    return Q("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
             {Str(at), Str(token_hash)})
        .status();
  }
  Status RevokeUserSessions(int64_t user_id, std::string_view at) override {
    return Q("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
             {Str(at), Int(user_id)})
        .status();
  }
  Status InsertApiToken(const domain::ApiToken& t) override {
    return Q("INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)",
             {Str(t.token_hash), Int(t.user_id), Str(t.name), Str(t.created_at)})
        .status();
  }
  Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT token_hash, user_id, name, created_at, revoked_at FROM api_tokens "
                  "WHERE token_hash = ?",
                  {Str(token_hash)}));
    if (r.rows.empty()) return std::optional<domain::ApiToken>();
    const auto& row = r.rows[0];
    return std::optional<domain::ApiToken>(
        domain::ApiToken{AsStr(row[0]), AsInt(row[1]), AsStr(row[2]), AsStr(row[3]), row[4]});
  }

  // ---- audit ----
  static constexpr std::string_view kAuditColumns =
      "SELECT seq, at, actor, role, action, target, before_digest, after_digest, detail, "
      "prev_link, link FROM audit_events";
  static domain::AuditEvent AuditOf(const SqlRow& r) {
    domain::AuditEvent e;
    e.seq = AsInt(r[0]);
    e.at = AsStr(r[1]);
    e.actor = AsStr(r[2]);
    e.role = AsStr(r[3]);
    e.action = AsStr(r[4]);
    e.target = AsStr(r[5]);
    e.before_digest = AsStr(r[6]);
    e.after_digest = AsStr(r[7]);
    e.detail = AsStr(r[8]);
    e.prev_link = AsStr(r[9]);
    e.link = AsStr(r[10]);
    return e;
  }

  Status AppendAudit(domain::AuditEvent& e) override {
    if (conn_.Dialect() == "postgresql") {
      ANPEI_ASSIGN_OR_RETURN(auto lock,
                             Q("SELECT pg_advisory_xact_lock(" + std::string(kAuditLockKey) + ")"));
    }
    ANPEI_ASSIGN_OR_RETURN(auto last,
                           Q("SELECT seq, link FROM audit_events ORDER BY seq DESC LIMIT 1"));
    e.seq = last.rows.empty() ? 1 : AsInt(last.rows[0][0]) + 1;
    e.prev_link = last.rows.empty() ? "" : AsStr(last.rows[0][1]);
    e.link = vault_.ChainLink(e.prev_link, domain::AuditRecord(e));
    return Q("INSERT INTO audit_events (seq, at, actor, role, action, target, before_digest, "
             "after_digest, detail, prev_link, link) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {Int(e.seq), Str(e.at), Str(e.actor), Str(e.role), Str(e.action), Str(e.target),
              Str(e.before_digest), Str(e.after_digest), Str(e.detail), Str(e.prev_link),
              Str(e.link)})
        .status();
  }

  Result<ports::PageOf<domain::AuditEvent>> ListAudit(const ports::AuditFilter& f,
                                                      ports::Page page) override {
    Where w;
    if (f.actor) w.Add("actor = ?", Str(*f.actor));
    if (f.action) w.Add("action = ?", Str(*f.action));
    if (f.target) w.Add("target = ?", Str(*f.target));
    if (f.after_seq) w.Add("seq > ?", Int(*f.after_seq));
    ports::PageOf<domain::AuditEvent> out;
    out.page = page;
    ANPEI_ASSIGN_OR_RETURN(auto count, Q("SELECT COUNT(*) FROM audit_events" + w.sql, w.params));
    out.total = AsInt(count.rows[0][0]);
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kAuditColumns) + w.sql +
                      (f.newest_first ? " ORDER BY seq DESC" : " ORDER BY seq") + Limit(page),
                  w.params));
    for (const auto& row : r.rows) out.items.push_back(AuditOf(row));
    return out;
  }

  ports::SqlConnection& conn() { return conn_; }
  const ports::Vault& vault() { return vault_; }

 private:
  ports::SqlConnection& conn_;
  const ports::Vault& vault_;
};

}  // namespace

Status SqlStore::Run(ports::TxMode mode, const std::function<Status(ports::StoreTx&)>& work) {
  ANPEI_ASSIGN_OR_RETURN(auto handle, pool_->Acquire());
  ports::SqlConnection& conn = *handle;
  const bool sqlite = conn.Dialect() == "sqlite";
  std::string_view begin = "BEGIN";
  if (sqlite && mode == ports::TxMode::kWrite) begin = "BEGIN IMMEDIATE";
  if (!sqlite && mode == ports::TxMode::kRead)
    begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  auto b = conn.Execute(begin, {});
  if (!b.ok()) {
    if (b.status().code() == Code::kUnavailable) handle.MarkBroken();
    return b.status();
  }
  SqlTx tx(conn, *vault_);
  Status st = work(tx);
  if (st.ok()) {
    auto c = conn.Execute("COMMIT", {});
    if (c.ok()) return Status::Ok();
    st = c.status();
  }
  auto rb = conn.Execute("ROLLBACK", {});
  if (!rb.ok() || st.code() == Code::kUnavailable) handle.MarkBroken();
  return st;
}

Status SqlStore::Ping() {
  ANPEI_ASSIGN_OR_RETURN(auto handle, pool_->Acquire());
  auto r = (handle)->Execute("SELECT 1", {});
  if (!r.ok()) {
    handle.MarkBroken();
    return r.status();
  }
  return Status::Ok();
}

Status SqlStore::ScanAudit(const std::function<Status(const domain::AuditEvent&)>& visit) {
  int64_t after = 0;
  while (true) {
    std::vector<domain::AuditEvent> batch;
    Status st = Run(ports::TxMode::kRead, [&](ports::StoreTx& tx) {
      ports::AuditFilter f;
      f.after_seq = after;
      ANPEI_ASSIGN_OR_RETURN(auto page, tx.ListAudit(f, {1, 1000}));
      batch = std::move(page.items);
      return Status::Ok();
    });
    if (!st.ok()) return st;
    if (batch.empty()) return Status::Ok();
    for (const auto& e : batch) ANPEI_RETURN_IF_ERROR(visit(e));
    after = batch.back().seq;
  }
}

Result<int64_t> SqlStore::SealLegacyRows() {
  int64_t sealed = 0;
  Status st = Run(ports::TxMode::kWrite, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base);
    ANPEI_ASSIGN_OR_RETURN(
        auto trainees,
        tx.Q("SELECT id, id_number, phone FROM trainees WHERE id_number NOT LIKE 'bi1:%'"));
    for (const auto& row : trainees.rows) {
      const std::string idn = AsStr(row[1]), phone = AsStr(row[2]);
      ANPEI_ASSIGN_OR_RETURN(
          auto r, tx.Q("UPDATE trainees SET id_number = ?, id_number_enc = ?, phone = '', "
                       "phone_enc = ? WHERE id = ?",
                       {tx.vault().BlindIndex(idn, kTraineeId), tx.vault().Seal(idn, kTraineeId),
                        tx.vault().Seal(phone, kTraineePhone), row[0]}));
      ++sealed;
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto teachers, tx.Q("SELECT id, id_number FROM teachers WHERE id_number NOT LIKE 'bi1:%'"));
    for (const auto& row : teachers.rows) {
      const std::string idn = AsStr(row[1]);
      ANPEI_ASSIGN_OR_RETURN(
          auto r,
          tx.Q("UPDATE teachers SET id_number = ?, id_number_enc = ? WHERE id = ?",
               {tx.vault().BlindIndex(idn, kTeacherId), tx.vault().Seal(idn, kTeacherId), row[0]}));
      ++sealed;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return sealed;
}

Result<SqlStore::Rotation> SqlStore::RotateKey(const ports::Vault& next, const std::string& actor,
                                               const std::string& at) {
  Rotation done;
  Status st = Run(ports::TxMode::kWrite, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base);
    const ports::Vault& old = tx.vault();
    auto reseal = [&](const SqlValue& v, std::string_view context) -> Result<std::string> {
      if (!v || v->empty()) return std::string();
      ANPEI_ASSIGN_OR_RETURN(auto plain, old.Open(*v, context));
      return next.Seal(plain, context);
    };
    ANPEI_ASSIGN_OR_RETURN(auto trainees,
                           tx.Q("SELECT id, id_number_enc, phone_enc FROM trainees"));
    for (const auto& row : trainees.rows) {
      ANPEI_ASSIGN_OR_RETURN(auto idn, old.Open(row[1].value_or(""), kTraineeId));
      ANPEI_ASSIGN_OR_RETURN(auto phone, reseal(row[2], kTraineePhone));
      ANPEI_ASSIGN_OR_RETURN(
          auto r,
          tx.Q("UPDATE trainees SET id_number = ?, id_number_enc = ?, phone_enc = ? "
               "WHERE id = ?",
               {next.BlindIndex(idn, kTraineeId), next.Seal(idn, kTraineeId), phone, row[0]}));
      ++done.trainees;
    }
    ANPEI_ASSIGN_OR_RETURN(auto teachers, tx.Q("SELECT id, id_number_enc FROM teachers"));
    for (const auto& row : teachers.rows) {
      ANPEI_ASSIGN_OR_RETURN(auto idn, old.Open(row[1].value_or(""), kTeacherId));
      ANPEI_ASSIGN_OR_RETURN(
          auto r, tx.Q("UPDATE teachers SET id_number = ?, id_number_enc = ? WHERE id = ?",
                       {next.BlindIndex(idn, kTeacherId), next.Seal(idn, kTeacherId), row[0]}));
      ++done.teachers;
    }
    // The chain: verify with the old key, then re-link with the new one. The append-only guard
    // is lifted for this transaction only.
    ANPEI_ASSIGN_OR_RETURN(auto events, tx.Q(std::string(SqlTx::kAuditColumns) + " ORDER BY seq"));
    std::vector<domain::AuditEvent> chain;
    for (const auto& row : events.rows) chain.push_back(SqlTx::AuditOf(row));
    auto broken = domain::VerifyChain(
        chain, [&](std::string_view p, std::string_view r) { return old.ChainLink(p, r); });
    if (broken) {
      return Status(Code::kFailedPrecondition,
                    "审计链已被篡改（第 " + std::to_string(broken->seq) + " 条，" +
                        std::string(domain::ChainFaultName(broken->fault)) +
                        "），拒绝换密钥；请先调查");
    }
    const bool sqlite = tx.conn().Dialect() == "sqlite";
    ANPEI_RETURN_IF_ERROR(tx.conn().ExecuteScript(
        sqlite ? "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete"
               : "ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_change"));
    std::string prev;
    for (auto& e : chain) {
      e.prev_link = prev;
      e.link = next.ChainLink(prev, domain::AuditRecord(e));
      ANPEI_ASSIGN_OR_RETURN(auto r,
                             tx.Q("UPDATE audit_events SET prev_link = ?, link = ? WHERE seq = ?",
                                  {e.prev_link, e.link, Int(e.seq)}));
      prev = e.link;
      ++done.audit_events;
    }
    ANPEI_RETURN_IF_ERROR(tx.conn().ExecuteScript(
        sqlite ? "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN "
                 "SELECT RAISE(ABORT, 'audit_events is append-only'); END; "
                 "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN "
                 "SELECT RAISE(ABORT, 'audit_events is append-only'); END;"
               : "ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_change"));
    // The rotation itself, linked with the new key.
    domain::AuditEvent e;
    e.at = at;
    e.actor = actor;
    e.role = std::string(domain::kRoleSystem);
    e.action = "key.rotate";
    e.target = "store";
    e.detail = "重新加密 " + std::to_string(done.trainees + done.teachers) + " 条个人信息，" +
               "重新链接 " + std::to_string(done.audit_events) + " 条审计事件";
    SqlTx relinked(tx.conn(), next);
    return relinked.AppendAudit(e);
  });
  if (!st.ok()) return st;
  return done;
}

Result<bool> SqlStore::HoldsKeyedData() {
  bool holds = false;
  Status st = Run(ports::TxMode::kRead, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base);
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           tx.Q("SELECT (SELECT COUNT(*) FROM audit_events) + "
                                "(SELECT COUNT(*) FROM trainees WHERE id_number LIKE 'bi1:%') + "
                                "(SELECT COUNT(*) FROM teachers WHERE id_number LIKE 'bi1:%')"));
    holds = AsInt(r.rows[0][0]) > 0;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return holds;
}

}  // namespace anpei::adapters
