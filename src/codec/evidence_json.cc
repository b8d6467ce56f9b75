#include "codec/evidence_json.h"

#include <boost/json.hpp>

#include "domain/date.h"
#include "domain/selfie.h"

namespace anpei::codec {
namespace {

namespace json = boost::json;

json::value Time(std::optional<int64_t> t, int offset) {
  if (!t) return nullptr;
  return json::value(domain::FormatTimestamp(domain::Instant{*t}, offset));
}

json::array Spans(const std::vector<domain::VideoSpan>& spans) {
  json::array out;
  for (const auto& s : spans) out.push_back(json::object{{"start", s.start}, {"end", s.end}});
  return out;
}

json::object ItemJson(const app::EvidenceView& v, int offset) {
  const auto& i = v.item;
  json::value photo = nullptr, video = nullptr;
  if (i.photo) {
    photo = json::object{{"captured_at", Time(i.photo->captured_at, offset)},
                         {"faces", i.photo->faces},
                         {"phash", domain::PhashHex(i.photo->phash)},
                         {"width", i.photo->width},
                         {"height", i.photo->height}};
  }
  if (i.video) {
    video = json::object{{"duration_seconds", i.video->duration_seconds},
                         {"creation_time", Time(i.video->creation_time, offset)},
                         {"started_at", Time(i.started_at, offset)},
                         {"gaps", Spans(i.video->gaps)},
                         {"segments", Spans(i.video->segments)},
                         {"codec", i.video->codec},
                         {"width", i.video->width},
                         {"height", i.video->height},
                         {"frames", i.video->frames}};
  }
  json::array problems;
  for (const auto& p : v.problems) {
    problems.push_back(
        json::object{{"rule", p.rule}, {"clause", p.clause}, {"message", p.message}});
  }
  return json::object{
      {"id", i.id},
      {"class_id", i.class_id},
      {"kind", domain::EvidenceKindId(i.kind)},
      {"kind_name", domain::EvidenceKindName(i.kind)},
      {"session_seq", i.session_seq ? json::value(*i.session_seq) : json::value(nullptr)},
      {"file_name", i.file_name},
      {"size", i.size},
      {"mime", i.mime},
      {"sha256", i.sha256},
      {"uploaded_at", domain::FormatTimestamp(domain::Instant{i.uploaded_at}, offset)},
      {"uploaded_by", i.uploaded_by},
      {"retain_until", domain::FormatTimestamp(domain::Instant{i.retain_until}, offset)},
      {"legal_hold", i.legal_hold},
      {"legal_hold_reason", i.legal_hold_reason},
      {"content", "/api/v1/evidence/" + std::to_string(i.id) + "/content"},
      {"photo", std::move(photo)},
      {"video", std::move(video)},
      {"problems", std::move(problems)}};
}

}  // namespace

std::string EvidenceItemToJson(const app::EvidenceView& v, int offset_minutes) {
  return json::serialize(ItemJson(v, offset_minutes));
}

Result<LegalHoldRequest> ParseLegalHold(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) {
    return Status::Invalid("body", "请求体应为 JSON 对象 {\"hold\":true,\"reason\":\"…\"}");
  }
  const auto& o = v.as_object();
  LegalHoldRequest out;
  auto* hold = o.if_contains("hold");
  if (hold == nullptr || !hold->is_bool())
    return Status::Invalid("hold", "hold 应为 true 或 false");
  out.hold = hold->as_bool();
  if (auto* reason = o.if_contains("reason"); reason != nullptr && !reason->is_null()) {
    if (!reason->is_string()) return Status::Invalid("reason", "reason 应为字符串");
    out.reason = reason->as_string();
  }
  return out;
}

std::string EvidenceListToJson(const std::vector<app::EvidenceView>& items, int offset_minutes) {
  json::array out;
  for (const auto& v : items) out.push_back(ItemJson(v, offset_minutes));
  return json::serialize(json::object{{"items", std::move(out)}});
}

}  // namespace anpei::codec
