// SQL adapter of ports::EvidenceRepository (migration 0023). Portable SQL for SQLite and
// PostgreSQL; one instance per transaction (see sql_store.h). The photo or video report is kept
// as JSON in analysis_json (Boost.JSON), the searchable parts (phash bands, faces, capture time)
// in their own columns.
#include <algorithm>
#include <array>
#include <set>

#include <boost/json.hpp>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"
#include "domain/selfie.h"

namespace anpei::adapters::sql {
namespace {

namespace json = boost::json;

std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

SqlValue OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : SqlValue(); }

json::array Spans(const std::vector<domain::VideoSpan>& spans) {
  json::array out;
  for (const auto& s : spans) out.push_back(json::array{s.start, s.end});
  return out;
}
std::vector<domain::VideoSpan> SpansOf(const json::value* v) {
  std::vector<domain::VideoSpan> out;
  if (v == nullptr || !v->is_array()) return out;
  for (const auto& s : v->as_array()) {
    if (!s.is_array() || s.as_array().size() != 2) continue;
    out.push_back({s.as_array()[0].to_number<double>(), s.as_array()[1].to_number<double>()});
  }
  return out;
}

std::string AnalysisJson(const domain::EvidenceItem& item) {
  json::object o;
  if (item.photo) {
    const auto& p = *item.photo;
    o["photo"] = json::object{
        {"faces", p.faces},
        {"phash", domain::PhashHex(p.phash)},
        {"width", p.width},
        {"height", p.height},
        {"captured_at", p.captured_at ? json::value(*p.captured_at) : json::value(nullptr)}};
  }
  if (item.video) {
    const auto& v = *item.video;
    o["video"] = json::object{
        {"duration_seconds", v.duration_seconds},
        {"creation_time", v.creation_time ? json::value(*v.creation_time) : json::value(nullptr)},
        {"width", v.width},
        {"height", v.height},
        {"codec", v.codec},
        {"frames", v.frames},
        {"max_gap_seconds", v.max_gap_seconds},
        {"gaps", Spans(v.gaps)},
        {"segments", Spans(v.segments)}};
  }
  return json::serialize(o);
}

int64_t IntAt(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_int64() ? v->as_int64() : 0;
}

void ReadAnalysis(const std::string& text, domain::EvidenceItem& item) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object()) return;
  if (auto* p = v.as_object().if_contains("photo"); p && p->is_object()) {
    const auto& o = p->as_object();
    domain::PhotoReport r;
    r.faces = static_cast<int>(IntAt(o, "faces"));
    if (auto* h = o.if_contains("phash"); h && h->is_string()) {
      r.phash = domain::ParsePhashHex(std::string(h->as_string())).value_or(0);
    }
    r.width = static_cast<int>(IntAt(o, "width"));
    r.height = static_cast<int>(IntAt(o, "height"));
    if (auto* c = o.if_contains("captured_at"); c && c->is_int64()) r.captured_at = c->as_int64();
    item.photo = r;
  }
  if (auto* p = v.as_object().if_contains("video"); p && p->is_object()) {
    const auto& o = p->as_object();
    domain::VideoReport r;
    if (auto* d = o.if_contains("duration_seconds"); d && d->is_number()) {
      r.duration_seconds = d->to_number<double>();
    }
    if (auto* c = o.if_contains("creation_time"); c && c->is_int64())
      r.creation_time = c->as_int64();
    r.width = static_cast<int>(IntAt(o, "width"));
    r.height = static_cast<int>(IntAt(o, "height"));
    if (auto* c = o.if_contains("codec"); c && c->is_string()) r.codec = c->as_string();
    r.frames = IntAt(o, "frames");
    if (auto* g = o.if_contains("max_gap_seconds"); g && g->is_number()) {
      r.max_gap_seconds = g->to_number<double>();
    }
    r.gaps = SpansOf(o.if_contains("gaps"));
    r.segments = SpansOf(o.if_contains("segments"));
    item.video = r;
  }
}

constexpr std::string_view kItemColumns =
    "SELECT id, class_id, session_seq, kind, file_name, sha256, size, mime, uploaded_by_user, "
    "uploaded_by, uploaded_at, retain_until, legal_hold, legal_hold_reason, deleted_at, "
    "started_at, analysis_json FROM evidence_items";

