// Evidence of classes (issue 14) through the real server on SQLite and PostgreSQL: resumable
// uploads by tus 1.0.0 (created with metadata, appended in pieces, interrupted by a server restart
// and resumed from the offset HEAD gives, 409 on a wrong offset, terminated), the file checked on
// its last byte (a .mp4 that is not a video, a truncated photo or video: refused, nothing kept),
// the same bytes kept once, the class's list with photo and video reports and problems (EXIF time
// outside the session, a photo used in another class named only to those who may see it, a group
// photo with fewer faces than the head-count), the bytes with Range, deletion refused before
// retain_until and under a legal hold, and who may do what (another institution or district: 404).
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "support/accounts.h"
#include "support/fixtures.h"
#include "support/server_process.h"
#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::HttpResult;
using testing::ServerProcess;
using testing::TestDatabase;
using testing::ValidId;
using Headers = std::map<std::string, std::string>;

constexpr const char* kData = "/usr/share/doc/opencv-doc/examples/data/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json::value J(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value(nullptr) : v;
}
std::string Str(const json::value& v) { return std::string(v.as_string()); }
std::string ErrorOf(const HttpResult& r, const char* key) {
  auto v = J(r);
  if (!v.is_object() || !v.as_object().contains("error")) return "";
  const auto& e = v.at("error").as_object();
  return e.contains(key) && e.at(key).is_string() ? Str(e.at(key)) : "";
}
std::string Reason(const HttpResult& r) { return ErrorOf(r, "reason"); }
std::string Field(const HttpResult& r) { return ErrorOf(r, "field"); }

std::string B64(const std::string& in) {
  static constexpr char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], k[n & 63]};
  }
  if (i + 1 == in.size()) {
    const uint32_t n = uint8_t(in[i]) << 16;
    out += {k[n >> 18], k[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], '='};
  }
  return out;
}

// A JPEG with an EXIF APP1 segment carrying DateTimeOriginal = `when` ("YYYY:MM:DD HH:MM:SS"):
// IFD0 with the Exif IFD pointer, the Exif IFD with the one tag (little-endian TIFF).
std::string WithExif(const std::string& jpeg, const std::string& when) {
  std::string t("II*\0\x08\0\0\0", 8);
  auto u16 = [&](uint16_t v) { t += char(v & 0xff), t += char(v >> 8); };
  auto u32 = [&](uint32_t v) {
    for (int i = 0; i < 4; ++i) t += char((v >> (8 * i)) & 0xff);
  };
  u16(1), u16(0x8769), u16(4), u32(1), u32(26), u32(0);   // IFD0 at 8: ExifIFD at 26
  u16(1), u16(0x9003), u16(2), u32(20), u32(44), u32(0);  // ExifIFD at 26: the string at 44
  t += when;
  t += '\0';
  const std::string app1 = std::string("Exif\0\0", 6) + t;
  const size_t len = app1.size() + 2;
  std::string seg = "\xff\xe1";
  seg += char(len >> 8), seg += char(len & 0xff);
  return jpeg.substr(0, 2) + seg + app1 + jpeg.substr(2);
}

// Two copies of a picture side by side (two faces from a one-face photo).
std::string SideBySide(const std::string& one) {
  const cv::Mat m =
      cv::imdecode(cv::Mat(1, static_cast<int>(one.size()), CV_8U, const_cast<char*>(one.data())),
                   cv::IMREAD_COLOR);
  cv::Mat two;
  cv::hconcat(m, m, two);
  std::vector<uchar> buf;
  cv::imencode(".jpg", two, buf);
  return {buf.begin(), buf.end()};
}

// Five sessions 2021-10-11..15, 08:30–11:30, the last two practical.
std::string Sessions() {
  json::array out;
  for (int i = 0; i < 5; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2021-10-%02d", 11 + i);
    out.push_back(json::object{{"date", date},
                               {"start", "08:30"},
                               {"end", "11:30"},
                               {"hours", 4},
                               {"kind", i >= 3 ? "practical" : "theory"},
                               {"delivery", "offline"},
                               {"teacher", "t1"}});
  }
  return json::serialize(out);
}

const std::vector<std::string> kUsers = {"inst_a",  "inst_b", "reviewer_a", "reviewer_b",
                                         "finance", "hrss",   "auditor"};

