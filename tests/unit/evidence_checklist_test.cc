// The evidence checklist of a class (domain/evidence_checklist.h; notice 三（一）3（1）（2）,
// 三（二）2) with the shipped policy: which items a plan requires, and how photos with problems,
// videos with gaps, paper sign-in and online records move an item between present, missing and
// failed.
#include "domain/evidence_checklist.h"

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

PlanSession Session(SessionKind kind, Delivery delivery, const char* date, int start, int end,
                    int hours) {
  PlanSession s;
  s.date = *ParseDate(date, "date");
  s.start_minute = start;
  s.end_minute = end;
  s.hours = hours;
  s.kind = kind;
  s.delivery = delivery;
  return s;
}

// Theory offline (seq 1), practical offline two hours (seq 2), theory online (seq 3).
ChecklistInput MixedClass() {
  ChecklistInput in;
  in.sessions = {
      Session(SessionKind::kTheory, Delivery::kOffline, "2026-03-02", 8 * 60, 8 * 60 + 45, 1),
      Session(SessionKind::kPractical, Delivery::kOffline, "2026-03-02", 14 * 60, 15 * 60 + 30, 2),
      Session(SessionKind::kTheory, Delivery::kOnline, "2026-03-03", 8 * 60, 8 * 60 + 45, 1)};
  in.online.trainees = 3;
  in.online.planned_hours = 1;
  return in;
}

int64_t next_id = 1;

ChecklistEvidence Photo(EvidenceKind kind, std::vector<EvidenceProblem> problems = {}) {
  ChecklistEvidence e;
  e.id = next_id++;
  e.kind = kind;
  e.file_name = "p" + std::to_string(e.id) + ".jpg";
  e.problems = std::move(problems);
  return e;
}

// A video covering [offset, offset + duration) seconds after the session's start, with gaps.
ChecklistEvidence Video(const ChecklistInput& in, int64_t seq, double offset, double duration,
                        std::vector<VideoSpan> gaps = {}) {
  const PlanSession& s = in.sessions[static_cast<size_t>(seq - 1)];
  ChecklistEvidence e;
  e.id = next_id++;
  e.kind = s.kind == SessionKind::kPractical ? EvidenceKind::kPracticalVideo
                                             : EvidenceKind::kTheoryVideo;
  e.session_seq = seq;
  e.file_name = "v" + std::to_string(e.id) + ".mp4";
  VideoReport r;
  r.duration_seconds = duration;
  r.gaps = std::move(gaps);
  r.segments = ContinuousSegments(duration, r.gaps);
  e.video = r;
  e.video_started_at =
      Instant{SessionStart(s, Shipped()).unix_seconds + static_cast<int64_t>(offset)};
  return e;
}

const ChecklistItem& Item(const Checklist& c, std::string_view id) {
  for (const auto& i : c.items) {
    if (i.id == id) return i;
  }
  ADD_FAILURE() << "no item " << id;
  static const ChecklistItem none;
  return none;
}

TEST(EvidenceChecklist, ShippedPolicyNumbersAndClauses) {
  EXPECT_EQ(Shipped().evidence.group_photos_min, 1);
  EXPECT_EQ(Shipped().evidence.practical_photos_min, 3);
  EXPECT_EQ(Shipped().ClauseOf(kRuleGroupPhoto), "三（一）3（1）");
  EXPECT_EQ(Shipped().ClauseOf(kRuleOnlineRecords), "三（一）3（2）");
  EXPECT_NE(Shipped().clauses.at("三（一）3（2）").text.find("学员个人学习明细表"),
            std::string::npos);
  EXPECT_EQ(Shipped().ClauseOf(kRuleSignInSheet), "三（二）2");
}

