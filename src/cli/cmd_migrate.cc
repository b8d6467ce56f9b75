// anpei migrate --db URL
#include <iostream>

#include "adapters/sql/migrations.h"
#include "cli/cli.h"

namespace anpei::cli {

Status MigrateDatabase(const std::string& url, bool verbose) {
  auto conn = adapters::OpenDatabase(url);
  if (!conn.ok()) return conn.status();
  auto migrations = adapters::LoadMigrations(DataDir() + "/migrations", (*conn)->Dialect());
  if (!migrations.ok()) return migrations.status();
  auto applied = adapters::ApplyMigrations(**conn, *migrations);
  if (!applied.ok()) return applied.status();
  if (verbose) {
    if (applied->empty()) {
      std::cout << "数据库已是最新（" << migrations->size() << " 个迁移）\n";
    }
    for (int v : *applied) std::cout << "已应用迁移 " << v << "\n";
  }
  return Status::Ok();
}

int RunMigrate(const Args& args) {
  std::string url = kDefaultDbUrl;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--db" && i + 1 < args.size()) {
      url = args[++i];
    } else {
      std::cerr << "用法：anpei migrate --db sqlite:PATH|postgresql://…\n";
      return kExitUsage;
    }
  }
  Status st = MigrateDatabase(url, true);
  if (!st.ok()) {
    PrintError(st);
    return st.code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
  }
  return kExitOk;
}

}  // namespace anpei::cli
