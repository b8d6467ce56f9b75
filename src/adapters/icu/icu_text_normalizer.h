// The TextNormalizer on ICU (Debian's libicu): NFKC through icu::Normalizer2, invisible and
// space characters by their Unicode properties, so new characters of a kind are covered by ICU's
// data instead of a list in our code.
#pragma once

#include <memory>

#include "base/status.h"
#include "ports/text_normalizer.h"

namespace anpei::adapters {

// Fails (Internal) only when ICU's NFKC data cannot be loaded.
Result<std::shared_ptr<const ports::TextNormalizer>> MakeIcuTextNormalizer();

}  // namespace anpei::adapters
