// Selfies at check-in (issue 13, Deliver 3 and 9), on SQLite and on PostgreSQL, with the server's
// clock moved by the test: uploads with one face, none, two and no image at all (Debian's
// opencv-doc sample photos); a check-in needs the trainee's own fresh unused selfie; the same
// picture used by two trainees is flagged, not refused; who may see a selfie; the police's sample.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <set>
#include <sstream>
#include <thread>

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

constexpr double kLat = testing::kVenueLat, kLng = testing::kVenueLng;
constexpr const char* kData = "/usr/share/doc/opencv-doc/examples/data/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Two copies of the one-face photo side by side: a picture with two faces.
std::string TwoFaces(const std::string& one) {
  const cv::Mat m =
      cv::imdecode(cv::Mat(1, static_cast<int>(one.size()), CV_8U, const_cast<char*>(one.data())),
                   cv::IMREAD_COLOR);
  cv::Mat two;
  cv::hconcat(m, m, two);
  std::vector<uchar> buf;
  cv::imencode(".jpg", two, buf);
  return {buf.begin(), buf.end()};
}

std::string Multipart(const std::string& data) {
  return "--XBOUNDARYX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"selfie.jpg\""
         "\r\nContent-Type: image/jpeg\r\n\r\n" +
         data + "\r\n--XBOUNDARYX--\r\n";
}
const std::string kMultipartType = "multipart/form-data; boundary=XBOUNDARYX";

class Selfies : public testing::ApiWorldTest {
 protected:
  virtual std::vector<std::string> ServeArgs() const { return {}; }
  void SetUp() override {
    messi_ = ReadFile(std::string(kData) + "messi5.jpg");
    baboon_ = ReadFile(std::string(kData) + "baboon.jpg");
    ASSERT_FALSE(messi_.empty()) << "opencv-doc is not installed";
    BuildWorld("2021-10-08T10:00:00+08:00", ServeArgs());
    if (HasFatalFailure() || IsSkipped()) return;
    p1_ = Id(Post("inst_a", "/trainees", Person("张三", ValidId(11))));
    p2_ = Id(Post("inst_a", "/trainees", Person("李四", ValidId(12))));
    cls_ = Class();
    Declare("inst_a", cls_);
    Approve("reviewer_a", cls_);
  }

  int64_t Class() { return ApiWorldTest::Class("inst_a", inst_a_, "保安员初级班", {p1_, p2_}); }
  using ApiWorldTest::Class;
  std::string Qr(int seq = 1) { return Qr(seq, cls_, "inst_a"); }
  std::string Qr(int seq, int64_t cls, const std::string& who) {
    return ApiWorldTest::Qr(who, cls, seq);
  }
  Headers Phone(const std::string& name, const std::string& id, const std::string& device) {
    return Phone(name, id, device, Qr());
  }
  Headers Phone(const std::string& name, const std::string& id, const std::string& device,
                const std::string& token) {
    return ApiWorldTest::Phone(token, name, id, device);
  }
  HttpResult Upload(const Headers& h, const std::string& bytes) {
    return server_->Request("POST", "/api/v1/selfies", Multipart(bytes), h, kMultipartType);
  }
  int64_t Selfie(const Headers& h, const std::string& bytes) {
    auto r = Upload(h, bytes);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? J(r).at("selfie_id").as_int64() : 0;
  }
  HttpResult Check(const Headers& h, const std::string& direction, const std::string& key,
                   const std::string& device, std::optional<int64_t> selfie, int seq = 1) {
    return Check(h, direction, key, device, selfie, Qr(seq));
  }
  HttpResult Check(const Headers& h, const std::string& direction, const std::string& key,
                   const std::string& device, std::optional<int64_t> selfie,
                   const std::string& token) {
    json::object body{
        {"token", token}, {"direction", direction}, {"idempotency_key", key}, {"lat", kLat},
        {"lng", kLng},    {"accuracy_m", 20.0},     {"device_id", device}};
    if (selfie) body["selfie_id"] = *selfie;
    return Req(h, "POST", "/check-ins", json::serialize(body));
  }

