#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace anpei::http {
namespace {

Status Bad(std::string message) {
  return Status::Invalid("body", "multipart/form-data 请求体无效：" + std::move(message))
      .WithReason("http.multipart");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The value of parameter `name` in a header value like `form-data; name="file"; filename="a.csv"`.
std::string Param(std::string_view header, std::string_view name) {
  const std::string lower = Lower(header);
  size_t at = 0;
  while ((at = lower.find(name, at)) != std::string::npos) {
    const bool starts = at == 0 || lower[at - 1] == ';' || lower[at - 1] == ' ';
    const size_t eq = at + name.size();
    if (!starts || eq >= lower.size() || lower[eq] != '=') {
      at = eq;
      continue;
    }
    std::string_view rest = header.substr(eq + 1);
    if (!rest.empty() && rest.front() == '"') {
      std::string out;
      for (size_t i = 1; i < rest.size(); ++i) {
        if (rest[i] == '\\' && i + 1 < rest.size()) {
          out += rest[++i];
        } else if (rest[i] == '"') {
          break;
        } else {
          out += rest[i];
        }
      }
      return out;
    }
    return std::string(rest.substr(0, rest.find(';')));
  }
  return "";
}

}  // namespace

bool IsMultipartForm(std::string_view content_type) {
  return Lower(content_type.substr(0, content_type.find(';'))) == "multipart/form-data";
}

Result<std::map<std::string, FormPart>> ParseMultipartForm(std::string_view content_type,
                                                           std::string_view body) {
  const std::string boundary = Param(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return Bad("Content-Type 缺少 boundary");
  const std::string delim = "--" + boundary;
  std::map<std::string, FormPart> parts;
  size_t at = body.find(delim);
  if (at == std::string_view::npos) return Bad("找不到分隔行");
  while (true) {
    at += delim.size();
    if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(at, 2) != "\r\n") return Bad("分隔行后应换行");
    at += 2;
    const size_t head_end = body.find("\r\n\r\n", at);
    if (head_end == std::string_view::npos) return Bad("分段缺少头部");
    FormPart part;
    std::string name;
    for (size_t line = at; line < head_end;) {
      const size_t eol = std::min(body.find("\r\n", line), head_end);
      const std::string_view h = body.substr(line, eol - line);
      const size_t colon = h.find(':');
      if (colon != std::string_view::npos) {
        const std::string key = Lower(h.substr(0, colon));
        std::string_view value = h.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
        if (key == "content-disposition") {
          name = Param(value, "name");
          part.file_name = Param(value, "filename");
        } else if (key == "content-type") {
          part.content_type = std::string(value);
        }
      }
      line = eol + 2;
    }
    if (name.empty()) return Bad("分段缺少 name");
    const size_t data_at = head_end + 4;
    const size_t next = body.find("\r\n" + delim, data_at);
    if (next == std::string_view::npos) return Bad("缺少结束分隔行");
    part.data = std::string(body.substr(data_at, next - data_at));
    parts.emplace(std::move(name), std::move(part));
    at = next + 2;
  }
}

Result<UploadedFile> OptionalFormFile(std::string_view content_type, std::string_view body,
                                      const std::string& field) {
  UploadedFile out;
  if (!IsMultipartForm(content_type)) return out;
  ANPEI_ASSIGN_OR_RETURN(auto form, ParseMultipartForm(content_type, body));
  if (auto f = form.find(field); f != form.end()) {
    out.bytes = std::move(f->second.data);
    out.name = std::move(f->second.file_name);
  }
  return out;
}

}  // namespace anpei::http