class Evidence : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("anpei-evidence-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    const std::vector<std::string> common = {"-hide_banner", "-loglevel", "error", "-y"};
    auto make = [&](std::vector<std::string> args) {
      args.insert(args.begin(), common.begin(), common.end());
      auto r = testing::RunProcess("/usr/bin/ffmpeg", args, {}, std::chrono::seconds(60));
      ASSERT_EQ(r.exit_code, 0) << r.err;
    };
    // 8 s made on 2021-10-14 at 08:40 local time (00:40 UTC): inside the fourth session.
    make({"-f", "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "8", "-c:v", "libx264",
          "-preset", "veryfast", "-metadata", "creation_time=2021-10-14T00:40:00Z",
          (dir_ / "practical.mp4").string()});
  }

  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    messi_ = ReadFile(std::string(kData) + "messi5.jpg");
    baboon_ = ReadFile(std::string(kData) + "baboon.jpg");
    ASSERT_FALSE(messi_.empty()) << "opencv-doc is not installed";
    video_ = ReadFile((dir_ / "practical.mp4").string());
    ASSERT_FALSE(video_.empty());
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    blob_dir_ = (dir_ / ("blobs-" + GetParam())).string();
    fs::remove_all(blob_dir_);
    Start("2021-10-12T12:00:00+08:00");
    Post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post("admin", "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_ = Institution("甲校", testing::ValidUscc(1), "350503");
    inst_b_ = Institution("乙校", testing::ValidUscc(2), "350582");
    User("inst_a", "institution", R"("institution_id":)" + std::to_string(inst_a_));
    User("inst_b", "institution", R"("institution_id":)" + std::to_string(inst_b_));
    User("reviewer_a", "police_reviewer", R"("district_code":"350503")");
    User("reviewer_b", "police_reviewer", R"("district_code":"350582")");
    User("finance", "finance", "");
    User("hrss", "hrss", "");
    User("auditor", "auditor", "");
    cls_a_ = Approved("inst_a", "reviewer_a", inst_a_, "甲校保安员一班", 10);
    cls_b_ = Approved("inst_b", "reviewer_b", inst_b_, "乙校保安员一班", 30);
    declared_a_ = Class("inst_a", inst_a_, "甲校待审班", 50);
    ASSERT_EQ(
        Post("inst_a", "/classes/" + std::to_string(declared_a_) + "/declare", R"({"version":1})")
            .status,
        200);
  }

  void Start(const std::string& clock) {
    server_.reset();
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file(), "--fixed-clock",
                                 clock, "--blob-dir", blob_dir_});
    ASSERT_TRUE(server_->started());
    as_["admin"] = server_->SignIn("admin", testing::kTestPassword);
    for (const auto& name : kUsers) {
      if (as_.count(name)) as_[name] = server_->SignIn(name, testing::kTestPassword);
    }
  }
  int64_t Institution(const std::string& name, const std::string& uscc,
                      const std::string& district) {
    const int64_t id = Id(Post("admin", "/institutions",
                               R"({"name":")" + name + R"(","uscc":")" + uscc +
                                   R"(","district_code":")" + district + "\"}"));
    teachers_[id] =
        Id(Post("admin", "/teachers",
                R"({"institution_id":)" + std::to_string(id) + R"(,"name":"陈老师","id_number":")" +
                    ValidId(900 + static_cast<int>(id % 50), 1975) + "\"}"));
    return id;
  }
  void User(const std::string& name, const std::string& role, const std::string& scope) {
    auto r = Post("admin", "/users",
                  R"({"username":")" + name + R"(","roles":[")" + role + R"("],"password":")" +
                      testing::kTestPassword + "\"" + (scope.empty() ? "" : "," + scope) + "}");
    ASSERT_EQ(r.status, 201) << r.body;
    as_[name] = server_->SignIn(name, testing::kTestPassword);
  }
  HttpResult Req(const std::string& who, const std::string& method, const std::string& path,
                 const std::string& body = {}, Headers extra = {},
                 const std::string& type = "application/json") {
    Headers h = as_[who];
    for (auto& [k, v] : extra) h[k] = v;
    return server_->Request(method, "/api/v1" + path, body, h, type);
  }
  HttpResult Post(const std::string& who, const std::string& path, const std::string& body) {
    return Req(who, "POST", path, body);
  }
  HttpResult Get(const std::string& who, const std::string& path) { return Req(who, "GET", path); }
  int64_t Id(const HttpResult& r) {
    EXPECT_TRUE(r.status == 200 || r.status == 201) << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  // A class with two trainees on its roster.
  int64_t Class(const std::string& who, int64_t inst, const std::string& title, int person) {
    std::string roster;
    for (int k = 0; k < 2; ++k) {
      const int64_t t = Id(Post(who, "/trainees",
                                R"({"name":"学员)" + std::to_string(person + k) +
                                    R"(","id_number":")" + ValidId(person + k) +
                                    R"(","phone":"13800001234","group":"security_staff"})"));
      roster += (roster.empty() ? "" : ",") + std::to_string(t);
    }
    return Id(
        Post(who, "/classes",
             R"({"institution_id":)" + std::to_string(inst) +
                 R"(,"occupation":"security_guard","title":")" + title +
                 R"(","venue":{"address":"丰泽区东海街道"},"teachers":[{"key":"t1","teacher_id":)" +
                 std::to_string(teachers_[inst]) + R"(}],"sessions":)" + Sessions() +
                 R"(,"roster":[)" + roster + "]}"));
  }
  int64_t Approved(const std::string& who, const std::string& reviewer, int64_t inst,
                   const std::string& title, int person) {
    const int64_t cls = Class(who, inst, title, person);
    auto d = Post(who, "/classes/" + std::to_string(cls) + "/declare", R"({"version":1})");
    EXPECT_EQ(d.status, 200) << d.body;
    auto r = Post(reviewer, "/classes/" + std::to_string(cls) + "/review",
                  R"({"decision":"approve","reason":"","version":)" +
                      std::to_string(J(d).at("version").as_int64()) + "}");
    EXPECT_EQ(r.status, 200) << r.body;
    return cls;
  }

  // tus: creation. Returns the response; the upload's path is its Location.
  HttpResult Create(const std::string& who, int64_t cls, const std::string& kind,
                    const std::string& name, int64_t length, std::optional<int> session = {},
                    Headers extra = {}) {
    std::string meta = "kind " + B64(kind) + ",filename " + B64(name);
    if (session) meta += ",session " + B64(std::to_string(*session));
    Headers h = {{"Tus-Resumable", "1.0.0"},
                 {"Upload-Length", std::to_string(length)},
                 {"Upload-Metadata", meta}};
    for (auto& [k, v] : extra) h[k] = v;
    return Req(who, "POST", "/classes/" + std::to_string(cls) + "/evidence/uploads", "", h);
  }
  HttpResult Patch(const std::string& who, const std::string& location, int64_t offset,
                   const std::string& bytes) {
    return server_->Request(
        "PATCH", location, bytes,
        [&] {
          Headers h = as_[who];
          h["Tus-Resumable"] = "1.0.0";
          h["Upload-Offset"] = std::to_string(offset);
          return h;
        }(),
        "application/offset+octet-stream");
  }
  HttpResult Head(const std::string& who, const std::string& location) {
    Headers h = as_[who];
    h["Tus-Resumable"] = "1.0.0";
    return server_->Request("HEAD", location, "", h);
  }
  // A whole upload in pieces of `piece` bytes; the final PATCH's response.
  HttpResult Upload(const std::string& who, int64_t cls, const std::string& kind,
                    const std::string& name, const std::string& bytes,
                    std::optional<int> session = {}, size_t piece = 256 * 1024) {
    auto c = Create(who, cls, kind, name, static_cast<int64_t>(bytes.size()), session);
    if (c.status != 201) return c;
    const std::string location = c.headers["location"];
    HttpResult last;
    for (size_t at = 0; at < bytes.size(); at += piece) {
      last = Patch(who, location, static_cast<int64_t>(at), bytes.substr(at, piece));
      if (last.status != 204) return last;
    }
    return last;
  }
  int64_t Uploaded(const std::string& who, int64_t cls, const std::string& kind,
                   const std::string& name, const std::string& bytes,
                   std::optional<int> session = {}) {
    auto r = Upload(who, cls, kind, name, bytes, session);
    EXPECT_EQ(r.status, 204) << r.body;
    EXPECT_TRUE(r.headers.count("evidence-id")) << r.body;
    return r.headers.count("evidence-id") ? std::stoll(r.headers["evidence-id"]) : 0;
  }
  json::array Items(const std::string& who, int64_t cls) {
    auto r = Get(who, "/classes/" + std::to_string(cls) + "/evidence");
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("items").as_array();
  }
  json::object Item(const std::string& who, int64_t cls, int64_t id) {
    for (auto& i : Items(who, cls)) {
      if (i.at("id").as_int64() == id) return i.as_object();
    }
    ADD_FAILURE() << "item " << id << " not listed";
    return {};
  }
  static std::vector<std::string> Rules(const json::object& item) {
    std::vector<std::string> out;
    for (const auto& p : item.at("problems").as_array()) out.push_back(Str(p.at("rule")));
    return out;
  }
  int64_t AuditCount(const std::string& action) {
    auto r = Get("admin", "/audit-events?action=" + action);
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("total").as_int64();
  }
  size_t BlobFiles() {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(blob_dir_)) {
      const auto name = e.path().filename().string();
      if (e.is_regular_file() && name.size() == 64) ++n;
    }
    return n;
  }
  size_t PartialFiles() {
    size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(fs::path(blob_dir_) / "partial"))
      ++n;
    return n;
  }

  static fs::path dir_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, Headers> as_;
  std::map<int64_t, int64_t> teachers_;
  std::string blob_dir_, messi_, baboon_, video_;
  int64_t inst_a_ = 0, inst_b_ = 0, cls_a_ = 0, cls_b_ = 0, declared_a_ = 0;
};