  json::array Flags(const std::string& who, int64_t cls) {
    auto r = Get(who, "/classes/" + std::to_string(cls) + "/attendance-flags");
    EXPECT_EQ(r.status, 200) << r.body;
    json::value v = J(r);
    return v.is_array() ? v.as_array() : json::array{};
  }
  static std::vector<json::object> Reused(const json::array& flags) {
    std::vector<json::object> out;
    for (const auto& f : flags) {
      if (f.at("kind") == "selfie_reused") out.push_back(f.as_object());
    }
    return out;
  }

  std::string messi_, baboon_;
  int64_t p1_ = 0, p2_ = 0, cls_ = 0;
};

TEST_P(Selfies, UploadNeedsExactlyOneFaceAndKeepsNothingElse) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  Headers p1 = Phone("张三", ValidId(11), "phone-aaaa-0001");
  ASSERT_FALSE(p1.empty());
  auto ok = Upload(p1, messi_);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_GT(J(ok).at("selfie_id").as_int64(), 0);
  EXPECT_EQ(J(ok).at("faces").as_int64(), 1);
  EXPECT_EQ(Str(J(ok).at("sha256")).size(), 64u);

  auto none = Upload(p1, baboon_);
  EXPECT_EQ(none.status, 422) << none.body;
  EXPECT_EQ(Reason(none), "attendance.selfie_no_face");
  EXPECT_NE(none.body.find("没有检测到人脸"), std::string::npos) << none.body;
  auto many = Upload(p1, TwoFaces(messi_));
  EXPECT_EQ(many.status, 422) << many.body;
  EXPECT_EQ(Reason(many), "attendance.selfie_many_faces");
  auto junk = Upload(p1, "this is not a picture at all, only text");
  EXPECT_EQ(junk.status, 400) << junk.body;
  EXPECT_EQ(Reason(junk), "attendance.selfie_unreadable");
  auto big = Upload(p1, messi_ + std::string(5 * 1024 * 1024, '\0'));
  EXPECT_EQ(big.status, 413) << big.body;
  // Nothing of the refused ones was kept: the audit trail has one upload.
  auto trail = Get("admin", "/audit-events?action=selfie.upload");
  ASSERT_EQ(trail.status, 200) << trail.body;
  EXPECT_EQ(J(trail).at("items").as_array().size(), 1u) << trail.body;

  // Staff cannot upload selfies; nobody anonymous either.
  auto staff =
      server_->Request("POST", "/api/v1/selfies", Multipart(messi_), as_["inst_a"], kMultipartType);
  EXPECT_EQ(staff.status, 403) << staff.body;
  EXPECT_EQ(
      server_->Request("POST", "/api/v1/selfies", Multipart(messi_), {}, kMultipartType).status,
      401);
}

TEST_P(Selfies, CheckInNeedsOwnFreshUnusedSelfie) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  Headers p1 = Phone("张三", ValidId(11), "phone-aaaa-0001");
  Headers p2 = Phone("李四", ValidId(12), "phone-bbbb-0002");
  const int64_t s1 = Selfie(p1, messi_);
  const int64_t s2 = Selfie(p2, messi_);

  auto missing = Check(p1, "in", "key-in-000001", "phone-aaaa-0001", std::nullopt);
  EXPECT_EQ(missing.status, 422) << missing.body;
  EXPECT_EQ(Reason(missing), "attendance.selfie_missing");
  auto others = Check(p1, "in", "key-in-000002", "phone-aaaa-0001", s2);
  EXPECT_EQ(others.status, 422) << others.body;
  EXPECT_EQ(Reason(others), "attendance.selfie_invalid");
  auto unknown = Check(p1, "in", "key-in-000003", "phone-aaaa-0001", 987654321);
  EXPECT_EQ(Reason(unknown), "attendance.selfie_invalid");
  // Ten minutes and a second later the selfie is stale.
  clock_->Advance(10 * 60 + 1);
  auto stale = Check(p1, "in", "key-in-000004", "phone-aaaa-0001", s1);
  EXPECT_EQ(stale.status, 422) << stale.body;
  EXPECT_EQ(Reason(stale), "attendance.selfie_invalid");

  const int64_t fresh = Selfie(p1, messi_);
  auto in = Check(p1, "in", "key-in-000005", "phone-aaaa-0001", fresh);
  ASSERT_EQ(in.status, 201) << in.body;
  EXPECT_EQ(J(in).at("record").at("selfie_id").as_int64(), fresh);
  EXPECT_TRUE(J(in).at("record").at("selfie_reuse").is_null()) << in.body;
  // A used selfie cannot serve again (check-out at 11:45 with it).
  clock_->Set("2021-10-11T11:45:00+08:00");
  auto reused = Check(p1, "out", "key-out-00001", "phone-aaaa-0001", fresh);
  EXPECT_EQ(reused.status, 422) << reused.body;
  EXPECT_EQ(Reason(reused), "attendance.selfie_invalid");
  // The same picture again, by the same person in the same session: not flagged.
  auto out = Check(p1, "out", "key-out-00002", "phone-aaaa-0001", Selfie(p1, messi_));
  ASSERT_EQ(out.status, 201) << out.body;
  EXPECT_TRUE(J(out).at("record").at("selfie_reuse").is_null()) << out.body;
}