domain::EvidenceItem ItemOf(const RowRef& r) {
  domain::EvidenceItem i;
  i.id = r.Int("id");
  i.class_id = r.Int("class_id");
  if (r.Opt("session_seq")) i.session_seq = r.Int("session_seq");
  i.kind = domain::ParseEvidenceKind(r.Str("kind")).value_or(domain::EvidenceKind::kGroupPhoto);
  i.file_name = r.Str("file_name");
  i.sha256 = r.Str("sha256");
  i.size = r.Int("size");
  i.mime = r.Str("mime");
  i.uploaded_by_user = r.Int("uploaded_by_user");
  i.uploaded_by = r.Str("uploaded_by");
  i.uploaded_at = r.Int("uploaded_at");
  i.retain_until = r.Int("retain_until");
  i.legal_hold = r.Int("legal_hold") != 0;
  i.legal_hold_reason = r.Str("legal_hold_reason");
  if (r.Opt("deleted_at")) i.deleted_at = r.Int("deleted_at");
  if (r.Opt("started_at")) i.started_at = r.Int("started_at");
  ReadAnalysis(r.Str("analysis_json"), i);
  return i;
}

constexpr std::string_view kUploadColumns =
    "SELECT upload_id, class_id, session_seq, kind, file_name, upload_length, upload_offset, "
    "started_at, created_by_user, created_at, expires_at FROM evidence_uploads";

ports::EvidenceUpload UploadOf(const RowRef& r) {
  ports::EvidenceUpload u;
  u.upload_id = r.Str("upload_id");
  u.class_id = r.Int("class_id");
  if (r.Opt("session_seq")) u.session_seq = r.Int("session_seq");
  u.kind = domain::ParseEvidenceKind(r.Str("kind")).value_or(domain::EvidenceKind::kGroupPhoto);
  u.file_name = r.Str("file_name");
  u.length = r.Int("upload_length");
  u.offset = r.Int("upload_offset");
  if (r.Opt("started_at")) u.started_at = r.Int("started_at");
  u.created_by_user = r.Int("created_by_user");
  u.created_at = r.Int("created_at");
  u.expires_at = r.Int("expires_at");
  return u;
}

