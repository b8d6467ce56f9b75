// Port: the video probe — what the server learns from a session video's container (issue 14,
// Deliver 3): duration, creation time, the video stream's size and codec, and where its
// timestamps jump (gaps), from which the continuity rules of domain/evidence_video.h are judged.
// Videos are large and live on disk (the blob store streams them there); a probe reads the file,
// never loads it whole.
//
// Adapters: adapters/video/ffmpeg_video_probe (FFmpeg's libavformat, demuxing only).
// Implementations are thread-safe.
#pragma once

#include <filesystem>

#include "base/status.h"
#include "domain/evidence_video.h"

namespace anpei::ports {

class VideoProbe {
 public:
  virtual ~VideoProbe() = default;
  // Probes `file`; a jump between consecutive video timestamps larger than `max_gap_seconds`
  // (policy evidence.video_max_gap_seconds) is reported as a gap. Errors, all InvalidArgument with
  // field "file" and a Chinese message: evidence.video_unreadable (not a video container it
  // reads, truncated or corrupt), evidence.video_no_stream (no video stream, e.g. audio only),
  // evidence.video_too_large (over the adapter's size or frame limit).
  virtual Result<domain::VideoReport> Probe(const std::filesystem::path& file,
                                            double max_gap_seconds) const = 0;
};

}  // namespace anpei::ports