TEST_P(Selfies, SamePictureForTwoTraineesIsFlaggedAndSampledForThePolice) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  Headers p1 = Phone("张三", ValidId(11), "phone-aaaa-0001");
  Headers p2 = Phone("李四", ValidId(12), "phone-bbbb-0002");
  const int64_t s1 = Selfie(p1, messi_);
  auto in1 = Check(p1, "in", "key-in-000001", "phone-aaaa-0001", s1);
  ASSERT_EQ(in1.status, 201) << in1.body;
  // p2 sends the same photo, re-encoded (as a messenger would).
  const cv::Mat m = cv::imdecode(cv::Mat(1, static_cast<int>(messi_.size()), CV_8U, messi_.data()),
                                 cv::IMREAD_COLOR);
  std::vector<uchar> buf;
  cv::imencode(".jpg", m, buf, {cv::IMWRITE_JPEG_QUALITY, 50});
  const int64_t s2 = Selfie(p2, std::string(buf.begin(), buf.end()));
  auto in2 = Check(p2, "in", "key-in-000002", "phone-bbbb-0002", s2);
  ASSERT_EQ(in2.status, 201) << in2.body;  // flagged, not refused
  const json::value reuse = J(in2).at("record").at("selfie_reuse");
  ASSERT_TRUE(reuse.is_object()) << in2.body;
  EXPECT_EQ(reuse.at("of_selfie_id").as_int64(), s1);
  EXPECT_LE(reuse.at("bits").as_int64(), 4);

  // The pictures: the class's institution, the district's police, auditors, the trainee shown.
  const std::string path = "/selfies/" + std::to_string(s1);
  auto img = Get("inst_a", path);
  ASSERT_EQ(img.status, 200);
  EXPECT_EQ(img.body, messi_);
  EXPECT_EQ(img.headers["content-type"], "image/jpeg");
  EXPECT_EQ(Get("reviewer_a", path).status, 200);
  EXPECT_EQ(Get("auditor", path).status, 200);
  EXPECT_EQ(Req(p1, "GET", path).status, 200);
  EXPECT_EQ(Req(p2, "GET", path).status, 404);  // another trainee: as if missing
  EXPECT_EQ(Get("inst_b", path).status, 404);
  EXPECT_EQ(Get("reviewer_b", path).status, 404);
  EXPECT_EQ(Get("hrss", path).status, 403);
  EXPECT_EQ(Get("inst_a", "/selfies/999999").status, 404);
  auto trail = Get("admin", "/audit-events?action=selfie.view");
  EXPECT_EQ(J(trail).at("items").as_array().size(), 4u) << trail.body;

  // The police's random sample, with the reuse flag.
  const std::string samples = "/classes/" + std::to_string(cls_) + "/selfie-samples";
  auto all = Get("reviewer_a", samples + "?n=20");
  ASSERT_EQ(all.status, 200) << all.body;
  const json::value sample = J(all);
  EXPECT_EQ(sample.at("total").as_int64(), 2);
  const auto& items = sample.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  for (const auto& i : items) {
    EXPECT_EQ(Str(i.at("image")),
              "/api/v1/selfies/" + std::to_string(i.at("selfie_id").as_int64()));
    EXPECT_EQ(Str(i.at("name")).find("*"), 3u) << i;  // masked: 张* / 李*
    if (i.at("selfie_id").as_int64() == s2) {
      EXPECT_EQ(i.at("reuse").at("of_selfie_id").as_int64(), s1);
    }
  }
  auto one = Get("admin", samples + "?n=1");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(J(one).at("items").as_array().size(), 1u);
  EXPECT_EQ(Get("reviewer_b", samples).status, 404);
  EXPECT_EQ(Get("inst_a", samples).status, 403);
  auto bad = Get("reviewer_a", samples + "?n=0");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"field\":\"n\""), std::string::npos) << bad.body;
}

