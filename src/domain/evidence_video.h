// Session videos (issue 14, Deliver 3; domain.md §5; notice 三（一）3（1）): what a probe learns
// from a video file (VideoReport, filled by ports::VideoProbe) and whether the videos attached to a
// class session satisfy the notice:
//   - a practical session: "实操课每学时应留存不低于 1 分钟的连续录像视频" — in each class hour of
//     the session, at least policy `evidence.practical_continuous_seconds` of uninterrupted video;
//   - an offline theory session: "线下理论课应留存全程培训视频录像" — the session's time covered by
//     video, except at most `evidence.theory_uncovered_max_seconds` in all;
//   - an online session needs no video (its records come from the platform).
// A jump between consecutive video timestamps larger than `evidence.video_max_gap_seconds` breaks
// continuity. Pure functions over plain values; times of day are the policy's local time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/date.h"
#include "domain/plan.h"
#include "domain/policy.h"

namespace anpei::domain {

// A stretch of a video's timeline, in seconds from its first video timestamp.
struct VideoSpan {
  double start = 0;
  double end = 0;
  double seconds() const { return end - start; }
  friend bool operator==(const VideoSpan&, const VideoSpan&) = default;
};

// What ports::VideoProbe reports about one file.
struct VideoReport {
  double duration_seconds = 0;           // first video timestamp to the end of the last frame
  std::optional<int64_t> creation_time;  // Unix seconds, from the container's creation_time tag
  int width = 0;
  int height = 0;
  std::string codec;                // "h264", "mpeg4", …
  int64_t frames = 0;               // video packets (frames) seen
  double max_gap_seconds = 0;       // the threshold the gaps were found with
  std::vector<VideoSpan> gaps;      // where timestamps jump by more than max_gap_seconds
  std::vector<VideoSpan> segments;  // the continuous stretches between the gaps
};

// The continuous stretches of [0, duration] once `gaps` (sorted, inside it) are cut out.
std::vector<VideoSpan> ContinuousSegments(double duration, const std::vector<VideoSpan>& gaps);

// A video attached to a session: its report and when it started (the creation time, or a time
// the uploader gave; nullopt when neither is known — such a video cannot be placed in time).
struct SessionVideo {
  std::string name;  // how findings name it (the file name or blob id)
  VideoReport report;
  std::optional<Instant> started_at;
};

// Rule ids, mapped to their clause by the policy's [rules].
inline constexpr std::string_view kRulePracticalVideo = "EVIDENCE_PRACTICAL_VIDEO";
inline constexpr std::string_view kRuleTheoryVideo = "EVIDENCE_THEORY_VIDEO";

enum class VideoVerdictState {
  kNotRequired,  // online sessions
  kSatisfied,
  kMissing,      // no usable video at all
  kInsufficient  // videos, but not enough of them in the session's time
};
std::string_view VideoVerdictStateId(VideoVerdictState s);  // not_required|satisfied|missing|…

// One class hour of a practical session and its longest continuous video inside it.
struct PracticalHour {
  Instant from;
  Instant to;
  double longest_continuous_seconds = 0;
  bool ok = false;
};

struct SessionVideoVerdict {
  VideoVerdictState state = VideoVerdictState::kNotRequired;
  std::string rule;     // kRulePracticalVideo | kRuleTheoryVideo | "" when not required
  std::string clause;   // the clause the rule cites ("三（一）3")
  std::string message;  // plain Chinese, naming the clause
  std::vector<PracticalHour> hours;  // practical sessions: each class hour
  double covered_seconds = 0;        // theory sessions: session time covered by video
  double uncovered_seconds = 0;      // theory sessions: session time not covered
  std::vector<std::string> notes;    // videos ignored and why (no start time, outside the session)
  bool ok() const {
    return state == VideoVerdictState::kSatisfied || state == VideoVerdictState::kNotRequired;
  }
};

// The session's local start and end as instants (policy utc offset).
Instant SessionStart(const PlanSession& session, const Policy& policy);
Instant SessionEnd(const PlanSession& session, const Policy& policy);

// Judges the videos of one class session against the policy's [evidence] numbers.
SessionVideoVerdict CheckSessionVideos(const PlanSession& session,
                                       const std::vector<SessionVideo>& videos,
                                       const Policy& policy);

}  // namespace anpei::domain
