#include "adapters/exif/libexif_reader.h"

#include <libexif/exif-data.h>

namespace anpei::adapters {
namespace {

class LibexifReader final : public ports::ExifReader {
 public:
  std::optional<std::string> CaptureTime(std::string_view bytes) const override {
    // exif_data_new_from_data scans a JPEG for its APP1 segment; anything else yields no data.
    ExifData* data = exif_data_new_from_data(reinterpret_cast<const unsigned char*>(bytes.data()),
                                             static_cast<unsigned int>(bytes.size()));
    if (data == nullptr) return std::nullopt;
    std::optional<std::string> out;
    for (ExifTag tag : {EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TAG_DATE_TIME}) {
      ExifEntry* entry = nullptr;
      for (int ifd = 0; ifd < EXIF_IFD_COUNT && entry == nullptr; ++ifd) {
        entry = exif_content_get_entry(data->ifd[ifd], tag);
      }
      if (entry == nullptr || entry->format != EXIF_FORMAT_ASCII || entry->data == nullptr) {
        continue;
      }
      std::string text(reinterpret_cast<const char*>(entry->data), entry->size);
      while (!text.empty() && (text.back() == '\0' || text.back() == ' ')) text.pop_back();
      if (!text.empty()) {
        out = std::move(text);
        break;
      }
    }
    exif_data_unref(data);
    return out;
  }
};

}  // namespace

std::shared_ptr<const ports::ExifReader> NewLibexifReader() {
  return std::make_shared<LibexifReader>();
}

}  // namespace anpei::adapters
