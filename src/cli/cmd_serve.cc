// anpei serve --listen HOST:PORT [--db URL]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "adapters/blob/fs_blob_store.h"
#include "adapters/clock/clocks.h"
#include "adapters/exif/libexif_reader.h"
#include "adapters/face/opencv_face_inspector.h"
#include "adapters/video/ffmpeg_video_probe.h"
#include "cli/cli.h"
#include "domain/date.h"
#include "http/api.h"
#include "http/server.h"

namespace anpei::cli {
namespace {

constexpr std::string_view kUsage =
    "用法：anpei serve [--listen HOST:PORT] [--db URL] [--key-file PATH] [--fixed-clock "
    "TIMESTAMP]\n"
    "                  [--clock-file PATH]\n"
    "                  [--max-connections N] [--max-connections-per-address N]\n"
    "                  [--header-timeout SECONDS] [--body-timeout SECONDS]\n"
    "                  [--trusted-proxy CIDR]... [--hsts-max-age SECONDS] [--blob-dir DIR]\n"
    "  --blob-dir 上传文件（抽查照片等）的存放目录（默认 $ANPEI_BLOB_DIR，或 SQLite 数据库旁的\n"
    "             PATH.blobs，否则 var/blobs）。\n"
    "  --key-file 主密钥文件（默认 $ANPEI_KEY_FILE，或 SQLite 数据库旁的 PATH.key）。\n"
    "  --listen 默认 127.0.0.1:8080；端口 0 表示自动选择空闲端口。\n"
    "  --max-connections 同时打开的连接上限（默认 1024，且不超过文件描述符上限减 64）。\n"
    "  --max-connections-per-address 同一客户端地址的连接上限（默认 64；受信任代理除外）。\n"
    "  --header-timeout 接收请求头的时限，也是保持连接的空闲时限（秒，默认 10）。\n"
    "  --body-timeout 接收请求体的时限（秒，默认 30）。\n"
    "  --trusted-proxy 受信任的反向代理（IP 或 CIDR，可重复，也可用逗号分隔）：只采信它们的\n"
    "                  X-Forwarded-For 与 X-Forwarded-Proto。默认读取 $ANPEI_TRUSTED_PROXIES。\n"
    "  --hsts-max-age 经受信任代理以 HTTPS 到达的请求，应答带 Strict-Transport-Security\n"
    "                 （秒；默认 0 即不发送，生产建议 31536000）。\n"
    "  --fixed-clock 把服务器时钟固定在给定时刻（RFC 3339，如 2021-09-28T10:00:00+08:00），\n"
    "                仅用于测试和演练。\n"
    "  --clock-file 每次取时间时读该文件中的时刻（RFC 3339），测试改写文件即可推进时钟；\n"
    "               仅用于测试（签到二维码过期、签到时段）。\n"
    "  会话与登录防护（见 docs/operations.md）：\n"
    "  --session-idle-minutes N      会话闲置 N 分钟后失效（默认 30）\n"
    "  --session-lifetime-minutes N  会话自登录起最长 N 分钟（默认 720，即 12 小时）\n"
    "  --signin-max-attempts N       同一用户名在同一地址 15 分钟内最多试 N 次（默认 5）\n"
    "  --signin-lock-minutes N       首次锁定 N 分钟，连续再锁加倍，最长 60 分钟（默认 5）\n"
    "  --password-threads N          处理登录与密码请求的线程数（默认 2；0 表示不单设线程池，\n"
    "                                仅供对比测试）\n"
    "  --password-queue N            其排队上限，超出即答 503（默认 16）\n"
    "  --worker-threads N            处理请求的线程数（默认 32；写入由一个写线程成批提交）\n"
    "  --max-export-rows N           一次导出（XLSX）的行数上限，超出请用户缩小筛选（默认 "
    "100000）\n"
    "  --image-threads N             人脸检测每张图片可用的线程数（默认 $ANPEI_IMAGE_THREADS，\n"
    "                                否则按 CPU 核数；0 表示在处理该请求的线程上运行）\n"
    "  --public-url URL              结业证书二维码指向的公开地址（如 https://anpei.example.org；\n"
    "                                默认取每个请求的 Host）\n";

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string db = kDefaultDbUrl;
  std::string key_file;
  std::string blob_dir;
  std::string public_url;
  std::shared_ptr<const ports::Clock> clock = std::make_shared<adapters::SystemClock>();
  http::ServerOptions options;
  app::SecuritySettings security;
  std::optional<int> image_threads;  // --image-threads, else $ANPEI_IMAGE_THREADS
};

// A whole number in [min, max] for `flag`.
Result<int64_t> ParseCount(const std::string& flag, const std::string& text, int64_t min,
                           int64_t max) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos || std::stoll(text) < min ||
      std::stoll(text) > max) {
    return Status::Invalid(flag, flag + " 应为 " + std::to_string(min) + "–" + std::to_string(max) +
                                     " 的整数，收到 \"" + text + "\"");
  }
  return std::stoll(text);
}