fs::path Evidence::dir_;

TEST_P(Evidence, TusDiscoveryAndCreationCheckTheMetadata) {
  auto o = server_->Request("OPTIONS", "/api/v1/evidence/uploads", "", Headers{});
  EXPECT_EQ(o.status, 204);
  EXPECT_EQ(o.headers["tus-resumable"], "1.0.0");
  EXPECT_EQ(o.headers["tus-version"], "1.0.0");
  EXPECT_EQ(o.headers["tus-extension"], "creation,termination");
  EXPECT_EQ(o.headers["tus-max-size"], std::to_string(int64_t{4096} << 20));

  auto c = Create("inst_a", cls_a_, "group_photo", "合影.jpg", 1000, 1);
  ASSERT_EQ(c.status, 201) << c.body;
  EXPECT_TRUE(c.headers["location"].starts_with("/api/v1/evidence/uploads/"));
  EXPECT_EQ(c.headers["tus-resumable"], "1.0.0");
  auto h = Head("inst_a", c.headers["location"]);
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.headers["upload-offset"], "0");
  EXPECT_EQ(h.headers["upload-length"], "1000");
  EXPECT_EQ(h.headers["cache-control"], "no-store");
  EXPECT_EQ(AuditCount("evidence.upload_start"), 1);

  // Bad metadata names the field and opens nothing.
  auto kind = Create("inst_a", cls_a_, "selfie", "a.jpg", 10);
  EXPECT_EQ(kind.status, 400);
  EXPECT_EQ(Field(kind), "kind");
  EXPECT_EQ(Field(Create("inst_a", cls_a_, "group_photo", "", 10)), "filename");
  EXPECT_EQ(Field(Create("inst_a", cls_a_, "group_photo", "a/b.jpg", 10)), "filename");
  EXPECT_EQ(Field(Create("inst_a", cls_a_, "group_photo", "a.jpg", 10, 6)), "session");
  EXPECT_EQ(Field(Create("inst_a", cls_a_, "group_photo", "a.jpg", 0)), "Upload-Length");
  auto big = Create("inst_a", cls_a_, "group_photo", "a.jpg", (int64_t{20} << 20) + 1);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Field(big), "Upload-Length");
  EXPECT_EQ(Create("inst_a", cls_a_, "theory_video", "a.mp4", int64_t{3} << 30, 1).status, 201);
  EXPECT_EQ(Create("inst_a", cls_a_, "theory_video", "a.mp4", (int64_t{4096} << 20) + 1).status,
            413);
  auto bad64 =
      Create("inst_a", cls_a_, "group_photo", "a.jpg", 10, {}, {{"Upload-Metadata", "kind !!!"}});
  EXPECT_EQ(bad64.status, 400);
  EXPECT_EQ(Field(bad64), "Upload-Metadata");
  auto version =
      Create("inst_a", cls_a_, "group_photo", "a.jpg", 10, {}, {{"Tus-Resumable", "0.2.2"}});
  EXPECT_EQ(version.status, 412);
  EXPECT_EQ(version.headers["tus-version"], "1.0.0");
  // A class not approved yet: 409; another institution's class or a missing one: 404; the police
  // do not upload (403); nobody signed in: 401.
  auto declared = Create("inst_a", declared_a_, "group_photo", "a.jpg", 10);
  EXPECT_EQ(declared.status, 409);
  EXPECT_EQ(Reason(declared), "evidence.class_not_approved");
  EXPECT_EQ(Create("inst_b", cls_a_, "group_photo", "a.jpg", 10).status, 404);
  EXPECT_EQ(Create("inst_a", 999999, "group_photo", "a.jpg", 10).status, 404);
  EXPECT_EQ(Create("reviewer_a", cls_a_, "group_photo", "a.jpg", 10).status, 403);
  EXPECT_EQ(Create("nobody", cls_a_, "group_photo", "a.jpg", 10).status, 401);
  EXPECT_EQ(AuditCount("evidence.upload_start"), 2);
  // Only its creator sees an upload.
  EXPECT_EQ(Head("inst_b", c.headers["location"]).status, 404);
  EXPECT_EQ(Head("admin", c.headers["location"]).status, 403);
  EXPECT_EQ(Head("inst_a", "/api/v1/evidence/uploads/no-such-upload-id-000000").status, 404);
}