TEST(EvidenceChecklist, AnEmptyClassMissesEverythingItsPlanRequires) {
  const Checklist c = BuildChecklist(MixedClass(), Shipped());
  EXPECT_EQ(Item(c, "group_photo").state, ChecklistState::kMissing);
  EXPECT_EQ(Item(c, "group_photo").clause, "三（一）3（1）");
  EXPECT_EQ(Item(c, "practical_photos").state, ChecklistState::kMissing);
  EXPECT_EQ(Item(c, "practical_photos").required, 3);
  EXPECT_EQ(Item(c, "photo_checks").state, ChecklistState::kNotRequired);
  EXPECT_EQ(Item(c, "session_video:1").state, ChecklistState::kMissing);
  EXPECT_EQ(Item(c, "session_video:1").rule, kRuleTheoryVideo);
  EXPECT_EQ(Item(c, "session_video:2").rule, kRulePracticalVideo);
  EXPECT_EQ(Item(c, "online_records").state, ChecklistState::kMissing);
  // The online session needs no video: it has no item.
  for (const auto& i : c.items) EXPECT_NE(i.id, "session_video:3");
  EXPECT_FALSE(c.complete());
  EXPECT_EQ(c.missing, 5);
}

TEST(EvidenceChecklist, AnOfflineTheoryClassNeedsNoPracticalPhotosNorOnlineRecords) {
  ChecklistInput in;
  in.sessions = {
      Session(SessionKind::kTheory, Delivery::kOffline, "2026-03-02", 8 * 60, 8 * 60 + 45, 1)};
  in.evidence = {Photo(EvidenceKind::kGroupPhoto), Video(in, 1, 0, 45 * 60)};
  const Checklist c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "practical_photos").state, ChecklistState::kNotRequired);
  EXPECT_EQ(Item(c, "online_records").state, ChecklistState::kNotRequired);
  EXPECT_EQ(Item(c, "group_photo").state, ChecklistState::kPresent);
  EXPECT_EQ(Item(c, "session_video:1").state, ChecklistState::kPresent);
  EXPECT_TRUE(c.complete());
}

TEST(EvidenceChecklist, APhotoWithAProblemDoesNotCount) {
  ChecklistInput in = MixedClass();
  const EvidenceProblem reused{"EVIDENCE_PHOTO_REUSED", "四（三）",
                               "该照片与另一培训班的照片几乎相同"};
  in.evidence = {Photo(EvidenceKind::kPracticalPhoto), Photo(EvidenceKind::kPracticalPhoto),
                 Photo(EvidenceKind::kPracticalPhoto, {reused})};
  Checklist c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "practical_photos").state, ChecklistState::kFailed);
  EXPECT_EQ(Item(c, "practical_photos").have, 2);
  EXPECT_EQ(Item(c, "photo_checks").state, ChecklistState::kFailed);
  EXPECT_EQ(Item(c, "photo_checks").clause, "四（三）");
  EXPECT_NE(Item(c, "photo_checks").message.find("另一培训班"), std::string::npos);
  // A fourth, clean photo makes the count; the reused one still fails the photo checks.
  in.evidence.push_back(Photo(EvidenceKind::kPracticalPhoto));
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "practical_photos").state, ChecklistState::kPresent);
  EXPECT_EQ(Item(c, "photo_checks").state, ChecklistState::kFailed);
}

TEST(EvidenceChecklist, APracticalHourWithoutAContinuousMinuteFails) {
  ChecklistInput in = MixedClass();
  // 90 minutes of video with a 10 s gap every 50 s: never 60 s continuous.
  std::vector<VideoSpan> gaps;
  for (double t = 50; t < 90 * 60; t += 60) gaps.push_back({t, t + 10});
  in.evidence = {Video(in, 2, 0, 90 * 60, gaps)};
  Checklist c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "session_video:2").state, ChecklistState::kFailed);
  ASSERT_TRUE(Item(c, "session_video:2").video.has_value());
  EXPECT_EQ(Item(c, "session_video:2").video->hours.size(), 2u);
  // A clean recording of the whole session passes.
  in.evidence = {Video(in, 2, 0, 90 * 60)};
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "session_video:2").state, ChecklistState::kPresent);
}

