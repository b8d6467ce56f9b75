#include "adapters/face/gray_decoder.h"

#include <png.h>
#include <turbojpeg.h>

#include <memory>

namespace anpei::adapters {
namespace {

bool IsJpeg(std::string_view b) {
  return b.size() > 3 && static_cast<uint8_t>(b[0]) == 0xFF && static_cast<uint8_t>(b[1]) == 0xD8;
}

bool IsPng(std::string_view b) { return b.size() > 8 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n"; }

std::optional<GrayImage> DecodeJpeg(std::string_view bytes) {
  const std::unique_ptr<void, int (*)(tjhandle)> tj(tjInitDecompress(), tjDestroy);
  if (!tj) return std::nullopt;
  const auto* buf = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto size = static_cast<unsigned long>(bytes.size());
  int width = 0, height = 0, subsampling = 0, colorspace = 0;
  if (tjDecompressHeader3(tj.get(), buf, size, &width, &height, &subsampling, &colorspace) != 0 ||
      width <= 0 || height <= 0) {
    return std::nullopt;
  }
  GrayImage out{width, height, std::vector<uint8_t>(static_cast<size_t>(width) * height)};
  // TJFLAG_STOPONWARNING: a truncated or damaged stream is an error, not a half-grey picture.
  if (tjDecompress2(tj.get(), buf, size, out.pixels.data(), width, 0, height, TJPF_GRAY,
                    TJFLAG_STOPONWARNING) != 0) {
    return std::nullopt;
  }
  return out;
}

std::optional<GrayImage> DecodePng(std::string_view bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()) == 0) {
    return std::nullopt;
  }
  image.format = PNG_FORMAT_GRAY;
  GrayImage out{static_cast<int>(image.width), static_cast<int>(image.height),
                std::vector<uint8_t>(PNG_IMAGE_SIZE(image))};
  // A white background for transparent pixels (a selfie has none; a drawing might).
  png_color white{255, 255, 255};
  if (png_image_finish_read(&image, &white, out.pixels.data(), 0, nullptr) == 0) {
    png_image_free(&image);
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<GrayImage> DecodeGray(std::string_view bytes) {
  if (IsJpeg(bytes)) return DecodeJpeg(bytes);
  if (IsPng(bytes)) return DecodePng(bytes);
  return std::nullopt;
}

}  // namespace anpei::adapters
