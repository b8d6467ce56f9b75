// The video probe on FFmpeg (ports/video_probe.h): libavformat demuxes the file and the probe reads
// the timestamps of the best video stream's packets, without decoding them. FFmpeg's headers stay
// in this folder: nothing else in AnPei includes them.
//
// Bounded work: a file over `max_bytes`, or a video stream of more than `max_frames` packets, is
// refused (evidence.video_too_large) before or while reading; only the container formats a camera
// or phone writes are opened (MP4/MOV, Matroska/WebM, AVI, FLV, MPEG-TS/PS, ASF), and only from
// a local file (no network or concat protocols).
#pragma once

#include <cstdint>
#include <memory>

#include "ports/video_probe.h"

namespace anpei::adapters {

struct VideoProbeLimits {
  int64_t max_bytes = int64_t{16} << 30;  // 16 GiB
  int64_t max_frames = 2'000'000;         // 18.5 hours at 30 frames per second
};

std::shared_ptr<ports::VideoProbe> NewFfmpegVideoProbe(VideoProbeLimits limits = {});

}  // namespace anpei::adapters
