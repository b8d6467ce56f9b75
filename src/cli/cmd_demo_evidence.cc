// The demo's evidence (过程材料, issue 14), uploaded by the institutions' clerks through the real
// tus use cases and judged by the real decoders, so the class page's 证据材料 tab shows each state:
//
// The Fengze class (sessions 2026-11-02 … 06, 08:30–11:30; 4 and 5 practical; a make-up on 11-07):
//   - a group photo of its 24 trainees (crops of the one-face sample photo in three rows) —
//   present;
//   - five practical photos (opencv-doc samples) — present; one carries an EXIF capture time of
//     2002 (its time check fails), another is later used again by the Jinjiang class (the check
//     fails there, naming this class only to those who may see it);
//   - session videos, encoded here (adapters/video/synthetic_video) with the camera's creation
//     time: the three theory sessions and practical session 4 covered; practical session 5's
//     recording breaks every 50 seconds (no continuous minute in any hour) — failed; the make-up
//     session's video is uploaded without a creation time, its start given by the clerk;
//   - session 5's paper sign-in sheet came with its approved exception (cmd_demo_attendance.cc);
//   - an upload refused: a "video" that is a JPEG (nothing kept).
// The Jinjiang class: a group photo of 20 faces for a roster of 24 (too few faces), the reused
// practical photo, and no videos — missing.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "adapters/clock/clocks.h"
#include "adapters/face/selfie_variants.h"
#include "adapters/video/synthetic_video.h"
#include "app/evidence.h"
#include "cli/demo_evidence.h"
#include "domain/date.h"

