#include "domain/evidence_video.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace anpei::domain {

namespace {

// A continuous stretch of one video on the clock: Unix seconds, fractional.
struct Placed {
  double from = 0;
  double to = 0;
};

std::string Clock(Instant t, int offset_minutes) {
  return FormatTimestamp(t, offset_minutes).substr(11, 5);  // "HH:MM"
}

std::string Seconds(double s) { return std::to_string(std::llround(std::max(0.0, s))); }

std::string ClauseOf(const Policy& policy, std::string_view rule) {
  std::string c = policy.ClauseOf(rule);
  return c.empty() ? std::string("三（一）3") : c;
}

// The videos placed on the clock; notes name those that cannot be placed or miss the session.
std::vector<Placed> Place(const std::vector<SessionVideo>& videos, double from, double to,
                          int offset_minutes, std::vector<std::string>& notes) {
  std::vector<Placed> placed;
  for (const SessionVideo& v : videos) {
    if (!v.started_at) {
      notes.push_back(
          "录像“" + v.name +
          "”没有拍摄时间（文件中无 creation_time，也未填写），无法对应课次时间，未计入。");
      continue;
    }
    const double start = static_cast<double>(v.started_at->unix_seconds);
    bool inside = false;
    for (const VideoSpan& s : v.report.segments) {
      Placed p{start + s.start, start + s.end};
      if (p.to > from && p.from < to) inside = true;
      placed.push_back(p);
    }
    if (v.report.segments.empty()) {
      notes.push_back("录像“" + v.name + "”没有可用的画面，未计入。");
    } else if (!inside) {
      notes.push_back("录像“" + v.name + "”（拍摄于 " +
                      FormatTimestamp(*v.started_at, offset_minutes) + "，时长 " +
                      Seconds(v.report.duration_seconds) + " 秒）不在本课次时间内，未计入。");
    }
  }
  return placed;
}

double Overlap(const Placed& p, double from, double to) {
  return std::max(0.0, std::min(p.to, to) - std::max(p.from, from));
}

// The length of [from, to] covered by the union of `placed`.
double Covered(std::vector<Placed> placed, double from, double to) {
  std::sort(placed.begin(), placed.end(),
            [](const Placed& a, const Placed& b) { return a.from < b.from; });
  double covered = 0, cursor = from;
  for (const Placed& p : placed) {
    const double a = std::max(p.from, cursor), b = std::min(p.to, to);
    if (b > a) {
      covered += b - a;
      cursor = b;
    }
  }
  return covered;
}

void JudgePractical(const PlanSession& session, const std::vector<Placed>& placed, double from,
                    double to, const Policy& policy, SessionVideoVerdict& v) {
  const int hours = std::max(1, session.hours);
  const double need = policy.evidence.practical_continuous_seconds;
  const double slot = (to - from) / hours;
  std::string short_hours;
  bool any = false;
  for (int i = 0; i < hours; ++i) {
    PracticalHour h;
    const double a = from + slot * i, b = (i + 1 == hours) ? to : from + slot * (i + 1);
    h.from = Instant{static_cast<int64_t>(std::floor(a))};
    h.to = Instant{static_cast<int64_t>(std::floor(b))};
    for (const Placed& p : placed) {
      h.longest_continuous_seconds = std::max(h.longest_continuous_seconds, Overlap(p, a, b));
    }
    if (h.longest_continuous_seconds > 0) any = true;
    h.ok = h.longest_continuous_seconds + 1e-6 >= need;
    if (!h.ok) {
      if (!short_hours.empty()) short_hours += "；";
      short_hours += "第 " + std::to_string(i + 1) + " 学时（" +
                     Clock(h.from, policy.utc_offset_minutes) + "–" +
                     Clock(h.to, policy.utc_offset_minutes) + "）最长连续录像 " +
                     Seconds(std::floor(h.longest_continuous_seconds)) + " 秒";
    }
    v.hours.push_back(h);
  }
  const std::string rule_text = v.clause + "：实操课每学时应留存不低于 " + Seconds(need) +
                                " 秒的连续录像视频（时间戳中断超过 " +
                                std::to_string(policy.evidence.video_max_gap_seconds) +
                                " 秒即不连续）。";
  if (!any) {
    v.state = VideoVerdictState::kMissing;
    v.message = rule_text + "本实操课次没有录像。";
  } else if (!short_hours.empty()) {
    v.state = VideoVerdictState::kInsufficient;
    v.message = rule_text + short_hours + "。";
  } else {
    v.state = VideoVerdictState::kSatisfied;
    v.message = "实操课次 " + std::to_string(hours) + " 学时均有不少于 " + Seconds(need) +
                " 秒的连续录像（" + v.clause + "）。";
  }
}

void JudgeTheory(const std::vector<Placed>& placed, double from, double to, const Policy& policy,
                 SessionVideoVerdict& v) {
  const double tolerance = policy.evidence.theory_uncovered_max_seconds;
  v.covered_seconds = Covered(placed, from, to);
  v.uncovered_seconds = std::max(0.0, (to - from) - v.covered_seconds);
  const std::string rule_text =
      v.clause + "：线下理论课应留存全程培训视频录像（课次内未覆盖的时间累计不超过 " +
      Seconds(tolerance) + " 秒）。";
  if (v.covered_seconds <= 0) {
    v.state = VideoVerdictState::kMissing;
    v.message = rule_text + "本理论课次没有录像。";
  } else if (v.uncovered_seconds > tolerance + 1e-6) {
    v.state = VideoVerdictState::kInsufficient;
    v.message = rule_text + "录像覆盖 " + Seconds(v.covered_seconds) + " 秒，未覆盖 " +
                Seconds(v.uncovered_seconds) + " 秒。";
  } else {
    v.state = VideoVerdictState::kSatisfied;
    v.message =
        "理论课次全程有录像（未覆盖 " + Seconds(v.uncovered_seconds) + " 秒，" + v.clause + "）。";
  }
}

}  // namespace

