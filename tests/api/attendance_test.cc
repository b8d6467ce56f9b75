// Attendance (issue 13, Deliver 1, 2, 5 and 9), on SQLite and on PostgreSQL, with the server's
// clock moved by the test (--clock-file): the rotating QR token (shape, access, forged, expired,
// from another session), a trainee identifying on a phone (binding it; no oracle for who is on the
// roster; a phone bound to another trainee), check-in and check-out (windows, distance, retries
// with the same key, duplicates, out without in) and the class's hours against the plan.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>

#include <boost/json.hpp>

#include "adapters/sql/migrations.h"

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

class Attendance : public testing::ApiWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    p1_ = Id(Post("inst_a", "/trainees", Person("张三", ValidId(11))));
    p2_ = Id(Post("inst_a", "/trainees", Person("李四", ValidId(12))));
    p3_ = Id(Post("inst_a", "/trainees", Person("王五", ValidId(13))));  // not on the roster
    cls_ = Class();
    Declare(cls_);
    Approve(cls_);
    draft_ = Class();
  }

  // The class of 甲校: five sessions from Monday 2021-10-11, 08:30–11:50.
  int64_t Class(bool whole_roster = true) {
    return ApiWorldTest::Class(
        "inst_a", inst_a_, "保安员初级班",
        whole_roster ? std::vector<int64_t>{p1_, p2_} : std::vector<int64_t>{p1_});
  }
  int64_t Version(int64_t cls) { return ApiWorldTest::Version("inst_a", cls); }
  void Declare(int64_t cls) { ApiWorldTest::Declare("inst_a", cls); }
  void Approve(int64_t cls) { ApiWorldTest::Approve("reviewer_a", cls); }
  HttpResult QrRaw(const std::string& who, int64_t cls, int seq) {
    return Get(
        who, "/classes/" + std::to_string(cls) + "/sessions/" + std::to_string(seq) + "/qr-token");
  }
  std::string Qr(int seq = 1) {
    auto r = QrRaw("inst_a", cls_, seq);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.status == 200 ? Str(J(r).at("token")) : "";
  }
  // Identifies and returns the trainee's headers (cookie + CSRF token).
  Headers Phone(const std::string& name, const std::string& id, const std::string& device) {
    auto r = Identify(Qr(), name, id, device);
    EXPECT_EQ(r.status, 201) << r.body;
    if (r.status != 201) return {};
    const std::string cookie = r.headers["set-cookie"];
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    return {{"Cookie", cookie.substr(0, cookie.find(';'))},
            {"X-CSRF-Token", Str(J(r).at("csrf_token"))}};
  }
  // A check-in with a fresh selfie, as the phone makes it (the policy requires one): the sample
  // photo with one face (opencv-doc) is uploaded first; when the upload is refused (no session,
  // no CSRF token) the check-in goes without, and is refused for the same reason.
  HttpResult Check(const Headers& h, const std::string& token, const std::string& direction,
                   const std::string& key, const std::string& device, double lat = kLat,
                   double lng = kLng, double accuracy = 20) {
    json::object body{
        {"token", token}, {"direction", direction}, {"idempotency_key", key}, {"lat", lat},
        {"lng", lng},     {"accuracy_m", accuracy}, {"device_id", device}};
    static const std::string kSelfie = [] {
      std::ifstream in("/usr/share/doc/opencv-doc/examples/data/messi5.jpg", std::ios::binary);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    auto up = server_->Request(
        "POST", "/api/v1/selfies",
        "--SELFIEB\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.jpg\"\r\n\r\n" +
            kSelfie + "\r\n--SELFIEB--\r\n",
        h, "multipart/form-data; boundary=SELFIEB");
    if (up.status == 201) body["selfie_id"] = J(up).at("selfie_id");
    return Req(h, "POST", "/check-ins", json::serialize(body));
  }
  json::value Hours(const std::string& who = "inst_a") {
    auto r = Get(who, "/classes/" + std::to_string(cls_) + "/hours");
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r);
  }

  int64_t p1_ = 0, p2_ = 0, p3_ = 0, cls_ = 0, draft_ = 0;
};

