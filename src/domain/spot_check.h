// Spot checks (抽查, 三（一）2; domain.md §3): reviewers draw classes in training at random and
// record what they find on site. Pure: the draw's hash is passed in as a function, so anyone can
// recompute a draw from its recorded seed and candidates with any SHA-256 tool.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/date.h"
#include "domain/model.h"

namespace anpei::domain {

// The draw's hash: lower-case hex SHA-256 of a text (unkeyed, public).
using DrawHash = std::function<std::string(std::string_view)>;

// The text hashed for one candidate: the seed, a colon, the class id in decimal ("s3cr3t:42").
std::string DrawKeyText(std::string_view seed, int64_t class_id);

// The draw scheme (docs/architecture.md, "Spot checks"): the candidates, deduplicated, are
// ordered by SHA-256(seed ":" id) as hex text, ties (never seen in practice) by id; the first
// `count` are drawn, in that order. Every candidate when count >= their number. The result
// depends only on the seed and the set of candidates (not on their order), so anyone holding
// the recorded seed and candidate list recomputes it, and nobody can choose the outcome without
// choosing the seed.
std::vector<int64_t> DrawClasses(std::vector<int64_t> candidates, int64_t count,
                                 std::string_view seed, const DrawHash& hash);

// "In training" (在训): approved, and `today` between the first and the last session date,
// both inclusive. A class without sessions is never in training.
bool IsInTraining(ClassState state, std::optional<Date> first, std::optional<Date> last,
                  Date today);

// Bounds on what a draw and a visit record hold (bad input answers 400 naming the field).
inline constexpr int64_t kMaxDrawCount = 100;
inline constexpr size_t kMaxSeedLength = 128;
inline constexpr size_t kMaxFindingsLength = 2000;  // characters
inline constexpr size_t kMaxInspectors = 10;
inline constexpr size_t kMaxInspectorNameLength = 30;
inline constexpr int64_t kMaxHeadCount = 10000;
inline constexpr int64_t kMaxPhotosPerVisit = 20;

// InvalidArgument naming "count" unless 1 <= count <= kMaxDrawCount.
Status CheckDrawCount(int64_t count);
// InvalidArgument naming "seed" unless 1–128 printable ASCII characters (no spaces at either
// end), so the seed can be written down, read aloud and typed into sha256sum as it is.
Status CheckSeed(std::string_view seed);

// A draw as recorded (spot_check_draws): enough to recompute it (seed, candidates) and to see
// who drew what, when, from which filter.
struct SpotCheckDraw {
  int64_t id = 0;
  std::optional<std::string> district_code;  // nullopt: city-wide
  std::optional<std::string> occupation;
  std::optional<int64_t> institution_id;
  int64_t count = 0;
  std::string seed;
  std::string seed_source;          // "given" | "server"
  std::string on_date;              // the day "in training" was decided for
  std::vector<int64_t> candidates;  // ascending
  std::vector<int64_t> class_ids;   // drawn, in draw order
  int64_t drawn_by = 0;             // user id
  std::string drawn_by_name;
  std::string drawn_at;
};

// A class as a draw, a visit or a case names it.
struct ClassBrief {
  int64_t id = 0;
  std::string title;
  int64_t institution_id = 0;
  std::string institution_name;
  std::string district_code;
  ClassState state = ClassState::kDraft;
};

// A photo of a visit: the blob (ports/blob_store.h) by its SHA-256.
struct SpotCheckPhoto {
  int64_t spot_check_id = 0;
  int64_t n = 0;  // 1, 2, ... per visit
  std::string sha256;
  int64_t size = 0;
  std::string mime;
  std::string file_name;
  std::string uploaded_by;
  std::string uploaded_at;
};

// A visit on site (现场检查) as recorded.
struct SpotCheckVisit {
  int64_t id = 0;
  int64_t class_id = 0;
  std::optional<int64_t> draw_id;
  std::string visited_at;  // RFC 3339, as given (normalised to UTC+8)
  std::vector<std::string> inspectors;
  int64_t present = 0;   // trainees found present
  int64_t expected = 0;  // trainees expected by the plan/roster
  std::string findings;
  std::optional<int64_t> case_id;  // the case a finding opened
  int64_t recorded_by_id = 0;      // users.id
  std::string recorded_by;         // display name of the recording user
  std::string recorded_at;
  int64_t photo_count = 0;
};

// Checks a visit's fields (inspectors 1–10 names of 1–30 characters, head-counts 0–10000,
// findings up to 2000 characters, required when a case is opened): InvalidArgument naming the
// field.
Status CheckVisit(const SpotCheckVisit& visit, bool open_case);

// A case (案件线索) opened by a finding, for the fraud process (四（三）) that takes it from there.
struct CaseRecord {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string class_title;       // read-only, joined
  std::string institution_name;  // read-only, joined
  std::string district_code;     // read-only, joined
  std::string source = "spot_check";
  int64_t source_id = 0;
  std::string state = "open";  // domain/fraud_case.h CaseState ids
  std::string summary;
  std::string opened_by;
  std::string opened_at;
  std::optional<std::string> response_due;  // YYYY-MM-DD: the institution answers until then
  int64_t version = 1;
  int64_t institution_id = 0;  // read-only, joined
};

// A case's summary from the findings: the first 200 characters, whole characters only.
std::string CaseSummary(std::string_view findings);

}  // namespace anpei::domain
