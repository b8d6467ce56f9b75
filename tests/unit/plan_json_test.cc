#include "codec/plan_json.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace anpei::codec {
namespace {

TEST(PlanJson, SyntaxErrorNamesLineAndColumn) {
  auto r =
      ParsePlanCheckRequest("{\n  \"occupation\": \"security_guard\",\n  \"sessions\": [,]\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find("第 3 行第 16 列"), std::string::npos)
      << r.status().message();
}

TEST(PlanJson, ColumnsCountCharactersNotBytes) {
  auto r = ParsePlanCheckRequest("{\"陈老师\": x}");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("第 1 行第 9 列"), std::string::npos) << r.status().message();
}

TEST(PlanJson, RejectsTrailingDataAndDeepNesting) {
  EXPECT_FALSE(ParsePlanCheckRequest("{} {}").ok());
  EXPECT_FALSE(ParsePlanCheckRequest(std::string(10000, '[')).ok());
  EXPECT_FALSE(ParsePlanCheckRequest("\"\xff\"").ok()) << "invalid UTF-8";
  EXPECT_FALSE(ParsePlanCheckRequest(std::string(kMaxPlanJsonBytes + 1, ' ')).ok());
}

TEST(PlanJson, TypeErrorsNameThePath) {
  auto r = ParsePlanCheckRequest(R"({"occupation":"security_guard","sessions":[
    {"date":"2021-10-11","start":"08:30","end":"11:50","hours":4,"kind":"theory","delivery":"offline"},
    {"date":"2021-10-12","start":"08:30","end":"11:50","hours":[4],"kind":"theory","delivery":"offline"}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "sessions[1].hours");
  EXPECT_NE(r.status().message().find("数组"), std::string::npos);
}

TEST(PlanJson, ParsesThePlan) {
  auto r = ParsePlanCheckRequest(R"({"policy":"quanzhou-2021-177","occupation":"security_manager",
    "declared_at":"2021-09-28T10:00:00+08:00","teachers":[{"id":"t1","name":"陈老师"}],
    "sessions":[{"date":"2021-09-30","start":"08:30","end":"10:00","hours":2.0,
                 "kind":"practical","delivery":"online","extra":"ignored"}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->policy_id, "quanzhou-2021-177");
  EXPECT_EQ(r->plan.occupation, "security_manager");
  ASSERT_TRUE(r->plan.declared_at.has_value());
  EXPECT_EQ(r->plan.declared_at->unix_seconds, 1632794400);
  ASSERT_EQ(r->plan.sessions.size(), 1u);
  const domain::PlanSession& s = r->plan.sessions[0];
  EXPECT_EQ(s.start_minute, 510);
  EXPECT_EQ(s.end_minute, 600);
  EXPECT_EQ(s.hours, 2);
  EXPECT_EQ(s.kind, domain::SessionKind::kPractical);
  EXPECT_EQ(s.delivery, domain::Delivery::kOnline);
  EXPECT_FALSE(s.teacher.has_value());
}

TEST(PlanJson, ResultAndErrorShapes) {
  domain::PlanVerdict v;
  v.policy_id = "quanzhou-2021-177";
  v.summary.total_hours = 2;
  v.summary.start_date = domain::Date{2021, 9, 30};
  v.violations.push_back({"PLAN_TOTAL_HOURS_MIN", "二（二）", "少于 20 课时", ""});
  const auto j = boost::json::parse(PlanVerdictToJson(v)).as_object();
  EXPECT_FALSE(j.at("ok").as_bool());
  EXPECT_EQ(j.at("policy").as_string(), "quanzhou-2021-177");
  EXPECT_EQ(j.at("summary").at("start_date").as_string(), "2021-09-30");
  EXPECT_TRUE(j.at("summary").at("declare_deadline").is_null());
  EXPECT_EQ(j.at("violations").at(0).at("clause").as_string(), "二（二）");
  EXPECT_FALSE(j.at("violations").at(0).as_object().contains("field"));

  const auto e = boost::json::parse(ErrorToJson(Status::Invalid("occupation", "未知工种")));
  EXPECT_EQ(e.at("error").at("code").as_string(), "invalid_argument");
  EXPECT_EQ(e.at("error").at("field").as_string(), "occupation");
  EXPECT_EQ(e.at("error").at("message").as_string(), "未知工种");
}

}  // namespace
}  // namespace anpei::codec