TEST_P(Attendance, QrTokenShapeAndWhoMaySeeIt) {
  clock_->Set("2021-10-11T08:10:07+08:00");
  auto r = QrRaw("inst_a", cls_, 1);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value t = J(r);
  const std::string token = Str(t.at("token"));
  EXPECT_EQ(token.rfind("v1." + std::to_string(cls_) + ".1.", 0), 0u) << token;
  EXPECT_EQ(t.at("slot").as_int64(), clock_->UnixSeconds() / 20);
  EXPECT_EQ(t.at("refresh_after_s").as_int64(), 20 - clock_->UnixSeconds() % 20);
  EXPECT_EQ(Str(t.at("expires_at")), "2021-10-11T08:10:24+08:00");  // slot end + 5 s grace
  EXPECT_EQ(token.find(std::to_string(p1_)), std::string::npos);    // no trainee data
  EXPECT_EQ(QrRaw("reviewer_a", cls_, 1).status, 200);  // the police of the district may view
  EXPECT_EQ(QrRaw("reviewer_b", cls_, 1).status, 404);
  EXPECT_EQ(QrRaw("inst_b", cls_, 1).status, 404);
  EXPECT_EQ(QrRaw("hrss", cls_, 1).status, 403);
  EXPECT_EQ(QrRaw("inst_a", cls_, 9).status, 404);
  auto draft = QrRaw("inst_a", draft_, 1);
  EXPECT_EQ(draft.status, 409) << draft.body;
  EXPECT_EQ(
      server_->Request("GET", "/api/v1/classes/" + std::to_string(cls_) + "/sessions/1/qr-token")
          .status,
      401);
}

TEST_P(Attendance, TraineeChecksInAndOutAndEarnsTheHours) {
  clock_->Set("2021-10-11T08:05:00+08:00");
  const std::string d1 = "phone-aaaa-0001";
  Headers p1 = Phone("张三", ValidId(11), d1);
  ASSERT_FALSE(p1.empty());
  auto me = Req(p1, "GET", "/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(J(me).at("person").at("id").as_int64(), p1_);
  EXPECT_EQ(Str(J(me).at("person").at("name")), "张*");
  EXPECT_EQ(J(me).at("class").at("id").as_int64(), cls_);
  EXPECT_EQ(Str(J(me).at("csrf_token")), p1.at("X-CSRF-Token"));
  // A trainee's cookie reaches no staff route.
  EXPECT_EQ(Req(p1, "GET", "/classes/" + std::to_string(cls_)).status, 403);
  // Without the CSRF token a check-in is refused.
  Headers no_csrf = {{"Cookie", p1.at("Cookie")}};
  EXPECT_EQ(Check(no_csrf, Qr(), "in", "key-in-000001", d1).status, 403);

  clock_->Set("2021-10-11T08:20:00+08:00");
  auto in = Check(p1, Qr(), "in", "key-in-000001", d1, kLat + 0.001, kLng);
  ASSERT_EQ(in.status, 201) << in.body;
  const json::value rec = J(in).at("record");
  EXPECT_EQ(Str(rec.at("direction")), "in");
  EXPECT_EQ(Str(rec.at("at")), "2021-10-11T08:20:00+08:00");
  EXPECT_EQ(Str(rec.at("source")), "phone");
  EXPECT_EQ(rec.at("session_seq").as_int64(), 1);
  EXPECT_NEAR(rec.at("distance_m").to_number<double>(), 111.2, 1.0);
  // A retry with the same key (the network dropped the answer): the same record, nothing new.
  clock_->Advance(90);
  auto retry = Check(p1, "stale-token-anything", "in", "key-in-000001", d1);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(J(retry).at("record").at("id").as_int64(), rec.at("id").as_int64());
  // Another key for the same direction: already checked in, saying when.
  auto again = Check(p1, Qr(), "in", "key-in-000002", d1);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Reason(again), "attendance.already");
  EXPECT_NE(again.body.find("08:20"), std::string::npos) << again.body;
  // Check-out before its window opens (11:40).
  auto early = Check(p1, Qr(), "out", "key-out-00001", d1);
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(Reason(early), "attendance.too_early");

  auto h = Hours();
  EXPECT_EQ(h.at("planned_hours").as_int64(), 20);
  EXPECT_EQ(h.at("sessions").at(0).at("expected").as_int64(), 2);
  EXPECT_EQ(h.at("sessions").at(0).at("checked_in").as_int64(), 1);
  EXPECT_EQ(h.at("sessions").at(0).at("checked_out").as_int64(), 0);
  EXPECT_EQ(h.at("trainees").at(0).at("attended_hours").as_int64(), 0);  // no check-out yet

  clock_->Set("2021-10-11T11:45:00+08:00");
  auto out = Check(p1, Qr(), "out", "key-out-00002", d1);
  ASSERT_EQ(out.status, 201) << out.body;
  h = Hours();
  EXPECT_EQ(h.at("sessions").at(0).at("checked_out").as_int64(), 1);
  const auto& t1 = h.at("trainees").at(0);
  EXPECT_EQ(t1.at("person_id").as_int64(), p1_);
  EXPECT_EQ(Str(t1.at("name")), "张三");  // the institution's own: in full
  EXPECT_EQ(t1.at("planned_hours").as_int64(), 20);
  // 08:30–11:45 inside the session: 195 minutes = 4 hours of 45 minutes.
  EXPECT_EQ(t1.at("attended_hours").as_int64(), 4);
  EXPECT_EQ(t1.at("sessions").at(0).at("earned").as_int64(), 4);
  EXPECT_EQ(Str(t1.at("sessions").at(0).at("check_in")), "2021-10-11T08:20:00+08:00");
  EXPECT_EQ(h.at("trainees").at(1).at("attended_hours").as_int64(), 0);
  auto police = Hours("reviewer_a");
  EXPECT_EQ(Str(police.at("trainees").at(0).at("name")), "张*");  // masked for officials
  EXPECT_EQ(Get("reviewer_b", "/classes/" + std::to_string(cls_) + "/hours").status, 404);
  EXPECT_EQ(Get("hrss", "/classes/" + std::to_string(cls_) + "/hours").status, 200);

  // Signing out ends the trainee session.
  EXPECT_EQ(Req(p1, "DELETE", "/trainee-sessions/current").status, 204);
  EXPECT_EQ(Req(p1, "GET", "/me").status, 401);
}