void AddProxies(std::vector<std::string>& into, const std::string& list) {
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) into.push_back(item);
  }
}

// One option with its value at args[i + 1]; false when `flag` is not an edge option.
Result<bool> ParseEdgeOption(const std::string& flag, const std::string& value,
                             http::ServerOptions& o) {
  if (flag == "--max-connections") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, 1000000));
    o.max_connections = static_cast<size_t>(n);
  } else if (flag == "--max-connections-per-address") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, 1000000));
    o.max_connections_per_address = static_cast<size_t>(n);
  } else if (flag == "--header-timeout") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, 3600));
    o.header_timeout = std::chrono::seconds(n);
  } else if (flag == "--body-timeout") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, 3600));
    o.body_timeout = std::chrono::seconds(n);
  } else if (flag == "--hsts-max-age") {
    ANPEI_ASSIGN_OR_RETURN(o.hsts_max_age, ParseCount(flag, value, 0, 100000000));
  } else if (flag == "--trusted-proxy") {
    AddProxies(o.trusted_proxies, value);
  } else {
    return false;
  }
  return true;
}

// One session or sign-in option (docs/operations.md); false when `flag` is not one of them.
Result<bool> ParseSecurityOption(const std::string& flag, const std::string& value,
                                 app::SecuritySettings& s, http::ServerOptions& o) {
  constexpr int64_t kMax = 1000000;
  if (flag == "--session-idle-minutes") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, kMax));
    s.session_idle_s = n * 60;
  } else if (flag == "--session-lifetime-minutes") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, kMax));
    s.session_lifetime_s = n * 60;
  } else if (flag == "--signin-max-attempts") {
    ANPEI_ASSIGN_OR_RETURN(s.name_at_address.max_attempts, ParseCount(flag, value, 1, kMax));
  } else if (flag == "--signin-lock-minutes") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, 24 * 60));
    s.name_at_address.lock_s = n * 60;
  } else if (flag == "--password-threads") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 0, 64));
    o.password_threads = static_cast<size_t>(n);
  } else if (flag == "--max-export-rows") {
    ANPEI_ASSIGN_OR_RETURN(s.max_export_rows, ParseCount(flag, value, 1, 1000000));
  } else if (flag == "--worker-threads") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, 256));
    o.worker_threads = static_cast<int>(n);
  } else if (flag == "--password-queue") {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(flag, value, 1, kMax));
    o.password_queue = static_cast<size_t>(n);
  } else {
    return false;
  }
  return true;
}

