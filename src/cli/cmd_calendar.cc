// anpei calendar workday DATE | calendar add DATE N
#include <charconv>
#include <iostream>

#include "cli/cli.h"
#include "domain/date.h"

namespace anpei::cli {
namespace {

constexpr std::string_view kUsage =
    "用法：anpei calendar workday DATE      是否为工作日（输出 yes 或 no）\n"
    "      anpei calendar add DATE N        DATE 之后第 N 个工作日（DATE 当日不计入）\n"
    "DATE 格式 YYYY-MM-DD。\n";

}  // namespace

int RunCalendar(const Args& args) {
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
