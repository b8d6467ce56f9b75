// SQL adapter of ports::OnlineRepository: online platforms, their tokens, the class's platform,
// learning records and imports (migration 0024). Portable SQL; one instance per transaction (see
// sql_store.h).
#include <algorithm>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

using domain::OnlinePlatform;
using domain::OnlineProblem;
using domain::OnlineRecord;
using domain::PlatformToken;

constexpr std::string_view kPlatformColumns =
    "SELECT id, name, approved_by_hrss, active, version, created_at, updated_at "
    "FROM online_platforms";

OnlinePlatform PlatformOf(const RowRef& r) {
  OnlinePlatform p;
  p.id = r.Int("id");
  p.name = r.Str("name");
  p.approved_by_hrss = r.Int("approved_by_hrss") != 0;
  p.active = r.Int("active") != 0;
  p.version = r.Int("version");
  p.created_at = r.Str("created_at");
  p.updated_at = r.Str("updated_at");
  return p;
}

constexpr std::string_view kTokenColumns =
    "SELECT id, platform_id, token_hash, name, created_by_user, created_at, last_used_at, "
    "revoked_at FROM online_platform_tokens";

PlatformToken TokenOf(const RowRef& r) {
  PlatformToken t;
  t.id = r.Int("id");
  t.platform_id = r.Int("platform_id");
  t.token_hash = r.Str("token_hash");
  t.name = r.Str("name");
  t.created_by_user = r.Int("created_by_user");
  t.created_at = r.Str("created_at");
  t.last_used_at = r.Opt("last_used_at");
  t.revoked_at = r.Opt("revoked_at");
  return t;
}

constexpr std::string_view kRecordColumns =
    "SELECT id, class_id, person_id, source, platform_id, import_id, course, started_at, "
    "ended_at, minutes, class_hours, face_captures, exam_score, created_at FROM online_records";

OnlineRecord RecordOf(const RowRef& r) {
  OnlineRecord o;
  o.id = r.Int("id");
  o.class_id = r.Int("class_id");
  o.person_id = r.Int("person_id");
  o.source =
      r.Str("source") == "import" ? domain::OnlineSource::kImport : domain::OnlineSource::kPlatform;
  if (r.Opt("platform_id")) o.platform_id = r.Int("platform_id");
  if (r.Opt("import_id")) o.import_id = r.Int("import_id");
  o.course = r.Str("course");
  o.started_at = r.Int("started_at");
  o.ended_at = r.Int("ended_at");
  o.minutes = r.Int("minutes");
  o.class_hours = r.Int("class_hours");
  o.face_captures = r.Int("face_captures");
  if (r.Opt("exam_score")) o.exam_score = r.Int("exam_score");
  o.created_at = r.Str("created_at");
  return o;
}

constexpr std::string_view kImportColumns =
    "SELECT id, class_id, state, summary_file, summary_sha256, summary_rows, detail_file, "
    "detail_sha256, detail_rows, problem_count, created_by_user, created_by, created_at "
    "FROM online_imports";

ports::OnlineImport ImportOf(const RowRef& r) {
  ports::OnlineImport i;
  i.id = r.Int("id");
  i.class_id = r.Int("class_id");
  i.state = r.Str("state");
  i.summary_file = r.Str("summary_file");
  i.summary_sha256 = r.Str("summary_sha256");
  i.summary_rows = r.Int("summary_rows");
  i.detail_file = r.Str("detail_file");
  i.detail_sha256 = r.Str("detail_sha256");
  i.detail_rows = r.Int("detail_rows");
  i.problem_count = r.Int("problem_count");
  i.created_by_user = r.Int("created_by_user");
  i.created_by = r.Str("created_by");
  i.created_at = r.Str("created_at");
  return i;
}

SqlValue OptInt(const std::optional<int64_t>& v) { return v ? Int(*v) : SqlValue(); }

