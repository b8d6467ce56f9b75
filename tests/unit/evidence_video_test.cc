// The video rules of a class session (domain/evidence_video.h; notice 三（一）3（1）) with the
// shipped policy's numbers: a practical class hour needs 60 s of uninterrupted video inside it, an
// offline theory session video over all of it but 300 s, a timestamp jump over 2 s breaks
// continuity; online sessions need none.
#include "domain/evidence_video.h"

#include <gtest/gtest.h>

#include "app/reference_data.h"
#include "support/reference.h"

namespace anpei::domain {
namespace {

const Policy& Shipped() {
  static const Policy* p = [] {
    auto r = testing::ShippedReference()->FindPolicy(app::kDefaultPolicyId, "policy");
    EXPECT_TRUE(r.ok());
    return *r;
  }();
  return *p;
}

PlanSession Session(SessionKind kind, Delivery delivery, int start, int end, int hours) {
  PlanSession s;
  s.date = *ParseDate("2025-11-30", "date");
  s.start_minute = start;
  s.end_minute = end;
  s.hours = hours;
  s.kind = kind;
  s.delivery = delivery;
  return s;
}

// A video of `duration` seconds with `gaps`, started `offset` seconds after the session start.
SessionVideo Video(const PlanSession& s, double offset, double duration,
                   std::vector<VideoSpan> gaps = {}) {
  SessionVideo v;
  v.name = "v" + std::to_string(static_cast<int>(offset)) + ".mp4";
  v.report.duration_seconds = duration;
  v.report.gaps = std::move(gaps);
  v.report.segments = ContinuousSegments(duration, v.report.gaps);
  v.started_at = Instant{SessionStart(s, Shipped()).unix_seconds + static_cast<int64_t>(offset)};
  return v;
}

TEST(EvidenceVideo, ShippedPolicyNumbers) {
  EXPECT_EQ(Shipped().evidence.video_max_gap_seconds, 2);
  EXPECT_EQ(Shipped().evidence.practical_continuous_seconds, 60);
  EXPECT_EQ(Shipped().evidence.theory_uncovered_max_seconds, 300);
  EXPECT_EQ(Shipped().ClauseOf(kRulePracticalVideo), "三（一）3（1）");
  EXPECT_NE(Shipped().clauses.at("三（一）3（1）").text.find("不低于 1 分钟的连续录像"),
            std::string::npos);
}

TEST(EvidenceVideo, SegmentsAreWhatTheGapsLeave) {
  EXPECT_EQ(ContinuousSegments(100, {{10, 20}, {50, 55}}),
            (std::vector<VideoSpan>{{0, 10}, {20, 50}, {55, 100}}));
  EXPECT_EQ(ContinuousSegments(100, {}), (std::vector<VideoSpan>{{0, 100}}));
  EXPECT_EQ(ContinuousSegments(30, {{0, 5}, {25, 30}}), (std::vector<VideoSpan>{{5, 25}}));
  EXPECT_TRUE(ContinuousSegments(0, {}).empty());
}

TEST(EvidenceVideo, SessionInstantsUseThePolicysOffset) {
  const PlanSession s = Session(SessionKind::kPractical, Delivery::kOffline, 9 * 60, 12 * 60, 3);
  EXPECT_EQ(FormatTimestamp(SessionStart(s, Shipped()), 480), "2025-11-30T09:00:00+08:00");
  EXPECT_EQ(FormatTimestamp(SessionEnd(s, Shipped()), 480), "2025-11-30T12:00:00+08:00");
}

TEST(EvidenceVideo, PracticalNeedsAContinuousMinuteInEveryClassHour) {
  const PlanSession s = Session(SessionKind::kPractical, Delivery::kOffline, 9 * 60, 12 * 60, 3);
  // One 70-second clip in each hour: satisfied.
  auto v =
      CheckSessionVideos(s, {Video(s, 300, 70), Video(s, 3900, 70), Video(s, 7500, 61)}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kSatisfied) << v.message;
  ASSERT_EQ(v.hours.size(), 3u);
  EXPECT_TRUE(v.hours[2].ok);
  EXPECT_EQ(v.rule, kRulePracticalVideo);
  EXPECT_EQ(v.clause, "三（一）3（1）");

  // The third hour has none: insufficient, naming the hour and the clause.
  v = CheckSessionVideos(s, {Video(s, 300, 70), Video(s, 3900, 70)}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kInsufficient);
  EXPECT_FALSE(v.ok());
  EXPECT_FALSE(v.hours[2].ok);
  EXPECT_NE(v.message.find("第 3 学时（11:00–12:00）"), std::string::npos) << v.message;
  EXPECT_NE(v.message.find("三（一）3（1）"), std::string::npos) << v.message;

  // Three minutes of video in the first hour do not stand for the other two.
  v = CheckSessionVideos(s, {Video(s, 0, 180)}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kInsufficient);
  EXPECT_TRUE(v.hours[0].ok);
  EXPECT_FALSE(v.hours[1].ok);
}

TEST(EvidenceVideo, AGapBreaksTheContinuousMinute) {
  const PlanSession s = Session(SessionKind::kPractical, Delivery::kOffline, 9 * 60, 10 * 60, 1);
  // 100 s of video, but interrupted at 40–45 s: the longest stretch is 55 s.
  auto v = CheckSessionVideos(s, {Video(s, 600, 100, {{40, 45}})}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kInsufficient);
  EXPECT_NEAR(v.hours[0].longest_continuous_seconds, 55, 1e-9);
  EXPECT_NE(v.message.find("最长连续录像 55 秒"), std::string::npos) << v.message;
  // Two clips back to back are not one continuous recording either.
  v = CheckSessionVideos(s, {Video(s, 600, 50), Video(s, 650, 50)}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kInsufficient);
  // Without the gap: satisfied.
  v = CheckSessionVideos(s, {Video(s, 600, 100)}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kSatisfied);
}

TEST(EvidenceVideo, VideosThatCannotBePlacedDoNotCount) {
  const PlanSession s = Session(SessionKind::kPractical, Delivery::kOffline, 9 * 60, 10 * 60, 1);
  SessionVideo no_time = Video(s, 0, 3600);
  no_time.started_at.reset();
  SessionVideo yesterday = Video(s, -86400, 3600);
  auto v = CheckSessionVideos(s, {no_time, yesterday}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kMissing);
  ASSERT_EQ(v.notes.size(), 2u);
  EXPECT_NE(v.notes[0].find("没有拍摄时间"), std::string::npos);
  EXPECT_NE(v.notes[1].find("不在本课次时间内"), std::string::npos);
  EXPECT_NE(v.message.find("没有录像"), std::string::npos);
  EXPECT_EQ(VideoVerdictStateId(v.state), "missing");
}

TEST(EvidenceVideo, OfflineTheoryNeedsVideoOverTheWholeSession) {
  const PlanSession s = Session(SessionKind::kTheory, Delivery::kOffline, 9 * 60, 10 * 60 + 30, 2);
  // Started two minutes late and ran to the end: 120 s uncovered, within 300.
  auto v = CheckSessionVideos(s, {Video(s, 120, 5400 - 120)}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kSatisfied) << v.message;
  EXPECT_NEAR(v.uncovered_seconds, 120, 1e-9);
  EXPECT_EQ(v.rule, kRuleTheoryVideo);

  // Two files with ten minutes between them: insufficient.
  v = CheckSessionVideos(s, {Video(s, 0, 2400), Video(s, 3000, 2400)}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kInsufficient);
  EXPECT_NEAR(v.uncovered_seconds, 600, 1e-9);
  EXPECT_NE(v.message.find("未覆盖 600 秒"), std::string::npos) << v.message;

  // Overlapping files count their common time once; a gap inside a file counts as uncovered.
  v = CheckSessionVideos(s, {Video(s, 0, 3000), Video(s, 2800, 2600, {{100, 500}})}, Shipped());
  EXPECT_NEAR(v.covered_seconds, 5400 - 300, 1e-9);
  EXPECT_EQ(v.state, VideoVerdictState::kSatisfied);
  v = CheckSessionVideos(s, {Video(s, 0, 3000), Video(s, 2800, 2600, {{100, 501}})}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kInsufficient);

  v = CheckSessionVideos(s, {}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kMissing);
}

TEST(EvidenceVideo, OnlineSessionsNeedNoVideo) {
  const PlanSession s = Session(SessionKind::kTheory, Delivery::kOnline, 9 * 60, 10 * 60, 1);
  auto v = CheckSessionVideos(s, {}, Shipped());
  EXPECT_EQ(v.state, VideoVerdictState::kNotRequired);
  EXPECT_TRUE(v.ok());
  EXPECT_TRUE(v.rule.empty());
}

}  // namespace
}  // namespace anpei::domain
