// anpei calendar workday DATE | calendar add DATE N | calendar import FILE --db URL
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
    "用法：anpei calendar workday DATE      是否为工作日（输出 yes 或 no）\n"
    "      anpei calendar add DATE N        DATE 之后第 N 个工作日（DATE 当日不计入）\n"
    "      anpei calendar import FILE --db URL [--key-file PATH] [--note 说明] [--dry-run]\n"
    "                                       把一年的工作日历（data/calendar/cn-YYYY.toml 的格式）\n"
    "                                       导入数据库，覆盖随软件发布的该年数据\n"
    "DATE 格式 YYYY-MM-DD。\n";

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
  std::string file, url = kDefaultDbUrl, key_flag, note;
  bool dry_run = false;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--db" && i + 1 < args.size()) {
      url = args[++i];
    } else if (args[i] == "--key-file" && i + 1 < args.size()) {
      key_flag = args[++i];
    } else if (args[i] == "--note" && i + 1 < args.size()) {
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
  auto app =
      OpenApp(url, KeyFileFor(url, key_flag), ref, std::make_shared<adapters::SystemClock>());
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

}  // namespace

int RunCalendar(const Args& args) {
  if (!args.empty() && args[0] == "import") return RunImport(args);
  if (args.size() < 2 || (args[0] != "workday" && args[0] != "add") ||
      (args[0] == "workday" && args.size() != 2) || (args[0] == "add" && args.size() != 3)) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  auto date = domain::ParseDate(args[1], "DATE");
  if (!date.ok()) {
    PrintError(date.status());
    return kExitUsage;
  }
  auto ref = LoadReferenceOrReport();
  if (!ref) return kExitConfig;
  const domain::WorkCalendar& cal = ref->calendar();

  if (args[0] == "workday") {
    auto w = cal.IsWorkday(*date, "DATE");
    if (!w.ok()) {
      PrintError(w.status());
      return kExitUsage;
    }
    std::cout << (*w ? "yes" : "no") << "\n";
    return kExitOk;
  }
  int n = 0;
  const std::string& ns = args[2];
  auto [ptr, ec] = std::from_chars(ns.data(), ns.data() + ns.size(), n);
  if (ec != std::errc() || ptr != ns.data() + ns.size() || n < 0) {
    PrintError(Status::Invalid("N", "应为非负整数，收到 \"" + ns + "\""));
    return kExitUsage;
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
