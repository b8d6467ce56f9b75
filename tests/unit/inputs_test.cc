// The inputs offices really produce (tests/cases/inputs, copied from the issue "Real inputs"),
// through the command line as a user runs it. The roster files go through the API in
// tests/api/roster_test.cc.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/subprocess.h"

namespace {
using anpei::testing::RunProcess;

std::string Input(const std::string& name) {
  return std::string(ANPEI_SOURCE_DIR) + "/tests/cases/inputs/" + name;
}

anpei::testing::ProcessResult Anpei(const std::vector<std::string>& args,
                                    const std::string& input = {}) {
  return RunProcess(ANPEI_BINARY, args, input);
}

TEST(Inputs, YearEndPlanDeclaredOnTheFirstWorkingDayIsInTime) {
  auto r = Anpei({"plan", "check", Input("plan-year-end-declared-in-time.json"), "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\"declare_deadline\":null"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2027"), std::string::npos) << "the reason names the unknown year";
}

TEST(Inputs, SessionUntilMidnightIsValid) {
  auto r = Anpei({"plan", "check", Input("plan-session-until-midnight.json"), "--json"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\"total_hours\":20"), std::string::npos) << r.out;
  // 00:00 as an end is not the end of the day: the end must be after the start.
  std::ifstream in(Input("plan-session-until-midnight.json"));
  std::stringstream s;
  s << in.rdbuf();
  std::string plan = s.str();
  plan.replace(plan.find("\"24:00\""), 7, "\"00:00\"");
  r = Anpei({"plan", "check", "-", "--json"}, plan);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("sessions[4].end"), std::string::npos) << r.out;
  // 24:00 as a start is refused.
  plan.replace(plan.find("\"21:00\""), 7, "\"24:00\"");
  EXPECT_EQ(Anpei({"plan", "check", "-", "--json"}, plan).exit_code, 2);
}

TEST(Inputs, PlanSavedByNotepadWithAByteOrderMark) {
  std::ifstream in(Input("plan-session-until-midnight.json"));
  std::stringstream s;
  s << in.rdbuf();
  auto r = Anpei({"plan", "check", "-", "--json"}, "\xEF\xBB\xBF" + s.str());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(Inputs, IdTypedInFullWidthOrWithInvisibleCharactersIsValidOnTheCli) {
  for (const char* typed : {"３５０５０３１９９００１１２２０１６", "\u200B350503199001122024",
                            " 35050319900112 2024\u3000"}) {
    auto r = Anpei({"id", "check", typed, "--today", "2026-11-28"});
    EXPECT_EQ(r.exit_code, 0) << typed << " " << r.out;
  }
  auto r = Anpei({"id", "check", "３５０５０３１９９００１１２２０１", "--today", "2026-11-28"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("17 个字符"), std::string::npos) << r.out;
}

TEST(Inputs, CreditCodeInLowerCaseMeansTheSameOnTheCliAsOnTheApi) {
  const std::string code = "91350100M000100Y43";
  auto upper = Anpei({"id", "check", code, "--kind", "uscc"});
  std::string lower = code;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto low = Anpei({"id", "check", lower, "--kind", "uscc"});
  EXPECT_EQ(upper.exit_code, low.exit_code) << upper.out << low.out;
  EXPECT_EQ(upper.out, low.out);
}

}  // namespace