// The attendance flags carry the reuse: within a class naming both trainees; across classes the
// other class is named only to a caller who may see it (app::InScope), and its person never.
TEST_P(Selfies, ReusedPictureIsAFlagNamingTheOtherClassOnlyInScope) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  Headers p1 = Phone("张三", ValidId(11), "phone-aaaa-0001");
  Headers p2 = Phone("李四", ValidId(12), "phone-bbbb-0002");
  const int64_t s1 = Selfie(p1, messi_);
  ASSERT_EQ(Check(p1, "in", "key-in-000001", "phone-aaaa-0001", s1).status, 201);
  const int64_t s2 = Selfie(p2, messi_);
  ASSERT_EQ(Check(p2, "in", "key-in-000002", "phone-bbbb-0002", s2).status, 201);
  auto own = Reused(Flags("inst_a", cls_));
  ASSERT_EQ(own.size(), 1u) << json::serialize(Flags("inst_a", cls_));
  EXPECT_EQ(own[0].at("person_ids"), (json::array{std::min(p1_, p2_), std::max(p1_, p2_)}));
  EXPECT_EQ(own[0].at("session_seq").as_int64(), 1);
  const auto& ev = own[0].at("evidence");
  EXPECT_EQ(std::set<int64_t>({ev.at("selfie_id").as_int64(), ev.at("other_selfie_id").as_int64()}),
            std::set<int64_t>({s1, s2}));
  EXPECT_FALSE(ev.as_object().contains("other_class"));
  EXPECT_NE(Str(own[0].at("message")).find("本班另一学员"), std::string::npos);
  EXPECT_EQ(Reused(Flags("reviewer_a", cls_)).size(), 1u);

  // A class of another institution in another district, whose trainee sends the same picture.
  const int64_t p3 = Id(Post("inst_b", "/trainees", Person("王五", ValidId(13))));
  const int64_t cls_b = Class("inst_b", inst_b_, "乙校秘密班", {p3});
  auto dec =
      Post("inst_b", "/classes/" + std::to_string(cls_b) + "/declare",
           R"({"version":)" +
               std::to_string(
                   J(Get("inst_b", "/classes/" + std::to_string(cls_b))).at("version").as_int64()) +
               "}");
  ASSERT_EQ(dec.status, 200) << dec.body;
  auto rev = Post("reviewer_b", "/classes/" + std::to_string(cls_b) + "/review",
                  R"({"decision":"approve","reason":"","version":)" +
                      std::to_string(J(dec).at("version").as_int64()) + "}");
  ASSERT_EQ(rev.status, 200) << rev.body;
  Headers p3h = Phone("王五", ValidId(13), "phone-cccc-0003", Qr(1, cls_b, "inst_b"));
  const int64_t s3 = Selfie(p3h, messi_);
  ASSERT_EQ(Check(p3h, "in", "key-in-000003", "phone-cccc-0003", s3, Qr(1, cls_b, "inst_b")).status,
            201);

  // Institution A and A's district reviewer: the other class is "另一培训班", no id, no seq,
  // no person of it.
  for (const std::string who : {"inst_a", "reviewer_a"}) {
    const json::array flags = Flags(who, cls_);
    const std::string text = json::serialize(flags);
    EXPECT_EQ(text.find("乙校秘密班"), std::string::npos) << who << " " << text;
    EXPECT_EQ(text.find(std::to_string(p3)), std::string::npos) << who << " " << text;
    auto reused = Reused(flags);
    ASSERT_EQ(reused.size(), 3u) << who << " " << text;  // p1~p2, p1~p3's, p2~p3's
    int across = 0;
    for (const auto& f : reused) {
      const auto& e = f.at("evidence").as_object();
      if (!e.contains("other_class")) continue;
      ++across;
      EXPECT_TRUE(e.at("other_class").at("id").is_null()) << f;
      EXPECT_EQ(Str(e.at("other_class").at("title")), "另一培训班");
      EXPECT_TRUE(e.at("other_session_seq").is_null()) << f;
      EXPECT_EQ(e.at("other_selfie_id").as_int64(), s3);
      EXPECT_EQ(f.at("person_ids").as_array().size(), 1u) << f;
      EXPECT_NE(Str(f.at("message")).find("另一培训班"), std::string::npos) << f;
    }
    EXPECT_EQ(across, 2) << who;
  }
  // Institution B sees its own flags, A's class unnamed; the city bureau sees both named.
  auto b_flags = Reused(Flags("inst_b", cls_b));
  ASSERT_EQ(b_flags.size(), 2u);
  for (const auto& f : b_flags) {
    EXPECT_TRUE(f.at("evidence").at("other_class").at("id").is_null()) << f;
    EXPECT_EQ(f.at("person_ids"), json::array{p3});
  }
  auto city = Reused(Flags("admin", cls_));
  ASSERT_EQ(city.size(), 3u);
  for (const auto& f : city) {
    const auto& e = f.at("evidence").as_object();
    if (!e.contains("other_class")) continue;
    EXPECT_EQ(e.at("other_class").at("id").as_int64(), cls_b) << f;
    EXPECT_EQ(Str(e.at("other_class").at("title")), "乙校秘密班");
    EXPECT_EQ(e.at("other_session_seq").as_int64(), 1);
    EXPECT_NE(Str(f.at("message")).find("乙校秘密班"), std::string::npos) << f;
  }
}

