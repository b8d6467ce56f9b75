// Selfie-like variants of one photo with one face, for the demo data (anpei demo) where each
// trainee's check-in needs a selfie of its own: portrait crops of the photo around its face at
// different framings and scales, some mirrored, re-encoded as JPEG. Each variant still shows the
// one face; different variants have different perceptual hashes (the caller checks the distance
// through ports::FaceInspector and keeps those far enough apart). Not used by the server.
// OpenCV's headers stay in this folder.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/face/opencv_face_inspector.h"
#include "base/status.h"

namespace anpei::adapters {

struct SelfieVariant {
  std::string jpeg;    // 240 × 320
  uint64_t phash = 0;  // as ports::FaceInspector computes it from these bytes
};

class SelfieVariants {
 public:
  virtual ~SelfieVariants() = default;
  // The k-th variant (deterministic: the same k gives the same bytes).
  virtual Result<SelfieVariant> Make(int k) const = 0;
};

// A group photo (全体培训学员合影) of `faces` people: variants 0…faces-1 at 120 × 160 in rows of
// at most eight, on a grey ground, as JPEG. Their faces are small, as in a real class photo.
Result<std::string> MakeGroupPhoto(const SelfieVariants& variants, int faces);

// Finds the one face of `photo` (a JPEG) with the cascade at `cascade_path`. InvalidArgument
// when the photo cannot be decoded or does not show exactly one face; Unavailable when the cascade
// cannot be loaded.
Result<std::unique_ptr<SelfieVariants>> OpenSelfieVariants(
    std::string_view photo, const std::string& cascade_path = std::string(kDefaultFaceCascade));

}  // namespace anpei::adapters