TEST_P(Attendance, TokensForgedExpiredOrForAnotherSessionAreRefused) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  const std::string d1 = "phone-bbbb-0001";
  Headers p1 = Phone("张三", ValidId(11), d1);
  ASSERT_FALSE(p1.empty());
  const std::string good = Qr();
  // Forged: another MAC, or another session under the old MAC.
  std::string forged = good;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  auto f = Check(p1, forged, "in", "key-forged-01", d1);
  EXPECT_EQ(f.status, 400) << f.body;
  EXPECT_EQ(Reason(f), "attendance.token_invalid");
  std::string moved = good;
  moved.replace(moved.find(".1."), 3, ".2.");
  EXPECT_EQ(Reason(Check(p1, moved, "in", "key-forged-02", d1)), "attendance.token_invalid");
  EXPECT_EQ(Reason(Check(p1, "garbage", "in", "key-forged-03", d1)), "attendance.token_invalid");
  // Expired: a minute later the code on the screen has changed three times.
  clock_->Advance(60);
  auto e = Check(p1, good, "in", "key-expired-1", d1);
  EXPECT_EQ(e.status, 422) << e.body;
  EXPECT_EQ(Reason(e), "attendance.token_expired");
  // Another session's code (Tuesday's, shown today): outside its window.
  auto w = Check(p1, Qr(2), "in", "key-wrongses1", d1);
  EXPECT_EQ(w.status, 422) << w.body;
  EXPECT_EQ(Reason(w), "attendance.too_early");
  // Bad input names the field and changes nothing.
  auto k = Check(p1, Qr(), "in", "short", d1);
  EXPECT_EQ(k.status, 400);
  EXPECT_NE(k.body.find("idempotency_key"), std::string::npos);
  EXPECT_EQ(Check(p1, Qr(), "sideways", "key-dir-00001", d1).status, 400);
  // The current code works.
  EXPECT_EQ(Check(p1, Qr(), "in", "key-good-0001", d1).status, 201);
  // Refusals after a good MAC are kept for the signals (forged tokens and bad input are not).
  auto conn = adapters::OpenDatabase(db_->url());
  ASSERT_TRUE(conn.ok()) << conn.status().message();
  auto rows = (*conn)->Execute(
      "SELECT reason, person_id, device_id FROM attendance_refusals ORDER BY id", {});
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  ASSERT_EQ(rows->rows.size(), 2u);
  EXPECT_EQ(*rows->rows[0][0], "attendance.token_expired");
  EXPECT_EQ(*rows->rows[1][0], "attendance.too_early");
  EXPECT_EQ(*rows->rows[1][1], std::to_string(p1_));
  EXPECT_EQ(*rows->rows[1][2], d1);
}

