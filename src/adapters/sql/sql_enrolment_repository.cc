// SQL adapter of ports::EnrolmentRepository: each institution's own record of a person
// (enrolments) and the enrolments held for a reviewer (held_enrolments). Portable SQL for SQLite
// and PostgreSQL; one instance per transaction (see sql_store.h).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

class SqlEnrolmentRepository final : public ports::EnrolmentRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<std::optional<domain::Enrolment>> GetEnrolment(int64_t institution_id,
                                                        int64_t trainee_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT id, institution_id, trainee_id, phone_enc, trainee_group, version, "
                  "created_at, updated_at, given_name, unconfirmed FROM enrolments WHERE "
                  "institution_id = ? AND "
                  "trainee_id = ?",
                  {Int(institution_id), Int(trainee_id)}));
    if (r.rows.empty()) return std::optional<domain::Enrolment>();
    const RowRef row = Rows(r).front();
    domain::Enrolment e;
    e.institution_id = row.Int("institution_id");
    e.trainee_id = row.Int("trainee_id");
    e.id = row.Int("id");
    ANPEI_ASSIGN_OR_RETURN(auto phone, Open(row.Cell("phone_enc"), kEnrolmentPhone, e.id));
    e.phone = std::move(phone);
    e.group = row.Str("trainee_group");
    e.version = row.Int("version");
    e.created_at = row.Str("created_at");
    e.updated_at = row.Str("updated_at");
    e.given_name = row.Opt("given_name").value_or("");
    e.unconfirmed = row.Int("unconfirmed") != 0;
    return std::optional<domain::Enrolment>(std::move(e));
  }

  // The record, and the person's place in the district's list (district_trainees), together.
  Status InsertEnrolment(const domain::Enrolment& e) override {
    // The phone is sealed for the record's own row, once the row has its id.
    ANPEI_ASSIGN_OR_RETURN(
        auto made, Q("INSERT INTO enrolments (institution_id, trainee_id, trainee_group, "
                     "created_at, updated_at, given_name, unconfirmed) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                     {Int(e.institution_id), Int(e.trainee_id), Str(e.group), Str(e.created_at),
                      Str(e.updated_at), GivenName(e), Int(e.unconfirmed ? 1 : 0)}));
    const int64_t id = Rows(made).front().Int("id");
    ANPEI_RETURN_IF_ERROR(Q("UPDATE enrolments SET phone_enc = ? WHERE id = ?",
                            {Seal(e.phone, kEnrolmentPhone, id), Int(id)})
                              .status());
    ANPEI_RETURN_IF_ERROR(Q("INSERT INTO trainee_counts (scope, n) VALUES (?, 1) "
                            "ON CONFLICT (scope) DO UPDATE SET n = trainee_counts.n + 1",
                            {Str("institution:" + std::to_string(e.institution_id))})
                              .status());
    ANPEI_ASSIGN_OR_RETURN(
        auto known, Q("INSERT INTO district_trainees (district_code, trainee_id) SELECT "
                      "district_code, ? FROM institutions WHERE id = ? ON CONFLICT DO NOTHING",
                      {Int(e.trainee_id), Int(e.institution_id)}));
    if (known.affected == 0) return Status::Ok();  // the district knew the person already
    return Q("INSERT INTO trainee_counts (scope, n) SELECT 'district:' || district_code, 1 "
             "FROM institutions WHERE id = ? "
             "ON CONFLICT (scope) DO UPDATE SET n = trainee_counts.n + 1",
             {Int(e.institution_id)})
        .status();
  }

  Status UpdateEnrolment(const domain::Enrolment& e, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE enrolments SET phone_enc = ?, trainee_group = ?, updated_at = ?, "
          "given_name = ?, unconfirmed = ?, version = version + 1 "
          "WHERE institution_id = ? AND trainee_id = ? AND version = ?",
          {Seal(e.phone, kEnrolmentPhone, e.id), Str(e.group), Str(e.updated_at), GivenName(e),
           Int(e.unconfirmed ? 1 : 0), Int(e.institution_id), Int(e.trainee_id), Int(expected)}));
    if (r.affected == 0) {
      return Status(Code::kConflict, "学员信息已被他人修改，请刷新后再改", "version")
          .WithReason("version.stale");
    }
    return Status::Ok();
  }

  static SqlValue GivenName(const domain::Enrolment& e) {
    return e.given_name.empty() ? SqlValue() : Str(e.given_name);
  }

  Status DeleteEnrolment(int64_t institution_id, int64_t trainee_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto gone,
                           Q("DELETE FROM enrolments WHERE institution_id = ? AND trainee_id = ?",
                             {Int(institution_id), Int(trainee_id)}));
    if (gone.affected == 0) return Status::Ok();
    ANPEI_RETURN_IF_ERROR(Q("UPDATE trainee_counts SET n = n - 1 WHERE scope = ?",
                            {Str("institution:" + std::to_string(institution_id))})
                              .status());
    // The district forgets the person when no institution of it has a record of them any more.
    ANPEI_ASSIGN_OR_RETURN(
        auto forgot,
        Q("DELETE FROM district_trainees WHERE trainee_id = ? AND district_code = "
          "(SELECT district_code FROM institutions WHERE id = ?) AND NOT EXISTS (SELECT 1 FROM "
          "enrolments e JOIN institutions i ON i.id = e.institution_id WHERE e.trainee_id = ? "
          "AND i.district_code = district_trainees.district_code)",
          {Int(trainee_id), Int(institution_id), Int(trainee_id)}));
    if (forgot.affected == 0) return Status::Ok();
    return Q("UPDATE trainee_counts SET n = n - 1 WHERE scope = (SELECT 'district:' || "
             "district_code FROM institutions WHERE id = ?)",
             {Int(institution_id)})
        .status();
  }

  Result<std::vector<int64_t>> ClassesWithTrainee(int64_t institution_id,
                                                  int64_t trainee_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT r.class_id FROM class_roster r JOIN classes c ON c.id = r.class_id "
                  "WHERE r.trainee_id = ? AND c.institution_id = ? ORDER BY r.class_id",
                  {Int(trainee_id), Int(institution_id)}));
    std::vector<int64_t> out;
    for (RowRef row : Rows(r)) out.push_back(row.Int("class_id"));
    return out;
  }

  Result<int64_t> InsertNotice(const domain::Notice& n) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO notices (institution_id, kind, subject, message, created_at) "
          "VALUES (?, ?, ?, ?, ?) RETURNING id",
          {Int(n.institution_id), Str(n.kind), Str(n.subject), Str(n.message), Str(n.created_at)}));
    return Rows(r).front().Int("id");
  }

  Result<ports::PageOf<domain::Notice>> ListNotices(const ports::NoticeFilter& f,
                                                    ports::Page page) override {
    Where w;
    if (f.institution_id) w.Add("n.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    ports::PageOf<domain::Notice> out;
    out.page = page;
    const std::string from = "FROM notices n JOIN institutions i ON i.id = n.institution_id";
    ANPEI_RETURN_IF_ERROR(CountPage(from, w, out));
    ANPEI_ASSIGN_OR_RETURN(
        auto r, SelectPage("SELECT n.id, n.institution_id, n.kind, n.subject, n.message, "
                           "n.created_at " +
                               from,
                           w, {"n.id", true}, page));
    for (RowRef row : Rows(r)) {
      out.items.push_back(domain::Notice{row.Int("id"), row.Int("institution_id"), row.Str("kind"),
                                         row.Str("subject"), row.Str("message"),
                                         row.Str("created_at")});
    }
    FinishPage(out, [](const domain::Notice& n) { return n.id; });
    return out;
  }

  Result<bool> KnownInDistrict(int64_t trainee_id, std::string_view district_code) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT 1 AS found FROM district_trainees WHERE district_code = ? AND "
                             "trainee_id = ?",
                             {Str(district_code), Int(trainee_id)}));
    return !r.rows.empty();
  }

  static constexpr std::string_view kHeldColumns =
      "SELECT h.id, h.institution_id, i.name AS institution_name, i.district_code, h.class_id, "
      "c.title AS class_title, h.trainee_id, h.given_name, t.name AS recorded_name, "
      "t.id_number_enc, h.phone_enc, h.trainee_group, h.state, h.reason, h.decided_by, "
      "h.decided_at, h.version, h.created_at FROM held_enrolments h "
      "JOIN institutions i ON i.id = h.institution_id JOIN trainees t ON t.id = h.trainee_id "
      "LEFT JOIN classes c ON c.id = h.class_id";

  Result<domain::HeldEnrolment> HeldOf(const RowRef& row) {
    domain::HeldEnrolment h;
    h.id = row.Int("id");
    h.institution_id = row.Int("institution_id");
    h.institution_name = row.Str("institution_name");
    h.district_code = row.Str("district_code");
    if (auto c = row.Opt("class_id")) h.class_id = row.Int("class_id");
    h.class_title = row.Str("class_title");
    h.trainee_id = row.Int("trainee_id");
    h.given_name = row.Str("given_name");
    h.recorded_name = row.Str("recorded_name");
    ANPEI_ASSIGN_OR_RETURN(auto idn, Open(row.Cell("id_number_enc"), kTraineeId, h.trainee_id));
    h.id_number = std::move(idn);
    ANPEI_ASSIGN_OR_RETURN(auto phone, Open(row.Cell("phone_enc"), kHeldPhone, h.id));
    h.phone = std::move(phone);
    h.group = row.Str("trainee_group");
    h.state = domain::ParseHeldState(row.Str("state")).value_or(domain::HeldState::kHeld);
    h.reason = row.Str("reason");
    h.decided_by = row.Opt("decided_by");
    h.decided_at = row.Opt("decided_at");
    h.version = row.Int("version");
    h.created_at = row.Str("created_at");
    return h;
  }

  Result<ports::PageOf<domain::HeldEnrolment>> ListHeld(const ports::HeldFilter& f,
                                                        ports::Page page) override {
    Where w;
    if (f.institution_id) w.Add("h.institution_id = ?", Int(*f.institution_id));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.state) w.Add("h.state = ?", Str(*f.state));
    ports::PageOf<domain::HeldEnrolment> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(
        CountPage("FROM held_enrolments h JOIN institutions i ON i.id = h.institution_id", w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(kHeldColumns, w, {"h.id", !f.oldest_first}, page));
    for (RowRef row : Rows(r)) {
      ANPEI_ASSIGN_OR_RETURN(auto h, HeldOf(row));
      out.items.push_back(std::move(h));
    }
    FinishPage(out, [](const domain::HeldEnrolment& h) { return h.id; });
    return out;
  }

  Result<domain::HeldEnrolment> GetHeld(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kHeldColumns) + " WHERE h.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("待审核报名", id);
    return HeldOf(Rows(r).front());
  }

  Result<std::optional<int64_t>> FindOpenHeld(int64_t institution_id,
                                              std::optional<int64_t> class_id,
                                              int64_t trainee_id) override {
    Where w;
    w.Add("institution_id = ?", Int(institution_id));
    w.Add("trainee_id = ?", Int(trainee_id));
    w.Add("state = ?", Str(domain::HeldStateId(domain::HeldState::kHeld)));
    if (class_id) {
      w.Add("class_id = ?", Int(*class_id));
    } else {
      w.sql += " AND class_id IS NULL";
    }
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT id FROM held_enrolments" + w.sql, w.params));
    if (r.rows.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(Rows(r).front().Int("id"));
  }

  Result<int64_t> InsertHeld(const domain::HeldEnrolment& h) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO held_enrolments (institution_id, class_id, trainee_id, given_name, "
                  "trainee_group, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(h.institution_id), h.class_id ? Int(*h.class_id) : SqlValue(),
                   Int(h.trainee_id), Str(h.given_name), Str(h.group),
                   Str(domain::HeldStateId(domain::HeldState::kHeld)), Str(h.created_at)}));
    const int64_t id = Rows(r).front().Int("id");
    ANPEI_RETURN_IF_ERROR(Q("UPDATE held_enrolments SET phone_enc = ? WHERE id = ?",
                            {Seal(h.phone, kHeldPhone, id), Int(id)})
                              .status());
    return id;
  }

  Status DecideHeld(const domain::HeldEnrolment& h, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE held_enrolments SET state = ?, reason = ?, decided_by = ?, "
                  "decided_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                  {Str(domain::HeldStateId(h.state)), Str(h.reason), OptStr(h.decided_by),
                   OptStr(h.decided_at), Int(h.id), Int(expected)}));
    if (r.affected == 0) return Missed("held_enrolments", "待审核报名", h.id);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::EnrolmentRepository> MakeEnrolmentRepository(ports::SqlConnection& conn,
                                                                    const ports::Vault& vault) {
  return std::make_unique<SqlEnrolmentRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
