#include "adapters/sql/migrations.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "adapters/postgres/postgres_connection.h"
#include "adapters/sqlite/sqlite_connection.h"

namespace anpei::adapters {
namespace fs = std::filesystem;

Result<std::vector<Migration>> LoadMigrations(const fs::path& dir, std::string_view dialect) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    return Status(Code::kUnavailable, "迁移目录不存在：" + dir.string());
  // NNNN_name.sql or NNNN_name.dialect.sql
  const std::regex pattern(R"((\d{4})_([a-z0-9_]+)(\.(sqlite|postgresql))?\.sql)");
  std::map<int, Migration> portable, specific;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".sql") continue;
    std::smatch m;
    if (!std::regex_match(file, m, pattern)) {
      return Status::Invalid(file,
                             "迁移文件名应为 NNNN_name.sql 或 NNNN_name.<sqlite|postgresql>.sql");
    }
    if (m[4].matched && m[4].str() != dialect) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Migration mig{std::stoi(m[1].str()), m[2].str(), ss.str()};
    auto& target = m[4].matched ? specific : portable;
    if (target.count(mig.version)) {
      return Status::Invalid(file, "迁移版本 " + m[1].str() + " 重复");
    }
    target[mig.version] = std::move(mig);
  }
  for (auto& [v, mig] : specific) portable[v] = std::move(mig);
  std::vector<Migration> out;
  for (auto& [v, mig] : portable) out.push_back(std::move(mig));
  return out;
}

Result<std::vector<int>> ApplyMigrations(ports::SqlConnection& conn,
                                         const std::vector<Migration>& migrations) {
  ANPEI_RETURN_IF_ERROR(conn.ExecuteScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
      "NULL, applied_at TEXT NOT NULL)"));
  auto done = conn.Execute("SELECT version FROM schema_migrations", {});
  if (!done.ok()) return done.status();
  std::set<int> applied;
  for (const auto& row : done->rows) applied.insert(std::stoi(*row[0]));
  std::vector<int> now;
  for (const Migration& m : migrations) {
    if (applied.count(m.version)) continue;
    ANPEI_RETURN_IF_ERROR(conn.ExecuteScript("BEGIN"));
    Status st = conn.ExecuteScript(m.sql);
    if (st.ok()) {
      auto ins = conn.Execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, "
          "CAST(CURRENT_TIMESTAMP AS TEXT))",
          {std::to_string(m.version), m.name});
      st = ins.status();
    }
    if (!st.ok()) {
      (void)conn.ExecuteScript("ROLLBACK");
      return Status(
          st.code() == Code::kUnavailable ? Code::kUnavailable : Code::kInternal,
          "迁移 " + std::to_string(m.version) + "_" + m.name + " 失败，已回滚：" + st.message());
    }
    ANPEI_RETURN_IF_ERROR(conn.ExecuteScript("COMMIT"));
    now.push_back(m.version);
  }
  return now;
}

Result<std::unique_ptr<ports::SqlConnection>> OpenDatabase(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) {
    const std::string path = url.substr(7);
    if (path.empty()) return Status::Invalid("--db", "sqlite: 之后应为数据库文件路径");
    // A first run creates the file's directory (var/ for `make run`).
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (!parent.empty() && !fs::exists(parent, ec)) fs::create_directories(parent, ec);
    return OpenSqlite(path);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgres(url);
  }
  return Status::Invalid("--db",
                         "数据库地址应为 sqlite:PATH 或 postgresql://…，收到 \"" + url + "\"");
}

}  // namespace anpei::adapters
