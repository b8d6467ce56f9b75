// The EXIF reader on libexif (ports/exif_reader.h): parses the APP1 segment of a JPEG from memory.
#pragma once

#include <memory>

#include "ports/exif_reader.h"

namespace anpei::adapters {

std::shared_ptr<const ports::ExifReader> NewLibexifReader();

}  // namespace anpei::adapters
