// libFuzzer target: arbitrary bytes through the plan-check path (JSON parser, plan validation,
// every rule, result serialisation) and through the date, timestamp and identity parsers.
// Any crash, sanitizer report, or hang is a bug; keep the input as a case in tests/fuzz/corpus/.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "adapters/toml/toml_reference_source.h"
#include "app/plan_check.h"
#include "codec/plan_json.h"
#include "domain/identity.h"

namespace {
std::shared_ptr<const anpei::app::ReferenceData> g_ref;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  anpei::adapters::TomlReferenceSource src(std::string(ANPEI_SOURCE_DIR) + "/policies",
                                           std::string(ANPEI_SOURCE_DIR) + "/data/calendar");
  auto ref = anpei::app::ReferenceData::Load(src);
  if (!ref.ok()) __builtin_trap();
  g_ref = *ref;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto request = anpei::codec::ParsePlanCheckRequest(text);
  if (request.ok()) {
    auto verdict = anpei::app::CheckPlan(*g_ref, *request);
    if (verdict.ok()) {
      (void)anpei::codec::PlanVerdictToJson(*verdict);
    } else {
      (void)anpei::codec::ErrorToJson(verdict.status());
    }
  } else {
    (void)anpei::codec::ErrorToJson(request.status());
  }
  (void)anpei::domain::ParseDate(text, "d");
  (void)anpei::domain::ParseTimestamp(text, "t");
  (void)anpei::domain::ParseTimeOfDay(text, "t");
  (void)anpei::domain::CheckPersonId(text, anpei::domain::Date{2026, 1, 1});
  (void)anpei::domain::CheckUscc(text);
  return 0;
}
