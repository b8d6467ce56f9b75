// Synthetic session videos for `anpei demo` and tests: an MPEG-4 Part 2 video in an MP4
// container, encoded in-process with FFmpeg's libavcodec/libavformat (no `ffmpeg` command), of
// a moving test pattern at a small size and a low frame rate, so that hours of "recording" take
// a few hundred kilobytes. It can carry a creation_time and timestamp gaps, which is what
// ports::VideoProbe and domain::CheckSessionVideos look at. Not a port: nothing in the product
// records video; the demo and the tests need real files to feed the real decoders.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/evidence_video.h"

namespace anpei::adapters {

struct SyntheticVideo {
  double seconds = 60;                   // timeline length, gaps included
  int fps = 1;                           // frames per second (1–30)
  int width = 64, height = 48;           // even, 16–640
  std::optional<int64_t> creation_time;  // Unix seconds, written as the container's tag
  std::vector<domain::VideoSpan> gaps;   // stretches with no frame (seconds from the start)
};

// Writes the video to `path` (overwritten). InvalidArgument for a bad shape; Unavailable when
// FFmpeg cannot encode or the file cannot be written.
Status WriteSyntheticVideo(const std::string& path, const SyntheticVideo& v);

}  // namespace anpei::adapters
