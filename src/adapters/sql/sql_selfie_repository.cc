// SQL adapter of ports::SelfieRepository (migration 0020). Portable SQL for SQLite and
// PostgreSQL; one instance per transaction (see sql_store.h).
#include <algorithm>
#include <array>
#include <set>

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

constexpr std::string_view kColumns =
    "SELECT id, person_id, sha256, size_bytes, mime, width, height, faces, phash, uploaded_at, "
    "used_by_record, used_class_id, used_session_seq, reuse_of, reuse_bits FROM selfies";

domain::Selfie SelfieOf(const RowRef& r) {
  domain::Selfie s;
  s.id = r.Int("id");
  s.person_id = r.Int("person_id");
  s.sha256 = r.Str("sha256");
  s.size_bytes = r.Int("size_bytes");
  s.mime = r.Str("mime");
  s.width = static_cast<int>(r.Int("width"));
  s.height = static_cast<int>(r.Int("height"));
  s.faces = static_cast<int>(r.Int("faces"));
  s.phash = domain::ParsePhashHex(r.Str("phash")).value_or(0);
  s.uploaded_at = r.Int("uploaded_at");
  if (r.Opt("used_by_record")) s.used_by_record = r.Int("used_by_record");
  if (r.Opt("reuse_of")) s.reuse_of = r.Int("reuse_of");
  if (r.Opt("reuse_bits")) s.reuse_bits = static_cast<int>(r.Int("reuse_bits"));
  return s;
}

ports::SelfieUse UseOf(const RowRef& r) {
  ports::SelfieUse u;
  u.selfie = SelfieOf(r);
  u.class_id = r.Int("used_class_id");
  u.session_seq = r.Int("used_session_seq");
  u.reuse_bits = u.selfie.reuse_bits;
  if (r.Opt("reuse_of_person")) u.reuse_of_person = r.Int("reuse_of_person");
  return u;
}

class SqlSelfieRepository final : public ports::SelfieRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> Insert(const domain::Selfie& s) override {
    const auto bands = domain::SelfieHashBands(s.phash);
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO selfies (person_id, sha256, size_bytes, mime, width, height, faces, phash, "
          "phash_b0, phash_b1, phash_b2, phash_b3, phash_b4, uploaded_at) VALUES (?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Int(s.person_id), Str(s.sha256), Int(s.size_bytes), Str(s.mime), Int(s.width),
           Int(s.height), Int(s.faces), Str(domain::PhashHex(s.phash)), Int(bands[0]),
           Int(bands[1]), Int(bands[2]), Int(bands[3]), Int(bands[4]), Int(s.uploaded_at)}));
    return Rows(r).front().Int("id");
  }

  Result<std::optional<domain::Selfie>> Find(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return std::optional<domain::Selfie>();
    return std::optional<domain::Selfie>(SelfieOf(Rows(r).front()));
  }

  Result<std::optional<ports::SelfieUse>> FindUse(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(UseSelect() + " WHERE s.id = ? AND s.used_by_record IS NOT NULL", {Int(id)}));
    if (r.rows.empty()) return std::optional<ports::SelfieUse>();
    return std::optional<ports::SelfieUse>(UseOf(Rows(r).front()));
  }

  Result<std::vector<domain::UsedSelfie>> UsedNear(uint64_t phash) override {
    // One indexed lookup per band (a UNION, so each arm uses its own index on both stores).
    const auto bands = domain::SelfieHashBands(phash);
    std::string sql;
    Params params;
    for (size_t i = 0; i < bands.size(); ++i) {
      if (!sql.empty()) sql += " UNION ";
      sql +=
          "SELECT id, person_id, used_class_id, used_session_seq, phash FROM selfies WHERE "
          "phash_b" +
          std::to_string(i) + " = ? AND used_by_record IS NOT NULL";
      params.push_back(Int(bands[i]));
    }
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(sql, params));
    std::vector<domain::UsedSelfie> out;
    for (RowRef row : Rows(r)) {
      out.push_back({row.Int("id"), row.Int("person_id"), row.Int("used_class_id"),
                     row.Int("used_session_seq"),
                     domain::ParsePhashHex(row.Str("phash")).value_or(0)});
    }
    return out;
  }

  Result<std::vector<ports::SelfieElsewhere>> UsedNearElsewhere(
      int64_t class_id, const std::vector<uint64_t>& phashes) override {
    std::vector<ports::SelfieElsewhere> out;
    std::set<int64_t> seen;
    // Chunks keep the statement's parameters well under both stores' limits.
    constexpr size_t kChunk = 200;
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
            "SELECT s.id, s.person_id, s.used_class_id, s.used_session_seq, s.phash, c.title, "
            "c.institution_id, i.district_code FROM selfies s JOIN classes c ON c.id = "
            "s.used_class_id JOIN institutions i ON i.id = c.institution_id WHERE s.phash_b" +
            std::to_string(i) + " IN (" + Marks(bands[i].size()) +
            ") AND s.used_by_record IS NOT NULL AND s.used_class_id <> ?";
        for (int64_t v : bands[i]) params.push_back(Int(v));
        params.push_back(Int(class_id));
      }
      ANPEI_ASSIGN_OR_RETURN(auto r, Q(sql, params));
      for (RowRef row : Rows(r)) {
        if (!seen.insert(row.Int("id")).second) continue;
        ports::SelfieElsewhere e;
        e.used = {row.Int("id"), row.Int("person_id"), row.Int("used_class_id"),
                  row.Int("used_session_seq"), domain::ParsePhashHex(row.Str("phash")).value_or(0)};
        e.class_title = row.Str("title");
        e.institution_id = row.Int("institution_id");
        e.district_code = row.Str("district_code");
        out.push_back(std::move(e));
      }
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.used.selfie_id < b.used.selfie_id; });
    return out;
  }

  Status MarkUsed(int64_t selfie_id, int64_t record_id, int64_t class_id, int64_t session_seq,
                  std::optional<int64_t> reuse_of, std::optional<int> reuse_bits) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE selfies SET used_by_record = ?, used_class_id = ?, used_session_seq = "
          "?, reuse_of = ?, reuse_bits = ? WHERE id = ? AND used_by_record IS NULL",
          {Int(record_id), Int(class_id), Int(session_seq), reuse_of ? Int(*reuse_of) : SqlValue(),
           reuse_bits ? Int(*reuse_bits) : SqlValue(), Int(selfie_id)}));
    if (r.affected == 0) {
      return Status(Code::kConflict,
                    std::string(domain::SelfieRefusalMessage(domain::SelfieRefusal::kInvalid)),
                    "selfie_id")
          .WithReason("attendance.selfie_invalid");
    }
    return Status::Ok();
  }

  Result<std::vector<ports::SelfieUse>> ListUsedInClass(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(UseSelect() + " WHERE s.used_class_id = ? ORDER BY s.used_by_record", {Int(class_id)}));
    std::vector<ports::SelfieUse> out;
    for (RowRef row : Rows(r)) out.push_back(UseOf(row));
    return out;
  }

 private:
  static std::string UseSelect() {
    return "SELECT s.id, s.person_id, s.sha256, s.size_bytes, s.mime, s.width, s.height, "
           "s.faces, s.phash, s.uploaded_at, s.used_by_record, s.used_class_id, "
           "s.used_session_seq, s.reuse_of, s.reuse_bits, o.person_id AS reuse_of_person FROM "
           "selfies s LEFT JOIN selfies o ON o.id = s.reuse_of";
  }
};

}  // namespace

std::unique_ptr<ports::SelfieRepository> MakeSelfieRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault) {
  return std::make_unique<SqlSelfieRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
