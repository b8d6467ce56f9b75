// JSON of selfies (docs/openapi.yaml, "Selfies"): an accepted upload and a class's sample.
#pragma once

#include <string>

#include "app/selfies.h"

namespace anpei::codec {

// {"selfie_id":N,"faces":1,"sha256":"…"}
std::string SelfieUploadedToJson(const app::SelfieUploaded& s);
// {"class_id":N,"total":N,"items":[{"selfie_id","person_id","name","session_seq","record_id",
//  "uploaded_at"(local RFC
//  3339),"image":"/api/v1/selfies/N","reuse":{"of_selfie_id","bits"}|null}]}
std::string SelfieSamplesToJson(const app::SelfieSamples& s, int offset_minutes);

}  // namespace anpei::codec
