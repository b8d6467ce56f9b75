#include "adapters/video/ffmpeg_video_probe.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <mutex>
#include <queue>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/log.h>
}

#include "domain/date.h"

namespace anpei::adapters {
namespace {

// Containers a camera or phone writes; anything else (FFmpeg's text, image or playlist demuxers)
// is refused at open.
constexpr const char* kFormats = "mov,matroska,avi,flv,mpegts,mpeg,asf";

struct FormatCloser {
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
using FormatPtr = std::unique_ptr<AVFormatContext, FormatCloser>;

struct PacketFree {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
using PacketPtr = std::unique_ptr<AVPacket, PacketFree>;

// Unreferences the packet read in one loop iteration, whatever way the iteration ends.
struct PacketUnref {
  AVPacket* p;
  ~PacketUnref() { av_packet_unref(p); }
};

struct DictFree {
  void operator()(AVDictionary* d) const { av_dict_free(&d); }
};

Status Unreadable(const std::string& why) {
  return Status::Invalid("file", "无法读取视频文件：" + why)
      .WithReason("evidence.video_unreadable");
}

Status NoStream() {
  return Status::Invalid("file", "文件中没有视频画面（例如只有音频），不能作为培训录像。")
      .WithReason("evidence.video_no_stream");
}

Status TooLarge(const std::string& why) {
  return Status::Invalid("file", "视频文件过大：" + why).WithReason("evidence.video_too_large");
}

std::optional<int64_t> CreationTime(const AVFormatContext& fmt, const AVStream& st) {
  const AVDictionaryEntry* e = av_dict_get(fmt.metadata, "creation_time", nullptr, 0);
  if (!e) e = av_dict_get(st.metadata, "creation_time", nullptr, 0);
  if (!e || !e->value) return std::nullopt;
  auto t = domain::ParseTimestamp(e->value, "creation_time");
  if (!t.ok()) return std::nullopt;
  return t->unix_seconds;
}

// The best video stream that is a moving picture (not an attached cover image), or -1.
int VideoStream(AVFormatContext* fmt) {
  const int best = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (best >= 0 && !(fmt->streams[best]->disposition & AV_DISPOSITION_ATTACHED_PIC)) return best;
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVStream* st = fmt->streams[i];
    if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO &&
        !(st->disposition & AV_DISPOSITION_ATTACHED_PIC)) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

bool NeedsStreamInfo(AVFormatContext* fmt) {
  const int index = VideoStream(fmt);
  if (index < 0) return true;
  const AVCodecParameters* par = fmt->streams[index]->codecpar;
  return par->width <= 0 || par->height <= 0 || par->codec_id == AV_CODEC_ID_NONE;
}

class FfmpegVideoProbe final : public ports::VideoProbe {
 public:
  explicit FfmpegVideoProbe(VideoProbeLimits limits) : limits_(limits) {}

  Result<domain::VideoReport> Probe(const std::filesystem::path& file,
                                    double max_gap_seconds) const override {
    std::error_code ec;
    const uintmax_t size = std::filesystem::file_size(file, ec);
    if (ec) return Unreadable("文件不存在或无法打开。");
    if (size > static_cast<uintmax_t>(limits_.max_bytes)) {
      return TooLarge("超过 " + std::to_string(limits_.max_bytes >> 20) + " MiB 的上限。");
    }
    ANPEI_ASSIGN_OR_RETURN(FormatPtr fmt, Open(file));
    if (NeedsStreamInfo(fmt.get())) {
      // Formats without a header (MPEG-TS) announce their streams and picture size only once
      // packets are read: FFmpeg's bounded probe (probesize, 5 MB) reads and parses a few.
      if (avformat_find_stream_info(fmt.get(), nullptr) < 0) {
        return Unreadable("无法识别其中的音视频流，文件可能已损坏。");
      }
    }
    const int index = VideoStream(fmt.get());
    if (index < 0) return NoStream();
    for (unsigned i = 0; i < fmt->nb_streams; ++i) {
      if (static_cast<int>(i) != index) fmt->streams[i]->discard = AVDISCARD_ALL;
    }
    const AVStream& st = *fmt->streams[index];
    if (st.time_base.num <= 0 || st.time_base.den <= 0) {
      return Unreadable("视频流的时间基准无效。");
    }
    domain::VideoReport report;
    report.max_gap_seconds = max_gap_seconds;
    report.width = st.codecpar->width;
    report.height = st.codecpar->height;
    report.codec = avcodec_get_name(st.codecpar->codec_id);
    report.creation_time = CreationTime(*fmt, st);
    ANPEI_RETURN_IF_ERROR(ReadTimestamps(fmt.get(), index, max_gap_seconds, report));
    if (st.nb_frames > 0 && report.frames < st.nb_frames) {
      return Unreadable("文件不完整（索引记有 " + std::to_string(st.nb_frames) + " 帧，只读到 " +
                        std::to_string(report.frames) + " 帧），可能上传中断或被截断。");
    }
    report.segments = domain::ContinuousSegments(report.duration_seconds, report.gaps);
    return report;
  }

