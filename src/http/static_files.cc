// The web console's files (Vite's web/dist), loaded into memory at start: the bundle is a few
// megabytes, and serving from memory keeps the handler free of file I/O and of path traversal.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "http/api.h"

namespace anpei::http {
namespace {

namespace fs = std::filesystem;

std::string MimeType(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
  };
  const std::string ext = fs::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

struct Asset {
  std::string content_type;
  std::string body;
};

constexpr std::string_view kNotBuilt =
    "<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>安培 AnPei</title>"
    "<body style=\"font-family:sans-serif;margin:3em\"><h1>安培 AnPei</h1>"
    "<p>网页控制台尚未构建。请在源码目录运行 <code>make build</code>（或 <code>make run</code>），"
    "API 位于 <a href=\"/api/v1/openapi.yaml\">/api/v1/</a>。</p>"
    "<p>The web console has not been built: run <code>make build</code>.</p></body></html>";

}  // namespace

void RegisterConsole(Router& router, const std::string& dist_dir) {
  auto assets = std::make_shared<std::map<std::string, Asset>>();
  std::error_code ec;
  if (fs::is_directory(dist_dir, ec)) {
    for (auto it = fs::recursive_directory_iterator(dist_dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      const std::string rel = "/" + fs::relative(it->path(), dist_dir).generic_string();
      (*assets)[rel] = {MimeType(rel), ss.str()};
    }
  }
  router.SetFallback([assets](const HttpRequest& req) {
    HttpResponse r;
    auto it = assets->find(req.path == "/" ? "/index.html" : req.path);
    const bool has_ext = fs::path(req.path).has_extension();
    if (it == assets->end() && !has_ext) it = assets->find("/index.html");  // SPA route
    if (it == assets->end()) {
      if (has_ext || !assets->empty()) {
        return ErrorResponse(Status::NotFound("没有这个文件：" + req.path));
      }
      r.content_type = "text/html; charset=utf-8";
      r.body = std::string(kNotBuilt);
      r.headers.emplace_back("Cache-Control", "no-cache");
      return r;
    }
    r.content_type = it->second.content_type;
    r.body = it->second.body;
    // Vite puts a content hash in every file name under assets/: those never change.
    const bool hashed = req.path.starts_with("/assets/");
    r.headers.emplace_back("Cache-Control",
                           hashed ? "public, max-age=31536000, immutable" : "no-cache");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
  });
}

}  // namespace anpei::http
