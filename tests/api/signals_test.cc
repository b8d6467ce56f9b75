// Random roll calls and attendance flags (issue 13, Deliver 4 and "What a user gets"), on SQLite
// and on PostgreSQL, with the server's clock moved by the test (--clock-file): who may draw, among
// whom (checked in, not out), the trainee's pending roll call and answer (bound phone, on site,
// before the deadline), a missed roll call flagged; and the flags of a class — one phone for two
// trainees after a rebinding, a check-in accepted only thanks to its accuracy, a trainee checked
// in at two classes at once, a teacher teaching two classes at once — with another class named
// only to a caller who may see it.
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include <boost/json.hpp>

#include "support/accounts.h"
#include "support/api_world.h"
#include "support/fixtures.h"
#include "support/server_process.h"
#include "support/test_clock.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::Headers;
using testing::HttpResult;
using testing::J;
using testing::Reason;
using testing::ServerProcess;
using testing::Str;
using testing::TestClock;
using testing::TestDatabase;
using testing::ValidId;

// The venue: 丰泽区东海街道 (WGS-84).
constexpr double kLat = testing::kVenueLat, kLng = testing::kVenueLng;

class Signals : public testing::ApiWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    p1_ = Id(Post("inst_a", "/trainees", Person("张三", ValidId(11))));
    p2_ = Id(Post("inst_a", "/trainees", Person("李四", ValidId(12))));
    cls_ = Class("inst_a", inst_a_, "保安员初级班（甲）", {p1_, p2_}, "08:30", "11:50");
    Declare("inst_a", cls_);
    Approve("reviewer_a", cls_);
  }

  // A check-in as the phone makes it: a fresh selfie first (the policy requires one; the sample
  // photo with one face from opencv-doc), then the check-in naming it.
  HttpResult Check(const Headers& h, const std::string& token, const std::string& key,
                   const std::string& device, double lat = kLat, double accuracy = 20) {
    json::object body{{"token", token},     {"direction", "in"}, {"idempotency_key", key},
                      {"lat", lat},         {"lng", kLng},       {"accuracy_m", accuracy},
                      {"device_id", device}};
    static const std::string kSelfie = [] {
      std::ifstream in("/usr/share/doc/opencv-doc/examples/data/messi5.jpg", std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    auto up = server_->Request(
        "POST", "/api/v1/selfies",
        "--SELFIEB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.jpg\"\r\n\r\n" +
            kSelfie + "\r\n--SELFIEB--\r\n",
        h, "multipart/form-data; boundary=SELFIEB");
    EXPECT_EQ(up.status, 201) << up.body;
    if (up.status == 201) body["selfie_id"] = J(up).at("selfie_id");
    return Req(h, "POST", "/check-ins", json::serialize(body));
  }
  HttpResult Draw(const std::string& who, int64_t cls, int seq, int64_t count) {
    return Post(
        who, "/classes/" + std::to_string(cls) + "/sessions/" + std::to_string(seq) + "/roll-calls",
        R"({"count":)" + std::to_string(count) + "}");
  }
  HttpResult Answer(const Headers& h, int64_t id, const std::string& device, double lat = kLat) {
    return Req(h, "POST", "/roll-calls/" + std::to_string(id) + "/answers",
               json::serialize(json::object{
                   {"device_id", device}, {"lat", lat}, {"lng", kLng}, {"accuracy_m", 15}}));
  }
  json::array Flags(const std::string& who, int64_t cls) {
    auto r = Get(who, "/classes/" + std::to_string(cls) + "/attendance-flags");
    EXPECT_EQ(r.status, 200) << r.body;
    json::value v = J(r);
    return v.is_array() ? v.as_array() : json::array{};
  }
  static std::vector<json::object> OfKind(const json::array& flags, const std::string& kind) {
    std::vector<json::object> out;
    for (const auto& f : flags) {
      if (f.at("kind") == kind.c_str()) out.push_back(f.as_object());
    }
    return out;
  }

  int64_t p1_ = 0, p2_ = 0, cls_ = 0;
};

TEST_P(Signals, RollCallDrawsAmongThePresentAndAMissedOneIsFlagged) {
  clock_->Set("2021-10-11T08:05:00+08:00");
  const std::string d1 = "phone-roll-0001", d2 = "phone-roll-0002";
  Headers p1 = Phone(Qr("inst_a", cls_), "张三", ValidId(11), d1);
  Headers p2 = Phone(Qr("inst_a", cls_), "李四", ValidId(12), d2);
  ASSERT_FALSE(p1.empty());
  ASSERT_FALSE(p2.empty());
  // Nobody checked in yet.
  auto nobody = Draw("inst_a", cls_, 1, 3);
  EXPECT_EQ(nobody.status, 409) << nobody.body;
  EXPECT_EQ(Reason(nobody), "attendance.roll_call_nobody");
  ASSERT_EQ(Check(p1, Qr("inst_a", cls_), "key-roll-in-1", d1).status, 201);
  ASSERT_EQ(Check(p2, Qr("inst_a", cls_), "key-roll-in-2", d2).status, 201);

  clock_->Set("2021-10-11T09:30:00+08:00");
  // Who may draw, for which session, how many.
  EXPECT_EQ(Draw("inst_b", cls_, 1, 2).status, 404);
  EXPECT_EQ(Draw("reviewer_a", cls_, 1, 2).status, 403);
  EXPECT_EQ(Draw("hrss", cls_, 1, 2).status, 403);
  EXPECT_EQ(Draw("inst_a", cls_, 9, 2).status, 404);
  auto zero = Draw("inst_a", cls_, 1, 0);
  EXPECT_EQ(zero.status, 400);
  EXPECT_NE(zero.body.find("\"count\""), std::string::npos) << zero.body;
  EXPECT_EQ(Draw("inst_a", cls_, 1, 21).status, 400);
  auto tomorrow = Draw("inst_a", cls_, 2, 2);  // Tuesday's session is not on now
  EXPECT_EQ(tomorrow.status, 409) << tomorrow.body;
  EXPECT_EQ(Reason(tomorrow), "attendance.roll_call_not_in_session");
  EXPECT_EQ(Req(p1, "POST", "/classes/" + std::to_string(cls_) + "/sessions/1/roll-calls",
                R"({"count":1})")
                .status,
            403);  // a trainee's cookie draws nothing

  // More asked than present: both present trainees, once each.
  auto drawn = Draw("inst_a", cls_, 1, 5);
  ASSERT_EQ(drawn.status, 201) << drawn.body;
  const json::value rc = J(drawn);
  const int64_t id = rc.at("id").as_int64();
  EXPECT_EQ(Str(rc.at("drawn_at")), "2021-10-11T09:30:00+08:00");
  EXPECT_EQ(Str(rc.at("deadline")), "2021-10-11T09:32:00+08:00");  // 120 s (policy)
  EXPECT_EQ(rc.at("session_seq").as_int64(), 1);
  const auto& persons = rc.at("persons").as_array();
  ASSERT_EQ(persons.size(), 2u);
  std::set<int64_t> ids{persons[0].at("id").as_int64(), persons[1].at("id").as_int64()};
  EXPECT_EQ(ids, (std::set<int64_t>{p1_, p2_}));
  for (const auto& p : persons) EXPECT_TRUE(p.at("answered_at").is_null());

  // The drawn trainee sees it pending (and nobody else's entry), answers from the bound phone on
  // site; a retry answers the first answer.
  auto pending = Req(p1, "GET", "/me/roll-calls");
  ASSERT_EQ(pending.status, 200) << pending.body;
  ASSERT_EQ(J(pending).at("items").as_array().size(), 1u);
  EXPECT_EQ(J(pending).at("items").at(0).at("id").as_int64(), id);
  EXPECT_EQ(J(pending).at("items").at(0).at("seconds_left").as_int64(), 120);
  EXPECT_EQ(Get("inst_a", "/me/roll-calls").status, 403);  // staff have no roll calls
  auto wrong_phone = Answer(p1, id, "phone-roll-9999");
  EXPECT_EQ(wrong_phone.status, 403) << wrong_phone.body;
  EXPECT_EQ(Reason(wrong_phone), "attendance.device_mismatch");
  auto far = Answer(p1, id, d1, kLat + 0.02);  // about 2.2 km north
  EXPECT_EQ(far.status, 422) << far.body;
  EXPECT_EQ(Reason(far), "attendance.too_far");
  clock_->Advance(30);
  auto ok = Answer(p1, id, d1);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(Str(J(ok).at("answer").at("answered_at")), "2021-10-11T09:30:30+08:00");
  clock_->Advance(10);
  auto again = Answer(p1, id, d1);
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Str(J(again).at("answer").at("answered_at")), "2021-10-11T09:30:30+08:00");
  EXPECT_TRUE(J(Req(p1, "GET", "/me/roll-calls")).at("items").as_array().empty());
  EXPECT_EQ(Answer(p2, id + 1000, d2).status, 404);

  // Past the deadline the other trainee's answer is refused and the roll call is missed.
  clock_->Set("2021-10-11T09:32:01+08:00");
  EXPECT_TRUE(J(Req(p2, "GET", "/me/roll-calls")).at("items").as_array().empty());
  auto late = Answer(p2, id, d2);
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Reason(late), "attendance.roll_call_closed");

  auto list = Get("inst_a", "/classes/" + std::to_string(cls_) + "/roll-calls");
  ASSERT_EQ(list.status, 200) << list.body;
  const json::value listed = J(list);
  const auto& entry = listed.at("items").at(0);
  EXPECT_EQ(entry.at("id").as_int64(), id);
  for (const auto& p : entry.at("persons").as_array()) {
    EXPECT_EQ(p.at("answered_at").is_null(), p.at("id").as_int64() == p2_) << json::serialize(p);
  }
  EXPECT_EQ(Get("reviewer_a", "/classes/" + std::to_string(cls_) + "/roll-calls").status, 200);
  EXPECT_EQ(Get("reviewer_b", "/classes/" + std::to_string(cls_) + "/roll-calls").status, 404);

  // Names follow the class page's rule for every role: in full for the class's institution (the
  // teacher's screen drew them), masked for the police, the city bureau and 人社; the flags name
  // nobody (person ids only).
  for (const auto& p : persons) {
    EXPECT_EQ(Str(p.at("name")), p.at("id").as_int64() == p1_ ? "张三" : "李四") << p;
  }
  const std::map<std::string, std::pair<std::string, std::string>> expected = {
      {"inst_a", {"张三", "李四"}},
      {"reviewer_a", {"张*", "李*"}},
      {"admin", {"张*", "李*"}},
      {"hrss", {"张*", "李*"}}};
  for (const auto& [who, names] : expected) {
    std::map<int64_t, std::string> page;
    const json::value cls = J(Get(who, "/classes/" + std::to_string(cls_)));
    for (const auto& e : cls.at("roster").as_array()) {
      page[e.at("trainee_id").as_int64()] = Str(e.at("name"));
    }
    EXPECT_EQ(page, (std::map<int64_t, std::string>{{p1_, names.first}, {p2_, names.second}}))
        << who;
    auto calls = Get(who, "/classes/" + std::to_string(cls_) + "/roll-calls");
    ASSERT_EQ(calls.status, 200) << who << " " << calls.body;
    const json::value calls_json = J(calls);
    for (const auto& p : calls_json.at("items").at(0).at("persons").as_array()) {
      EXPECT_EQ(Str(p.at("name")), page.at(p.at("id").as_int64())) << who;
    }
    auto hours = Get(who, "/classes/" + std::to_string(cls_) + "/hours");
    ASSERT_EQ(hours.status, 200) << who << " " << hours.body;
    const json::value hours_json = J(hours);
    const auto& trainees = hours_json.at("trainees").as_array();
    ASSERT_EQ(trainees.size(), 2u) << who;
    for (const auto& t : trainees) {
      EXPECT_EQ(Str(t.at("name")), page.at(t.at("person_id").as_int64())) << who;
    }
    auto flagged = Get(who, "/classes/" + std::to_string(cls_) + "/attendance-flags");
    ASSERT_EQ(flagged.status, 200) << who << " " << flagged.body;
    for (const char* full : {"张三", "李四", "张*", "李*"}) {
      EXPECT_EQ(flagged.body.find(full), std::string::npos) << who << " " << flagged.body;
    }
  }

  const json::array flags = Flags("inst_a", cls_);
  const auto missed = OfKind(flags, "roll_call_missed");
  ASSERT_EQ(missed.size(), 1u) << json::serialize(flags);
  EXPECT_EQ(missed[0].at("person_ids").at(0).as_int64(), p2_);
  EXPECT_EQ(missed[0].at("session_seq").as_int64(), 1);
  EXPECT_EQ(missed[0].at("evidence").at("roll_call_id").as_int64(), id);
  EXPECT_NE(Str(missed[0].at("message")).find("09:30 的随机点名"), std::string::npos);
  // The answer refused as too far is kept and flagged.
  const auto far_flags = OfKind(flags, "far_from_venue");
  ASSERT_EQ(far_flags.size(), 1u) << json::serialize(flags);
  EXPECT_EQ(far_flags[0].at("person_ids").at(0).as_int64(), p1_);
  EXPECT_EQ(Str(far_flags[0].at("evidence").at("attempts").at(0).at("reason")),
            "attendance.too_far");

  // Both the draw and the answer are on the audit trail.
  for (const char* action : {"attendance.roll_call.draw", "attendance.roll_call.answer"}) {
    auto audit = Get("admin", std::string("/audit-events?action=") + action);
    ASSERT_EQ(audit.status, 200) << audit.body;
    EXPECT_EQ(J(audit).at("items").as_array().size(), 1u) << action;
  }
}

