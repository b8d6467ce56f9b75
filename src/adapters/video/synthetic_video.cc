#include "adapters/video/synthetic_video.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
#include <libavutil/imgutils.h>
}

#include <cmath>
#include <ctime>
#include <memory>

namespace anpei::adapters {
namespace {

Status Fail(const std::string& what, int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(err, buf, sizeof buf);
  return Status(Code::kUnavailable, "无法生成示例视频：" + what + "（" + buf + "）");
}

struct Output {
  AVFormatContext* oc = nullptr;
  AVCodecContext* codec = nullptr;
  AVFrame* frame = nullptr;
  AVPacket* packet = nullptr;
  ~Output() {
    av_packet_free(&packet);
    av_frame_free(&frame);
    avcodec_free_context(&codec);
    if (oc != nullptr) {
      if (oc->pb != nullptr) avio_closep(&oc->pb);
      avformat_free_context(oc);
    }
  }
};

// Sends `frame` (nullptr: flush) and writes every packet the encoder has ready.
Status Encode(Output& o, AVStream* stream, const AVFrame* frame) {
  int err = avcodec_send_frame(o.codec, frame);
  if (err < 0) return Fail("编码失败", err);
  while (true) {
    err = avcodec_receive_packet(o.codec, o.packet);
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return Status::Ok();
    if (err < 0) return Fail("编码失败", err);
    av_packet_rescale_ts(o.packet, o.codec->time_base, stream->time_base);
    o.packet->stream_index = stream->index;
    err = av_interleaved_write_frame(o.oc, o.packet);
    if (err < 0) return Fail("写入失败", err);
  }
}

bool InGap(double t, const std::vector<domain::VideoSpan>& gaps) {
  for (const auto& g : gaps) {
    if (t > g.start && t < g.end) return true;
  }
  return false;
}

std::string Rfc3339(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000000Z", &tm);
  return buf;
}

}  // namespace

Status WriteSyntheticVideo(const std::string& path, const SyntheticVideo& v) {
  if (v.fps < 1 || v.fps > 30 || v.width < 16 || v.width > 640 || v.height < 16 || v.height > 640 ||
      v.width % 2 != 0 || v.height % 2 != 0 || !(v.seconds > 0) || v.seconds > 48 * 3600) {
    return Status::Invalid("video", "示例视频参数无效");
  }
  Output o;
  int err = avformat_alloc_output_context2(&o.oc, nullptr, "mp4", path.c_str());
  if (err < 0 || o.oc == nullptr) return Fail("无法创建 MP4 容器", err);
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_MPEG4);
  if (codec == nullptr) return Fail("缺少 MPEG-4 编码器", AVERROR_ENCODER_NOT_FOUND);
  AVStream* stream = avformat_new_stream(o.oc, nullptr);
  o.codec = avcodec_alloc_context3(codec);
  if (stream == nullptr || o.codec == nullptr) return Fail("内存不足", AVERROR(ENOMEM));
  o.codec->width = v.width;
  o.codec->height = v.height;
  o.codec->time_base = AVRational{1, v.fps};
  o.codec->framerate = AVRational{v.fps, 1};
  o.codec->pix_fmt = AV_PIX_FMT_YUV420P;
  o.codec->gop_size = 10 * v.fps * 60;  // a key frame every ten minutes: hours stay small
  o.codec->max_b_frames = 0;
  o.codec->flags |= AV_CODEC_FLAG_QSCALE;
  o.codec->global_quality = FF_QP2LAMBDA * 24;
  if (o.oc->oformat->flags & AVFMT_GLOBALHEADER) o.codec->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  if ((err = avcodec_open2(o.codec, codec, nullptr)) < 0) return Fail("无法打开编码器", err);
  if ((err = avcodec_parameters_from_context(stream->codecpar, o.codec)) < 0) {
    return Fail("编码参数有误", err);
  }
  stream->time_base = o.codec->time_base;
  if (v.creation_time) {
    av_dict_set(&o.oc->metadata, "creation_time", Rfc3339(*v.creation_time).c_str(), 0);
  }
  if ((err = avio_open(&o.oc->pb, path.c_str(), AVIO_FLAG_WRITE)) < 0) {
    return Fail("无法写入 " + path, err);
  }
  if ((err = avformat_write_header(o.oc, nullptr)) < 0) return Fail("无法写入文件头", err);
  o.frame = av_frame_alloc();
  o.packet = av_packet_alloc();
  if (o.frame == nullptr || o.packet == nullptr) return Fail("内存不足", AVERROR(ENOMEM));
  o.frame->format = o.codec->pix_fmt;
  o.frame->width = v.width;
  o.frame->height = v.height;
  if ((err = av_frame_get_buffer(o.frame, 0)) < 0) return Fail("内存不足", err);

  const int64_t frames = static_cast<int64_t>(std::floor(v.seconds * v.fps));
  for (int64_t i = 0; i < frames; ++i) {
    const double t = static_cast<double>(i) / v.fps;
    if (InGap(t, v.gaps)) continue;
    if ((err = av_frame_make_writable(o.frame)) < 0) return Fail("内存不足", err);
    // A bar that sweeps across a gradient once a minute: every frame differs a little.
    const int bar = static_cast<int>((i / v.fps) % 60 * v.width / 60);
    for (int y = 0; y < v.height; ++y) {
      uint8_t* row = o.frame->data[0] + static_cast<ptrdiff_t>(y) * o.frame->linesize[0];
      for (int x = 0; x < v.width; ++x) {
        row[x] = static_cast<uint8_t>(
            std::abs(x - bar) < 3 ? 235 : 16 + (x + y) * 160 / (v.width + v.height));
      }
    }
    for (int plane = 1; plane <= 2; ++plane) {
      for (int y = 0; y < v.height / 2; ++y) {
        std::fill_n(o.frame->data[plane] + static_cast<ptrdiff_t>(y) * o.frame->linesize[plane],
                    v.width / 2, static_cast<uint8_t>(plane == 1 ? 110 : 150));
      }
    }
    o.frame->pts = i;
    ANPEI_RETURN_IF_ERROR(Encode(o, stream, o.frame));
  }
  ANPEI_RETURN_IF_ERROR(Encode(o, stream, nullptr));
  if ((err = av_write_trailer(o.oc)) < 0) return Fail("无法写入文件尾", err);
  return Status::Ok();
}

}  // namespace anpei::adapters
