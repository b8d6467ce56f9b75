#include "codec/selfie_json.h"

#include <boost/json.hpp>

#include "domain/date.h"

namespace anpei::codec {

namespace json = boost::json;

std::string SelfieUploadedToJson(const app::SelfieUploaded& s) {
  return json::serialize(
      json::object{{"selfie_id", s.selfie_id}, {"faces", s.faces}, {"sha256", s.sha256}});
}

std::string SelfieSamplesToJson(const app::SelfieSamples& s, int offset_minutes) {
  json::array items;
  for (const auto& i : s.items) {
    json::value reuse = nullptr;
    if (i.reuse_of) {
      reuse = json::object{{"of_selfie_id", *i.reuse_of}, {"bits", i.reuse_bits.value_or(0)}};
    }
    items.push_back(
        json::object{{"selfie_id", i.selfie_id},
                     {"person_id", i.person_id},
                     {"name", i.name},
                     {"session_seq", i.session_seq},
                     {"record_id", i.record_id},
                     {"uploaded_at", domain::FormatTimestamp({i.uploaded_at}, offset_minutes)},
                     {"image", "/api/v1/selfies/" + std::to_string(i.selfie_id)},
                     {"reuse", std::move(reuse)}});
  }
  return json::serialize(
      json::object{{"class_id", s.class_id}, {"total", s.total}, {"items", std::move(items)}});
}

}  // namespace anpei::codec