class SqlOnlineRepository final : public ports::OnlineRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<std::vector<OnlinePlatform>> ListPlatforms() override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kPlatformColumns) + " ORDER BY id"));
    std::vector<OnlinePlatform> out;
    for (RowRef row : Rows(r)) out.push_back(PlatformOf(row));
    return out;
  }

  Result<OnlinePlatform> GetPlatform(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kPlatformColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("线上学习平台", id);
    return PlatformOf(Rows(r).front());
  }

  Result<int64_t> InsertPlatform(const OnlinePlatform& p) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO online_platforms (name, approved_by_hrss, active, created_at, "
                  "updated_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {Str(p.name), Int(p.approved_by_hrss ? 1 : 0), Int(p.active ? 1 : 0),
                   Str(p.created_at), Str(p.updated_at)}));
    return Rows(r).front().Int("id");
  }

  Status UpdatePlatform(const OnlinePlatform& p, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE online_platforms SET name = ?, approved_by_hrss = ?, active = ?, "
                  "updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                  {Str(p.name), Int(p.approved_by_hrss ? 1 : 0), Int(p.active ? 1 : 0),
                   Str(p.updated_at), Int(p.id), Int(expected)}));
    if (r.affected > 0) return Status::Ok();
    return Missed("online_platforms", "线上学习平台", p.id);
  }

  Result<int64_t> InsertToken(const PlatformToken& t) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO online_platform_tokens (platform_id, token_hash, name, created_by_user, "
          "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
          {Int(t.platform_id), Str(t.token_hash), Str(t.name), Int(t.created_by_user),
           Str(t.created_at)}));
    return Rows(r).front().Int("id");
  }

  Result<std::vector<PlatformToken>> ListTokens(int64_t platform_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kTokenColumns) + " WHERE platform_id = ? ORDER BY id DESC",
                             {Int(platform_id)}));
    std::vector<PlatformToken> out;
    for (RowRef row : Rows(r)) out.push_back(TokenOf(row));
    return out;
  }

  Result<PlatformToken> GetToken(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kTokenColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("平台令牌", id);
    return TokenOf(Rows(r).front());
  }

  Result<std::optional<PlatformToken>> FindToken(const std::string& hash) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kTokenColumns) + " WHERE token_hash = ?", {Str(hash)}));
    if (r.rows.empty()) return std::optional<PlatformToken>();
    return std::optional<PlatformToken>(TokenOf(Rows(r).front()));
  }

  Status RevokeToken(int64_t id, const std::string& at) override {
    return Q("UPDATE online_platform_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
             {Str(at), Int(id)})
        .status();
  }

  Status TouchToken(int64_t id, const std::string& at) override {
    return Q("UPDATE online_platform_tokens SET last_used_at = ? WHERE id = ?", {Str(at), Int(id)})
        .status();
  }

  Result<std::optional<ports::ClassPlatform>> GetClassPlatform(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT cp.class_id, cp.chosen_by_user, cp.chosen_at, p.id, p.name, "
                  "p.approved_by_hrss, p.active, p.version, p.created_at, p.updated_at "
                  "FROM class_online_platforms cp JOIN online_platforms p ON p.id = cp.platform_id "
                  "WHERE cp.class_id = ?",
                  {Int(class_id)}));
    if (r.rows.empty()) return std::optional<ports::ClassPlatform>();
    RowRef row = Rows(r).front();
    ports::ClassPlatform cp;
    cp.class_id = row.Int("class_id");
    cp.platform = PlatformOf(row);
    cp.chosen_by_user = row.Int("chosen_by_user");
    cp.chosen_at = row.Str("chosen_at");
    return std::optional<ports::ClassPlatform>(std::move(cp));
  }

  Status SetClassPlatform(int64_t class_id, int64_t platform_id, int64_t by_user,
                          const std::string& at) override {
    ANPEI_RETURN_IF_ERROR(ClearClassPlatform(class_id));
    return Q("INSERT INTO class_online_platforms (class_id, platform_id, chosen_by_user, "
             "chosen_at) VALUES (?, ?, ?, ?)",
             {Int(class_id), Int(platform_id), Int(by_user), Str(at)})
        .status();
  }

  Status ClearClassPlatform(int64_t class_id) override {
    return Q("DELETE FROM class_online_platforms WHERE class_id = ?", {Int(class_id)}).status();
  }

  Result<int64_t> InsertRecords(const std::vector<OnlineRecord>& records) override {
    constexpr size_t kRowsPerStatement = 200;
    constexpr std::string_view kTuple = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    int64_t added = 0;
    std::string full;  // the SQL of a whole chunk, kept for reuse (one prepared statement)
    for (size_t begin = 0; begin < records.size(); begin += kRowsPerStatement) {
      const size_t end = std::min(records.size(), begin + kRowsPerStatement);
      std::string sql =
          "INSERT INTO online_records (class_id, person_id, source, platform_id, import_id, "
          "course, started_at, ended_at, minutes, class_hours, face_captures, exam_score, "
          "created_at) VALUES ";
      Params params;
      params.reserve((end - begin) * 13);
      for (size_t i = begin; i < end; ++i) {
        const auto& o = records[i];
        sql += (i == begin ? "" : ", ") + std::string(kTuple);
        params.push_back(Int(o.class_id));
        params.push_back(Int(o.person_id));
        params.push_back(Str(domain::OnlineSourceId(o.source)));
        params.push_back(OptInt(o.platform_id));
        params.push_back(OptInt(o.import_id));
        params.push_back(Str(o.course));
        params.push_back(Int(o.started_at));
        params.push_back(Int(o.ended_at));
        params.push_back(Int(o.minutes));
        params.push_back(Int(o.class_hours));
        params.push_back(Int(o.face_captures));
        params.push_back(OptInt(o.exam_score));
        params.push_back(Str(o.created_at));
      }
      sql += " ON CONFLICT DO NOTHING";
      ANPEI_ASSIGN_OR_RETURN(auto r, Q(sql, params));
      added += r.affected;
    }
    return added;
  }

  Status DeleteImportedRecords(int64_t class_id) override {
    return Q("DELETE FROM online_records WHERE class_id = ? AND source = 'import'", {Int(class_id)})
        .status();
  }

  Result<std::vector<OnlineRecord>> ListRecords(int64_t class_id,
                                                std::optional<domain::OnlineSource> source,
                                                int64_t limit) override {
    std::string sql = std::string(kRecordColumns) + " WHERE class_id = ?";
    Params params = {Int(class_id)};
    if (source) {
      sql += " AND source = ?";
      params.push_back(Str(domain::OnlineSourceId(*source)));
    }
    sql += " ORDER BY person_id, started_at, id";
    if (limit > 0) {
      sql += " LIMIT ?";
      params.push_back(Int(limit));
    }
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(sql, params));
    std::vector<OnlineRecord> out;
    out.reserve(r.rows.size());
    for (RowRef row : Rows(r)) out.push_back(RecordOf(row));
    return out;
  }

  Result<std::vector<ports::OnlineTotals>> Totals(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT person_id, SUM(class_hours) AS hours, SUM(minutes) AS minutes, "
                  "COUNT(*) AS n FROM online_records WHERE class_id = ? GROUP BY person_id "
                  "ORDER BY person_id",
                  {Int(class_id)}));
    std::vector<ports::OnlineTotals> out;
    for (RowRef row : Rows(r)) {
      out.push_back({row.Int("person_id"), row.Int("hours"), row.Int("minutes"), row.Int("n")});
    }
    return out;
  }

  Result<int64_t> InsertImport(const ports::OnlineImport& i) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO online_imports (class_id, state, summary_file, summary_sha256, "
          "summary_rows, detail_file, detail_sha256, detail_rows, problem_count, "
          "created_by_user, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {Int(i.class_id), Str(i.state), Str(i.summary_file), Str(i.summary_sha256),
           Int(i.summary_rows), Str(i.detail_file), Str(i.detail_sha256), Int(i.detail_rows),
           Int(i.problem_count), Int(i.created_by_user), Str(i.created_by), Str(i.created_at)}));
    return Rows(r).front().Int("id");
  }

  Result<ports::OnlineImport> GetImport(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kImportColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("线上学习导入", id);
    return ImportOf(Rows(r).front());
  }

  Result<std::vector<ports::OnlineImport>> ListImports(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kImportColumns) + " WHERE class_id = ? ORDER BY id DESC", {Int(class_id)}));
    std::vector<ports::OnlineImport> out;
    for (RowRef row : Rows(r)) out.push_back(ImportOf(row));
    return out;
  }

  Status InsertProblems(int64_t import_id, const std::vector<OnlineProblem>& problems) override {
    std::vector<Params> rows;
    rows.reserve(problems.size());
    int64_t n = 0;
    for (const auto& p : problems) {
      rows.push_back({Int(import_id), Int(++n), Str(domain::OnlineSheetId(p.sheet)), Int(p.row),
                      Str(p.column), Str(p.reason), Str(p.message)});
    }
    return InsertRows(
        "INSERT INTO online_import_problems (import_id, n, sheet, row_number, "
        "column_name, reason, message)",
        7, rows);
  }

  Result<std::vector<OnlineProblem>> ListProblems(int64_t import_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT sheet, row_number, column_name, reason, message FROM "
                                     "online_import_problems WHERE import_id = ? ORDER BY n",
                                     {Int(import_id)}));
    std::vector<OnlineProblem> out;
    for (RowRef row : Rows(r)) {
      const std::string sheet = row.Str("sheet");
      out.push_back({sheet == "summary"  ? domain::OnlineSheet::kSummary
                     : sheet == "detail" ? domain::OnlineSheet::kDetail
                                         : domain::OnlineSheet::kPush,
                     row.Int("row_number"), row.Str("column_name"), row.Str("reason"),
                     row.Str("message")});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<ports::OnlineRepository> MakeOnlineRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault) {
  return std::make_unique<SqlOnlineRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
