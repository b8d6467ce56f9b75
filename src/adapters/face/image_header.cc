#include "adapters/face/image_header.h"

#include <cstdint>

namespace anpei::adapters {
namespace {

uint32_t Be(std::string_view b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = 0; i < n; ++i)
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(i)]);
  return v;
}

std::optional<ImageSize> PngSize(std::string_view b) {
  // Signature (8), IHDR length (4) and type (4), then width and height (4 each, big-endian).
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
  const uint32_t w = Be(b, 16, 4);
  const uint32_t h = Be(b, 20, 4);
  if (w == 0 || h == 0 || w > 0x7fffffff || h > 0x7fffffff) return std::nullopt;
  return ImageSize{static_cast<int>(w), static_cast<int>(h)};
}

bool IsSof(unsigned char m) {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc;
}

std::optional<ImageSize> JpegSize(std::string_view b) {
  size_t at = 2;  // after SOI
  while (at + 4 <= b.size()) {
    if (static_cast<unsigned char>(b[at]) != 0xff) return std::nullopt;
    const auto marker = static_cast<unsigned char>(b[at + 1]);
    if (marker == 0xff) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
      at += 2;  // markers without a length
      continue;
    }
    const uint32_t len = Be(b, at + 2, 2);
    if (len < 2) return std::nullopt;
    if (IsSof(marker)) {
      // length (2), precision (1), height (2), width (2)
      if (at + 9 > b.size()) return std::nullopt;
      const uint32_t h = Be(b, at + 5, 2);
      const uint32_t w = Be(b, at + 7, 2);
      if (w == 0 || h == 0) return std::nullopt;
      return ImageSize{static_cast<int>(w), static_cast<int>(h)};
    }
    if (marker == 0xda || marker == 0xd9) return std::nullopt;  // scan before any frame header
    at += 2 + len;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ImageSize> DeclaredImageSize(std::string_view bytes) {
  if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    return PngSize(bytes);
  }
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xff &&
      static_cast<unsigned char>(bytes[1]) == 0xd8) {
    return JpegSize(bytes);
  }
  return std::nullopt;
}

}  // namespace anpei::adapters
