// The spot-check draw (domain/spot_check.h): reproducible from the seed and the candidates,
// different for another seed, all candidates when too few, and recomputable by anyone with a
// SHA-256 tool (the expected order below was computed with `sha256sum`, not with this code).
#include "domain/spot_check.h"

#include <sodium.h>

#include <algorithm>
#include <set>

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

std::string Sha256Hex(std::string_view text) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}

std::vector<int64_t> Range(int64_t n) {
  std::vector<int64_t> out;
  for (int64_t i = 1; i <= n; ++i) out.push_back(i * 7);
  return out;
}

TEST(SpotCheckDraw, SameSeedSameCandidatesSameIds) {
  const auto a = DrawClasses(Range(50), 5, "seed-1", Sha256Hex);
  const auto b = DrawClasses(Range(50), 5, "seed-1", Sha256Hex);
  EXPECT_EQ(a, b);
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(std::set<int64_t>(a.begin(), a.end()).size(), 5u);  // no repeats
}

TEST(SpotCheckDraw, CandidateOrderAndRepeatsDoNotMatter) {
  auto shuffled = Range(50);
  std::reverse(shuffled.begin(), shuffled.end());
  shuffled.push_back(7);  // a repeat
  EXPECT_EQ(DrawClasses(shuffled, 5, "seed-1", Sha256Hex),
            DrawClasses(Range(50), 5, "seed-1", Sha256Hex));
}

TEST(SpotCheckDraw, AnotherSeedDrawsOtherwise) {
  const auto a = DrawClasses(Range(50), 5, "seed-1", Sha256Hex);
  const auto b = DrawClasses(Range(50), 5, "seed-2", Sha256Hex);
  EXPECT_NE(a, b);
  // And over many seeds every candidate comes up (the order is not fixed by the ids).
  std::set<int64_t> seen;
  for (int i = 0; i < 200; ++i) {
    for (int64_t id : DrawClasses(Range(20), 2, "s" + std::to_string(i), Sha256Hex)) {
      seen.insert(id);
    }
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(SpotCheckDraw, CountOverCandidatesTakesAll) {
  const auto all = DrawClasses({5, 3, 8}, 10, "x", Sha256Hex);
  EXPECT_EQ(std::set<int64_t>(all.begin(), all.end()), (std::set<int64_t>{3, 5, 8}));
  EXPECT_TRUE(DrawClasses({}, 3, "x", Sha256Hex).empty());
}

// for id in 3 5 8 13 21 34 55; do printf 'anpei-2021-10-12:%s' $id | sha256sum; done, sorted:
// 168d… 55, 1cdc… 8, 3689… 13, 600a… 5, 7f98… 21, 9b87… 34, b7a2… 3
TEST(SpotCheckDraw, RecomputableWithSha256sum) {
  EXPECT_EQ(DrawKeyText("anpei-2021-10-12", 55), "anpei-2021-10-12:55");
  EXPECT_EQ(Sha256Hex("anpei-2021-10-12:55"),
            "168d275274c65a82ae1e711e3ae94761b31922648260a14ef2591b1d83ab13a1");
  EXPECT_EQ(DrawClasses({3, 5, 8, 13, 21, 34, 55}, 3, "anpei-2021-10-12", Sha256Hex),
            (std::vector<int64_t>{55, 8, 13}));
}

TEST(SpotCheckDraw, InTrainingIsApprovedBetweenFirstAndLastSession) {
  const Date first{2021, 10, 11};
  const Date last{2021, 10, 15};
  EXPECT_TRUE(IsInTraining(ClassState::kApproved, first, last, first));
  EXPECT_TRUE(IsInTraining(ClassState::kApproved, first, last, last));
  EXPECT_FALSE(IsInTraining(ClassState::kApproved, first, last, Date{2021, 10, 10}));
  EXPECT_FALSE(IsInTraining(ClassState::kApproved, first, last, Date{2021, 10, 16}));
  EXPECT_FALSE(IsInTraining(ClassState::kDeclared, first, last, Date{2021, 10, 12}));
  EXPECT_FALSE(IsInTraining(ClassState::kApproved, std::nullopt, std::nullopt, first));
}

TEST(SpotCheckDraw, BoundsNameTheirField) {
  EXPECT_EQ(CheckDrawCount(0).field(), "count");
  EXPECT_EQ(CheckDrawCount(kMaxDrawCount + 1).field(), "count");
  EXPECT_TRUE(CheckDrawCount(3).ok());
  EXPECT_EQ(CheckSeed("").field(), "seed");
  EXPECT_EQ(CheckSeed(" padded").field(), "seed");
  EXPECT_EQ(CheckSeed("中文").field(), "seed");
  EXPECT_EQ(CheckSeed(std::string(kMaxSeedLength + 1, 'a')).field(), "seed");
  EXPECT_TRUE(CheckSeed("上证指数").field() == "seed");
  EXPECT_TRUE(CheckSeed("SSE-2021-10-11-close:3568.14").ok());
}

TEST(SpotCheckDraw, VisitChecksAndCaseSummary) {
  SpotCheckVisit v;
  v.inspectors = {"王警官"};
  v.present = 18;
  v.expected = 20;
  EXPECT_TRUE(CheckVisit(v, false).ok());
  EXPECT_EQ(CheckVisit(v, true).field(), "findings");  // a case needs findings
  v.inspectors.clear();
  EXPECT_EQ(CheckVisit(v, false).field(), "inspectors");
  v.inspectors = {"王警官"};
  v.present = -1;
  EXPECT_EQ(CheckVisit(v, false).field(), "present");
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "缺";
  EXPECT_EQ(CaseSummary(long_text).size(), 200u * 3);  // 200 characters, whole
  EXPECT_EQ(CaseSummary("短"), "短");
}

}  // namespace
}  // namespace anpei::domain
