// anpei serve --listen HOST:PORT [--db URL]
#include <fstream>
#include <iostream>
#include <sstream>

#include "adapters/clock/clocks.h"
#include "cli/cli.h"
#include "domain/date.h"
#include "http/api.h"
#include "http/server.h"

namespace anpei::cli {
namespace {

constexpr std::string_view kUsage =
    "用法：anpei serve [--listen HOST:PORT] [--db URL] [--key-file PATH] [--fixed-clock "
    "TIMESTAMP]\n"
    "  --key-file 主密钥文件（默认 $ANPEI_KEY_FILE，或 SQLite 数据库旁的 PATH.key）。\n"
    "  --listen 默认 127.0.0.1:8080；端口 0 表示自动选择空闲端口。\n"
    "  --fixed-clock 把服务器时钟固定在给定时刻（RFC 3339，如 2021-09-28T10:00:00+08:00），\n"
    "                仅用于测试和演练。\n";

Result<std::pair<std::string, uint16_t>> ParseListen(const std::string& s) {
  const size_t colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Status::Invalid("--listen", "应为 HOST:PORT，例如 127.0.0.1:8080");
  }
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string port = s.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoi(port) > 65535) {
    return Status::Invalid("--listen", "端口应为 0–65535 的整数，收到 \"" + port + "\"");
  }
  return std::pair{host, static_cast<uint16_t>(std::stoi(port))};
}

}  // namespace

int RunServe(const Args& args) {
  std::string listen = "127.0.0.1:8080";
  std::string db = kDefaultDbUrl;
  std::string key_file;
  std::shared_ptr<const ports::Clock> clock = std::make_shared<adapters::SystemClock>();
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--listen" && i + 1 < args.size()) {
      listen = args[++i];
    } else if (args[i] == "--db" && i + 1 < args.size()) {
      db = args[++i];
    } else if (args[i] == "--key-file" && i + 1 < args.size()) {
      key_file = args[++i];
    } else if (args[i] == "--fixed-clock" && i + 1 < args.size()) {
      auto at = domain::ParseTimestamp(args[++i], "--fixed-clock");
      if (!at.ok()) {
        PrintError(at.status());
        return kExitUsage;
      }
      clock = std::make_shared<adapters::FixedClock>(*at);
    } else {
      std::cerr << "未知参数 " << args[i] << "\n" << kUsage;
      return kExitUsage;
    }
  }
  auto addr = ParseListen(listen);
  if (!addr.ok()) {
    PrintError(addr.status());
    return kExitUsage;
  }
  auto ref = LoadReferenceOrReport();
  if (!ref) return kExitConfig;

  auto app = OpenApp(db, KeyFileFor(db, key_file), ref, clock);
  if (!app.ok()) {
    PrintError(app.status());
    return app.status().code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
  }
  auto ctx = std::make_shared<http::ApiContext>();
  ctx->reference = ref;
  ctx->ping_store = [store = (*app)->store]() { return store->Ping(); };
  std::ifstream spec(DataDir() + "/docs/openapi.yaml");
  std::stringstream ss;
  ss << spec.rdbuf();
  ctx->openapi_yaml = ss.str();

  http::Router router;
  http::RegisterApi(router, ctx);
  http::RegisterResourceApi(router, *app);
  http::RegisterAccountApi(router, *app);
  http::RegisterConsole(router, DataDir() + "/web/dist");
  http::ServerOptions options;
  options.host = addr->first;
  options.port = addr->second;
  options.on_listening = [](const std::string& host, uint16_t port) {
    std::cout << "AnPei 已启动：http://" << host << ":" << port << "/" << std::endl;
  };
  Status st = http::Serve(options, router);
  if (!st.ok()) {
    PrintError(st);
    return st.code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
  }
  std::cout << "AnPei 已停止" << std::endl;
  return kExitOk;
}

}  // namespace anpei::cli