std::vector<VideoSpan> ContinuousSegments(double duration, const std::vector<VideoSpan>& gaps) {
  std::vector<VideoSpan> out;
  double cursor = 0;
  for (const VideoSpan& g : gaps) {
    if (g.start > cursor) out.push_back({cursor, std::min(g.start, duration)});
    cursor = std::max(cursor, g.end);
    if (cursor >= duration) break;
  }
  if (duration > cursor) out.push_back({cursor, duration});
  return out;
}

std::string_view VideoVerdictStateId(VideoVerdictState s) {
  switch (s) {
    case VideoVerdictState::kNotRequired:
      return "not_required";
    case VideoVerdictState::kSatisfied:
      return "satisfied";
    case VideoVerdictState::kMissing:
      return "missing";
    case VideoVerdictState::kInsufficient:
      return "insufficient";
  }
  return "missing";
}

Instant SessionStart(const PlanSession& session, const Policy& policy) {
  return Instant{session.date.ToDays() * 86400 +
                 (static_cast<int64_t>(session.start_minute) - policy.utc_offset_minutes) * 60};
}

Instant SessionEnd(const PlanSession& session, const Policy& policy) {
  return Instant{session.date.ToDays() * 86400 +
                 (static_cast<int64_t>(session.end_minute) - policy.utc_offset_minutes) * 60};
}

SessionVideoVerdict CheckSessionVideos(const PlanSession& session,
                                       const std::vector<SessionVideo>& videos,
                                       const Policy& policy) {
  SessionVideoVerdict v;
  if (session.delivery == Delivery::kOnline) {
    v.state = VideoVerdictState::kNotRequired;
    v.message = "线上课次无需录像，以学习平台的记录为准。";
    return v;
  }
  const bool practical = session.kind == SessionKind::kPractical;
  v.rule = std::string(practical ? kRulePracticalVideo : kRuleTheoryVideo);
  v.clause = ClauseOf(policy, v.rule);
  const double from = static_cast<double>(SessionStart(session, policy).unix_seconds);
  const double to = static_cast<double>(SessionEnd(session, policy).unix_seconds);
  const std::vector<Placed> placed = Place(videos, from, to, policy.utc_offset_minutes, v.notes);
  if (practical) {
    JudgePractical(session, placed, from, to, policy, v);
  } else {
    JudgeTheory(placed, from, to, policy, v);
  }
  return v;
}

}  // namespace anpei::domain
