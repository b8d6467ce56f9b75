#include "support/completion_world.h"

#include <chrono>
#include <cstdio>

#include "support/fixtures.h"

namespace anpei::testing {

namespace json = boost::json;

namespace {

const std::string kPdf =
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    "trailer << /Root 1 0 R >>\n%%EOF\n";
const std::string kMultipartType = "multipart/form-data; boundary=XBOUNDARYX";

std::string SheetUpload() {
  return "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"file\"; "
         "filename=\"sheet.pdf\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
         kPdf + "\r\n--XBOUNDARYX--\r\n";
}

// YYYY-MM-DD plus `days`.
std::string DayAfter(const std::string& first, int days) {
  namespace chrono = std::chrono;
  const chrono::year_month_day from{
      chrono::year{std::stoi(first.substr(0, 4))},
      chrono::month{static_cast<unsigned>(std::stoi(first.substr(5, 2)))},
      chrono::day{static_cast<unsigned>(std::stoi(first.substr(8, 2)))}};
  const chrono::year_month_day to{chrono::sys_days{from} + chrono::days{days}};
  char date[16];
  std::snprintf(date, sizeof date, "%04d-%02u-%02u", static_cast<int>(to.year()),
                static_cast<unsigned>(to.month()), static_cast<unsigned>(to.day()));
  return date;
}

}  // namespace

std::string CompletionWorldTest::ClassPath(int64_t cls, const std::string& tail) {
  return "/classes/" + std::to_string(cls) + tail;
}

std::string CompletionWorldTest::ReviewerOf(const std::string& institution) {
  return institution == "inst_b" ? "reviewer_b" : "reviewer_a";
}

int64_t CompletionWorldTest::InstitutionOf(const std::string& institution) const {
  return institution == "inst_b" ? inst_b_ : inst_a_;
}

int64_t CompletionWorldTest::ClassFrom(const std::string& who, int64_t inst,
                                       const std::string& first, const std::vector<int64_t>& roster,
                                       const std::string& occupation) {
  json::array sessions;
  for (int i = 0; i < 5; ++i) {
    sessions.push_back(json::object{{"date", DayAfter(first, i)},
                                    {"start", "08:30"},
                                    {"end", "11:50"},
                                    {"hours", 4},
                                    {"kind", i >= 3 ? "practical" : "theory"},
                                    {"delivery", "offline"},
                                    {"teacher", "t1"}});
  }
  json::array people;
  for (int64_t p : roster) people.push_back(p);
  json::object body{
      {"institution_id", inst},
      {"occupation", occupation},
      {"title", "结业测试班"},
      {"venue",
       json::object{{"address", "丰泽区东海街道"}, {"lat", kVenueLat}, {"lng", kVenueLng}}},
      {"teachers", json::array{json::object{{"key", "t1"}, {"teacher_id", teachers_[inst]}}}},
      {"sessions", sessions},
      {"roster", people}};
  return Id(Post(who, "/classes", json::serialize(body)));
}

void CompletionWorldTest::Attend(const std::string& who, const std::string& reviewer, int64_t cls,
                                 const std::vector<int64_t>& roster) {
  auto filed = Post(
      who, ClassPath(cls, "/attendance-exceptions"),
      R"({"session_seqs":[1,2,3,4,5],"reason":"培训场地所在山区无移动网络信号，学员手机无法签到"})");
  ASSERT_EQ(filed.status, 201) << filed.body;
  const std::string ex = "/attendance-exceptions/" + std::to_string(Id(filed));
  auto ok = Post(reviewer, ex + "/decision", R"({"decision":"approve","reason":""})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto up =
      server_->Request("POST", "/api/v1" + ex + "/files", SheetUpload(), as_[who], kMultipartType);
  ASSERT_EQ(up.status, 201) << up.body;
  json::array rows;
  for (int64_t p : roster) {
    for (int seq = 1; seq <= 5; ++seq) {
      rows.push_back(json::object{
          {"person_id", p}, {"session_seq", seq}, {"check_in", "08:25"}, {"check_out", "11:55"}});
    }
  }
  auto filled = Post(who, ex + "/backfill", json::serialize(json::object{{"records", rows}}));
  ASSERT_EQ(filled.status, 201) << filled.body.substr(0, 300);
}

HttpResult CompletionWorldTest::Scores(const std::string& who, int64_t cls,
                                       const std::vector<std::pair<int64_t, int>>& scores) {
  json::array a;
  for (auto [p, s] : scores) a.push_back(json::object{{"person_id", p}, {"score", s}});
  return Req(as_.at(who), "PUT", ClassPath(cls, "/assessment-scores"),
             json::serialize(json::object{{"scores", a}}));
}

HttpResult CompletionWorldTest::Submit(const std::string& who, int64_t cls) {
  return Post(who, ClassPath(cls, "/completion"),
              R"({"version":)" + std::to_string(Version(who, cls)) + "}");
}

HttpResult CompletionWorldTest::Decide(const std::string& who, int64_t cls,
                                       const std::string& decision, const std::string& extra) {
  return Post(who, ClassPath(cls, "/completion/decision"),
              R"({"decision":")" + decision + R"(","reason":"材料齐全","version":)" +
                  std::to_string(Version("admin", cls)) + extra + "}");
}

void CompletionWorldTest::CompleteClass(const std::string& who, int64_t cls,
                                        const std::vector<int64_t>& roster, const std::string& at,
                                        const std::vector<int>& scores) {
  const std::string reviewer = ReviewerOf(who);
  clock_->Set(at);
  Attend(who, reviewer, cls, roster);
  if (::testing::Test::HasFatalFailure()) return;
  std::vector<std::pair<int64_t, int>> s;
  for (size_t i = 0; i < roster.size(); ++i) {
    s.emplace_back(roster[i], i < scores.size() ? scores[i] : 80);
  }
  auto scored = Scores(who, cls, s);
  ASSERT_EQ(scored.status, 200) << scored.body;
  auto sub = Submit(who, cls);
  ASSERT_EQ(sub.status, 200) << sub.body;
  auto ok = Decide(reviewer, cls, "approve");
  ASSERT_EQ(ok.status, 200) << ok.body;
  ASSERT_EQ(J(ok).at("counts").at("approved").as_int64(), static_cast<int64_t>(roster.size()))
      << ok.body;
}

CertifiedClassIds CompletionWorldTest::CompletionApprovedClass(const std::string& who, int trainees,
                                                               const std::string& first) {
  static const char* const kNames[] = {"张三", "李四", "王五", "赵六",
                                       "孙七", "周八", "吴九", "郑十"};
  CertifiedClassIds out;
  for (int i = 0; i < trainees; ++i) {
    const std::string name = kNames[i % 8];
    out.person_ids.push_back(Id(Post(who, "/trainees", Person(name, ValidId(next_person_++)))));
  }
  const int64_t inst = InstitutionOf(who);
  out.class_id = ClassFrom(who, inst, first, out.person_ids);
  Declare(who, out.class_id);
  Approve(ReviewerOf(who), out.class_id);
  if (::testing::Test::HasFatalFailure()) return out;
  CompleteClass(who, out.class_id, out.person_ids, DayAfter(first, 5) + "T09:00:00+08:00");
  return out;
}

CertifiedClassIds CompletionWorldTest::CertifiedClass(const std::string& who, int trainees,
                                                      const std::string& first) {
  CertifiedClassIds out = CompletionApprovedClass(who, trainees, first);
  if (::testing::Test::HasFatalFailure()) return out;
  auto issued = Post(ReviewerOf(who), ClassPath(out.class_id, "/certificates"), "");
  EXPECT_EQ(issued.status, 201) << issued.body;
  return out;
}

CertifiedClassIds CompletionWorldTest::PublicityClosedClass(const std::string& who, int trainees,
                                                            const std::string& first) {
  CertifiedClassIds out = CertifiedClass(who, trainees, first);
  if (::testing::Test::HasFatalFailure()) return out;
  clock_->Set(DayAfter(first, 7) + "T09:00:00+08:00");
  auto opened = Post(ReviewerOf(who), "/publicity-batches",
                     json::serialize(json::object{{"class_ids", json::array{out.class_id}}}));
  EXPECT_EQ(opened.status, 201) << opened.body;
  if (opened.status != 201) return out;
  const std::string batch = "/publicity-batches/" + std::to_string(J(opened).at("id").as_int64());
  clock_->Set(DayAfter(first, 15) + "T09:00:00+08:00");
  const json::value current = J(Get(ReviewerOf(who), batch));
  auto closed = Post(ReviewerOf(who), batch + "/close",
                     json::serialize(json::object{{"version", current.at("version")}}));
  EXPECT_EQ(closed.status, 200) << closed.body;
  return out;
}

}  // namespace anpei::testing
