// Routes of a class's evidence (过程材料, docs/openapi.yaml "Evidence"): resumable uploads by the
// tus protocol 1.0.0 (core + creation + termination; https://tus.io/protocols/resumable-upload),
// the class's list, an item's bytes (with Range, streamed from the blob store), deletion and the
// legal hold. The tus headers are parsed here; the rules live in app/evidence.h.
#include <charconv>

#include "app/evidence.h"
#include "codec/evidence_json.h"
#include "http/api.h"
#include "http/auth.h"
#include "http/path_params.h"

namespace anpei::http {
namespace {

constexpr const char* kTusVersion = "1.0.0";

std::optional<int64_t> NonNegative(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 0) {
    return std::nullopt;
  }
  return v;
}

void TusHeaders(HttpResponse& r) {
  r.headers.emplace_back("Tus-Resumable", kTusVersion);
  r.headers.emplace_back("Cache-Control", "no-store");
}

HttpResponse TusError(const Status& st) {
  HttpResponse r = ErrorResponse(st);
  TusHeaders(r);
  return r;
}

// 412 unless the client speaks tus 1.0.0 (the protocol's version negotiation).
std::optional<HttpResponse> CheckTusVersion(const HttpRequest& req) {
  if (req.Header("tus-resumable") == kTusVersion) return std::nullopt;
  HttpResponse r = ErrorResponse(
      Status::Invalid("Tus-Resumable", "请使用 tus 1.0.0 协议（请求头 Tus-Resumable: 1.0.0）")
          .WithReason("evidence.tus_version"));
  r.status = 412;
  r.headers.emplace_back("Tus-Version", kTusVersion);
  return r;
}

// Standard base64 (tus metadata values), padding optional; nullopt on anything else.
std::optional<std::string> Base64(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = value(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  if (bits >= 6) return std::nullopt;  // a dangling character
  return out;
}

// Upload-Metadata: "key base64,key base64,…" (a key may come without a value).
Result<std::map<std::string, std::string>> Metadata(const std::string& header) {
  std::map<std::string, std::string> out;
  size_t at = 0;
  while (at <= header.size() && !header.empty()) {
    size_t comma = header.find(',', at);
    if (comma == std::string::npos) comma = header.size();
    std::string_view pair(header.data() + at, comma - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    while (!pair.empty() && pair.back() == ' ') pair.remove_suffix(1);
    if (!pair.empty()) {
      const size_t space = pair.find(' ');
      const std::string key(pair.substr(0, space));
      std::string value;
      if (space != std::string_view::npos) {
        auto decoded = Base64(pair.substr(space + 1));
        if (!decoded) {
          return Status::Invalid("Upload-Metadata",
                                 "Upload-Metadata 中 " + key + " 的值不是 base64 编码")
              .WithReason("evidence.metadata");
        }
        value = std::move(*decoded);
      }
      out[key] = std::move(value);
    }
    at = comma + 1;
  }
  return out;
}

Result<std::optional<int64_t>> MetaNumber(const std::map<std::string, std::string>& meta,
                                          const std::string& key, const char* what) {
  auto it = meta.find(key);
  if (it == meta.end() || it->second.empty()) return std::optional<int64_t>();
  auto v = NonNegative(it->second);
  if (!v) {
    return Status::Invalid(key, std::string(what) + "应为非负整数").WithReason("evidence." + key);
  }
  return std::optional<int64_t>(*v);
}

HttpResponse Create(const app::AppContext& app, const HttpRequest& req) {
  ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(app, req));
  if (auto bad = CheckTusVersion(req)) return *bad;
  ANPEI_ASSIGN_OR_REPLY(auto class_id, PathId(req, "id", "培训班"));
  app::NewUpload in;
  in.class_id = class_id;
  const auto length = NonNegative(req.Header("upload-length"));
  if (!length) {
    return TusError(Status::Invalid("Upload-Length", "请在 Upload-Length 中给出文件的字节数")
                        .WithReason("evidence.length"));
  }
  in.length = *length;
  auto meta = Metadata(req.Header("upload-metadata"));
  if (!meta.ok()) return TusError(meta.status());
  in.kind = (*meta)["kind"];
  in.file_name = (*meta)["filename"];
  auto session = MetaNumber(*meta, "session", "课次 session ");
  if (!session.ok()) return TusError(session.status());
  in.session_seq = *session;
  auto started = MetaNumber(*meta, "started_at", "录像开始时间 started_at（Unix 秒）");
  if (!started.ok()) return TusError(started.status());
  in.started_at = *started;
  auto up = app::CreateUpload(app, actor, in);
  if (!up.ok()) return TusError(up.status());
  const std::string location = "/api/v1/evidence/uploads/" + up->upload_id;
  HttpResponse r = JsonResponse(
      201, R"({"upload_id":")" + up->upload_id + R"(","location":")" + location + "\"}");
  TusHeaders(r);
  r.headers.emplace_back("Location", location);
  r.headers.emplace_back("Upload-Offset", "0");
  return r;
}

HttpResponse Offset(const app::AppContext& app, const HttpRequest& req) {
  ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(app, req));
  if (auto bad = CheckTusVersion(req)) return *bad;
  auto up = app::GetUpload(app, actor, req.params.at("uid"));
  if (!up.ok()) return TusError(up.status());
  HttpResponse r;
  r.status = 200;
  r.content_type = "text/plain";
  TusHeaders(r);
  r.headers.emplace_back("Upload-Offset", std::to_string(up->offset));
  r.headers.emplace_back("Upload-Length", std::to_string(up->length));
  return r;
}