TEST_P(Attendance, WindowsDistanceAndOrderAreChecked) {
  clock_->Set("2021-10-11T07:50:00+08:00");
  const std::string d2 = "phone-cccc-0002";
  Headers p2 = Phone("李四", ValidId(12), d2);
  ASSERT_FALSE(p2.empty());
  auto early = Check(p2, Qr(), "in", "key-early-001", d2);
  EXPECT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(Reason(early), "attendance.too_early");
  clock_->Set("2021-10-11T08:25:00+08:00");
  // The window comes before the order: a check-out now is too early, not "without a check-in".
  auto out_first = Check(p2, Qr(), "out", "key-outfirst1", d2);
  EXPECT_EQ(out_first.status, 422) << out_first.body;
  EXPECT_EQ(Reason(out_first), "attendance.too_early");
  // 1 km away with a 50 m fix: too far; a fix vaguer than 500 m proves nothing.
  auto far = Check(p2, Qr(), "in", "key-far-00001", d2, kLat + 0.009, kLng, 50);
  EXPECT_EQ(far.status, 422) << far.body;
  EXPECT_EQ(Reason(far), "attendance.too_far");
  auto vague = Check(p2, Qr(), "in", "key-vague-001", d2, kLat, kLng, 900);
  EXPECT_EQ(Reason(vague), "attendance.location_vague");
  // 280 m away with a 30 m fix: within 300 m.
  EXPECT_EQ(Check(p2, Qr(), "in", "key-near-0001", d2, kLat + 0.0025, kLng, 30).status, 201);
  clock_->Set("2021-10-11T12:30:00+08:00");
  auto late = Check(p2, Qr(), "out", "key-late-0001", d2);
  EXPECT_EQ(late.status, 422) << late.body;
  EXPECT_EQ(Reason(late), "attendance.too_late");
  EXPECT_EQ(Hours().at("trainees").at(1).at("attended_hours").as_int64(), 0);
  // Tuesday, in the check-out window, without a check-in.
  clock_->Set("2021-10-12T11:45:00+08:00");
  auto no_in = Check(p2, Qr(2), "out", "key-noin-0001", d2);
  EXPECT_EQ(no_in.status, 409) << no_in.body;
  EXPECT_EQ(Reason(no_in), "attendance.no_check_in");
}

TEST_P(Attendance, IdentificationHasNoOracleAndBindsOnePhone) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  const std::string token = Qr();
  auto off = Identify(token, "王五", ValidId(13), "phone-dddd-0003");    // registered, not enrolled
  auto wrong = Identify(token, "张四", ValidId(11), "phone-dddd-0003");  // wrong name
  auto unknown = Identify(token, "赵六", ValidId(99), "phone-dddd-0003");  // nobody
  EXPECT_EQ(off.status, 403) << off.body;
  EXPECT_EQ(Reason(off), "attendance.not_on_roster");
  EXPECT_EQ(off.body, wrong.body);
  EXPECT_EQ(off.body, unknown.body);
  EXPECT_EQ(wrong.status, 403);
  // A first identification binds the phone; the same phone cannot serve another trainee, and the
  // trainee cannot identify on another phone.
  Headers p1 = Phone("张三", ValidId(11), "phone-eeee-0001");
  ASSERT_FALSE(p1.empty());
  auto taken = Identify(Qr(), "李四", ValidId(12), "phone-eeee-0001");
  EXPECT_EQ(taken.status, 403) << taken.body;
  EXPECT_EQ(Reason(taken), "attendance.device_taken");
  auto other = Identify(Qr(), "张三", ValidId(11), "phone-ffff-0009");
  EXPECT_EQ(other.status, 403) << other.body;
  EXPECT_EQ(Reason(other), "attendance.device_mismatch");
  // The bound phone identifies again (a new session) and a check-in naming another phone fails.
  EXPECT_EQ(Identify(Qr(), "张三", ValidId(11), "phone-eeee-0001").status, 201);
  auto mismatch = Check(p1, Qr(), "in", "key-mismatch1", "phone-ffff-0009");
  EXPECT_EQ(mismatch.status, 403) << mismatch.body;
  EXPECT_EQ(Reason(mismatch), "attendance.device_mismatch");
  // A token older than 15 minutes does not identify (typing takes time, but not that long).
  clock_->Advance(16 * 60);
  auto stale = Identify(token, "李四", ValidId(12), "phone-gggg-0002");
  EXPECT_EQ(stale.status, 422) << stale.body;
  EXPECT_EQ(Reason(stale), "attendance.token_expired");
  // The audit trail has the binding.
  auto audit = Get("admin", "/audit-events?action=trainee.device.bind");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_GE(J(audit).at("items").as_array().size(), 1u);
}