namespace anpei::cli {
namespace {

namespace fs = std::filesystem;

int64_t Unix(const std::string& rfc3339) {
  return domain::ParseTimestamp(rfc3339, "demo")->unix_seconds;
}

app::AppContext At(const app::AppContext& base, const std::string& when) {
  app::AppContext c = base;
  c.clock = std::make_shared<adapters::FixedClock>(domain::Instant{Unix(when)});
  return c;
}

Status Failed(const Status& st, const std::string& what) {
  return Status(st.code(), "演示过程材料写入失败（" + what + "）：" + st.ToString(), st.field());
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct File {
  std::string kind, name, bytes;
  std::optional<int64_t> session;
  std::optional<int64_t> started_at;
};

// One file through the tus use cases at `when`: created, then sent in 4 MiB pieces.
Result<int64_t> Upload(const app::AppContext& base, const app::Actor& clerk, int64_t class_id,
                       const std::string& when, const File& f) {
  const app::AppContext ctx = At(base, when);
  app::NewUpload in;
  in.class_id = class_id;
  in.kind = f.kind;
  in.file_name = f.name;
  in.session_seq = f.session;
  in.started_at = f.started_at;
  in.length = static_cast<int64_t>(f.bytes.size());
  ANPEI_ASSIGN_OR_RETURN(auto up, app::CreateUpload(ctx, clerk, in));
  constexpr size_t kChunk = 4 << 20;
  std::optional<int64_t> item;
  for (size_t at = 0; at < f.bytes.size(); at += kChunk) {
    const std::string_view piece = std::string_view(f.bytes).substr(at, kChunk);
    ANPEI_ASSIGN_OR_RETURN(
        auto done, app::AppendUpload(ctx, clerk, up.upload_id, static_cast<int64_t>(at), piece));
    item = done.item_id;
  }
  if (!item) return Status::Internal("上传未完成");
  return *item;
}

class Evidence {
 public:
  Evidence(const app::AppContext& ctx, const DemoEvidenceInput& in) : ctx_(ctx), in_(in) {}

  Result<DemoEvidenceDone> Run() {
    fs::create_directories(in_.work_dir);
    ANPEI_RETURN_IF_ERROR(Photos());
    ANPEI_RETURN_IF_ERROR(Videos());
    ANPEI_RETURN_IF_ERROR(Refused());
    std::error_code ec;
    fs::remove_all(in_.work_dir, ec);
    return done_;
  }

 private:
  Status Photos() {
    const fs::path dir(in_.photo_dir);
    const std::string face = ReadFile(dir / "messi5.jpg");
    if (face.empty() || !ctx_.faces) {
      std::cout << "提示：未找到示例照片（opencv-doc）或人脸检测模型，演示数据不含证据照片。\n";
      return Status::Ok();
    }
    ANPEI_ASSIGN_OR_RETURN(auto variants, adapters::OpenSelfieVariants(face));
    ANPEI_ASSIGN_OR_RETURN(auto group, adapters::MakeGroupPhoto(*variants, 24));
    ANPEI_RETURN_IF_ERROR(Put(in_.class_id, in_.clerk, "2026-11-06T12:10:00+08:00",
                              {"group_photo", "全体学员合影.jpg", group, {}, {}}));
    int n = 0;
    // board.jpg carries an EXIF capture time of 2002: its time check fails.
    for (const char* sample :
         {"fruits.jpg", "building.jpg", "home.jpg", "baboon.jpg", "board.jpg"}) {
      const std::string bytes = ReadFile(dir / sample);
      if (bytes.empty()) continue;
      ANPEI_RETURN_IF_ERROR(Put(in_.class_id, in_.clerk, "2026-11-06T12:15:00+08:00",
                                {"practical_photo",
                                 "实操分组照片" + std::to_string(++n) + ".jpg",
                                 bytes,
                                 n <= 2 ? 4 : 5,
                                 {}}));
    }
    // Jinjiang: a group photo with too few faces, and one of Fengze's practical photos again.
    ANPEI_ASSIGN_OR_RETURN(auto few, adapters::MakeGroupPhoto(*variants, 20));
    ANPEI_RETURN_IF_ERROR(Put(in_.other_class_id, in_.other_clerk, "2026-11-13T12:00:00+08:00",
                              {"group_photo", "合影.jpg", few, {}, {}}));
    const std::string fruits = ReadFile(dir / "fruits.jpg");
    if (!fruits.empty()) {
      ANPEI_RETURN_IF_ERROR(Put(in_.other_class_id, in_.other_clerk, "2026-11-13T12:05:00+08:00",
                                {"practical_photo", "实操照片.jpg", fruits, 4, {}}));
    }
    return Status::Ok();
  }

  Status Videos() {
    // Fengze's sessions: 1–3 theory, 4–5 practical, 08:30–11:30 on 11-02 … 06.
    for (int seq = 1; seq <= 5; ++seq) {
      char date[16];
      std::snprintf(date, sizeof date, "2026-11-%02d", 1 + seq);
      adapters::SyntheticVideo v;
      v.creation_time = Unix(std::string(date) + "T08:28:00+08:00");
      v.seconds = 3 * 3600 + 4 * 60;
      if (seq == 5) {
        // The camera kept stopping: 50 s recorded, 20 s lost, all morning.
        for (double t = 50; t < v.seconds; t += 70) v.gaps.push_back({t, t + 20});
      }
      const std::string kind = seq <= 3 ? "theory_video" : "practical_video";
      ANPEI_RETURN_IF_ERROR(PutVideo(v, kind, "第" + std::to_string(seq) + "次课录像.mp4", seq,
                                     std::string(date) + "T12:00:00+08:00", {}));
    }
    // The make-up session (session 6, 11-07 08:30–11:30): no creation time; the clerk gives it.
    adapters::SyntheticVideo v;
    v.seconds = 3 * 3600 + 2 * 60;
    return PutVideo(v, "theory_video", "补课录像.mp4", 6, "2026-11-07T12:00:00+08:00",
                    Unix("2026-11-07T08:29:00+08:00"));
  }

  // A refused upload: a photo named .mp4 as a session video. Nothing is kept.
  Status Refused() {
    const std::string face = ReadFile(fs::path(in_.photo_dir) / "messi5.jpg");
    if (face.empty()) return Status::Ok();
    auto r = Upload(ctx_, in_.clerk, in_.class_id, "2026-11-06T12:20:00+08:00",
                    {"practical_video", "实操录像.mp4", face, 5, {}});
    if (r.ok()) return Status::Internal("演示：应被拒绝的上传被接受了");
    ++done_.refused;
    return Status::Ok();
  }

  Status PutVideo(const adapters::SyntheticVideo& v, const std::string& kind,
                  const std::string& name, int64_t seq, const std::string& when,
                  std::optional<int64_t> started_at) {
    const fs::path path = fs::path(in_.work_dir) / ("video-" + std::to_string(seq) + ".mp4");
    ANPEI_RETURN_IF_ERROR(adapters::WriteSyntheticVideo(path.string(), v));
    ANPEI_RETURN_IF_ERROR(
        Put(in_.class_id, in_.clerk, when, {kind, name, ReadFile(path), seq, started_at}));
    ++done_.videos;
    return Status::Ok();
  }

  Status Put(int64_t class_id, const app::Actor& clerk, const std::string& when, const File& f) {
    auto r = Upload(ctx_, clerk, class_id, when, f);
    if (!r.ok()) return Failed(r.status(), f.name);
    if (f.kind.find("photo") != std::string::npos) ++done_.photos;
    return Status::Ok();
  }

  const app::AppContext& ctx_;
  const DemoEvidenceInput& in_;
  DemoEvidenceDone done_;
};

}  // namespace

Result<DemoEvidenceDone> SeedDemoEvidence(const app::AppContext& ctx, const DemoEvidenceInput& in) {
  return Evidence(ctx, in).Run();
}

}  // namespace anpei::cli
