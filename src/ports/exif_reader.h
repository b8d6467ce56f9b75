// Port: a photo's EXIF capture time (issue 14, Deliver 2): the DateTimeOriginal tag as the camera
// wrote it ("YYYY:MM:DD HH:MM:SS", the camera's local time, no zone; domain::ParseExifDateTime
// reads it in the policy's local time). Adapters: adapters/exif/libexif_reader (libexif).
// Implementations are thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace anpei::ports {

class ExifReader {
 public:
  virtual ~ExifReader() = default;
  // The tag's text (DateTimeOriginal, else DateTime); nullopt when the file carries no EXIF or
  // neither tag (PNG, screenshots, stripped files).
  virtual std::optional<std::string> CaptureTime(std::string_view bytes) const = 0;
};

}  // namespace anpei::ports