TEST_P(Evidence, UploadInterruptedAndResumedAfterARestart) {
  const std::string photo = WithExif(messi_, "2021:10:11 09:05:00");
  auto c =
      Create("inst_a", cls_a_, "group_photo", "合影.jpg", static_cast<int64_t>(photo.size()), 1);
  ASSERT_EQ(c.status, 201) << c.body;
  const std::string loc = c.headers["location"];
  const int64_t half = static_cast<int64_t>(photo.size() / 2);
  auto first = Patch("inst_a", loc, 0, photo.substr(0, half));
  ASSERT_EQ(first.status, 204) << first.body;
  EXPECT_EQ(first.headers["upload-offset"], std::to_string(half));
  EXPECT_FALSE(first.headers.count("evidence-id"));
  // A wrong offset changes nothing.
  auto wrong = Patch("inst_a", loc, 0, photo.substr(0, 100));
  EXPECT_EQ(wrong.status, 409);
  EXPECT_EQ(Reason(wrong), "evidence.offset_mismatch");
  auto ahead = Patch("inst_a", loc, half + 10, "xyz");
  EXPECT_EQ(ahead.status, 409);
  // The wrong content type and bytes past Upload-Length are refused.
  auto type = server_->Request(
      "PATCH", loc, "abc",
      [&] {
        Headers h = as_["inst_a"];
        h["Tus-Resumable"] = "1.0.0";
        h["Upload-Offset"] = std::to_string(half);
        return h;
      }(),
      "application/octet-stream");
  EXPECT_EQ(type.status, 415);
  auto over = Patch("inst_a", loc, half, photo.substr(half) + "extra");
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(Reason(over), "evidence.upload_overflow");
  // Another institution cannot append.
  EXPECT_EQ(Patch("inst_b", loc, half, photo.substr(half)).status, 404);

  // The server goes away mid-upload and comes back: HEAD gives the offset, the rest follows.
  Start("2021-10-12T12:30:00+08:00");
  auto h = Head("inst_a", loc);
  ASSERT_EQ(h.status, 200);
  EXPECT_EQ(h.headers["upload-offset"], std::to_string(half));
  auto last = Patch("inst_a", loc, half, photo.substr(half));
  ASSERT_EQ(last.status, 204) << last.body;
  EXPECT_EQ(last.headers["upload-offset"], std::to_string(photo.size()));
  ASSERT_TRUE(last.headers.count("evidence-id"));
  const int64_t id = std::stoll(last.headers["evidence-id"]);
  // The upload is closed; the item is listed with its photo report.
  EXPECT_EQ(Head("inst_a", loc).status, 404);
  EXPECT_EQ(PartialFiles(), 0u);
  auto item = Item("inst_a", cls_a_, id);
  EXPECT_EQ(Str(item.at("kind")), "group_photo");
  EXPECT_EQ(Str(item.at("kind_name")), "集体照");
  EXPECT_EQ(item.at("session_seq").as_int64(), 1);
  EXPECT_EQ(Str(item.at("file_name")), "合影.jpg");
  EXPECT_EQ(item.at("size").as_int64(), static_cast<int64_t>(photo.size()));
  EXPECT_EQ(Str(item.at("mime")), "image/jpeg");
  EXPECT_EQ(Str(item.at("uploaded_by")), "inst_a");
  EXPECT_EQ(Str(item.at("uploaded_at")), "2021-10-12T12:30:00+08:00");
  // Kept three years after the class's last session (2021-10-15), through that day.
  EXPECT_EQ(Str(item.at("retain_until")), "2024-10-16T00:00:00+08:00");
  EXPECT_FALSE(item.at("legal_hold").as_bool());
  const auto& p = item.at("photo").as_object();
  EXPECT_EQ(Str(p.at("captured_at")), "2021-10-11T09:05:00+08:00");
  EXPECT_EQ(p.at("faces").as_int64(), 1);
  EXPECT_EQ(Str(p.at("phash")).size(), 16u);
  EXPECT_GT(p.at("width").as_int64(), 0);
  EXPECT_TRUE(item.at("video").is_null());
  // One face for two trainees on the roster (nobody checked in): the group photo is flagged.
  EXPECT_EQ(Rules(item), std::vector<std::string>{"EVIDENCE_GROUP_PHOTO_FACES"});
  EXPECT_EQ(AuditCount("evidence.upload"), 1);

  // The bytes, whole and by range.
  auto whole = Get("inst_a", "/evidence/" + std::to_string(id) + "/content");
  ASSERT_EQ(whole.status, 200);
  EXPECT_EQ(whole.body, photo);
  EXPECT_EQ(whole.headers["content-type"], "image/jpeg");
  EXPECT_EQ(whole.headers["accept-ranges"], "bytes");
  auto part = Req("reviewer_a", "GET", "/evidence/" + std::to_string(id) + "/content", "",
                  {{"Range", "bytes=10-19"}});
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, photo.substr(10, 10));
  EXPECT_EQ(part.headers["content-range"], "bytes 10-19/" + std::to_string(photo.size()));
  auto beyond = Req("inst_a", "GET", "/evidence/" + std::to_string(id) + "/content", "",
                    {{"Range", "bytes=99999999-"}});
  EXPECT_EQ(beyond.status, 416);
  EXPECT_EQ(AuditCount("evidence.view"), 1);  // the first look; further ranges are not audited
}

