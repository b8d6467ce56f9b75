// anpei calendar workday DATE [--db URL] | calendar add DATE N [--db URL] |
// calendar import FILE --db URL. Without --db, workday and add answer from the shipped calendar
// (data/calendar/) exactly as contract.md says; with it, from the store's calendar in force
// (years imported with `calendar import` override the shipped ones).
#include <charconv>
#include <fstream>
#include <iostream>
#include <sstream>

#include "adapters/clock/clocks.h"
#include "app/calendar.h"
#include "cli/cli.h"
#include "domain/date.h"

namespace anpei::cli {
namespace {

constexpr std::string_view kUsage =
    "用法：anpei calendar workday DATE [--db URL [--key-file PATH]]\n"
    "                                       是否为工作日（输出 yes 或 no）\n"
    "      anpei calendar add DATE N [--db URL [--key-file PATH]]\n"
    "                                       DATE 之后第 N 个工作日（DATE 当日不计入）\n"
    "      anpei calendar import FILE --db URL [--key-file PATH] [--note 说明] [--dry-run]\n"
    "                                       把一年的工作日历（data/calendar/cn-YYYY.toml 的格式）\n"
    "                                       导入数据库，覆盖随软件发布的该年数据\n"
    "DATE 格式 YYYY-MM-DD。workday 与 add 不加 --db 时按随软件发布的工作日历回答；\n"
    "加 --db 时按数据库中生效的工作日历（导入的年份覆盖随软件发布的该年）。\n";

Result<std::string> ReadInput(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid("FILE", "无法读取文件 " + path);
  ss << in.rdbuf();
  return ss.str();
}

// calendar import FILE --db URL: every fault of the file on stderr ("FILE: field: message"),
// exit 2; exit 0 with the new version on stdout.
int RunImport(const Args& args) {
  StoreFlags store;
  std::string file, note;
  bool dry_run = false;
  for (size_t i = 1; i < args.size(); ++i) {
    if (TakeStoreFlag(args, i, store)) continue;
    if (args[i] == "--note" && i + 1 < args.size()) {
      note = args[++i];
    } else if (args[i] == "--dry-run") {
      dry_run = true;
    } else if (file.empty() && (args[i] == "-" || !args[i].starts_with("--"))) {
      file = args[i];
    } else {
      std::cerr << "未知参数 " << args[i] << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (file.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  auto text = ReadInput(file);
  if (!text.ok()) {
    PrintError(text.status());
    return kExitUsage;
  }
  auto ref = LoadReferenceOrReport();
  if (!ref) return kExitConfig;
  auto app = OpenApp(store.url, store.KeyFile(), ref, std::make_shared<adapters::SystemClock>());
  if (!app.ok()) {
    PrintError(app.status());
    return kExitConfig;
  }
  app::CalendarImportRequest request{*text, file == "-" ? "calendar.toml" : file, note, dry_run};
  auto out = app::ImportCalendarYear(**app, app::Actor::System("anpei-cli"), request);
  if (!out.ok()) {
    PrintError(out.status());
    return out.status().code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
  }
  if (!out->faults.empty()) {
    std::cerr << "工作日历未导入，共 " << out->faults.size() << " 处问题：\n";
    for (const auto& f : out->faults) {
      std::cerr << file << ": " << f.field << ": " << f.message << "（" << f.reason << "）\n";
    }
    return kExitUsage;
  }
  const auto& s = out->stored;
  if (dry_run) {
    std::cout << s.year << " 年工作日历检查通过（文号 " << s.notice << "），未写入（--dry-run）\n";
  } else {
    std::cout << "已导入 " << s.year << " 年工作日历：第 " << s.version << " 版，日历修订号 "
              << s.revision << "，文号 " << s.notice << "\n";
  }
  return kExitOk;
}

// The calendar the answer comes from: the shipped one, or with --db the store's in force.
Result<std::shared_ptr<const domain::WorkCalendar>> CalendarFor(
    const StoreFlags& store, const std::shared_ptr<const app::ReferenceData>& ref) {
  if (!store.db_given) {
    return std::shared_ptr<const domain::WorkCalendar>(ref, &ref->calendar());
  }
  ANPEI_ASSIGN_OR_RETURN(auto app, OpenExistingApp(store, ref));
  ANPEI_ASSIGN_OR_RETURN(auto in_force, app::CalendarInForce(*app));
  return in_force.calendar;
}

}  // namespace

int RunCalendar(const Args& args) {
  if (!args.empty() && args[0] == "import") return RunImport(args);
  // workday DATE | add DATE N, the store flags anywhere after the subcommand.
  StoreFlags store;
  Args positional;
  for (size_t i = 1; i < args.size(); ++i) {
    if (TakeStoreFlag(args, i, store)) continue;
    if (args[i].starts_with("--")) {
      std::cerr << "未知参数 " << args[i] << "\n" << kUsage;
      return kExitUsage;
    }
    positional.push_back(args[i]);
  }
  if (args.empty() || (args[0] != "workday" && args[0] != "add") ||
      positional.size() != (args[0] == "workday" ? 1u : 2u)) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  auto date = domain::ParseDate(positional[0], "DATE");
  if (!date.ok()) {
    PrintError(date.status());
    return kExitUsage;
  }
  int n = 0;
  if (args[0] == "add") {
    const std::string& ns = positional[1];
    auto [ptr, ec] = std::from_chars(ns.data(), ns.data() + ns.size(), n);
    if (ec != std::errc() || ptr != ns.data() + ns.size() || n < 0) {
      PrintError(Status::Invalid("N", "应为非负整数，收到 \"" + ns + "\""));
      return kExitUsage;
    }
  }
  auto ref = LoadReferenceOrReport();
  if (!ref) return kExitConfig;
  auto calendar = CalendarFor(store, ref);
  if (!calendar.ok()) return OpenFailed(calendar.status());
  const domain::WorkCalendar& cal = **calendar;

  if (args[0] == "workday") {
    auto w = cal.IsWorkday(*date, "DATE");
    if (!w.ok()) {
      PrintError(w.status());
      return kExitUsage;
    }
    std::cout << (*w ? "yes" : "no") << "\n";
    return kExitOk;
  }
  auto d = cal.AddWorkdays(*date, n, "DATE");
  if (!d.ok()) {
    PrintError(d.status());
    return kExitUsage;
  }
  std::cout << d->ToString() << "\n";
  return kExitOk;
}

}  // namespace anpei::cli
