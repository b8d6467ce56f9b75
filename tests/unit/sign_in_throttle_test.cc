// The pure rules of issue 9: the sign-in throttle's backoff and decay, and the password policy.
#include <gtest/gtest.h>

#include "domain/password_policy.h"
#include "domain/sign_in_throttle.h"

namespace anpei::domain {
namespace {

constexpr ThrottleRule kRule{5, 900, 300, 3600, 3600};

TEST(SignInThrottle, InFlightAttemptsCountAgainstTheLimit) {
  ThrottleState s{"k"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(ThrottleBlockedUntil(s, kRule, 1000), 0);
    ReserveAttempt(s, 1000);
  }
  EXPECT_NE(ThrottleBlockedUntil(s, kRule, 1000), 0);  // the sixth waits, though none failed yet
}

TEST(SignInThrottle, LocksBackOffAndDecay) {
  ThrottleState s{"k"};
  auto fail_five = [&](int64_t now) {
    for (int i = 0; i < 5; ++i) {
      DecayThrottle(s, kRule, now);
      ReserveAttempt(s, now);
      RecordFailure(s, kRule, now);
    }
  };
  fail_five(1000);
  EXPECT_EQ(ThrottleBlockedUntil(s, kRule, 1000), 1300);
  DecayThrottle(s, kRule, 1300);
  EXPECT_EQ(ThrottleBlockedUntil(s, kRule, 1300), 0);  // opens on its own
  fail_five(1300);
  EXPECT_EQ(ThrottleBlockedUntil(s, kRule, 1300), 1900);  // twice as long
  fail_five(1900);
  fail_five(3100);
  fail_five(5500);
  EXPECT_EQ(ThrottleBlockedUntil(s, kRule, 5500), 5500 + 3600);  // capped
  DecayThrottle(s, kRule, 5500 + 3600 + 1);
  EXPECT_EQ(s.strikes, 0);  // quiet for an hour: forgotten
}

TEST(SignInThrottle, ASuccessGivesBackItsReservation) {
  ThrottleState s{"k"};
  ReserveAttempt(s, 1000);
  ReleaseAttempt(s);
  EXPECT_EQ(s.attempts, 0);
}

TEST(PasswordPolicy, RulesInOrder) {
  const CommonPasswords common = {"p@ssw0rd123"};
  EXPECT_TRUE(CheckPasswordPolicy("Qz7-lantern-river", "zhang", common).ok());
  EXPECT_EQ(CheckPasswordPolicy("Ab1-", "zhang", common).reason(), "password.too_short");
  EXPECT_EQ(CheckPasswordPolicy("aaaaaaaaaa", "zhang", common).reason(),
            "password.too_few_classes");
  EXPECT_EQ(CheckPasswordPolicy("          ", "zhang", common).reason(),
            "password.too_few_classes");
  EXPECT_EQ(CheckPasswordPolicy("Zhang-2026!x", "zhang-2026!X", common).reason(),
            "password.is_username");
  EXPECT_EQ(CheckPasswordPolicy("X!6202-gnahZ", "zhang-2026!x", common).reason(),
            "password.is_username");
  EXPECT_EQ(CheckPasswordPolicy("P@SSW0RD123", "zhang", common).reason(), "password.common");
  // Chinese characters count as characters (not bytes) and as a class of their own.
  EXPECT_EQ(CheckPasswordPolicy("密码Ab1", "zhang", common).reason(), "password.too_short");
  EXPECT_TRUE(CheckPasswordPolicy("安培平台的密码ab12", "zhang", common).ok());
}

}  // namespace
}  // namespace anpei::domain