TEST_P(Evidence, TerminatedUploadLeavesNothing) {
  auto c = Create("inst_a", cls_a_, "sign_in_sheet", "签到表.png", 5000);
  ASSERT_EQ(c.status, 201);
  ASSERT_EQ(Patch("inst_a", c.headers["location"], 0, std::string(100, 'x')).status, 204);
  EXPECT_EQ(PartialFiles(), 1u);
  EXPECT_EQ(
      Req("inst_b", "DELETE", c.headers["location"].substr(7), "", {{"Tus-Resumable", "1.0.0"}})
          .status,
      404);
  auto del =
      Req("inst_a", "DELETE", c.headers["location"].substr(7), "", {{"Tus-Resumable", "1.0.0"}});
  EXPECT_EQ(del.status, 204) << del.body;
  EXPECT_EQ(PartialFiles(), 0u);
  EXPECT_EQ(Head("inst_a", c.headers["location"]).status, 404);
  EXPECT_EQ(AuditCount("evidence.upload_cancel"), 1);
}

TEST_P(Evidence, MislabelledAndTruncatedFilesAreRefusedAndNothingIsKept) {
  // A ".mp4" that is a photo, a text file as a photo.
  auto mp4 = Upload("inst_a", cls_a_, "practical_video", "实操.mp4", messi_, 4);
  EXPECT_EQ(mp4.status, 400) << mp4.body;
  EXPECT_EQ(Reason(mp4), "blob.type");
  EXPECT_EQ(Field(mp4), "file");
  auto text = Upload("inst_a", cls_a_, "practical_photo", "a.jpg", std::string(3000, 'a'), 4);
  EXPECT_EQ(Reason(text), "blob.type");
  // A photo cut short and a video cut short: the decoders refuse them as values.
  auto photo = Upload("inst_a", cls_a_, "practical_photo", "半张.jpg",
                      messi_.substr(0, messi_.size() / 3), 4);
  EXPECT_EQ(photo.status, 400) << photo.body;
  EXPECT_EQ(Reason(photo), "evidence.photo_unreadable");
  auto video = Upload("inst_a", cls_a_, "practical_video", "半段.mp4",
                      video_.substr(0, video_.size() / 2), 4);
  EXPECT_EQ(video.status, 400) << video.body;
  EXPECT_EQ(Reason(video), "evidence.video_unreadable");
  EXPECT_FALSE(ErrorOf(video, "message").empty());
  // Nothing kept: no item, no blob, no partial.
  EXPECT_TRUE(Items("inst_a", cls_a_).empty());
  EXPECT_EQ(BlobFiles(), 0u);
  EXPECT_EQ(PartialFiles(), 0u);
  EXPECT_EQ(AuditCount("evidence.upload"), 0);
}

