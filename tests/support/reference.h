// Loads the shipped policies and calendar from the source tree, for tests of the real data.
#pragma once

#include <memory>

#include "app/reference_data.h"

namespace anpei::testing {

// The policies and calendar shipped in the source tree, loaded once.
std::shared_ptr<const app::ReferenceData> ShippedReference();

}  // namespace anpei::testing
