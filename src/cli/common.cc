#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

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

}  // namespace anpei::cli
