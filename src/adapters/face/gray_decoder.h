// Decodes a JPEG (libjpeg-turbo's TurboJPEG API) or a PNG (libpng's simplified API) into 8-bit
// grey pixels for the face inspector. Not OpenCV's imgcodecs: that module links some 140 shared
// libraries (GDAL, GDCM, OpenEXR …) whose symbol look-ups and static initialisers cost every
// `anpei` process a fifth of a second at start-up (docs/architecture.md, "Image decoding").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace anpei::adapters {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // row-major, width × height bytes
};

// nullopt when the bytes are neither a JPEG nor a PNG, or are damaged (a truncated JPEG, a PNG
// whose data does not check): never a partial picture. The caller bounds the declared size first
// (image_header.h).
std::optional<GrayImage> DecodeGray(std::string_view bytes);

}  // namespace anpei::adapters
