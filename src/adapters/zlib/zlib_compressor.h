// The Compressor (ports/certificate_renderer.h) over zlib: gzip for the certificates' status list.
#pragma once

#include <memory>

#include "ports/certificate_renderer.h"

namespace anpei::adapters {

std::shared_ptr<const ports::Compressor> MakeZlibCompressor();

}  // namespace anpei::adapters
