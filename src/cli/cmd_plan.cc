// anpei plan check FILE|- [--policy ID] [--json] [--db URL [--key-file PATH]]: without --db with
// the shipped calendar (contract.md); with it, with the store's calendar in force.
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "app/plan_check.h"
#include "cli/cli.h"
#include "codec/plan_json.h"

namespace anpei::cli {
namespace {

constexpr std::string_view kUsage =
    "用法：anpei plan check FILE|- [--policy ID] [--json] [--db URL [--key-file PATH]]\n"
    "  检查教学计划（JSON，- 表示从标准输入读取）是否符合政策。\n"
    "  加 --db 时按数据库中生效的工作日历（导入的年份覆盖随软件发布的该年）计算申报期限。\n"
    "  退出码：0 符合；1 违反（列出全部违规项）；2 输入无法使用。\n";

Result<std::string> ReadInput(const std::string& path) {
  std::string text;
  // Read at most one byte past the limit so that an oversized input is refused, not buffered.
  const size_t limit = codec::kMaxPlanJsonBytes + 1;
  auto read = [&](std::istream& in) {
    std::vector<char> buf(64 * 1024);
    while (text.size() < limit && in) {
      in.read(buf.data(), static_cast<std::streamsize>(std::min(buf.size(), limit - text.size())));
      text.append(buf.data(), static_cast<size_t>(in.gcount()));
    }
  };
  if (path == "-") {
    read(std::cin);
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Invalid("FILE", "无法读取文件 " + path);
    read(in);
  }
  return text;
}

void PrintHuman(const domain::PlanVerdict& v, const domain::Policy& policy) {
  const domain::PlanSummary& s = v.summary;
  std::cout << (v.ok() ? "符合政策" : "不符合政策") << " " << policy.id << "（" << policy.document
            << "）\n";
  std::cout << "总课时 " << s.total_hours << "（理论 " << s.theory_hours << "，实操 "
            << s.practical_hours << "，线上 " << s.online_hours << "）；开班 "
            << s.start_date.ToString() << "；申报截止 "
            << (s.declare_deadline                ? s.declare_deadline->ToString()
                : s.declare_deadline_note.empty() ? std::string("无法计算")
                                                  : s.declare_deadline_note)
            << "\n";
  if (!v.ok()) {
    std::cout << "违规 " << v.violations.size() << " 项：\n";
    for (const domain::Violation& x : v.violations) {
      std::cout << "  [" << x.rule << "] " << x.clause << "：" << x.message << "\n";
    }
  }
}

}  // namespace

int RunPlan(const Args& args) {
  if (args.empty() || args[0] != "check") {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::string file, policy_flag;
  StoreFlags store;
  bool as_json = false, have_file = false, have_policy = false;
  for (size_t i = 1; i < args.size(); ++i) {
    if (TakeStoreFlag(args, i, store)) continue;
    if (args[i] == "--json") {
      as_json = true;
    } else if (args[i] == "--policy" && i + 1 < args.size()) {
      policy_flag = args[++i];
      have_policy = true;
    } else if (!have_file && (args[i] == "-" || args[i].rfind("--", 0) != 0)) {
      file = args[i];
      have_file = true;
    } else {
      std::cerr << "未知参数 " << args[i] << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (!have_file) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  auto fail = [&](const Status& st) {
    if (as_json) std::cout << codec::ErrorToJson(st) << "\n";
    PrintError(st);
    return kExitUsage;
  };

  auto ref = LoadReferenceOrReport();
  if (!ref) return kExitConfig;
  auto text = ReadInput(file);
  if (!text.ok()) return fail(text.status());
  auto request = codec::ParsePlanCheckRequest(*text);
  if (!request.ok()) return fail(request.status());
  if (have_policy) {
    // The flag overrides the document's own "policy" key.
    request->policy_id = policy_flag;
    request->policy_field = "--policy";
  }
  std::shared_ptr<app::AppContext> app;
  if (store.db_given) {
    auto opened = OpenExistingApp(store, ref);
    if (!opened.ok()) {
      return opened.status().code() == Code::kInvalidArgument ? fail(opened.status())
                                                              : OpenFailed(opened.status());
    }
    app = *opened;
  }
  auto verdict = app ? app::CheckPlanWithStore(*app, *request) : app::CheckPlan(*ref, *request);
  if (!verdict.ok()) {
    // A fault of the store (not of the plan) is the installation's: exit 3.
    if (verdict.status().code() == Code::kUnavailable ||
        verdict.status().code() == Code::kInternal) {
      return OpenFailed(verdict.status());
    }
    return fail(verdict.status());
  }

  if (as_json) {
    std::cout << codec::PlanVerdictToJson(*verdict) << "\n";
  } else {
    PrintHuman(*verdict, **ref->FindPolicy(verdict->policy_id, "policy"));
  }
  return verdict->ok() ? kExitOk : kExitFailed;
}

}  // namespace anpei::cli
