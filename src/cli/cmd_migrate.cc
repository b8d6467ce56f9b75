// anpei migrate --db URL
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "adapters/icu/icu_text_normalizer.h"
#include "adapters/pdf/cairo_certificate_renderer.h"
#include "adapters/pdf/cairo_form_renderer.h"
#include "adapters/sheet/sheet_reader.h"
#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "adapters/sql/sql_store.h"
#include "adapters/toml/toml_reference_source.h"
#include "adapters/xlsx/xlsx_writer.h"
#include "adapters/zlib/zlib_compressor.h"
#include "cli/cli.h"
#include "codec/plan_json.h"

namespace anpei::cli {

Status MigrateDatabase(const std::string& url, bool verbose) {
  ANPEI_ASSIGN_OR_RETURN(auto conn, adapters::OpenDatabase(url));
  ANPEI_ASSIGN_OR_RETURN(auto migrations,
                         adapters::LoadMigrations(DataDir() + "/migrations", (conn)->Dialect()));
  ANPEI_ASSIGN_OR_RETURN(auto applied, adapters::ApplyMigrations(*conn, migrations));
  if (verbose) {
    if (applied.empty()) {
      std::cout << "数据库已是最新（" << migrations.size() << " 个迁移）\n";
    }
    for (int v : applied) std::cout << "已应用迁移 " << v << "\n";
  }
  return Status::Ok();
}

std::string KeyFileFor(const std::string& db_url, const std::string& key_flag) {
  if (!key_flag.empty()) return key_flag;
  if (const char* env = std::getenv("ANPEI_MASTER_KEY"); env && *env) return "env:ANPEI_MASTER_KEY";
  if (const char* env = std::getenv("ANPEI_KEY_FILE"); env && *env) return env;
  if (db_url.starts_with("sqlite:")) return db_url.substr(7) + ".key";
  return "var/anpei.key";
}

Result<std::shared_ptr<app::AppContext>> OpenApp(const std::string& url,
                                                 const std::string& key_file,
                                                 std::shared_ptr<const app::ReferenceData> ref,
                                                 std::shared_ptr<const ports::Clock> clock) {
  ANPEI_RETURN_IF_ERROR(MigrateDatabase(url, false));
  bool created = false;
  if (!key_file.starts_with("env:") && !std::filesystem::exists(key_file)) {
    ANPEI_RETURN_IF_ERROR(adapters::SodiumVault::CreateKeyFile(key_file));
    created = true;
  }
  ANPEI_ASSIGN_OR_RETURN(auto vault, adapters::SodiumVault::FromKeyFile(key_file));
  auto store =
      std::make_shared<adapters::SqlStore>(std::make_shared<adapters::ConnectionPool>(url), vault);
  if (created) {
    auto holds = store->HoldsKeyedData();
    if (!holds.ok() || *holds) {
      std::filesystem::remove(key_file);
      if (!holds.ok()) return holds.status();
      return Status(Code::kFailedPrecondition,
                    "主密钥文件 " + key_file +
                        " 不存在，而数据库中已有用主密钥加密的个人信息和审计记录；请用 --key-file "
                        "指定原来的主密钥文件（不能换新密钥，否则数据无法解读）",
                    "--key-file");
    }
    std::cerr << "已生成新的主密钥文件 " << key_file
              << "（个人信息加密与审计链用；请妥善备份，丢失后数据无法解读）\n";
  }
  ANPEI_ASSIGN_OR_RETURN(auto sealed, store->SealLegacyRows());
  if (sealed > 0) std::cerr << "已加密 " << sealed << " 条旧的明文个人信息\n";
  ANPEI_ASSIGN_OR_RETURN(auto bound, store->BindSealsToRows());
  if (bound > 0) std::cerr << "已把 " << bound << " 项个人信息密文重新加密并绑定到所在记录\n";
  auto ctx = std::make_shared<app::AppContext>();
  ctx->store = store;
  ctx->vault = vault;
  ctx->reference = std::move(ref);
  ctx->clock = std::move(clock);
  ctx->encode_plan = codec::PlanToJson;
  ctx->parse_calendar = adapters::ParseCalendarToml;
  ANPEI_ASSIGN_OR_RETURN(ctx->text, adapters::MakeIcuTextNormalizer());
  ctx->sheets = adapters::MakeSheetReader();
  ctx->sheet_writers = adapters::MakeXlsxWriterFactory();
  ctx->forms = adapters::MakeCairoFormRenderer();
  ctx->certificates = adapters::MakeCairoCertificateRenderer();
  ctx->gzip = adapters::MakeZlibCompressor();
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
