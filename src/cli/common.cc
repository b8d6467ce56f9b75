#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "adapters/clock/clocks.h"
#include "adapters/toml/toml_reference_source.h"
#include "cli/cli.h"

#ifndef ANPEI_SOURCE_DIR
#define ANPEI_SOURCE_DIR ""
#endif

namespace anpei::cli {
namespace fs = std::filesystem;

namespace {
bool HasData(const fs::path& dir) {
  std::error_code ec;
  return !dir.empty() && fs::is_directory(dir / "policies", ec) &&
         fs::is_directory(dir / "migrations", ec) &&
         fs::is_directory(dir / "data" / "calendar", ec);
}
}  // namespace

std::string DataDir() {
  if (const char* env = std::getenv("ANPEI_DATA_DIR"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && HasData(exe.parent_path().parent_path())) return exe.parent_path().parent_path();
  if (HasData(ANPEI_SOURCE_DIR)) return ANPEI_SOURCE_DIR;
  return "/usr/share/anpei";
}

std::shared_ptr<const app::ReferenceData> LoadReferenceOrReport() {
  const fs::path dir = DataDir();
  adapters::TomlReferenceSource source(dir / "policies", dir / "data" / "calendar",
                                       dir / "data" / "passwords" / "common.txt");
  auto ref = app::ReferenceData::Load(source);
  if (!ref.ok()) {
    std::cerr << "anpei：无法加载政策或工作日历数据（" << dir.string() << "）："
              << ref.status().ToString() << "\n"
              << "可用环境变量 ANPEI_DATA_DIR 指定包含 policies/ 与 data/calendar/ 的目录。\n";
    return nullptr;
  }
  return *ref;
}

void PrintError(const Status& status) { std::cerr << "错误：" << status.ToString() << "\n"; }

bool TakeStoreFlag(const Args& args, size_t& i, StoreFlags& flags) {
  if (i + 1 >= args.size()) return false;
  if (args[i] == "--db") {
    flags.url = args[++i];
    flags.db_given = true;
    return true;
  }
  if (args[i] == "--key-file") {
    flags.key_flag = args[++i];
    return true;
  }
  return false;
}

std::optional<StoreFlags> ParseStoreFlags(const Args& args, size_t from, std::string_view usage) {
  StoreFlags flags;
  for (size_t i = from; i < args.size(); ++i) {
    if (!TakeStoreFlag(args, i, flags)) {
      std::cerr << "未知参数 " << args[i] << "\n" << usage;
      return std::nullopt;
    }
  }
  return flags;
}

Result<std::shared_ptr<app::AppContext>> OpenExistingApp(
    const StoreFlags& flags, std::shared_ptr<const app::ReferenceData> ref) {
  if (flags.url.starts_with("sqlite:")) {
    std::error_code ec;
    const std::string path = flags.url.substr(7);
    if (!path.empty() && !fs::exists(path, ec)) {
      return Status::Invalid("--db", "数据库文件 " + path + " 不存在");
    }
  }
  return OpenApp(flags.url, flags.KeyFile(), std::move(ref),
                 std::make_shared<adapters::SystemClock>());
}

int OpenFailed(const Status& status) {
  PrintError(status);
  return status.code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
}

}  // namespace anpei::cli
