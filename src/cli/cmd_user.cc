// anpei user add|disable|reset-password|token: the operator's account administration (the first
// admin is created here). Acts as the system actor "anpei-cli"; every change is audited.
#include <iostream>
#include <optional>

#include "adapters/clock/clocks.h"
#include "app/accounts.h"
#include "cli/cli.h"

namespace anpei::cli {
namespace {

constexpr std::string_view kUsage =
    "用法：\n"
    "  anpei user add USERNAME --role ROLE [--role ROLE2] [--institution ID] [--district CODE]\n"
    "                 [--name 姓名] [--password-stdin] --db URL [--key-file PATH]\n"
    "  anpei user disable USERNAME --db URL [--key-file PATH]\n"
    "  anpei user enable USERNAME --db URL [--key-file PATH]\n"
    "  anpei user reset-password USERNAME [--password-stdin] --db URL [--key-file PATH]\n"
    "  anpei user token USERNAME --name 令牌名称 --db URL [--key-file PATH]\n"
    "角色：institution police_reviewer police_admin hrss finance auditor trainee platform\n"
    "不加 --password-stdin 时生成随机密码并打印一次。密码须至少 10 个字符、含小写字母、大写字母、\n"
    "数字、其他符号中的至少三类，不能是用户名，也不能是常见弱密码（data/passwords/common.txt）。\n"
    "重设密码后，用户下次登录须先修改密码。\n";

int ExitFor(const Status& st) {
  PrintError(st);
  switch (st.code()) {
    case Code::kInvalidArgument:
      return kExitUsage;
    case Code::kNotFound:
    case Code::kConflict:
    case Code::kFailedPrecondition:
    case Code::kPermissionDenied:
      return kExitFailed;
    default:
      return kExitConfig;
  }
}

struct UserArgs {
  std::string sub, username, url = std::string(kDefaultDbUrl), key_flag, name;
  app::NewUser in;
  bool password_stdin = false;
};

// The subcommand and its options; nullopt (usage printed) when they do not parse.
std::optional<UserArgs> ParseUserArgs(const Args& args) {
  UserArgs a;
  a.sub = args[0];
  a.username = args[1];
  a.in.username = a.username;
  for (size_t i = 2; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--db" && has_value) {
      a.url = args[++i];
    } else if (args[i] == "--key-file" && has_value) {
      a.key_flag = args[++i];
    } else if (args[i] == "--role" && has_value) {
      a.in.roles.push_back(args[++i]);
    } else if (args[i] == "--institution" && has_value) {
      try {
        a.in.institution_id = std::stoll(args[++i]);
      } catch (...) {
        std::cerr << "--institution 应为培训机构编号（整数）\n";
        return std::nullopt;
      }
    } else if (args[i] == "--district" && has_value) {
      a.in.district_code = args[++i];
    } else if (args[i] == "--name" && has_value) {
      a.name = args[++i];
    } else if (args[i] == "--password-stdin") {
      a.password_stdin = true;
    } else {
      std::cerr << "未知参数 " << args[i] << "\n" << kUsage;
      return std::nullopt;
    }
  }
  if (a.sub != "add" && a.sub != "disable" && a.sub != "enable" && a.sub != "reset-password" &&
      a.sub != "token") {
    std::cerr << kUsage;
    return std::nullopt;
  }
  return a;
}

// Runs the parsed subcommand against the opened app; the exit code.
int RunUserCommand(const app::AppContext& ctx, UserArgs& a) {
  const app::Actor cli = app::Actor::System("anpei-cli");
  std::string password;
  bool generated = false;
  if (a.sub == "add" || a.sub == "reset-password") {
    if (a.password_stdin) {
      std::getline(std::cin, password);
      if (!password.empty() && password.back() == '\r') password.pop_back();
    } else {
      password = app::GeneratePassword(ctx, a.username);
      generated = true;
    }
  }

  if (a.sub == "add") {
    a.in.display_name = a.name;
    a.in.password = password;
    auto u = app::CreateUser(ctx, cli, a.in);
    if (!u.ok()) return ExitFor(u.status());
    std::cout << "已创建用户 " << u->username << "（编号 " << u->id << "）";
    if (generated) std::cout << "，初始密码：" << password;
    std::cout << "\n";
    return kExitOk;
  }
  auto user = app::FindUser(ctx, cli, a.username);
  if (!user.ok()) return ExitFor(user.status());
  if (a.sub == "disable") {
    auto u = app::DisableUser(ctx, cli, user->id);
    if (!u.ok()) return ExitFor(u.status());
    std::cout << "已停用用户 " << u->username << "，并注销其全部会话\n";
    return kExitOk;
  }
  if (a.sub == "enable") {
    auto u = app::EnableUser(ctx, cli, user->id);
    if (!u.ok()) return ExitFor(u.status());
    std::cout << "已重新启用用户 " << u->username << "\n";
    return kExitOk;
  }
  if (a.sub == "reset-password") {
    auto u = app::ResetPassword(ctx, cli, user->id, password);
    if (!u.ok()) return ExitFor(u.status());
    std::cout << "已重设用户 " << u->username << " 的密码并解除锁定";
    if (generated) std::cout << "，新密码：" << password;
    std::cout << "\n";
    return kExitOk;
  }
  if (a.name.empty()) {
    std::cerr << "请用 --name 给令牌起个名字（如平台名称）\n";
    return kExitUsage;
  }
  auto token = app::CreateApiToken(ctx, cli, user->id, a.name);
  if (!token.ok()) return ExitFor(token.status());
  std::cout << *token << "\n";
  std::cerr << "以上为 API 令牌，只显示这一次；请求时放在 Authorization: Bearer 之后\n";
  return kExitOk;
}

}  // namespace

int RunUser(const Args& args) {
  if (args.size() < 2 || args[1].starts_with("--")) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  auto parsed = ParseUserArgs(args);
  if (!parsed) return kExitUsage;
  auto ref = LoadReferenceOrReport();
  if (!ref) return kExitConfig;
  auto opened = OpenApp(parsed->url, KeyFileFor(parsed->url, parsed->key_flag), ref,
                        std::make_shared<adapters::SystemClock>());
  if (!opened.ok()) return ExitFor(opened.status());
  return RunUserCommand(**opened, *parsed);
}

}  // namespace anpei::cli
