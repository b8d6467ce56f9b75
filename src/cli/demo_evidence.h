// The evidence part of `anpei demo` (cmd_demo_evidence.cc): the files of the two approved classes
// uploaded through the real use cases (tus uploads: CreateUpload, AppendUpload) at fixed past
// times, decoded by the real decoders, so the evidence tab and its checklist show every state.
#pragma once

#include <cstdint>
#include <string>

#include "app/context.h"
#include "base/status.h"

namespace anpei::cli {

struct DemoEvidenceInput {
  int64_t class_id = 0;        // Fengze: sessions 2026-11-02 … 06 (4, 5 practical), make-up 11-07
  app::Actor clerk;            // its institution
  int64_t other_class_id = 0;  // Jinjiang: sessions 2026-11-09 … 13
  app::Actor other_clerk;
  std::string work_dir;  // where the synthetic videos are written before upload (then removed)
  // A JPEG with one face (the group photo's faces are crops of it); practical photos come from
  // the same folder (opencv-doc's samples). Missing: no photos, and a note says so.
  std::string photo_dir = "/usr/share/doc/opencv-doc/examples/data/";
};

struct DemoEvidenceDone {
  int photos = 0, videos = 0, refused = 0;
};

Result<DemoEvidenceDone> SeedDemoEvidence(const app::AppContext& ctx, const DemoEvidenceInput& in);

}  // namespace anpei::cli
