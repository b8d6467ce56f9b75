#include "support/reference.h"

#include <gtest/gtest.h>

#include "adapters/toml/toml_reference_source.h"

namespace anpei::testing {

std::shared_ptr<const app::ReferenceData> ShippedReference() {
  static std::shared_ptr<const app::ReferenceData> ref = [] {
    adapters::TomlReferenceSource src(std::string(ANPEI_SOURCE_DIR) + "/policies",
                                      std::string(ANPEI_SOURCE_DIR) + "/data/calendar");
    auto r = app::ReferenceData::Load(src);
    if (!r.ok()) ADD_FAILURE() << r.status().ToString();
    return r.ok() ? *r : nullptr;
  }();
  return ref;
}

}  // namespace anpei::testing
