// The face inspector on OpenCV (ports/face_inspector.h): decodes the image (imgcodecs), finds
// frontal faces with a cascade classifier (objdetect; the cascade XML of Debian's opencv-data,
// /usr/share/opencv4/haarcascades/haarcascade_frontalface_alt.xml by default) and computes
// OpenCV's DCT perceptual hash (img_hash::PHash, libopencv-contrib). OpenCV's headers stay in
// this folder: nothing else in AnPei includes them.
#pragma once

#include <memory>
#include <string>

#include "ports/face_inspector.h"

namespace anpei::adapters {

inline constexpr std::string_view kDefaultFaceCascade =
    "/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt.xml";

// The "alt" frontal-face cascade rather than "default": on the sample photo (messi5.jpg) default
// also takes a patch of shirt and arm for a second face, alt finds the one face (the unit test).
// Loads the cascade at `cascade_path`. Unavailable naming the file when it cannot be loaded
// (opencv-data not installed).
Result<std::shared_ptr<ports::FaceInspector>> OpenFaceInspector(
    const std::string& cascade_path = std::string(kDefaultFaceCascade));

// How many threads OpenCV may use on one image, for the whole process (cv::setNumThreads): 0
// runs each detection on the calling request's own thread. Without a call OpenCV keeps its
// default, its TBB pool with a thread per core, which finds the faces of one group photo about
// 1.8 times as fast on two cores, and gains nothing when two uploads run at once
// (docs/operations.md, --image-threads).
void SetImageThreads(int threads);

}  // namespace anpei::adapters
