// The evidence rules (domain/evidence.h) with the shipped policy's numbers: kinds and their limits,
// EXIF times read in local time, a photo's capture time against its session ± 30 minutes, the
// closest photo of another class within 4 bits, a group photo's faces against the head-count,
// retain_until (29 February included) and the deletion decision.
#include "domain/evidence.h"

#include <gtest/gtest.h>

#include "app/reference_data.h"
#include "domain/selfie.h"
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

constexpr int kCst = 480;

int64_t Local(const std::string& text) {
  return *ParseExifDateTime(text, kCst);  // "YYYY:MM:DD HH:MM:SS" in China Standard Time
}

PlanSession Session(const std::string& date, int start, int end,
                    Delivery delivery = Delivery::kOffline) {
  PlanSession s;
  s.date = *ParseDate(date, "date");
  s.start_minute = start;
  s.end_minute = end;
  s.hours = 4;
  s.delivery = delivery;
  return s;
}

TEST(Evidence, KindsHaveIdsNamesAndLimits) {
  for (auto k : kAllEvidenceKinds) {
    EXPECT_EQ(ParseEvidenceKind(EvidenceKindId(k)), k);
    EXPECT_FALSE(EvidenceKindName(k).empty());
    EXPECT_FALSE(MimeTypesOf(k).empty());
  }
  EXPECT_FALSE(ParseEvidenceKind("selfie"));
  EXPECT_EQ(EvidenceKindName(EvidenceKind::kGroupPhoto), "集体照");
  const auto& e = Shipped().evidence;
  EXPECT_EQ(MaxBytesOf(EvidenceKind::kGroupPhoto, e), int64_t{20} << 20);
  EXPECT_EQ(MaxBytesOf(EvidenceKind::kTheoryVideo, e), int64_t{4} << 30);
  EXPECT_EQ(MaxBytesOf(EvidenceKind::kSignInSheet, e), int64_t{20} << 20);
  EXPECT_EQ(MaxBytesOf(EvidenceKind::kOnlineDetail, e), int64_t{512} << 20);
  const auto video = MimeTypesOf(EvidenceKind::kPracticalVideo);
  EXPECT_NE(std::find(video.begin(), video.end(), "video/mp4"), video.end());
  EXPECT_EQ(std::find(video.begin(), video.end(), "image/jpeg"), video.end());
}

TEST(Evidence, ExifTimesAreLocalAndValidated) {
  // 2021-10-11 09:05:00 +08:00 = 01:05:00 UTC.
  EXPECT_EQ(ParseExifDateTime("2021:10:11 09:05:00", kCst), 1633914300);
  EXPECT_EQ(ParseExifDateTime("2021:10:11 09:05:00", 0), 1633914300 + 8 * 3600);
  EXPECT_FALSE(ParseExifDateTime("0000:00:00 00:00:00", kCst));
  EXPECT_FALSE(ParseExifDateTime("2021:02:30 10:00:00", kCst));
  EXPECT_FALSE(ParseExifDateTime("2021:10:11 24:00:00", kCst));
  EXPECT_FALSE(ParseExifDateTime("2021-10-11", kCst));
  EXPECT_FALSE(ParseExifDateTime("", kCst));
}

TEST(Evidence, PhotoTimeInsideItsSessionWithTolerance) {
  const std::vector<PlanSession> sessions = {
      Session("2021-10-11", 8 * 60 + 30, 11 * 60 + 30), Session("2021-10-12", 14 * 60, 17 * 60),
      Session("2021-10-13", 8 * 60, 12 * 60, Delivery::kOnline)};
  const Policy& p = Shipped();
  EXPECT_FALSE(CheckPhotoTime(Local("2021:10:11 08:00:00"), 1, sessions, p));  // 30 min before
  EXPECT_FALSE(CheckPhotoTime(Local("2021:10:11 12:00:00"), 1, sessions, p));  // 30 min after
  auto late = CheckPhotoTime(Local("2021:10:11 12:01:00"), 1, sessions, p);
  ASSERT_TRUE(late);
  EXPECT_EQ(late->rule, kRulePhotoTime);
  EXPECT_EQ(late->clause, "三（一）3（1）");
  EXPECT_NE(late->message.find("第 1 次课"), std::string::npos) << late->message;
  EXPECT_TRUE(CheckPhotoTime(Local("2021:10:12 09:00:00"), 1, sessions, p));  // another day
  // The whole class: any offline session will do; an online one does not count.
  EXPECT_FALSE(CheckPhotoTime(Local("2021:10:12 15:00:00"), std::nullopt, sessions, p));
  EXPECT_TRUE(CheckPhotoTime(Local("2021:10:13 09:00:00"), std::nullopt, sessions, p));
  // No EXIF time: nothing to judge.
  EXPECT_FALSE(CheckPhotoTime(std::nullopt, 1, sessions, p));
}