 private:
  static Result<FormatPtr> Open(const std::filesystem::path& file) {
    AVDictionary* raw_opts = nullptr;
    if (av_dict_set(&raw_opts, "format_whitelist", kFormats, 0) < 0 ||
        av_dict_set(&raw_opts, "protocol_whitelist", "file", 0) < 0) {
      av_dict_free(&raw_opts);
      return Status::Internal("av_dict_set failed");
    }
    std::unique_ptr<AVDictionary, DictFree> opts(raw_opts);
    AVFormatContext* raw = nullptr;
    AVDictionary* o = opts.release();
    const int rc = avformat_open_input(&raw, file.c_str(), nullptr, &o);
    opts.reset(o);
    if (rc < 0) {  // avformat_open_input frees the context on failure
      return Unreadable(
          "不是可识别的视频格式，或文件不完整、已损坏（扩展名与内容不符的文件也会如此）。");
    }
    return FormatPtr(raw);
  }

  // Reads every packet of stream `index`: frame count, duration and the gaps between timestamps.
  Status ReadTimestamps(AVFormatContext* fmt, int index, double max_gap,
                        domain::VideoReport& report) const {
    PacketPtr pkt(av_packet_alloc());
    if (!pkt) return Status::Internal("av_packet_alloc failed");
    const double tb = av_q2d(fmt->streams[index]->time_base);
    // Frames arrive in decoding order; B-frames are presented up to 16 frames earlier (H.264,
    // HEVC). A window of kReorder timestamps puts them back in presentation order before the
    // jumps between consecutive ones are measured.
    constexpr size_t kReorder = 32;
    std::priority_queue<double, std::vector<double>, std::greater<>> window;
    bool have = false, have_end = false;
    double origin = 0, latest = 0, latest_end = 0;
    std::vector<domain::VideoSpan> gaps;  // on the file's own timeline, shifted below
    const auto next = [&](double t) {
      if (!have) {
        have = true;
        origin = latest = t;
      } else if (t - latest > max_gap) {
        gaps.push_back({latest, t});
      }
      latest = std::max(latest, t);
    };
    for (;;) {
      const int rc = av_read_frame(fmt, pkt.get());
      if (rc == AVERROR_EOF) break;
      if (rc < 0) return Unreadable("读取到中途出错，文件不完整或已损坏。");
      PacketUnref unref{pkt.get()};
      if (pkt->stream_index != index) continue;
      if (++report.frames > limits_.max_frames) {
        return TooLarge("视频超过 " + std::to_string(limits_.max_frames) + " 帧的上限。");
      }
      const int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
      if (ts == AV_NOPTS_VALUE) continue;
      const double t = static_cast<double>(ts) * tb;
      const double end = t + (pkt->duration > 0 ? static_cast<double>(pkt->duration) * tb : 0.0);
      if (!std::isfinite(t) || !std::isfinite(end)) continue;
      latest_end = have_end ? std::max(latest_end, end) : end;
      have_end = true;
      window.push(t);
      if (window.size() > kReorder) {
        next(window.top());
        window.pop();
      }
    }
    while (!window.empty()) {
      next(window.top());
      window.pop();
    }
    if (!have) return Unreadable("视频流中没有任何带时间戳的画面。");
    report.duration_seconds = std::max(latest, latest_end) - origin;
    for (const domain::VideoSpan& g : gaps)
      report.gaps.push_back({g.start - origin, g.end - origin});
    return Status::Ok();
  }

  VideoProbeLimits limits_;
};

}  // namespace

std::shared_ptr<ports::VideoProbe> NewFfmpegVideoProbe(VideoProbeLimits limits) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { av_log_set_level(AV_LOG_QUIET); });  // errors travel as values
  return std::make_shared<FfmpegVideoProbe>(limits);
}

}  // namespace anpei::adapters
