// Use cases of spot checks (抽查, 三（一）2; domain/spot_check.h): draw classes in training at
// random, record visits on site with photos, open a case from a finding, list cases. Police only
// (app/authorize.h kSpotCheckers): a district's reviewer within the district, the city bureau
// everywhere; a class's own institution reads its visits (not the draws, not the photos).
// Each call is one store transaction and every change one audit event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/spot_check.h"

namespace anpei::app {

struct DrawRequest {
  int64_t count = 0;
  std::optional<std::string> seed;  // nullopt: the server draws a random one and records it
  std::optional<std::string> district_code;
  std::optional<std::string> occupation;
  std::optional<int64_t> institution_id;
};

// A draw with the classes it names, for display.
struct DrawView {
  domain::SpotCheckDraw draw;
  std::vector<domain::ClassBrief> classes;  // the drawn ones, in draw order
};

// Draws among the classes in training today (domain::IsInTraining) within the filters and the
// actor's scope (a reviewer: its own district, which is also the default; another district is
// 404 like a missing one). The draw is recorded and audited (spot_check.draw) before it is
// answered, so every draw — also one repeated with another seed — stays on the list.
Result<DrawView> DrawSpotCheck(const AppContext& ctx, const Actor& actor, DrawRequest request);
Result<ports::PageOf<DrawView>> ListDraws(const AppContext& ctx, const Actor& actor,
                                          ports::Page page);
Result<DrawView> GetDraw(const AppContext& ctx, const Actor& actor, int64_t id);

struct VisitInput {
  std::optional<int64_t> draw_id;
  std::string visited_at;  // RFC 3339 with offset
  std::vector<std::string> inspectors;
  int64_t present = 0;
  int64_t expected = 0;
  std::string findings;
  bool open_case = false;
};

// Records a visit to class `class_id` (approved or later; 409 "state" before that). With a
// draw_id the class must be one the draw picked (400 draw_id). open_case also opens a case
// (case.open) with the findings' first 200 characters as summary.
Result<domain::SpotCheckVisit> RecordVisit(const AppContext& ctx, const Actor& actor,
                                           int64_t class_id, VisitInput input);
// The visits of a class, newest first: police in scope see everything; the class's institution
// sees them without draw ids (draws are the police's).
Result<std::vector<domain::SpotCheckVisit>> ListVisits(const AppContext& ctx, const Actor& actor,
                                                       int64_t class_id);

// The photo rules: JPEG or PNG, as sniffed, up to 5 MB.
ports::BlobRules SpotCheckPhotoRules();
// Whether the actor may add a photo to visit `visit_id` now (401/403/404, 422 when the visit has
// its 20): checked before an upload is even read, and again by AddVisitPhoto.
Status CheckPhotoUpload(const AppContext& ctx, const Actor& actor, int64_t visit_id);
// Stores a photo of visit `visit_id` through the blob store and records it (spot_check.photo).
Result<domain::SpotCheckPhoto> AddVisitPhoto(const AppContext& ctx, const Actor& actor,
                                             int64_t visit_id, std::string_view bytes,
                                             std::string file_name);
Result<std::vector<domain::SpotCheckPhoto>> ListVisitPhotos(const AppContext& ctx,
                                                            const Actor& actor, int64_t visit_id);
struct PhotoFile {
  domain::SpotCheckPhoto photo;
  std::string bytes;
};
Result<PhotoFile> GetVisitPhoto(const AppContext& ctx, const Actor& actor, int64_t visit_id,
                                int64_t n);

}  // namespace anpei::app