TEST_P(Evidence, VideoProbedAndPhotosCheckedAgainstSessionsOtherClassesAndFaces) {
  const int64_t v = Uploaded("inst_a", cls_a_, "practical_video", "实操4.mp4", video_, 4);
  auto vi = Item("inst_a", cls_a_, v);
  EXPECT_EQ(Str(vi.at("mime")), "video/mp4");
  const auto& rep = vi.at("video").as_object();
  EXPECT_NEAR(rep.at("duration_seconds").as_double(), 8.0, 0.2);
  EXPECT_EQ(Str(rep.at("creation_time")), "2021-10-14T08:40:00+08:00");
  EXPECT_EQ(Str(rep.at("codec")), "h264");
  EXPECT_EQ(rep.at("width").as_int64(), 160);
  EXPECT_TRUE(rep.at("gaps").as_array().empty());
  EXPECT_TRUE(vi.at("photo").is_null());
  EXPECT_TRUE(vi.at("problems").as_array().empty());

  // EXIF time inside its session (± 30 minutes) passes; outside is flagged.
  const int64_t in = Uploaded("inst_a", cls_a_, "practical_photo", "p1.jpg",
                              WithExif(baboon_, "2021:10:14 11:50:00"), 4);
  EXPECT_TRUE(Rules(Item("inst_a", cls_a_, in)).empty());
  const int64_t out = Uploaded("inst_a", cls_a_, "practical_photo", "p2.jpg",
                               WithExif(SideBySide(baboon_), "2021:10:14 12:10:00"), 4);
  auto oi = Item("inst_a", cls_a_, out);
  ASSERT_EQ(Rules(oi), std::vector<std::string>{"EVIDENCE_PHOTO_TIME"});
  EXPECT_EQ(Str(oi.at("problems").at(0).at("clause")), "三（一）3（1）");

  // Two faces for two trainees: the group photo passes.
  const int64_t group = Uploaded("inst_a", cls_a_, "group_photo", "合影.jpg", SideBySide(messi_));
  EXPECT_TRUE(Rules(Item("inst_a", cls_a_, group)).empty());

  // The same bytes twice in one class: refused; in another class: kept once (one blob), and
  // flagged there — the later use — naming the first class only to those who may see it. The
  // class that showed the picture first is not flagged for another's copy.
  auto again = Upload("inst_a", cls_a_, "practical_photo", "again.jpg", SideBySide(messi_), 5);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Reason(again), "evidence.duplicate");
  const size_t blobs = BlobFiles();
  const int64_t b = Uploaded("inst_b", cls_b_, "group_photo", "乙校合影.jpg", SideBySide(messi_));
  EXPECT_EQ(BlobFiles(), blobs);
  EXPECT_TRUE(Rules(Item("inst_a", cls_a_, group)).empty());
  auto theirs = Item("inst_b", cls_b_, b);
  ASSERT_EQ(Rules(theirs), std::vector<std::string>{"EVIDENCE_PHOTO_REUSED"});
  const std::string hidden = Str(theirs.at("problems").at(0).at("message"));
  EXPECT_NE(hidden.find("另一培训班"), std::string::npos) << hidden;
  EXPECT_EQ(hidden.find("甲校保安员一班"), std::string::npos) << hidden;
  const std::string named = Str(Item("admin", cls_b_, b).at("problems").at(0).at("message"));
  EXPECT_NE(named.find("甲校保安员一班"), std::string::npos) << named;
  // A re-encoded copy (another JPEG quality) is found too, through the hash bands.
  const cv::Mat m = cv::imdecode(
      cv::Mat(1, static_cast<int>(baboon_.size()), CV_8U, const_cast<char*>(baboon_.data())),
      cv::IMREAD_COLOR);
  std::vector<uchar> buf;
  cv::imencode(".jpg", m, buf, {cv::IMWRITE_JPEG_QUALITY, 40});
  const int64_t copy = Uploaded("inst_b", cls_b_, "practical_photo", "copy.jpg",
                                std::string(buf.begin(), buf.end()), 4);
  EXPECT_EQ(Rules(Item("inst_b", cls_b_, copy)), std::vector<std::string>{"EVIDENCE_PHOTO_REUSED"});
}