HttpResponse Append(const app::AppContext& app, const HttpRequest& req) {
  ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(app, req));
  if (auto bad = CheckTusVersion(req)) return *bad;
  if (req.Header("content-type") != "application/offset+octet-stream") {
    HttpResponse r =
        TusError(Status::Invalid("Content-Type",
                                 "续传数据的 Content-Type 应为 application/offset+octet-stream")
                     .WithReason("evidence.content_type"));
    r.status = 415;
    return r;
  }
  const auto offset = NonNegative(req.Header("upload-offset"));
  if (!offset) {
    return TusError(Status::Invalid("Upload-Offset", "请在 Upload-Offset 中给出本段数据的起始字节")
                        .WithReason("evidence.offset"));
  }
  auto out = app::AppendUpload(app, actor, req.params.at("uid"), *offset, req.body);
  if (!out.ok()) return TusError(out.status());
  HttpResponse r;
  r.status = 204;
  r.content_type = "text/plain";
  TusHeaders(r);
  r.headers.emplace_back("Upload-Offset", std::to_string(out->offset));
  if (out->item_id) {
    r.headers.emplace_back("Evidence-Id", std::to_string(*out->item_id));
    r.headers.emplace_back("Access-Control-Expose-Headers", "Evidence-Id, Upload-Offset");
  }
  return r;
}

HttpResponse Terminate(const app::AppContext& app, const HttpRequest& req) {
  ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(app, req));
  if (auto bad = CheckTusVersion(req)) return *bad;
  Status st = app::TerminateUpload(app, actor, req.params.at("uid"));
  if (!st.ok()) return TusError(st);
  HttpResponse r;
  r.status = 204;
  r.content_type = "text/plain";
  TusHeaders(r);
  return r;
}

// RFC 3986 percent-encoding of a UTF-8 file name for Content-Disposition's filename*.
std::string PercentEncoded(std::string_view name) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// "bytes=a-b" | "bytes=a-" | "bytes=-n" against a body of `size` bytes: [first, last], or
// nullopt when unsatisfiable or not a single byte range.
std::optional<std::pair<int64_t, int64_t>> ByteRange(std::string_view h, int64_t size) {
  if (!h.starts_with("bytes=") || size == 0) return std::nullopt;
  h.remove_prefix(6);
  const size_t dash = h.find('-');
  if (dash == std::string_view::npos || h.find(',') != std::string_view::npos) return std::nullopt;
  auto first = NonNegative(h.substr(0, dash));
  auto last = NonNegative(h.substr(dash + 1));
  if (!first) {
    if (!last || *last == 0) return std::nullopt;  // suffix range
    return std::make_pair(std::max<int64_t>(0, size - *last), size - 1);
  }
  if (*first >= size) return std::nullopt;
  const int64_t end = last ? std::min(*last, size - 1) : size - 1;
  if (end < *first) return std::nullopt;
  return std::make_pair(*first, end);
}