class SqlEvidenceRepository final : public ports::EvidenceRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> InsertItem(const domain::EvidenceItem& i) override {
    Params p = {Int(i.class_id),
                OptInt(i.session_seq),
                Str(domain::EvidenceKindId(i.kind)),
                Str(i.file_name),
                Str(i.sha256),
                Int(i.size),
                Str(i.mime),
                Int(i.uploaded_by_user),
                Str(i.uploaded_by),
                Int(i.uploaded_at),
                Int(i.retain_until),
                Int(i.legal_hold ? 1 : 0),
                Str(i.legal_hold_reason),
                OptInt(i.started_at),
                Str(AnalysisJson(i))};
    if (i.photo) {
      const auto bands = domain::SelfieHashBands(i.photo->phash);
      p.push_back(OptInt(i.photo->captured_at));
      p.push_back(Str(domain::PhashHex(i.photo->phash)));
      for (int64_t b : bands) p.push_back(Int(b));
      p.push_back(Int(i.photo->faces));
    } else {
      for (int k = 0; k < 8; ++k) p.push_back(SqlValue());
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO evidence_items (class_id, session_seq, kind, file_name, sha256, "
                  "size, mime, uploaded_by_user, uploaded_by, uploaded_at, retain_until, "
                  "legal_hold, legal_hold_reason, started_at, analysis_json, captured_at, phash, "
                  "phash_b0, phash_b1, phash_b2, phash_b3, phash_b4, faces) VALUES (" +
                      Marks(p.size()) + ") RETURNING id",
                  p));
    return Rows(r).front().Int("id");
  }

  Result<std::vector<domain::EvidenceItem>> ListForClass(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kItemColumns) +
                                         " WHERE class_id = ? AND deleted_at IS NULL ORDER BY id",
                                     {Int(class_id)}));
    std::vector<domain::EvidenceItem> out;
    for (RowRef row : Rows(r)) out.push_back(ItemOf(row));
    return out;
  }

  Result<std::optional<domain::EvidenceItem>> Get(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kItemColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return std::optional<domain::EvidenceItem>();
    return std::optional<domain::EvidenceItem>(ItemOf(Rows(r).front()));
  }

  Result<std::optional<int64_t>> FindSameFile(int64_t class_id,
                                              const std::string& sha256) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT id FROM evidence_items WHERE sha256 = ? AND class_id = ? AND "
                             "deleted_at IS NULL ORDER BY id LIMIT 1",
                             {Str(sha256), Int(class_id)}));
    if (r.rows.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(Rows(r).front().Int("id"));
  }

  Result<std::vector<ports::EvidencePhotoNear>> PhotosNearElsewhere(
      int64_t class_id, const std::vector<uint64_t>& phashes) override {
    std::vector<ports::EvidencePhotoNear> out;
    std::set<int64_t> seen;
    constexpr size_t kChunk = 200;  // keeps the parameters under both stores' limits
    for (size_t at = 0; at < phashes.size(); at += kChunk) {
      std::array<std::set<int64_t>, domain::kSelfieHashBands> bands;
      for (size_t k = at; k < std::min(phashes.size(), at + kChunk); ++k) {
        const auto b = domain::SelfieHashBands(phashes[k]);
        for (size_t i = 0; i < b.size(); ++i) bands[i].insert(b[i]);
      }
      // One indexed lookup per band (a UNION, so each arm uses its own index on both stores).
      std::string sql;
      Params params;
      for (size_t i = 0; i < bands.size(); ++i) {
        if (!sql.empty()) sql += " UNION ";
        sql +=
            "SELECT e.id, e.class_id, e.phash, c.title, c.institution_id, i.district_code FROM "
            "evidence_items e JOIN classes c ON c.id = e.class_id JOIN institutions i ON i.id = "
            "c.institution_id WHERE e.phash_b" +
            std::to_string(i) + " IN (" + Marks(bands[i].size()) +
            ") AND e.deleted_at IS NULL AND e.class_id <> ?";
        for (int64_t v : bands[i]) params.push_back(Int(v));
        params.push_back(Int(class_id));
      }
      ANPEI_ASSIGN_OR_RETURN(auto r, Q(sql, params));
      for (RowRef row : Rows(r)) {
        if (!seen.insert(row.Int("id")).second) continue;
        ports::EvidencePhotoNear e;
        e.item_id = row.Int("id");
        e.class_id = row.Int("class_id");
        e.phash = domain::ParsePhashHex(row.Str("phash")).value_or(0);
        e.class_title = row.Str("title");
        e.institution_id = row.Int("institution_id");
        e.district_code = row.Str("district_code");
        out.push_back(std::move(e));
      }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.item_id < b.item_id; });
    return out;
  }

  Status MarkDeleted(int64_t id, int64_t at) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE evidence_items SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                  {Int(at), Int(id)}));
    if (r.affected == 0) return Status::NotFound("材料不存在", "id");
    return Status::Ok();
  }

  Status SetLegalHold(int64_t id, bool hold, const std::string& reason) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("UPDATE evidence_items SET legal_hold = ?, "
                                     "legal_hold_reason = ? WHERE id = ? AND deleted_at IS NULL",
                                     {Int(hold ? 1 : 0), Str(reason), Int(id)}));
    if (r.affected == 0) return Status::NotFound("材料不存在", "id");
    return Status::Ok();
  }

  Status InsertUpload(const ports::EvidenceUpload& u) override {
    return Q("INSERT INTO evidence_uploads (upload_id, class_id, session_seq, kind, file_name, "
             "upload_length, upload_offset, started_at, created_by_user, created_at, expires_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {Str(u.upload_id), Int(u.class_id), OptInt(u.session_seq),
              Str(domain::EvidenceKindId(u.kind)), Str(u.file_name), Int(u.length), Int(u.offset),
              OptInt(u.started_at), Int(u.created_by_user), Int(u.created_at), Int(u.expires_at)})
        .status();
  }

  Result<std::optional<ports::EvidenceUpload>> FindUpload(const std::string& upload_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kUploadColumns) + " WHERE upload_id = ?", {Str(upload_id)}));
    if (r.rows.empty()) return std::optional<ports::EvidenceUpload>();
    return std::optional<ports::EvidenceUpload>(UploadOf(Rows(r).front()));
  }

  Status SetUploadOffset(const std::string& upload_id, int64_t offset) override {
    return Q("UPDATE evidence_uploads SET upload_offset = ? WHERE upload_id = ?",
             {Int(offset), Str(upload_id)})
        .status();
  }

  Status DeleteUpload(const std::string& upload_id) override {
    return Q("DELETE FROM evidence_uploads WHERE upload_id = ?", {Str(upload_id)}).status();
  }

  Result<std::vector<std::string>> ExpiredUploads(int64_t now, int limit) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT upload_id FROM evidence_uploads WHERE expires_at < "
                                     "? ORDER BY expires_at LIMIT ?",
                                     {Int(now), Int(limit)}));
    std::vector<std::string> out;
    for (RowRef row : Rows(r)) out.push_back(row.Str("upload_id"));
    return out;
  }
};

}  // namespace

std::unique_ptr<ports::EvidenceRepository> MakeEvidenceRepository(ports::SqlConnection& conn,
                                                                  const ports::Vault& vault) {
  return std::make_unique<SqlEvidenceRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
