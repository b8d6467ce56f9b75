// The FFmpeg video probe (adapters/video, ports/video_probe.h) on real files made here by the
// ffmpeg command (Debian's ffmpeg, PKG_TEST): a 70 s clip with a creation time, a clip whose
// timestamps jump 10 s, MPEG-TS (no header), and the refusals — truncated (with the index at the
// end and at the front), text named .mp4, audio only, corrupted headers, over the limits.
#include "adapters/video/ffmpeg_video_probe.h"
#include "adapters/video/synthetic_video.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "support/subprocess.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

class VideoProbeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("anpei-video-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    const std::string src = "testsrc=size=160x120:rate=10";
    // 70 s with B-frames (libx264 veryfast), the index (moov) at the end, a creation time.
    Make({"-f", "lavfi", "-i", src, "-t", "70", "-c:v", "libx264", "-preset", "veryfast",
          "-metadata", "creation_time=2025-11-30T01:00:00Z", Path("plain.mp4")});
    // The same with the index at the front (as phones upload), for the truncation at the data.
    Make({"-f", "lavfi", "-i", src, "-t", "20", "-c:v", "libx264", "-preset", "veryfast",
          "-movflags", "+faststart", Path("faststart.mp4")});
    // 50 s of which 20 s–30 s are dropped with their timestamps kept: a 10 s jump.
    Make({"-f", "lavfi", "-i", src, "-t", "50", "-vf", "select='not(between(t,20,29.95))'",
          "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "veryfast", Path("gap.mp4")});
    Make({"-f", "lavfi", "-i", src, "-t", "5", "-c:v", "mpeg2video", Path("clip.ts")});
    Make({"-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac", Path("audio.mp4")});
  }

  static std::string Path(const std::string& name) { return (dir_ / name).string(); }

  static void Make(std::vector<std::string> args) {
    args.insert(args.begin(), {"-hide_banner", "-loglevel", "error", "-y"});
    auto r = testing::RunProcess("/usr/bin/ffmpeg", args, {}, std::chrono::seconds(60));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  static Result<domain::VideoReport> Probe(const std::string& name, double gap = 2,
                                           adapters::VideoProbeLimits limits = {}) {
    return adapters::NewFfmpegVideoProbe(limits)->Probe(dir_ / name, gap);
  }

  static void ExpectRefused(const Result<domain::VideoReport>& r, const std::string& reason) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().reason(), reason) << r.status().ToString();
    EXPECT_EQ(r.status().field(), "file");
    EXPECT_FALSE(r.status().message().empty());
  }

  static fs::path dir_;
};

fs::path VideoProbeTest::dir_;

TEST_F(VideoProbeTest, ReportsDurationSizeCodecFramesAndCreationTime) {
  auto r = Probe("plain.mp4");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NEAR(r->duration_seconds, 70.0, 0.15);
  EXPECT_EQ(r->width, 160);
  EXPECT_EQ(r->height, 120);
  EXPECT_EQ(r->codec, "h264");
  EXPECT_EQ(r->frames, 700);
  ASSERT_TRUE(r->creation_time.has_value());
  EXPECT_EQ(*r->creation_time, 1764464400);  // 2025-11-30T01:00:00Z
  EXPECT_TRUE(r->gaps.empty());              // B-frames reordered: not gaps
  ASSERT_EQ(r->segments.size(), 1u);
  EXPECT_NEAR(r->segments[0].seconds(), 70.0, 0.15);
  EXPECT_EQ(r->max_gap_seconds, 2);
}

TEST_F(VideoProbeTest, FindsATimestampJumpAndTheSegmentsAroundIt) {
  auto r = Probe("gap.mp4");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->gaps.size(), 1u);
  EXPECT_NEAR(r->gaps[0].start, 19.9, 0.05);
  EXPECT_NEAR(r->gaps[0].end, 30.0, 0.05);
  ASSERT_EQ(r->segments.size(), 2u);
  EXPECT_NEAR(r->segments[0].seconds(), 19.9, 0.1);
  EXPECT_NEAR(r->segments[1].start, 30.0, 0.05);
  EXPECT_NEAR(r->segments[1].end, 50.0, 0.15);
  EXPECT_EQ(r->frames, 400);
  EXPECT_FALSE(r->creation_time.has_value());
  // A threshold above the jump: one continuous stretch.
  r = Probe("gap.mp4", 15);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->gaps.empty());
  EXPECT_EQ(r->segments.size(), 1u);
}

