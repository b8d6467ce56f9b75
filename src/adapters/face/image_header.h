// The pixel size a JPEG or PNG declares in its header, read without decoding, so that a small
// file declaring a huge image (a decompression bomb) is refused before any pixel is allocated.
// No OpenCV here; unit-tested in tests/unit/face_inspector_test.cc.
#pragma once

#include <optional>
#include <string_view>

namespace anpei::adapters {

struct ImageSize {
  int width = 0;
  int height = 0;
};

// The size in a PNG's IHDR or a JPEG's first SOFn frame header; nullopt when the bytes are
// neither or the header is cut short.
std::optional<ImageSize> DeclaredImageSize(std::string_view bytes);

}  // namespace anpei::adapters