// `--image-threads 0`: OpenCV finds the faces on the request's own thread and starts none of its
// own (ThreadSanitizer's run uses it: OpenCV's TBB pool synchronises where TSan cannot see).
class SelfiesOnTheRequestThread : public Selfies {
 protected:
  std::vector<std::string> ServeArgs() const override { return {"--image-threads", "0"}; }
};

// The server's threads, from /proc.
size_t Threads(pid_t pid) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
    ++n;
  }
  return n;
}

TEST_P(SelfiesOnTheRequestThread, StartNoThreadOfTheirOwn) {
  clock_->Set("2021-10-11T08:10:00+08:00");
  Headers p1 = Phone("张三", ValidId(11), "phone-thread-0001");
  ASSERT_FALSE(p1.empty());
  const size_t before = Threads(server_->pid());
  EXPECT_EQ(Upload(p1, messi_).status, 201);
  EXPECT_EQ(Upload(p1, TwoFaces(messi_)).status, 422);
  EXPECT_EQ(Threads(server_->pid()), before);
}

// Without the option OpenCV starts its pool (a thread per further core) at the first image: what
// the option above prevents.
TEST_P(Selfies, OpenCvStartsItsOwnThreadsByDefault) {
  if (std::thread::hardware_concurrency() < 2) GTEST_SKIP() << "one core: OpenCV starts no pool";
  if (std::getenv("ANPEI_IMAGE_THREADS")) GTEST_SKIP() << "$ANPEI_IMAGE_THREADS sets the pool";
  clock_->Set("2021-10-11T08:10:00+08:00");
  Headers p1 = Phone("张三", ValidId(11), "phone-thread-0002");
  ASSERT_FALSE(p1.empty());
  const size_t before = Threads(server_->pid());
  EXPECT_EQ(Upload(p1, messi_).status, 201);
  EXPECT_GT(Threads(server_->pid()), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, SelfiesOnTheRequestThread,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

INSTANTIATE_TEST_SUITE_P(Backends, Selfies, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
