// SQL adapter of ports::SpotCheckRepository: draws, visits, photos and cases (migration 0018).
// Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include <charconv>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::vector<int64_t> SplitIds(std::string_view text) {
  std::vector<int64_t> out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    int64_t id = 0;
    std::from_chars(item.data(), item.data() + item.size(), id);
    out.push_back(id);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string JoinLines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> out;
  size_t at = 0;
  while (at <= text.size() && !text.empty()) {
    const size_t nl = text.find('\n', at);
    out.push_back(text.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  return out;
}

constexpr std::string_view kDrawColumns =
    "SELECT id, district_code, occupation, institution_id, draw_count, seed, seed_source, "
    "on_date, candidates, class_ids, drawn_by, drawn_by_name, drawn_at FROM spot_check_draws";

domain::SpotCheckDraw DrawOf(const RowRef& r) {
  domain::SpotCheckDraw d;
  d.id = r.Int("id");
  d.district_code = r.Opt("district_code");
  d.occupation = r.Opt("occupation");
  if (r.Opt("institution_id")) d.institution_id = r.Int("institution_id");
  d.count = r.Int("draw_count");
  d.seed = r.Str("seed");
  d.seed_source = r.Str("seed_source");
  d.on_date = r.Str("on_date");
  d.candidates = SplitIds(r.Str("candidates"));
  d.class_ids = SplitIds(r.Str("class_ids"));
  d.drawn_by = r.Int("drawn_by");
  d.drawn_by_name = r.Str("drawn_by_name");
  d.drawn_at = r.Str("drawn_at");
  return d;
}

constexpr std::string_view kVisitColumns =
    "SELECT v.id, v.class_id, v.draw_id, v.visited_at, v.inspectors, v.present, v.expected, "
    "v.findings, v.recorded_by, v.recorded_by_name, v.recorded_at, "
    "(SELECT COUNT(*) FROM spot_check_photos p WHERE p.spot_check_id = v.id) AS photo_count, "
    "(SELECT k.id FROM cases k WHERE k.source = 'spot_check' AND k.source_id = v.id) AS case_id "
    "FROM spot_checks v";

domain::SpotCheckVisit VisitOf(const RowRef& r) {
  domain::SpotCheckVisit v;
  v.id = r.Int("id");
  v.class_id = r.Int("class_id");
  if (r.Opt("draw_id")) v.draw_id = r.Int("draw_id");
  v.visited_at = r.Str("visited_at");
  v.inspectors = SplitLines(r.Str("inspectors"));
  v.present = r.Int("present");
  v.expected = r.Int("expected");
  v.findings = r.Str("findings");
  v.recorded_by_id = r.Int("recorded_by");
  v.recorded_by = r.Str("recorded_by_name");
  v.recorded_at = r.Str("recorded_at");
  v.photo_count = r.Int("photo_count");
  if (r.Opt("case_id")) v.case_id = r.Int("case_id");
  return v;
}

constexpr std::string_view kPhotoColumns =
    "SELECT spot_check_id, n, sha256, size_bytes, mime, file_name, uploaded_by, uploaded_at "
    "FROM spot_check_photos";

domain::SpotCheckPhoto PhotoOf(const RowRef& r) {
  return {r.Int("spot_check_id"), r.Int("n"),         r.Str("sha256"),      r.Int("size_bytes"),
          r.Str("mime"),          r.Str("file_name"), r.Str("uploaded_by"), r.Str("uploaded_at")};
}

class SqlSpotCheckRepository final : public ports::SpotCheckRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<std::vector<int64_t>> ClassesInTraining(const ports::CandidateFilter& f) override {
    Where w;
    w.Add("c.state = ?", Str("approved"));
    if (f.district_code) w.Add("i.district_code = ?", Str(*f.district_code));
    if (f.occupation) w.Add("c.occupation = ?", Str(*f.occupation));
    if (f.institution_id) w.Add("c.institution_id = ?", Int(*f.institution_id));
    w.Add("(SELECT MIN(s.date) FROM class_sessions s WHERE s.class_id = c.id) <= ?", Str(f.today));
    w.Add("(SELECT MAX(s.date) FROM class_sessions s WHERE s.class_id = c.id) >= ?", Str(f.today));
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT c.id FROM classes c JOIN institutions i ON i.id = "
                                     "c.institution_id" +
                                         w.sql + " ORDER BY c.id",
                                     w.params));
    std::vector<int64_t> out;
    for (RowRef row : Rows(r)) out.push_back(row.Int("id"));
    return out;
  }

  Result<std::vector<domain::ClassBrief>> Briefs(const std::vector<int64_t>& ids) override {
    std::vector<domain::ClassBrief> out;
    if (ids.empty()) return out;
    std::string marks;
    Params params;
    for (int64_t id : ids) {
      marks += marks.empty() ? "?" : ", ?";
      params.push_back(Int(id));
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT c.id, c.title, c.institution_id, i.name AS institution_name, "
                  "i.district_code, c.state FROM classes c JOIN institutions i ON i.id = "
                  "c.institution_id WHERE c.id IN (" +
                      marks + ")",
                  params));
    for (RowRef row : Rows(r)) {
      out.push_back(
          {row.Int("id"), row.Str("title"), row.Int("institution_id"), row.Str("institution_name"),
           row.Str("district_code"),
           domain::ParseClassState(row.Str("state")).value_or(domain::ClassState::kDraft)});
    }
    return out;
  }

  Result<int64_t> InsertDraw(const domain::SpotCheckDraw& d) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO spot_check_draws (district_code, occupation, institution_id, draw_count, "
          "seed, seed_source, on_date, candidates, class_ids, drawn_by, drawn_by_name, drawn_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {OptStr(d.district_code), OptStr(d.occupation),
           d.institution_id ? Int(*d.institution_id) : SqlValue(), Int(d.count), Str(d.seed),
           Str(d.seed_source), Str(d.on_date), Str(JoinIds(d.candidates)),
           Str(JoinIds(d.class_ids)), Int(d.drawn_by), Str(d.drawn_by_name), Str(d.drawn_at)}));
    return Rows(r).front().Int("id");
  }

  Result<domain::SpotCheckDraw> GetDraw(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kDrawColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("抽查记录", id);
    return DrawOf(Rows(r).front());
  }

  Result<ports::PageOf<domain::SpotCheckDraw>> ListDraws(
      const std::optional<std::string>& district_code, ports::Page page) override {
    Where w;
    if (district_code) w.Add("district_code = ?", Str(*district_code));
    ports::PageOf<domain::SpotCheckDraw> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage("FROM spot_check_draws", w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(kDrawColumns, w, {"id", true}, page));
    for (RowRef row : Rows(r)) out.items.push_back(DrawOf(row));
    FinishPage(out, [](const domain::SpotCheckDraw& d) { return d.id; });
    return out;
  }

  Result<int64_t> InsertVisit(const domain::SpotCheckVisit& v) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO spot_checks (class_id, draw_id, visited_at, inspectors, present, "
                  "expected, findings, recorded_by, recorded_by_name, recorded_at) VALUES (?, ?, "
                  "?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(v.class_id), v.draw_id ? Int(*v.draw_id) : SqlValue(), Str(v.visited_at),
                   Str(JoinLines(v.inspectors)), Int(v.present), Int(v.expected), Str(v.findings),
                   Int(v.recorded_by_id), Str(v.recorded_by), Str(v.recorded_at)}));
    return Rows(r).front().Int("id");
  }

  Result<domain::SpotCheckVisit> GetVisit(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kVisitColumns) + " WHERE v.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("现场检查记录", id);
    return VisitOf(Rows(r).front());
  }

  Result<std::vector<domain::SpotCheckVisit>> ListVisits(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kVisitColumns) + " WHERE v.class_id = ? ORDER BY v.id DESC",
                  {Int(class_id)}));
    std::vector<domain::SpotCheckVisit> out;
    for (RowRef row : Rows(r)) out.push_back(VisitOf(row));
    return out;
  }

  Result<int64_t> InsertPhoto(const domain::SpotCheckPhoto& p) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO spot_check_photos (spot_check_id, n, sha256, size_bytes, mime, "
                  "file_name, uploaded_by, uploaded_at) SELECT ?, COALESCE(MAX(n), 0) + 1, ?, ?, "
                  "?, ?, ?, ? FROM spot_check_photos WHERE spot_check_id = ? RETURNING n",
                  {Int(p.spot_check_id), Str(p.sha256), Int(p.size), Str(p.mime), Str(p.file_name),
                   Str(p.uploaded_by), Str(p.uploaded_at), Int(p.spot_check_id)}));
    return Rows(r).front().Int("n");
  }

  Result<domain::SpotCheckPhoto> GetPhoto(int64_t spot_check_id, int64_t n) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kPhotoColumns) + " WHERE spot_check_id = ? AND n = ?",
                             {Int(spot_check_id), Int(n)}));
    if (r.rows.empty()) return NotFoundId("照片", n);
    return PhotoOf(Rows(r).front());
  }

  Result<std::vector<domain::SpotCheckPhoto>> ListPhotos(int64_t spot_check_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kPhotoColumns) + " WHERE spot_check_id = ? ORDER BY n",
                             {Int(spot_check_id)}));
    std::vector<domain::SpotCheckPhoto> out;
    for (RowRef row : Rows(r)) out.push_back(PhotoOf(row));
    return out;
  }

  Result<int64_t> InsertCase(const domain::CaseRecord& c) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO cases (class_id, source, source_id, state, summary, opened_by, "
                  "opened_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(c.class_id), Str(c.source), Int(c.source_id), Str(c.state), Str(c.summary),
                   Str(c.opened_by), Str(c.opened_at)}));
    return Rows(r).front().Int("id");
  }
};

}  // namespace

std::unique_ptr<ports::SpotCheckRepository> MakeSpotCheckRepository(ports::SqlConnection& conn,
                                                                    const ports::Vault& vault) {
  return std::make_unique<SqlSpotCheckRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