TEST_P(Evidence, DeletionRefusedBeforeRetentionAndUnderALegalHold) {
  const int64_t a = Uploaded("inst_a", cls_a_, "sign_in_sheet", "签到表.jpg", baboon_);
  const int64_t b = Uploaded("inst_a", cls_a_, "practical_photo", "p.jpg", messi_, 4);
  auto early = Req("inst_a", "DELETE", "/evidence/" + std::to_string(a));
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(Reason(early), "evidence.retained");
  // The legal hold: officials only, a reason required.
  const std::string hold = "/evidence/" + std::to_string(b) + "/legal-hold";
  EXPECT_EQ(Req("inst_a", "PUT", hold, R"({"hold":true,"reason":"涉嫌骗补"})").status, 403);
  auto no_reason = Req("hrss", "PUT", hold, R"({"hold":true,"reason":" "})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(Field(no_reason), "reason");
  EXPECT_EQ(Field(Req("hrss", "PUT", hold, R"({"reason":"x"})")), "hold");
  auto held = Req("hrss", "PUT", hold, R"({"hold":true,"reason":"涉嫌骗补，公安机关立案调查"})");
  ASSERT_EQ(held.status, 200) << held.body;
  EXPECT_TRUE(J(held).at("legal_hold").as_bool());
  EXPECT_EQ(Str(J(held).at("legal_hold_reason")), "涉嫌骗补，公安机关立案调查");
  EXPECT_EQ(Req("hrss", "PUT", "/evidence/999999/legal-hold", R"({"hold":false})").status, 404);

  // Four years on: the free item may go, the held one may not, until the hold is lifted.
  Start("2025-11-30T10:00:00+08:00");
  EXPECT_EQ(Req("reviewer_a", "DELETE", "/evidence/" + std::to_string(a)).status, 403);
  EXPECT_EQ(Req("inst_b", "DELETE", "/evidence/" + std::to_string(a)).status, 404);
  EXPECT_EQ(Req("inst_a", "DELETE", "/evidence/" + std::to_string(a)).status, 204);
  auto blocked = Req("inst_a", "DELETE", "/evidence/" + std::to_string(b));
  EXPECT_EQ(blocked.status, 409);
  EXPECT_EQ(Reason(blocked), "evidence.legal_hold");
  ASSERT_EQ(Req("auditor", "PUT", hold, R"({"hold":false})").status, 200);
  EXPECT_EQ(Req("admin", "DELETE", "/evidence/" + std::to_string(b)).status, 204);
  EXPECT_TRUE(Items("inst_a", cls_a_).empty());
  EXPECT_EQ(Get("inst_a", "/evidence/" + std::to_string(a) + "/content").status, 404);
  EXPECT_EQ(AuditCount("evidence.delete"), 2);
  EXPECT_EQ(AuditCount("evidence.legal_hold"), 1);
  EXPECT_EQ(AuditCount("evidence.legal_hold_release"), 1);
}

TEST_P(Evidence, OnlyTheClassInstitutionItsDistrictAndOfficialsSeeIt) {
  const int64_t id = Uploaded("inst_a", cls_a_, "practical_photo", "p.jpg", messi_, 4);
  const std::string list = "/classes/" + std::to_string(cls_a_) + "/evidence";
  const std::string content = "/evidence/" + std::to_string(id) + "/content";
  for (const std::string who : {"inst_a", "reviewer_a", "admin", "hrss", "auditor"}) {
    EXPECT_EQ(Get(who, list).status, 200) << who;
    EXPECT_EQ(Get(who, content).status, 200) << who;
  }
  for (const std::string who : {"inst_b", "reviewer_b"}) {
    auto r = Get(who, list);
    EXPECT_EQ(r.status, 404) << who;
    auto missing = Get(who, "/classes/999999/evidence");
    EXPECT_EQ(Reason(r), Reason(missing)) << who;
    EXPECT_EQ(Field(r), Field(missing)) << who;
    EXPECT_EQ(Get(who, content).status, 404) << who;
  }
  EXPECT_EQ(Get("finance", list).status, 403);
  EXPECT_EQ(server_->Request("GET", "/api/v1" + list).status, 401);
  EXPECT_EQ(Get("inst_a", "/evidence/999999/content").status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, Evidence, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