Result<ServeArgs> ParseServeArgs(const Args& args) {
  ServeArgs out;
  if (const char* env = std::getenv("ANPEI_TRUSTED_PROXIES")) {
    AddProxies(out.options.trusted_proxies, env);
  }
  if (const char* env = std::getenv("ANPEI_IMAGE_THREADS"); env && *env) {
    ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount("ANPEI_IMAGE_THREADS", env, 0, 64));
    out.image_threads = static_cast<int>(n);
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--listen" && has_value) {
      out.listen = args[++i];
    } else if (args[i] == "--db" && has_value) {
      out.db = args[++i];
    } else if (args[i] == "--key-file" && has_value) {
      out.key_file = args[++i];
    } else if (args[i] == "--blob-dir" && has_value) {
      out.blob_dir = args[++i];
    } else if (args[i] == "--public-url" && has_value) {
      out.public_url = args[++i];
      if (!out.public_url.starts_with("https://") && !out.public_url.starts_with("http://")) {
        return Status::Invalid("--public-url", "应以 https:// 或 http:// 开头");
      }
    } else if (args[i] == "--image-threads" && has_value) {
      ANPEI_ASSIGN_OR_RETURN(auto n, ParseCount(args[i], args[i + 1], 0, 64));
      out.image_threads = static_cast<int>(n);
      ++i;
    } else if (args[i] == "--fixed-clock" && has_value) {
      ANPEI_ASSIGN_OR_RETURN(auto at, domain::ParseTimestamp(args[++i], "--fixed-clock"));
      out.clock = std::make_shared<adapters::FixedClock>(at);
    } else if (args[i] == "--clock-file" && has_value) {
      const std::string& path = args[++i];
      ANPEI_ASSIGN_OR_RETURN(auto at, adapters::FileClock::Read(path));
      out.clock = std::make_shared<adapters::FileClock>(path, at);
    } else if (has_value) {
      ANPEI_ASSIGN_OR_RETURN(bool known, ParseEdgeOption(args[i], args[i + 1], out.options));
      if (!known) {
        ANPEI_ASSIGN_OR_RETURN(
            known, ParseSecurityOption(args[i], args[i + 1], out.security, out.options));
      }
      if (!known) return Status::Invalid(args[i], "未知参数 " + args[i]);
      ++i;
    } else {
      return Status::Invalid(args[i], "未知参数 " + args[i]);
    }
  }
  return out;
}

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

std::string BlobDirFor(const std::string& db_url, const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("ANPEI_BLOB_DIR"); env && *env) return env;
  if (db_url.starts_with("sqlite:")) return db_url.substr(7) + ".blobs";
  return "var/blobs";
}

int RunServe(const Args& args) {
  auto parsed = ParseServeArgs(args);
  if (!parsed.ok()) {
    PrintError(parsed.status());
    std::cerr << kUsage;
    return kExitUsage;
  }
  auto& [listen, db, key_file, blob_dir, public_url, clock, options, security, image_threads] =
      *parsed;
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
  (*app)->security = security;
  (*app)->public_url = public_url;
  auto blobs = adapters::OpenFsBlobStore(BlobDirFor(db, blob_dir));
  if (!blobs.ok()) {
    PrintError(blobs.status());
    return kExitConfig;
  }
  (*app)->blobs = *blobs;
  // Selfies need OpenCV's cascade (opencv-data); without it the server still serves everything
  // else and a selfie upload answers 503.
  if (image_threads) adapters::SetImageThreads(*image_threads);
  if (auto faces = adapters::OpenFaceInspector(); faces.ok()) {
    (*app)->faces = *faces;
  } else {
    std::cerr << "警告：" << faces.status().message() << "；自拍照上传将不可用" << std::endl;
  }
  // Evidence uploads: videos probed with FFmpeg, photos' EXIF capture time with libexif.
  (*app)->videos = adapters::NewFfmpegVideoProbe();
  (*app)->exif = adapters::NewLibexifReader();
  auto ctx = std::make_shared<http::ApiContext>();
  ctx->reference = ref;
  ctx->ping_store = [store = (*app)->store]() { return store->Ping(); };
  ctx->app = *app;
  std::ifstream spec(DataDir() + "/docs/openapi.yaml");
  std::stringstream ss;
  ss << spec.rdbuf();
  ctx->openapi_yaml = ss.str();

  http::Router router;
  http::RegisterApi(router, ctx);
  http::RegisterResourceApi(router, *app);
  http::RegisterAccountApi(router, *app);
  http::RegisterConsole(router, DataDir() + "/web/dist");
  options.host = addr->first;
  options.port = addr->second;
  options.on_listening = [](const std::string& host, uint16_t port) {
    std::cout << "安培 AnPei 已启动：http://" << host << ":" << port << "/" << std::endl;
  };
  Status st = http::Serve(options, router);
  if (!st.ok()) {
    PrintError(st);
    return st.code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
  }
  std::cout << "安培 AnPei 已停止" << std::endl;
  return kExitOk;
}

}  // namespace anpei::cli