TEST_P(Attendance, MakeUpSessionsCountForTheirTraineesAndOthersAreOffTheRoster) {
  // A make-up class (补课) for 张三 on Monday 2021-10-18, approved: expected of him alone.
  auto filed = Post(
      "inst_a", "/classes/" + std::to_string(cls_) + "/change-requests",
      json::serialize(json::object{{"kind", "makeup_class"},
                                   {"reason", "学员因病缺课"},
                                   {"sessions", json::array{json::object{{"date", "2021-10-18"},
                                                                         {"start", "08:30"},
                                                                         {"end", "11:50"},
                                                                         {"hours", 4},
                                                                         {"kind", "theory"},
                                                                         {"delivery", "offline"},
                                                                         {"teacher", "t1"}}}},
                                   {"trainee_ids", json::array{p1_}}}));
  ASSERT_EQ(filed.status, 201) << filed.body;
  auto decided = Post("reviewer_a", "/change-requests/" + std::to_string(Id(filed)) + "/decision",
                      R"({"decision":"approve","reason":""})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  clock_->Set("2021-10-18T08:20:00+08:00");
  const std::string d1 = "phone-jjjj-0001", d2 = "phone-jjjj-0002";
  Headers p1 = Phone("张三", ValidId(11), d1);
  Headers p2 = Phone("李四", ValidId(12), d2);
  ASSERT_FALSE(p1.empty());
  ASSERT_FALSE(p2.empty());
  ASSERT_EQ(Check(p1, Qr(6), "in", "key-makeup-01", d1).status, 201);
  clock_->Set("2021-10-18T11:50:00+08:00");
  ASSERT_EQ(Check(p1, Qr(6), "out", "key-makeup-02", d1).status, 201);
  auto h = Hours();
  EXPECT_EQ(h.at("planned_hours").as_int64(), 20);  // the make-up is not planned hours
  const auto& s6 = h.at("sessions").at(5);
  EXPECT_TRUE(s6.at("makeup").as_bool());
  EXPECT_EQ(s6.at("expected").as_int64(), 1);
  EXPECT_EQ(s6.at("checked_out").as_int64(), 1);
  EXPECT_EQ(h.at("trainees").at(0).at("attended_hours").as_int64(), 4);
  EXPECT_EQ(h.at("trainees").at(0).at("sessions").as_array().size(), 6u);
  EXPECT_EQ(h.at("trainees").at(1).at("sessions").as_array().size(), 5u);
  // Another approved class of the institution whose roster lacks 李四: her phone session cannot
  // check in there.
  clock_->Set("2021-10-08T10:00:00+08:00");
  const int64_t other = Class(false);
  Declare(other);
  Approve(other);
  clock_->Set("2021-10-11T08:20:00+08:00");
  auto qr = QrRaw("inst_a", other, 1);
  ASSERT_EQ(qr.status, 200) << qr.body;
  auto off = Check(p2, Str(J(qr).at("token")), "in", "key-offroster1", d2);
  EXPECT_EQ(off.status, 403) << off.body;
  EXPECT_EQ(Reason(off), "attendance.not_on_roster");
  auto mine = Check(p1, Str(J(qr).at("token")), "in", "key-onroster1", d1);  // on both rosters
  EXPECT_EQ(mine.status, 201) << mine.body;
}

// A streaming GET on a raw connection (the server keeps it open): the socket, or -1.
int OpenStream(int port, const std::string& path, const Headers& headers) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  std::string raw = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [k, v] : headers) raw += k + ": " + v + "\r\n";
  raw += "\r\n";
  if (send(fd, raw.data(), raw.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(raw.size())) {
    close(fd);
    return -1;
  }
  return fd;
}

