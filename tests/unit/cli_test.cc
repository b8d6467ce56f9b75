// The contract's commands, run as a user runs them: the real binary, real data files.
#include <gtest/gtest.h>

#include "support/subprocess.h"

namespace {
using anpei::testing::RunProcess;

anpei::testing::ProcessResult Anpei(const std::vector<std::string>& args,
                                    const std::string& input = {}) {
  return RunProcess(ANPEI_BINARY, args, input);
}

TEST(CalendarCli, WorkdayPrintsYesOrNo) {
  auto r = Anpei({"calendar", "workday", "2021-10-09"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "yes\n");
  r = Anpei({"calendar", "workday", "2021-10-08"});
  EXPECT_EQ(r.out, "yes\n");
  r = Anpei({"calendar", "workday", "2021-10-01"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "no\n");
  EXPECT_EQ(Anpei({"calendar", "workday", "2021-10-16"}).out, "no\n");
}

TEST(CalendarCli, AddCountsWorkingDays) {
  auto r = Anpei({"calendar", "add", "2021-09-30", "5"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "2021-10-13\n");
  EXPECT_EQ(Anpei({"calendar", "add", "2024-02-09", "1"}).out, "2024-02-18\n");
}

TEST(CalendarCli, BadDatesExitTwoWithAMessage) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"calendar", "workday", "2021-02-30"},
        {"calendar", "workday", "2021-2-3"},
        {"calendar", "workday", "2019-06-03"},
        {"calendar", "add", "2021-09-30", "five"},
        {"calendar", "add", "2021-09-30", "-1"},
        {"calendar", "add", "2026-12-30", "5"},
        {"calendar", "add", "2021-13-01", "1"},
        {"calendar", "workday"}}) {
    auto r = Anpei(args);
    EXPECT_EQ(r.exit_code, 2) << args.back();
    EXPECT_TRUE(r.out.empty()) << args.back();
    EXPECT_FALSE(r.err.empty()) << args.back();
  }
}

TEST(IdCli, ValidPrintsTheBirthDate) {
  auto r = Anpei({"id", "check", "11010519491231002X"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "valid 1949-12-31\n");
  EXPECT_EQ(Anpei({"id", "check", "11010519491231002x"}).exit_code, 0);
}

TEST(IdCli, InvalidPrintsTheReason) {
  const std::pair<const char*, const char*> cases[] = {{"1101051949123100", "length"},
                                                       {"1101051949123100AX", "characters"},
                                                       {"990105194912310020", "region"},
                                                       {"110105194902300020", "birth_date"},
                                                       {"110105194912310021", "check_digit"}};
  for (const auto& [number, reason] : cases) {
    auto r = Anpei({"id", "check", number});
    EXPECT_EQ(r.exit_code, 1) << number;
    EXPECT_NE(r.out.find(reason), std::string::npos) << number << ": " << r.out;
  }
}

TEST(IdCli, PermitsAndCreditCodes) {
  auto r = Anpei({"id", "check", "810000199001011230"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out, "valid 1990-01-01 permit_hk\n");
  EXPECT_EQ(Anpei({"id", "check", "--kind", "uscc", "91350100M000100Y43"}).exit_code, 0);
  EXPECT_EQ(Anpei({"id", "check", "--kind", "uscc", "91350100M000100Y44"}).exit_code, 1);
  EXPECT_EQ(Anpei({"id", "check", "--kind", "passport", "X"}).exit_code, 2);
}

constexpr const char* kContractPlan = R"({
  "policy": "quanzhou-2021-177",
  "occupation": "security_guard",
  "declared_at": "2021-09-28T10:00:00+08:00",
  "teachers": [{"id": "t1", "name": "陈老师"}],
  "sessions": [
    {"date": "2021-09-30", "start": "08:30", "end": "10:00", "hours": 2,
     "kind": "theory", "delivery": "offline", "teacher": "t1"}
  ]
})";

TEST(PlanCli, HumanOutputListsViolationsWithClauses) {
  auto r = Anpei({"plan", "check", "-"}, kContractPlan);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("[PLAN_TOTAL_HOURS_MIN] 二（二）"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("申报截止 2021-10-13"), std::string::npos) << r.out;
}

TEST(PlanCli, ReadsAFileAndHonoursPolicyFlag) {
  const std::string path = ::testing::TempDir() + "/plan.json";
  FILE* f = fopen(path.c_str(), "w");
  fputs(kContractPlan, f);
  fclose(f);
  EXPECT_EQ(Anpei({"plan", "check", path, "--json"}).exit_code, 1);
  auto r = Anpei({"plan", "check", path, "--json", "--policy", "nowhere-2030"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("\"field\":\"--policy\""), std::string::npos) << r.out;
  r = Anpei({"plan", "check", ::testing::TempDir() + "/missing.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos);
}

TEST(PlanCli, UsageErrorsExitTwo) {
  EXPECT_EQ(Anpei({"plan"}).exit_code, 2);
  EXPECT_EQ(Anpei({"plan", "check"}).exit_code, 2);
  EXPECT_EQ(Anpei({"plan", "check", "-", "--bogus"}).exit_code, 2);
  EXPECT_EQ(Anpei({"frobnicate"}).exit_code, 2);
}

// A bad --image-threads (or $ANPEI_IMAGE_THREADS) stops `serve` before it opens anything.
TEST(ServeCli, ImageThreadsMustBeACountUpTo64) {
  for (const char* bad : {"-1", "65", "two", ""}) {
    auto r = Anpei({"serve", "--listen", "127.0.0.1:0", "--image-threads", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--image-threads"), std::string::npos) << r.err;
  }
  auto r = RunProcess(ANPEI_BINARY, {"serve", "--listen", "127.0.0.1:0"}, {},
                      std::chrono::seconds(10), {"ANPEI_IMAGE_THREADS=many"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ANPEI_IMAGE_THREADS"), std::string::npos) << r.err;
}

TEST(PlanCli, MissingDataDirectoryIsAConfigurationError) {
  auto r = RunProcess(ANPEI_BINARY, {"calendar", "workday", "2021-10-09"}, {},
                      std::chrono::seconds(10), {"ANPEI_DATA_DIR=/nonexistent"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("ANPEI_DATA_DIR"), std::string::npos) << r.err;
}

}  // namespace
