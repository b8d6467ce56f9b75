// anpei migrate --db URL
#include <iostream>

#include "adapters/sql/migrations.h"
#include "adapters/sql/sql_store.h"
#include "cli/cli.h"
#include "codec/plan_json.h"

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

Result<std::shared_ptr<app::AppContext>> OpenApp(const std::string& url,
                                                 std::shared_ptr<const app::ReferenceData> ref,
                                                 std::shared_ptr<const ports::Clock> clock) {
  ANPEI_RETURN_IF_ERROR(MigrateDatabase(url, false));
  auto ctx = std::make_shared<app::AppContext>();
  ctx->store =
      std::make_shared<adapters::SqlStore>(std::make_shared<adapters::ConnectionPool>(url));
  ctx->reference = std::move(ref);
  ctx->clock = std::move(clock);
  ctx->encode_plan = codec::PlanToJson;
  return ctx;
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