// Reads from `fd` into `seen` until it contains `want` or `seconds` pass.
bool ReadUntil(int fd, std::string& seen, const std::string& want, int seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (seen.find(want) == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[4096];
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return seen.find(want) != std::string::npos;
    seen.append(buf, static_cast<size_t>(n));
  }
  return true;
}

TEST_P(Attendance, HeadcountsStreamLive) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  const std::string d1 = "phone-hhhh-0001";
  Headers p1 = Phone("张三", ValidId(11), d1);
  ASSERT_FALSE(p1.empty());
  const std::string path = "/api/v1/classes/" + std::to_string(cls_) + "/attendance/stream";
  const int fd = OpenStream(server_->port(), path, as_.at("inst_a"));
  ASSERT_GE(fd, 0);
  std::string seen;
  EXPECT_TRUE(ReadUntil(fd, seen, R"("seq":5,"expected":2,"checked_in":0,"checked_out":0})", 10))
      << seen;
  EXPECT_NE(seen.find("text/event-stream"), std::string::npos) << seen;
  EXPECT_NE(seen.find("event: headcount\ndata: {\"seq\":1,"), std::string::npos) << seen;
  ASSERT_EQ(Check(p1, Qr(), "in", "key-stream-01", d1).status, 201);
  EXPECT_TRUE(ReadUntil(fd, seen, R"({"seq":1,"expected":2,"checked_in":1,"checked_out":0})", 10))
      << seen;
  close(fd);
  // A snapshot (max_s=0) answers and ends; outside the scope 404, as for the hours.
  auto snap = Get("reviewer_a", "/classes/" + std::to_string(cls_) + "/attendance/stream?max_s=0");
  ASSERT_EQ(snap.status, 200) << snap.body;
  EXPECT_NE(snap.body.find(R"({"seq":1,"expected":2,"checked_in":1,"checked_out":0})"),
            std::string::npos)
      << snap.body;
  EXPECT_EQ(
      Get("reviewer_b", "/classes/" + std::to_string(cls_) + "/attendance/stream?max_s=0").status,
      404);
}

TEST_P(Attendance, UnbindingLetsATraineeUseANewPhone) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  Headers p1 = Phone("张三", ValidId(11), "phone-iiii-0001");
  ASSERT_FALSE(p1.empty());
  const std::string path =
      "/classes/" + std::to_string(cls_) + "/trainees/" + std::to_string(p1_) + "/device-binding";
  auto unbind = [&](const std::string& who, const std::string& reason) {
    return Req(as_.at(who), "DELETE", path, json::serialize(json::object{{"reason", reason}}));
  };
  EXPECT_EQ(unbind("inst_b", "学员手机丢失").status, 404);
  EXPECT_EQ(unbind("reviewer_a", "学员手机丢失").status, 403);
  auto short_reason = unbind("inst_a", "丢了");
  EXPECT_EQ(short_reason.status, 400) << short_reason.body;
  EXPECT_NE(short_reason.body.find("reason"), std::string::npos);
  EXPECT_EQ(Req(p1, "GET", "/me").status, 200);  // nothing changed so far
  auto ok = unbind("inst_a", "学员手机丢失，更换新手机");
  ASSERT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(Req(p1, "GET", "/me").status, 401);  // the old phone's session is revoked
  EXPECT_EQ(Reason(unbind("inst_a", "学员手机丢失，更换新手机")), "attendance.not_bound");
  EXPECT_EQ(Identify(Qr(), "张三", ValidId(11), "phone-iiii-0002").status, 201);  // new phone
  auto audit = Get("admin", "/audit-events?action=trainee.device.unbind");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(J(audit).at("items").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Attendance, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