TEST(EvidenceChecklist, ATheoryVideoThatDoesNotCoverTheSessionFails) {
  ChecklistInput in = MixedClass();
  in.evidence = {Video(in, 1, 0, 30 * 60)};  // 15 of 45 minutes missing, tolerance 5
  const Checklist c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "session_video:1").state, ChecklistState::kFailed);
  EXPECT_EQ(Item(c, "session_video:1").evidence_ids.size(), 1u);
}

TEST(EvidenceChecklist, PaperSignInNeedsTheScannedSheets) {
  ChecklistInput in = MixedClass();
  // Two exceptions covering session 2 make one item; an unknown number is ignored.
  in.paper_sign_in = {{2, 7, 0}, {2, 8, 0}, {99, 9, 1}};
  Checklist c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "sign_in_sheet:2").state, ChecklistState::kMissing);
  EXPECT_EQ(Item(c, "sign_in_sheet:2").clause, "三（二）2");
  ChecklistEvidence scan = Photo(EvidenceKind::kSignInSheet);
  scan.session_seq = 1;  // the wrong session does not count
  in.evidence = {scan};
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "sign_in_sheet:2").state, ChecklistState::kMissing);
  in.evidence[0].session_seq = 2;
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "sign_in_sheet:2").state, ChecklistState::kPresent);
  // Sheets uploaded with the exception count too.
  in.evidence.clear();
  in.paper_sign_in[1].files = 2;
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "sign_in_sheet:2").state, ChecklistState::kPresent);
  EXPECT_EQ(Item(c, "sign_in_sheet:2").have, 2);
  int sheets = 0;
  for (const auto& i : c.items) sheets += i.rule == kRuleSignInSheet;
  EXPECT_EQ(sheets, 1);
}

TEST(EvidenceChecklist, OnlineRecordsFromAnApprovedPlatform) {
  ChecklistInput in = MixedClass();
  in.online.platform_name = "中国职业培训在线";
  in.online.platform_approved = true;
  in.online.trainees_with_records = 2;
  Checklist c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "online_records").state, ChecklistState::kFailed);
  EXPECT_NE(Item(c, "online_records").message.find("2/3"), std::string::npos);
  in.online.trainees_with_records = 3;
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "online_records").state, ChecklistState::kPresent);
}

TEST(EvidenceChecklist, AnotherPlatformNeedsBothTablesAndTheirRecords) {
  ChecklistInput in = MixedClass();
  in.online.platform_name = "某在线学习平台";
  in.online.trainees_with_records = 3;
  Checklist c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "online_records").state, ChecklistState::kMissing);
  EXPECT_NE(Item(c, "online_records").message.find("线上学习汇总表"), std::string::npos);
  in.evidence = {Photo(EvidenceKind::kOnlineSummary), Photo(EvidenceKind::kOnlineDetail)};
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "online_records").state, ChecklistState::kPresent);
  in.online.trainees_with_records = 1;
  c = BuildChecklist(in, Shipped());
  EXPECT_EQ(Item(c, "online_records").state, ChecklistState::kFailed);
}

TEST(EvidenceChecklist, ACompleteClass) {
  ChecklistInput in = MixedClass();
  in.online.platform_name = "中国职业培训在线";
  in.online.platform_approved = true;
  in.online.trainees_with_records = 3;
  in.evidence = {Photo(EvidenceKind::kGroupPhoto),     Photo(EvidenceKind::kPracticalPhoto),
                 Photo(EvidenceKind::kPracticalPhoto), Photo(EvidenceKind::kPracticalPhoto),
                 Video(in, 1, -60, 47 * 60),           Video(in, 2, 0, 90 * 60)};
  const Checklist c = BuildChecklist(in, Shipped());
  EXPECT_TRUE(c.complete()) << c.missing << " missing, " << c.failed << " failed";
  EXPECT_EQ(c.present, 6);
  for (const auto& i : c.items) {
    if (i.state != ChecklistState::kNotRequired) {
      EXPECT_FALSE(i.clause.empty()) << i.id;
    }
  }
}

}  // namespace
}  // namespace anpei::domain