// The demo's videos (adapters/video/synthetic_video, encoded in-process) read back as written:
// three hours at one frame a second with a creation time, and a ten-minute hole.
TEST_F(VideoProbeTest, SyntheticVideosReadBackAsWritten) {
  adapters::SyntheticVideo v;
  v.seconds = 3 * 3600;
  v.creation_time = 1764464400;
  v.gaps = {{600, 1200}};
  ASSERT_TRUE(adapters::WriteSyntheticVideo(Path("synthetic.mp4"), v).ok());
  EXPECT_LT(fs::file_size(dir_ / "synthetic.mp4"), 2u << 20);  // hours in under 2 MiB
  auto r = Probe("synthetic.mp4");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->codec, "mpeg4");
  EXPECT_EQ(r->width, 64);
  EXPECT_NEAR(r->duration_seconds, 3 * 3600, 2);
  ASSERT_TRUE(r->creation_time.has_value());
  EXPECT_EQ(*r->creation_time, 1764464400);
  ASSERT_EQ(r->gaps.size(), 1u);
  EXPECT_NEAR(r->gaps[0].start, 600, 1.5);
  EXPECT_NEAR(r->gaps[0].end, 1200, 1.5);
  v.fps = 0;
  EXPECT_FALSE(adapters::WriteSyntheticVideo(Path("bad.mp4"), v).ok());
}

TEST_F(VideoProbeTest, ReadsMpegTsWhoseStreamsHaveNoHeader) {
  auto r = Probe("clip.ts");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->codec, "mpeg2video");
  EXPECT_EQ(r->width, 160);
  EXPECT_NEAR(r->duration_seconds, 5.0, 0.15);
  EXPECT_TRUE(r->gaps.empty());
}

TEST_F(VideoProbeTest, TruncatedFilesAreUnreadable) {
  const std::string plain = ReadFile(Path("plain.mp4"));
  WriteFile(Path("cut-index.mp4"), plain.substr(0, plain.size() / 2));  // the moov is lost
  ExpectRefused(Probe("cut-index.mp4"), "evidence.video_unreadable");
  const std::string front = ReadFile(Path("faststart.mp4"));
  WriteFile(Path("cut-data.mp4"), front.substr(0, front.size() * 6 / 10));  // frames are lost
  auto r = Probe("cut-data.mp4");
  ExpectRefused(r, "evidence.video_unreadable");
  EXPECT_NE(r.status().message().find("不完整"), std::string::npos) << r.status().message();
  WriteFile(Path("empty.mp4"), "");
  ExpectRefused(Probe("empty.mp4"), "evidence.video_unreadable");
  ExpectRefused(Probe("absent.mp4"), "evidence.video_unreadable");
}

TEST_F(VideoProbeTest, TextNamedMp4IsUnreadable) {
  WriteFile(Path("notes.mp4"), "这不是视频。This is a text file named like a video.\n");
  ExpectRefused(Probe("notes.mp4"), "evidence.video_unreadable");
  WriteFile(Path("page.mp4"), "<html><body>video</body></html>\n");
  ExpectRefused(Probe("page.mp4"), "evidence.video_unreadable");
}

TEST_F(VideoProbeTest, AudioOnlyHasNoVideoStream) {
  ExpectRefused(Probe("audio.mp4"), "evidence.video_no_stream");
}

// Garbage over the header at many places: an error value with a known reason or a report, never
// a crash or a hang.
TEST_F(VideoProbeTest, CorruptedHeadersNeverCrash) {
  const std::string front = ReadFile(Path("faststart.mp4"));
  int refused = 0;
  for (size_t at = 0; at < 4096 && at < front.size(); at += 97) {
    std::string bad = front;
    for (size_t i = at; i < at + 16 && i < bad.size(); ++i) bad[i] = static_cast<char>(0xA5 ^ i);
    WriteFile(Path("corrupt.mp4"), bad);
    auto r = Probe("corrupt.mp4");
    if (!r.ok()) {
      ++refused;
      const std::string reason = r.status().reason();
      EXPECT_TRUE(reason == "evidence.video_unreadable" || reason == "evidence.video_no_stream")
          << at << ": " << r.status().ToString();
    }
  }
  EXPECT_GT(refused, 0);
}

TEST_F(VideoProbeTest, LimitsBoundTheWork) {
  adapters::VideoProbeLimits few_frames;
  few_frames.max_frames = 100;
  ExpectRefused(Probe("plain.mp4", 2, few_frames), "evidence.video_too_large");
  adapters::VideoProbeLimits small;
  small.max_bytes = 1000;
  ExpectRefused(Probe("plain.mp4", 2, small), "evidence.video_too_large");
}

}  // namespace
}  // namespace anpei