TEST(Evidence, ReuseFindsTheClosestPhotoWithinTheThreshold) {
  const Policy& p = Shipped();
  const uint64_t h = 0x0123456789abcdefULL;
  const std::vector<PhotoElsewhere> others = {
      {7, 70, h ^ 0xfULL, "丙班"},     // 4 bits
      {5, 50, h ^ 0x3ULL, ""},         // 2 bits
      {6, 60, h ^ 0x3000ULL, "乙班"},  // 2 bits, a higher id
      {4, 40, h ^ 0x1fULL, "甲班"},    // 5 bits: too far
  };
  auto hit = FindPhotoReuse(h, others, p);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->item_id, 5);
  EXPECT_FALSE(FindPhotoReuse(h, {others[3]}, p));
  const auto hidden = PhotoReusedProblem(*hit, 2, p);
  EXPECT_EQ(hidden.rule, kRulePhotoReused);
  EXPECT_NE(hidden.message.find("另一培训班"), std::string::npos);
  const auto named = PhotoReusedProblem(others[2], 2, p);
  EXPECT_NE(named.message.find("乙班"), std::string::npos);
  EXPECT_EQ(named.message.find("另一培训班"), std::string::npos);
  // The policy may not ask for more than the bands guarantee.
  EXPECT_LE(p.evidence.photo_max_hamming, kSelfieReuseMaxBits);
}

TEST(Evidence, GroupPhotoFacesAgainstTheHeadCount) {
  EXPECT_FALSE(CheckGroupPhotoFaces(20, 20, Shipped()));
  EXPECT_FALSE(CheckGroupPhotoFaces(21, 20, Shipped()));
  auto few = CheckGroupPhotoFaces(19, 20, Shipped());
  ASSERT_TRUE(few);
  EXPECT_EQ(few->rule, kRuleGroupPhotoFaces);
  EXPECT_NE(few->message.find("19"), std::string::npos);
}

TEST(Evidence, RetainUntilAndDeletion) {
  const Date last = *ParseDate("2021-10-15", "d");
  const int64_t upload = Local("2021:10:12 12:00:00");
  // Through 2024-10-15 (local): not deletable before 2024-10-16 00:00 +08:00.
  EXPECT_EQ(RetainUntil(last, upload, 3, kCst), Local("2024:10:16 00:00:00"));
  // Uploaded after the class: counted from the upload.
  EXPECT_EQ(RetainUntil(last, Local("2022:01:05 09:00:00"), 3, kCst), Local("2025:01:06 00:00:00"));
  EXPECT_EQ(RetainUntil(std::nullopt, upload, 3, kCst), Local("2024:10:13 00:00:00"));
  // 29 February → 28 February.
  EXPECT_EQ(RetainUntil(*ParseDate("2024-02-29", "d"), upload, 3, kCst),
            Local("2027:03:01 00:00:00"));

  EvidenceItem item;
  item.retain_until = Local("2024:10:16 00:00:00");
  auto early = CheckDeletion(item, item.retain_until - 1, kCst);
  ASSERT_TRUE(early);
  EXPECT_EQ(early->reason, "evidence.retained");
  EXPECT_NE(early->message.find("2024-10-15"), std::string::npos) << early->message;
  EXPECT_FALSE(CheckDeletion(item, item.retain_until, kCst));
  item.legal_hold = true;
  item.legal_hold_reason = "立案调查";
  auto held = CheckDeletion(item, item.retain_until + 86400 * 365, kCst);
  ASSERT_TRUE(held);
  EXPECT_EQ(held->reason, "evidence.legal_hold");
}

}  // namespace
}  // namespace anpei::domain
