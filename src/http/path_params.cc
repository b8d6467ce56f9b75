#include "http/path_params.h"

#include <charconv>

namespace anpei::http {

Result<int64_t> PositiveId(std::string_view text, std::string_view what, std::string_view field) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) {
    return Status(Code::kNotFound,
                  std::string(what) + "「" + std::string(text) + "」不存在（编号应为正整数）",
                  std::string(field))
        .WithReason("id.not_found");
  }
  return id;
}

Result<int64_t> PathId(const HttpRequest& req, std::string_view what) {
  return PositiveId(req.params.at("id"), what, "id");
}

Result<int64_t> PathId(const HttpRequest& req, const std::string& param, std::string_view what) {
  return PositiveId(req.params.at(param), what, param);
}

Result<std::optional<int64_t>> QueryId(const HttpRequest& req, const std::string& key) {
  auto it = req.query.find(key);
  if (it == req.query.end() || it->second.empty()) return std::optional<int64_t>();
  int64_t v = 0;
  const std::string& t = it->second;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || end != t.data() + t.size() || v < 1) {
    return Status::Invalid(key, key + " 应为正整数");
  }
  return std::optional<int64_t>(v);
}

std::optional<std::string> QueryText(const HttpRequest& req, const std::string& key) {
  auto it = req.query.find(key);
  if (it == req.query.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

Result<bool> DryRun(const HttpRequest& req) {
  auto it = req.query.find("dry_run");
  if (it == req.query.end() || it->second == "false" || it->second == "0") return false;
  if (it->second == "true" || it->second == "1" || it->second.empty()) return true;
  return Status::Invalid("dry_run", "dry_run 应为 true 或 false");
}

}  // namespace anpei::http
