// SQL adapter of ports::RegistryRepository: districts, training institutions, teachers and
// trainees. Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include <algorithm>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"
#include "domain/identity.h"

namespace anpei::adapters::sql {
namespace {

class SqlRegistryRepository final : public ports::RegistryRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  // ---- districts ----
  Result<std::vector<domain::District>> ListDistricts() override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT code, name FROM districts ORDER BY code"));
    std::vector<domain::District> out;
    for (RowRef row : Rows(r)) out.push_back({row.Str("code"), row.Str("name")});
    return out;
  }
  Result<domain::District> GetDistrict(std::string_view code) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT code, name FROM districts WHERE code = ?", {Str(code)}));
    if (r.rows.empty()) {
      return Status(Code::kNotFound, "行政区划 " + std::string(code) + " 不存在", "code");
    }
    return domain::District{Rows(r).front().Str("code"), Rows(r).front().Str("name")};
  }
  Status InsertDistrict(const domain::District& d) override {
    return Q("INSERT INTO districts (code, name) VALUES (?, ?)", {Str(d.code), Str(d.name)})
        .status();
  }

  // ---- institutions ----
  static constexpr std::string_view kInstitutionColumns =
      "SELECT i.id, i.name, i.uscc, i.district_code, d.name AS district_name, i.address, "
      "i.blacklisted_at, i.uscc_status, i.uscc_note, "
      "i.version, i.created_at, i.updated_at FROM institutions i "
      "JOIN districts d ON d.code = i.district_code";
  static domain::Institution InstitutionOf(const RowRef& r) {
    domain::Institution i;
    i.id = r.Int("id");
    i.name = r.Str("name");
    i.uscc = r.Str("uscc");
    i.district_code = r.Str("district_code");
    i.district_name = r.Str("district_name");
    i.address = r.Str("address");
    i.blacklisted_at = r.Opt("blacklisted_at");
    i.uscc_status =
        domain::ParseUsccStatus(r.Str("uscc_status")).value_or(domain::UsccStatus::kPending);
    i.uscc_note = r.Str("uscc_note");
    i.version = r.Int("version");
    i.created_at = r.Str("created_at");
    i.updated_at = r.Str("updated_at");
    return i;
  }
  Result<ports::PageOf<domain::Institution>> ListInstitutions(const ports::InstitutionFilter& f,
                                                              ports::Page page) override {
    Where w;
    if (f.id) w.Add("i.id = ?", Int(*f.id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.q) {
      // Credit codes are stored upper-case (GB 32100); a code typed in lower case finds them.
      w.AddTwo("(i.name LIKE ? ESCAPE '\\' OR i.uscc LIKE ? ESCAPE '\\')", LikePattern(*f.q),
               LikePattern(domain::CanonicalUscc(*f.q)));
    }
    if (f.uscc_status) w.Add("i.uscc_status = ?", Str(*f.uscc_status));
    ports::PageOf<domain::Institution> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage("FROM institutions i", w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(kInstitutionColumns, w, {"i.id"}, page));
    for (RowRef row : Rows(r)) out.items.push_back(InstitutionOf(row));
    FinishPage(out, [](const domain::Institution& i) { return i.id; });
    return out;
  }
  Result<domain::Institution> GetInstitution(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kInstitutionColumns) + " WHERE i.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("培训机构", id);
    return InstitutionOf(Rows(r).front());
  }
  Result<int64_t> InsertInstitution(const domain::Institution& i) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO institutions (name, uscc, district_code, address, blacklisted_at, "
                  "uscc_status, uscc_note, created_at, updated_at) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Str(i.name), Str(i.uscc), Str(i.district_code), Str(i.address),
                   OptStr(i.blacklisted_at), Str(domain::UsccStatusId(i.uscc_status)),
                   Str(i.uscc_note), Str(i.created_at), Str(i.updated_at)}));
    return Rows(r).front().Int("id");
  }
  Status UpdateInstitution(const domain::Institution& i, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(auto before,
                           Q("SELECT district_code FROM institutions WHERE id = ?", {Int(i.id)}));
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE institutions SET name = ?, uscc = ?, district_code = ?, address = ?, "
                  "blacklisted_at = ?, uscc_status = ?, uscc_note = ?, updated_at = ?, "
                  "version = version + 1 WHERE id = ? AND version = ?",
                  {Str(i.name), Str(i.uscc), Str(i.district_code), Str(i.address),
                   OptStr(i.blacklisted_at), Str(domain::UsccStatusId(i.uscc_status)),
                   Str(i.uscc_note), Str(i.updated_at), Int(i.id), Int(expected)}));
    if (r.affected == 0) return Missed("institutions", "培训机构", i.id);
    const std::string old = Rows(before).front().Str("district_code");
    if (old == i.district_code) return Status::Ok();
    return MoveDistrict(i.id, old, i.district_code);
  }
  // The institution's people join the new district's list and leave the old one's unless
  // another institution there knows them (district_trainees, migration 0008).
  Status MoveDistrict(int64_t institution_id, const std::string& from, const std::string& to) {
    ANPEI_RETURN_IF_ERROR(
        Q("INSERT INTO district_trainees (district_code, trainee_id) SELECT ?, trainee_id "
          "FROM enrolments WHERE institution_id = ? ON CONFLICT DO NOTHING",
          {Str(to), Int(institution_id)})
            .status());
    ANPEI_RETURN_IF_ERROR(
        Q("DELETE FROM district_trainees WHERE district_code = ? AND trainee_id IN (SELECT "
          "trainee_id FROM enrolments WHERE institution_id = ?) AND NOT EXISTS (SELECT 1 FROM "
          "enrolments e JOIN institutions i ON i.id = e.institution_id WHERE e.trainee_id = "
          "district_trainees.trainee_id AND i.district_code = ?)",
          {Str(from), Int(institution_id), Str(from)})
            .status());
    // Both districts' counts again (trainee_counts), from their lists.
    ANPEI_RETURN_IF_ERROR(Q("DELETE FROM trainee_counts WHERE scope IN (?, ?)",
                            {Str("district:" + from), Str("district:" + to)})
                              .status());
    return Q("INSERT INTO trainee_counts (scope, n) SELECT 'district:' || district_code, "
             "COUNT(*) FROM district_trainees WHERE district_code IN (?, ?) GROUP BY "
             "district_code",
             {Str(from), Str(to)})
        .status();
  }

  // The exact total of an unfiltered scoped list: one row of trainee_counts.
  Status CountFromCounter(const std::string& scope, ports::PageOf<domain::Trainee>& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT n FROM trainee_counts WHERE scope = ?", {Str(scope)}));
    out.total = r.rows.empty() ? 0 : Rows(r).front().Int("n");
    out.total_exact = true;
    return Status::Ok();
  }

  // ---- teachers ----
  static constexpr std::string_view kTeacherColumns =
      "SELECT id, institution_id, name, id_number_enc, qualification, version, created_at, "
      "(SELECT i.name FROM institutions i WHERE i.id = teachers.institution_id) AS "
      "institution_name FROM teachers";
  Result<domain::Teacher> TeacherOf(const RowRef& r) {
    domain::Teacher t;
    t.id = r.Int("id");
    t.institution_id = r.Int("institution_id");
    t.name = r.Str("name");
    ANPEI_ASSIGN_OR_RETURN(auto id, Open(r.Cell("id_number_enc"), kTeacherId, t.id));
    t.id_number = std::move(id);
    t.qualification = r.Str("qualification");
    t.version = r.Int("version");
    t.created_at = r.Str("created_at");
    t.institution_name = r.Str("institution_name");
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
    ANPEI_RETURN_IF_ERROR(CountPage("FROM teachers", w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(kTeacherColumns, w, {"id"}, page));
    for (RowRef row : Rows(r)) {
      ANPEI_ASSIGN_OR_RETURN(auto t, TeacherOf(row));
      out.items.push_back(std::move(t));
    }
    FinishPage(out, [](const domain::Teacher& t) { return t.id; });
    return out;
  }
  Result<domain::Teacher> GetTeacher(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kTeacherColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("教师", id);
    return TeacherOf(Rows(r).front());
  }
  Result<int64_t> InsertTeacher(const domain::Teacher& t) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO teachers (institution_id, name, id_number, id_number_enc, qualification, "
          "created_at) VALUES (?, ?, ?, '', ?, ?) RETURNING id",
          {Int(t.institution_id), Str(t.name), vault_.BlindIndex(t.id_number, kTeacherId),
           Str(t.qualification), Str(t.created_at)}));
    const int64_t id = Rows(r).front().Int("id");
    // Sealed once the row has its id, which the ciphertext is bound to.
    ANPEI_RETURN_IF_ERROR(Q("UPDATE teachers SET id_number_enc = ? WHERE id = ?",
                            {Seal(t.id_number, kTeacherId, id), Int(id)}));
    return id;
  }
  Status UpdateTeacher(const domain::Teacher& t, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE teachers SET name = ?, id_number = ?, id_number_enc = ?, qualification = ?, "
          "version = version + 1 WHERE id = ? AND version = ?",
          {Str(t.name), vault_.BlindIndex(t.id_number, kTeacherId),
           Seal(t.id_number, kTeacherId, t.id), Str(t.qualification), Int(t.id), Int(expected)}));
    if (r.affected == 0) return Missed("teachers", "教师", t.id);
    return Status::Ok();
  }

  // ---- trainees ----
  static constexpr std::string_view kTraineeColumns =
      "SELECT t.id, t.name, t.id_number_enc, t.phone_enc, t.trainee_group, t.version, "
      "t.created_at FROM trainees t";
  Result<domain::Trainee> TraineeOf(const RowRef& r) {
    domain::Trainee t;
    t.id = r.Int("id");
    t.name = r.Str("name");
    ANPEI_ASSIGN_OR_RETURN(auto id, Open(r.Cell("id_number_enc"), kTraineeId, t.id));
    t.id_number = std::move(id);
    ANPEI_ASSIGN_OR_RETURN(auto phone, Open(r.Cell("phone_enc"), kTraineePhone, t.id));
    t.phone = std::move(phone);
    t.group = r.Str("trainee_group");
    t.version = r.Int("version");
    t.created_at = r.Str("created_at");
    return t;
  }
  static void And(Where& w, const Where& more) {
    if (more.sql.empty()) return;
    w.sql +=
        (w.sql.find(" WHERE ") == std::string::npos ? " WHERE " : " AND ") + more.sql.substr(7);
    w.params.insert(w.params.end(), more.params.begin(), more.params.end());
  }

  // An institution's trainees are its own records (enrolments), walked in person order through
  // the primary key (institution_id, trainee_id); the phone, group, version and dates shown are
  // the record's. The total is an index-only count of the same key, capped like every total.
  Result<ports::PageOf<domain::Trainee>> ListOwnTrainees(const ports::TraineeFilter& f,
                                                         const Where& rest, ports::Page page) {
    Where w;
    w.Add("e.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) {
      w.Add("e.institution_id IN (SELECT id FROM institutions WHERE district_code = ?)",
            Str(*f.district_code));
    }
    And(w, rest);
    ports::PageOf<domain::Trainee> out;
    out.page = page;
    if (rest.sql.empty() && !f.district_code) {
      ANPEI_RETURN_IF_ERROR(
          CountFromCounter("institution:" + std::to_string(*f.institution_id), out));
    } else {
      ANPEI_RETURN_IF_ERROR(
          CountPage("FROM enrolments e JOIN trainees t ON t.id = e.trainee_id", w, out));
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto r, SelectPage("SELECT t.id, COALESCE(e.given_name, t.name) AS name, t.id_number_enc, "
                           "t.phone_enc, e.id AS record_id, "
                           "e.phone_enc AS record_phone_enc, e.trainee_group, e.version, "
                           "e.created_at FROM enrolments e "
                           "JOIN trainees t ON t.id = e.trainee_id",
                           w, {"e.trainee_id"}, page));
    for (RowRef row : Rows(r)) {
      ANPEI_ASSIGN_OR_RETURN(auto t, TraineeOf(row));
      ANPEI_ASSIGN_OR_RETURN(
          auto phone, Open(row.Cell("record_phone_enc"), kEnrolmentPhone, row.Int("record_id")));
      t.phone = std::move(phone);  // the institution's own
      out.items.push_back(std::move(t));
    }
    FinishPage(out, [](const domain::Trainee& t) { return t.id; });
    return out;
  }

  // A district's trainees: the people known to an institution of the district
  // (district_trainees, kept with every enrolment record), walked in person order through its
  // primary key (district_code, trainee_id) and counted on it, index only. A whole ID number is a
  // lookup of the blind index alone.
  Result<ports::PageOf<domain::Trainee>> ListTrainees(const ports::TraineeFilter& f,
                                                      ports::Page page) override {
    Where rest;
    if (f.id_number) rest.Add("t.id_number = ?", vault_.BlindIndex(*f.id_number, kTraineeId));
    // An institution filters by the group in its own record.
    if (f.group) {
      rest.Add(f.institution_id ? "e.trainee_group = ?" : "t.trainee_group = ?", Str(*f.group));
    }
    // An institution searches the names it sees (its record's, while a reviewer has not decided).
    if (f.q) {
      rest.Add(f.institution_id ? "COALESCE(e.given_name, t.name) LIKE ? ESCAPE '\\'"
                                : "t.name LIKE ? ESCAPE '\\'",
               LikePattern(*f.q));
    }
    if (f.institution_id) return ListOwnTrainees(f, rest, page);
    ports::PageOf<domain::Trainee> out;
    out.page = page;
    Where w;
    std::string from = "FROM trainees t";
    ListOrder order{"t.id"};
    if (f.district_code) {
      w.Add("d.district_code = ?", Str(*f.district_code));
      And(w, rest);
      if (rest.sql.empty()) {
        ANPEI_RETURN_IF_ERROR(CountFromCounter("district:" + *f.district_code, out));
      } else {
        ANPEI_RETURN_IF_ERROR(
            CountPage("FROM district_trainees d JOIN trainees t ON t.id = d.trainee_id", w, out));
      }
      from = "FROM district_trainees d JOIN trainees t ON t.id = d.trainee_id";
      order = {"d.trainee_id"};
    } else {
      And(w, rest);
      ANPEI_RETURN_IF_ERROR(CountPage(from, w, out));
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto r, SelectPage("SELECT t.id, t.name, t.id_number_enc, t.phone_enc, t.trainee_group, "
                           "t.version, t.created_at " +
                               from,
                           w, order, page));
    for (RowRef row : Rows(r)) {
      ANPEI_ASSIGN_OR_RETURN(auto t, TraineeOf(row));
      out.items.push_back(std::move(t));
    }
    FinishPage(out, [](const domain::Trainee& t) { return t.id; });
    return out;
  }
  Result<domain::Trainee> GetTrainee(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kTraineeColumns) + " WHERE t.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("学员", id);
    return TraineeOf(Rows(r).front());
  }
  Result<std::optional<domain::Trainee>> FindTraineeByIdNumber(std::string_view id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kTraineeColumns) + " WHERE t.id_number = ?",
                                     {vault_.BlindIndex(id, kTraineeId)}));
    if (r.rows.empty()) return std::optional<domain::Trainee>();
    ANPEI_ASSIGN_OR_RETURN(auto t, TraineeOf(Rows(r).front()));
    return std::optional<domain::Trainee>(std::move(t));
  }
  // A person's id is random (ports::Vault::NewRecordId), not the next of a sequence: the id an
  // institution gets back on enrolment must not tell whether the person was known before (issue
  // "Trust"). A clash with an existing id (about n / 2^53) draws again.
  Result<int64_t> InsertTrainee(const domain::Trainee& t) override {
    int64_t id = 0;
    for (int attempt = 0; attempt < 4 && id == 0; ++attempt) {
      const int64_t candidate = vault_.NewRecordId();
      ANPEI_ASSIGN_OR_RETURN(
          auto r, Q("INSERT INTO trainees (id, name, id_number, id_number_enc, phone, phone_enc, "
                    "trainee_group, created_at) VALUES (?, ?, ?, '', '', '', ?, ?) "
                    "ON CONFLICT (id) DO NOTHING RETURNING id",
                    {Int(candidate), Str(t.name), vault_.BlindIndex(t.id_number, kTraineeId),
                     Str(t.group), Str(t.created_at)}));
      if (!r.rows.empty()) id = Rows(r).front().Int("id");
    }
    if (id == 0) return Status(Code::kUnavailable, "系统繁忙，请稍后重试");
    // Sealed once the row has its id, which the ciphertexts are bound to.
    ANPEI_RETURN_IF_ERROR(
        Q("UPDATE trainees SET id_number_enc = ?, phone_enc = ? WHERE id = ?",
          {Seal(t.id_number, kTraineeId, id), Seal(t.phone, kTraineePhone, id), Int(id)}));
    return id;
  }
  Status UpdateTrainee(const domain::Trainee& t, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE trainees SET name = ?, id_number = ?, id_number_enc = ?, phone = '', "
          "phone_enc = ?, trainee_group = ?, version = version + 1 WHERE id = ? AND version = ?",
          {Str(t.name), vault_.BlindIndex(t.id_number, kTraineeId),
           Seal(t.id_number, kTraineeId, t.id), Seal(t.phone, kTraineePhone, t.id), Str(t.group),
           Int(t.id), Int(expected)}));
    if (r.affected == 0) return Missed("trainees", "学员", t.id);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::RegistryRepository> MakeRegistryRepository(ports::SqlConnection& conn,
                                                                  const ports::Vault& vault) {
  return std::make_unique<SqlRegistryRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