TEST_P(Signals, FlagsShowSharedPhonesDistanceTwoPlacesAndTeachersWithVisibleEvidence) {
  // Another class of the same institution, same teacher, 09:00–12:00 each day; and a
  // class of an institution in another district that enrols 张三 too, at the same hours.
  const int64_t cls2 = Class("inst_a", inst_a_, "保安员初级班（乙）", {p2_}, "09:00", "12:00");
  Declare("inst_a", cls2);
  Approve("reviewer_a", cls2);
  const int64_t same = Id(Post("inst_b", "/trainees", Person("张三", ValidId(11))));
  ASSERT_EQ(same, p1_);  // one person, known by the ID number
  const int64_t clsb = Class("inst_b", inst_b_, "晋江保安员班", {p1_}, "08:30", "11:50");
  Declare("inst_b", clsb);
  Approve("reviewer_b", clsb);

  clock_->Set("2021-10-11T08:10:00+08:00");
  const std::string shared = "phone-shared-01";
  Headers p1 = Phone(Qr("inst_a", cls_), "张三", ValidId(11), shared);
  ASSERT_FALSE(p1.empty());
  ASSERT_EQ(Check(p1, Qr("inst_a", cls_), "key-flag-in-01", shared).status, 201);
  // The institution unbinds 张三's phone and 李四 binds it: one phone, two trainees.
  auto unbind = Req(
      as_.at("inst_a"), "DELETE",
      "/classes/" + std::to_string(cls_) + "/trainees/" + std::to_string(p1_) + "/device-binding",
      R"({"reason":"学员更换手机"})");
  ASSERT_EQ(unbind.status, 204) << unbind.body;
  clock_->Set("2021-10-11T08:12:00+08:00");
  Headers p2 = Phone(Qr("inst_a", cls_), "李四", ValidId(12), shared);
  ASSERT_FALSE(p2.empty());
  // 650 m north with a 400 m fix: accepted (650 − 400 ≤ 300), but far.
  ASSERT_EQ(Check(p2, Qr("inst_a", cls_), "key-flag-in-02", shared, kLat + 0.00585, 400).status,
            201);
  // 张三 on a new phone, checked in at the other district's class at the same time.
  clock_->Set("2021-10-11T08:15:00+08:00");
  const std::string own = "phone-own-0001";
  Headers p1b = Phone(Qr("inst_b", clsb), "张三", ValidId(11), own);
  ASSERT_FALSE(p1b.empty());
  ASSERT_EQ(Check(p1b, Qr("inst_b", clsb), "key-flag-in-03", own).status, 201);

  clock_->Set("2021-10-11T12:00:00+08:00");
  const json::array flags = Flags("inst_a", cls_);
  const auto dev = OfKind(flags, "shared_device");
  ASSERT_EQ(dev.size(), 1u) << json::serialize(flags);
  EXPECT_EQ(dev[0].at("person_ids").as_array().size(), 2u);
  EXPECT_EQ(Str(dev[0].at("evidence").at("device_id")), shared);
  bool binding_seen = false;
  for (const auto& u : dev[0].at("evidence").at("uses").as_array()) {
    if (u.at("what") == "binding" && u.as_object().contains("until")) binding_seen = true;
  }
  EXPECT_TRUE(binding_seen) << "the unbound binding is evidence";
  const auto far = OfKind(flags, "far_from_venue");
  ASSERT_EQ(far.size(), 1u) << json::serialize(flags);
  EXPECT_EQ(far[0].at("person_ids").at(0).as_int64(), p2_);
  EXPECT_NEAR(far[0].at("evidence").at("attempts").at(0).at("distance_m").to_number<double>(), 650,
              5);
  // 张三 in the other district's class: named neither to the institution nor to its reviewer.
  for (const char* who : {"inst_a", "reviewer_a"}) {
    const auto two = OfKind(Flags(who, cls_), "two_places");
    ASSERT_EQ(two.size(), 1u) << who;
    EXPECT_EQ(two[0].at("person_ids").at(0).as_int64(), p1_);
    EXPECT_TRUE(two[0].at("evidence").at("other_class").at("id").is_null()) << who;
    EXPECT_EQ(Str(two[0].at("evidence").at("other_class").at("title")), "另一培训班");
    EXPECT_TRUE(two[0].at("evidence").at("other_session_seq").is_null());
    const std::string text = json::serialize(two[0]);
    EXPECT_EQ(text.find("晋江保安员班"), std::string::npos) << text;
  }
  // 人社 sees every class: named.
  const auto named = OfKind(Flags("hrss", cls_), "two_places");
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].at("evidence").at("other_class").at("id").as_int64(), clsb);
  EXPECT_EQ(Str(named[0].at("evidence").at("other_class").at("title")), "晋江保安员班");
  // The teacher also teaches the other class 09:00–12:00 each day (same institution: named).
  const auto teacher = OfKind(flags, "teacher_two_places");
  ASSERT_EQ(teacher.size(), 5u) << json::serialize(flags);  // every day of the week
  EXPECT_EQ(teacher[0].at("session_seq").as_int64(), 1);
  EXPECT_EQ(teacher[0].at("evidence").at("other_class").at("id").as_int64(), cls2);
  EXPECT_EQ(teacher[0].at("evidence").at("teacher_id").as_int64(), teachers_[inst_a_]);
  // Who may read the flags.
  const std::string path = "/classes/" + std::to_string(cls_) + "/attendance-flags";
  EXPECT_EQ(Get("inst_b", path).status, 404);
  EXPECT_EQ(Get("reviewer_b", path).status, 404);
  EXPECT_EQ(Get("inst_a", "/classes/999999/attendance-flags").status, 404);
  EXPECT_EQ(Req(p2, "GET", path).status, 403);
  EXPECT_EQ(server_->Request("GET", "/api/v1" + path).status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, Signals, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
