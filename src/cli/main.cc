// anpei: the server and operator command line of 安培 AnPei (the product's one name: README, the
// console's header and <title>, both locales).
#include <iostream>
#include <string>

#include "cli/cli.h"

namespace {

#ifndef ANPEI_VERSION
#define ANPEI_VERSION "0.0.0"
#endif

constexpr std::string_view kName = "安培 AnPei — 保安员职业技能培训补贴管理平台";

constexpr std::string_view kUsage =
    "用法：anpei <命令> [参数]\n"
    "  plan check FILE|- [--policy ID] [--json]   检查教学计划是否符合政策\n"
    "  calendar workday DATE                       是否为工作日\n"
    "  calendar add DATE N                         DATE 之后第 N 个工作日\n"
    "  calendar import FILE --db URL               "
    "导入或更正一年的工作日历（覆盖随软件发布的该年）\n"
    "  id check NUMBER [--kind person|resident|uscc]  校验身份证件号码或统一社会信用代码\n"
    "  serve --listen HOST:PORT --db URL           提供 API 与控制台\n"
    "  migrate --db URL / demo --db URL            数据库迁移 / 写入演示数据\n"
    "  audit verify --db URL [--key-file PATH]     校验审计链是否完整\n"
    "  user add|disable|reset-password|token …     账号管理（anpei user 查看用法）\n"
    "  key rotate --db URL --key-file OLD --new-key-file NEW   更换主密钥\n"
    "  version                                     显示版本\n";

void PrintUsage(std::ostream& out) { out << kName << "\n" << kUsage; }

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    PrintUsage(std::cerr);
    return anpei::cli::kExitUsage;
  }
  const std::string cmd = argv[1];
  const anpei::cli::Args args(argv + 2, argv + argc);
  if (cmd == "plan") return anpei::cli::RunPlan(args);
  if (cmd == "calendar") return anpei::cli::RunCalendar(args);
  if (cmd == "id") return anpei::cli::RunId(args);
  if (cmd == "serve") return anpei::cli::RunServe(args);
  if (cmd == "migrate") return anpei::cli::RunMigrate(args);
  if (cmd == "demo") return anpei::cli::RunDemo(args);
  if (cmd == "audit") return anpei::cli::RunAudit(args);
  if (cmd == "user") return anpei::cli::RunUser(args);
  if (cmd == "key") return anpei::cli::RunKey(args);
  if (cmd == "help" || cmd == "--help" || cmd == "-h") {
    PrintUsage(std::cout);
    return anpei::cli::kExitOk;
  }
  if (cmd == "version" || cmd == "--version") {
    std::cout << kName << "\n"
              << "anpei " << ANPEI_VERSION << "\n";
    return anpei::cli::kExitOk;
  }
  std::cerr << "未知命令 " << cmd << "\n";
  PrintUsage(std::cerr);
  return anpei::cli::kExitUsage;
}