HttpResponse Content(const app::AppContext& app, const HttpRequest& req) {
  ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(app, req));
  ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "eid", "材料"));
  const std::string range = req.Header("range");
  const bool first_look = range.empty() || range.starts_with("bytes=0-");
  ANPEI_ASSIGN_OR_REPLY(auto out, app::OpenEvidence(app, actor, id, first_look));
  const int64_t size = out.reader->Size();
  HttpResponse r;
  r.content_type = out.item.mime;
  r.headers.emplace_back("Accept-Ranges", "bytes");
  r.headers.emplace_back("Cache-Control", "private, no-store");
  r.headers.emplace_back("ETag", "\"" + out.item.sha256 + "\"");
  r.headers.emplace_back("Content-Disposition",
                         "inline; filename*=UTF-8''" + PercentEncoded(out.item.file_name));
  int64_t from = 0, to = size - 1;
  if (!range.empty()) {
    auto span = ByteRange(range, size);
    if (!span) {
      HttpResponse bad = ErrorResponse(
          Status::Invalid("Range", "请求的字节范围无效").WithReason("evidence.range"));
      bad.status = 416;
      bad.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
      return bad;
    }
    std::tie(from, to) = *span;
    r.status = 206;
    r.headers.emplace_back("Content-Range", "bytes " + std::to_string(from) + "-" +
                                                std::to_string(to) + "/" + std::to_string(size));
  }
  r.stream_length = size == 0 ? 0 : to - from + 1;
  std::shared_ptr<ports::BlobReader> reader = std::move(out.reader);
  r.read_body = [reader, from](int64_t offset, size_t max) {
    return reader->ReadAt(from + offset, max);
  };
  return r;
}

}  // namespace

void RegisterEvidenceApi(Router& router, const std::shared_ptr<const app::AppContext>& app) {
  const std::string base = "/api/v1";
  router.Add("OPTIONS", base + "/evidence/uploads", "evidenceUploadOptions",
             [app](const HttpRequest&) {
               HttpResponse r;
               r.status = 204;
               r.content_type = "text/plain";
               TusHeaders(r);
               r.headers.emplace_back("Tus-Version", kTusVersion);
               r.headers.emplace_back("Tus-Extension", "creation,termination");
               r.headers.emplace_back("Tus-Max-Size", std::to_string(app::MaxEvidenceBytes(*app)));
               return r;
             });
  router.Add("POST", base + "/classes/{id}/evidence/uploads", "createEvidenceUpload",
             [app](const HttpRequest& req) { return Create(*app, req); });
  router.Add("HEAD", base + "/evidence/uploads/{uid}", "evidenceUploadOffset",
             [app](const HttpRequest& req) { return Offset(*app, req); });
  router.Add("PATCH", base + "/evidence/uploads/{uid}", "appendEvidenceUpload",
             [app](const HttpRequest& req) { return Append(*app, req); });
  router.Add("DELETE", base + "/evidence/uploads/{uid}", "terminateEvidenceUpload",
             [app](const HttpRequest& req) { return Terminate(*app, req); });
  router.Add("GET", base + "/classes/{id}/evidence", "listEvidence", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "id", "培训班"));
    ANPEI_ASSIGN_OR_REPLY(auto out, app::ListEvidence(*app, actor, id));
    return JsonResponse(200, codec::EvidenceListToJson(out, app->LocalOffset()));
  });
  router.Add("GET", base + "/evidence/{eid}/content", "getEvidenceContent",
             [app](const HttpRequest& req) { return Content(*app, req); });
  router.Add("DELETE", base + "/evidence/{eid}", "deleteEvidence", [app](const HttpRequest& req) {
    ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
    ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "eid", "材料"));
    ANPEI_REPLY_IF_ERROR(app::DeleteEvidence(*app, actor, id));
    HttpResponse r;
    r.status = 204;
    r.content_type = "text/plain";
    return r;
  });
  router.Add("PUT", base + "/evidence/{eid}/legal-hold", "setEvidenceLegalHold",
             [app](const HttpRequest& req) {
               ANPEI_ASSIGN_OR_REPLY(const app::Actor actor, RequestActor(*app, req));
               ANPEI_ASSIGN_OR_REPLY(auto id, PathId(req, "eid", "材料"));
               ANPEI_ASSIGN_OR_REPLY(auto body, codec::ParseLegalHold(req.body));
               ANPEI_ASSIGN_OR_REPLY(auto out,
                                     app::SetLegalHold(*app, actor, id, body.hold, body.reason));
               return JsonResponse(200, codec::EvidenceItemToJson(out, app->LocalOffset()));
             });
}

}  // namespace anpei::http
