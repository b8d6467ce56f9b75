// Selfie rules (domain/selfie.h): which selfie a check-in may use, the perceptual-hash reuse rule
// and its band index, the face verdict.
#include "domain/selfie.h"

#include <bit>

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

TEST(Selfie, HammingDistanceCountsDifferingBits) {
  EXPECT_EQ(HammingDistance(0, 0), 0);
  EXPECT_EQ(HammingDistance(0, ~uint64_t{0}), 64);
  EXPECT_EQ(HammingDistance(0b1011, 0b0001), 2);
}

TEST(Selfie, PhashHexRoundTrips) {
  EXPECT_EQ(PhashHex(0), "0000000000000000");
  EXPECT_EQ(PhashHex(0xfedcba9876543210ULL), "fedcba9876543210");
  EXPECT_EQ(ParsePhashHex("fedcba9876543210"), 0xfedcba9876543210ULL);
  EXPECT_FALSE(ParsePhashHex("FEDCBA9876543210").has_value());
  EXPECT_FALSE(ParsePhashHex("123").has_value());
  EXPECT_FALSE(ParsePhashHex("zzzzzzzzzzzzzzzz").has_value());
}

TEST(Selfie, BandsCoverAllBitsAndCatchEveryNearHash) {
  const uint64_t h = 0x9e3779b97f4a7c15ULL;
  const auto bands = SelfieHashBands(h);
  // Reassemble: the bands are the 64 bits, low bits first, 13+13+13+13+12.
  uint64_t back = 0;
  int shift = 0;
  for (int i = 0; i < kSelfieHashBands; ++i) {
    back |= static_cast<uint64_t>(bands[static_cast<size_t>(i)]) << shift;
    shift += i < 4 ? 13 : 12;
  }
  EXPECT_EQ(back, h);
  // Any hash within kSelfieReuseMaxBits bits shares at least one band (pigeonhole), whichever
  // bits flip: try flips spread over the word.
  for (int a = 0; a < 64; a += 3) {
    for (int b = a + 1; b < 64; b += 7) {
      const uint64_t near = h ^ (uint64_t{1} << a) ^ (uint64_t{1} << b) ^
                            (uint64_t{1} << ((a + 29) % 64)) ^ (uint64_t{1} << ((b + 41) % 64));
      ASSERT_LE(HammingDistance(h, near), kSelfieReuseMaxBits);
      const auto nb = SelfieHashBands(near);
      bool shared = false;
      for (size_t i = 0; i < nb.size(); ++i) shared = shared || nb[i] == bands[i];
      EXPECT_TRUE(shared) << a << "," << b;
    }
  }
}

Selfie Fresh(int64_t person, int64_t uploaded_at) {
  Selfie s;
  s.id = 7;
  s.person_id = person;
  s.uploaded_at = uploaded_at;
  s.faces = 1;
  return s;
}

TEST(Selfie, CheckInNeedsOwnFreshUnusedSelfie) {
  const int64_t now = 1'700'000'000;
  EXPECT_EQ(CheckSelfieForCheckIn(Fresh(1, now - 60), 1, now), std::nullopt);
  EXPECT_EQ(CheckSelfieForCheckIn(Fresh(1, now - kSelfieMaxAgeSeconds), 1, now), std::nullopt);
  EXPECT_EQ(CheckSelfieForCheckIn(Fresh(1, now - kSelfieMaxAgeSeconds - 1), 1, now),
            SelfieRefusal::kInvalid);
  EXPECT_EQ(CheckSelfieForCheckIn(Fresh(1, now + 5), 1, now), SelfieRefusal::kInvalid);
  EXPECT_EQ(CheckSelfieForCheckIn(Fresh(2, now), 1, now), SelfieRefusal::kInvalid);
  EXPECT_EQ(CheckSelfieForCheckIn(std::nullopt, 1, now), SelfieRefusal::kInvalid);
  auto used = Fresh(1, now);
  used.used_by_record = 99;
  EXPECT_EQ(CheckSelfieForCheckIn(used, 1, now), SelfieRefusal::kInvalid);
  EXPECT_EQ(SelfieRefusalCode(SelfieRefusal::kMissing), "attendance.selfie_missing");
  EXPECT_EQ(SelfieRefusalCode(SelfieRefusal::kInvalid), "attendance.selfie_invalid");
  EXPECT_FALSE(SelfieRefusalMessage(SelfieRefusal::kMissing).empty());
}

TEST(Selfie, ReuseByAnotherPersonOrInAnotherSession) {
  const uint64_t h = 0x0123456789abcdefULL;
  const uint64_t near = h ^ 0b1011;  // 3 bits
  const uint64_t far = h ^ 0b11111;  // 5 bits
  // person 1 used it in class 10 session 2
  const std::vector<UsedSelfie> used = {{100, 1, 10, 2, h}};
  // The same person, same session (check-in, then check-out): not reuse.
  EXPECT_FALSE(FindReuse(near, 1, 10, 2, used).has_value());
  // The same person, another session or another class: reuse.
  EXPECT_EQ(FindReuse(near, 1, 10, 3, used)->selfie_id, 100);
  EXPECT_EQ(FindReuse(near, 1, 11, 2, used)->selfie_id, 100);
  // Another person, same session: reuse.
  EXPECT_EQ(FindReuse(h, 2, 10, 2, used)->selfie_id, 100);
  // Past the threshold: a different picture.
  EXPECT_FALSE(FindReuse(far, 2, 10, 2, used).has_value());
  // The closest wins, then the earliest.
  const std::vector<UsedSelfie> several = {
      {300, 3, 10, 2, near}, {200, 4, 10, 2, h ^ 1}, {150, 5, 10, 2, h ^ 2}};
  EXPECT_EQ(FindReuse(h, 2, 10, 2, several)->selfie_id, 150);
}

TEST(Selfie, ExactlyOneFace) {
  EXPECT_EQ(JudgeFaces(1), FaceVerdict::kOne);
  EXPECT_EQ(JudgeFaces(0), FaceVerdict::kNone);
  EXPECT_EQ(JudgeFaces(3), FaceVerdict::kMany);
  EXPECT_EQ(FaceVerdictCode(FaceVerdict::kNone), "attendance.selfie_no_face");
  EXPECT_EQ(FaceVerdictCode(FaceVerdict::kMany), "attendance.selfie_many_faces");
  EXPECT_FALSE(FaceVerdictMessage(FaceVerdict::kMany).empty());
}

}  // namespace
}  // namespace anpei::domain
