// Port: the face inspector — what the server learns from a selfie's pixels (issue 13, Deliver 3):
// how many faces it shows and a perceptual hash to find the same picture used again. It does not
// recognise anybody: no face-matching model ships in Debian or npm (docs/architecture.md,
// "Selfies"), so a sample of selfies goes to a reviewer instead.
//
// Adapters: adapters/face/opencv_face_inspector (OpenCV's cascade detector with the cascades of
// Debian's opencv-data, and OpenCV's pHash). Implementations are thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"

namespace anpei::ports {

struct FaceReport {
  int faces = 0;       // frontal faces found
  uint64_t phash = 0;  // 64-bit perceptual hash (DCT pHash); similar pictures, few differing bits
  int width = 0;       // the decoded image, pixels
  int height = 0;
};

class FaceInspector {
 public:
  virtual ~FaceInspector() = default;
  // Decodes a JPEG or PNG and inspects it. InvalidArgument (field "file", reason
  // attendance.selfie_unreadable) when the bytes are not an image it can decode or the image is
  // too small or too large to judge.
  virtual Result<FaceReport> Inspect(std::string_view bytes) const = 0;
  // The same for a group photo (全体培训学员合影): the faces of a whole class are small, so the
  // search runs on a larger copy and counts faces down to a much smaller size than a selfie's.
  // Slower (hundreds of milliseconds for a 12 MP photo).
  virtual Result<FaceReport> InspectGroup(std::string_view bytes) const = 0;
};

}  // namespace anpei::ports
