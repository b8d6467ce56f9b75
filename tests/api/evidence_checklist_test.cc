// The evidence checklist of a class (issue 14, Deliver 5) through the real server on SQLite and
// PostgreSQL, computed from real files by the real decoders: an approved class starts with every
// item its plan requires missing; a practical session's video (encoded here by
// adapters/video/synthetic_video, placed by its creation time) turns its item present, a video
// with a gap in every class hour turns another failed; a practical photo used before in another
// class counts as a problem, not a photo; an approved paper sign-in adds the scanned-sheet item
// and the sheet uploaded with the exception fills it; the XLSX export is one audit event; and who
// may see it (another institution or district: 404, 财政: 403).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "adapters/video/synthetic_video.h"
#include "support/api_world.h"
#include "support/fixtures.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::Headers;
using testing::HttpResult;
using testing::J;
using testing::Str;
using testing::ValidId;

constexpr const char* kData = "/usr/share/doc/opencv-doc/examples/data/";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string B64(const std::string& in) {
  static constexpr char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < in.size(); i += 3) {
    uint32_t n = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
    if (i + 2 < in.size()) n |= uint8_t(in[i + 2]);
    out += k[n >> 18];
    out += k[(n >> 12) & 63];
    out += i + 1 < in.size() ? k[(n >> 6) & 63] : '=';
    out += i + 2 < in.size() ? k[n & 63] : '=';
  }
  return out;
}

// Unix seconds of a local (UTC+8) time on 2021-10-`day`.
int64_t Local(int day, int hour, int minute) {
  // 2021-10-01T00:00:00+08:00 = 1633017600.
  return 1633017600 + (day - 1) * 86400 + hour * 3600 + minute * 60;
}

class EvidenceChecklist : public testing::ApiWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    User("finance", "finance", "");
    p1_ = Id(Post("inst_a", "/trainees", Person("张三", ValidId(11))));
    p2_ = Id(Post("inst_a", "/trainees", Person("李四", ValidId(12))));
    cls_ = Class("inst_a", inst_a_, "保安员初级班（甲）", {p1_, p2_});
    Declare("inst_a", cls_);
    Approve("reviewer_a", cls_);
    dir_ = fs::path(::testing::TempDir()) /
           ("anpei-checklist-" + std::to_string(getpid()) + "-" + GetParam());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string ClassPath(int64_t cls) { return "/classes/" + std::to_string(cls); }

  // A whole file through tus: created with its metadata, sent in one PATCH. The PATCH's answer.
  HttpResult Upload(const std::string& who, int64_t cls, const std::string& kind,
                    const std::string& name, const std::string& bytes,
                    std::optional<int> session = std::nullopt) {
    std::string meta = "kind " + B64(kind) + ",filename " + B64(name);
    if (session) meta += ",session " + B64(std::to_string(*session));
    Headers h = as_.at(who);
    h["Tus-Resumable"] = "1.0.0";
    h["Upload-Length"] = std::to_string(bytes.size());
    h["Upload-Metadata"] = meta;
    auto created =
        server_->Request("POST", "/api/v1" + ClassPath(cls) + "/evidence/uploads", "", h);
    EXPECT_EQ(created.status, 201) << created.body;
    if (created.status != 201) return created;
    h = as_.at(who);
    h["Tus-Resumable"] = "1.0.0";
    h["Upload-Offset"] = "0";
    return server_->Request("PATCH", created.headers["location"], bytes, h,
                            "application/offset+octet-stream");
  }

  // A session video from `start` (Unix s) lasting `seconds`, with `gaps`.
  std::string Video(const std::string& name, int64_t start, double seconds,
                    std::vector<domain::VideoSpan> gaps = {}) {
    adapters::SyntheticVideo v;
    v.seconds = seconds;
    v.creation_time = start;
    v.gaps = std::move(gaps);
    const fs::path path = dir_ / name;
    EXPECT_TRUE(adapters::WriteSyntheticVideo(path.string(), v).ok());
    return ReadFile(path);
  }

  json::object Checklist(const std::string& who, int64_t cls, int expect = 200) {
    auto r = Get(who, ClassPath(cls) + "/evidence/checklist");
    EXPECT_EQ(r.status, expect) << r.body;
    json::value v = J(r);
    return v.is_object() ? v.as_object() : json::object{};
  }
  static std::string State(const json::object& c, const std::string& id) {
    for (const auto& i : c.at("items").as_array()) {
      if (i.at("id") == id.c_str()) return Str(i.at("state"));
    }
    return "absent";
  }
  static const json::object& ItemOf(const json::object& c, const std::string& id) {
    for (const auto& i : c.at("items").as_array()) {
      if (i.at("id") == id.c_str()) return i.as_object();
    }
    static const json::object none;
    return none;
  }

  fs::path dir_;
  int64_t p1_ = 0, p2_ = 0, cls_ = 0;
};

TEST_P(EvidenceChecklist, AnApprovedClassStartsWithWhatItsPlanRequiresMissing) {
  const auto c = Checklist("inst_a", cls_);
  ASSERT_FALSE(c.empty());
  EXPECT_EQ(c.at("class_id").as_int64(), cls_);
  EXPECT_FALSE(c.at("complete").as_bool());
  EXPECT_EQ(State(c, "group_photo"), "missing");
  EXPECT_EQ(State(c, "practical_photos"), "missing");
  for (int seq = 1; seq <= 5; ++seq) {
    EXPECT_EQ(State(c, "session_video:" + std::to_string(seq)), "missing") << seq;
  }
  EXPECT_EQ(State(c, "online_records"), "not_required");
  EXPECT_EQ(State(c, "photo_checks"), "not_required");
  EXPECT_EQ(Str(ItemOf(c, "group_photo").at("clause")), "三（一）3（1）");
  EXPECT_EQ(Str(ItemOf(c, "session_video:4").at("rule")), "EVIDENCE_PRACTICAL_VIDEO");
  EXPECT_EQ(Str(ItemOf(c, "group_photo").at("state_name")), "缺少");
  EXPECT_EQ(c.at("missing").as_int64(), 7);
}

TEST_P(EvidenceChecklist, WhoMaySeeIt) {
  for (const char* who : {"inst_a", "reviewer_a", "hrss", "auditor", "admin"}) {
    Checklist(who, cls_, 200);
  }
  // Out of scope: the same answer as for a class that does not exist.
  auto other = Get("inst_b", ClassPath(cls_) + "/evidence/checklist");
  auto missing = Get("inst_b", "/classes/999999/evidence/checklist");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Get("reviewer_b", ClassPath(cls_) + "/evidence/checklist").status, 404);
  EXPECT_EQ(Get("finance", ClassPath(cls_) + "/evidence/checklist").status, 403);
  EXPECT_EQ(Get("inst_b", ClassPath(cls_) + "/evidence/checklist.xlsx").status, 404);
  EXPECT_EQ(server_->Request("GET", "/api/v1" + ClassPath(cls_) + "/evidence/checklist").status,
            401);
}

TEST_P(EvidenceChecklist, VideosAreJudgedFromTheFilesThemselves) {
  // Session 4 (practical, 2021-10-14 08:30–11:50, four class hours): the whole session on video.
  auto good = Upload("inst_a", cls_, "practical_video", "实操4.mp4",
                     Video("good.mp4", Local(14, 8, 30), 200 * 60), 4);
  ASSERT_EQ(good.status, 204) << good.body;
  // Session 5: the same length, but a 30 s hole every 50 s — never a continuous minute.
  std::vector<domain::VideoSpan> holes;
  for (double t = 50; t < 200 * 60; t += 80) holes.push_back({t, t + 30});
  auto broken = Upload("inst_a", cls_, "practical_video", "实操5.mp4",
                       Video("broken.mp4", Local(15, 8, 30), 200 * 60, holes), 5);
  ASSERT_EQ(broken.status, 204) << broken.body;
  // Session 1 (theory): a recording of only the first hour.
  auto part = Upload("inst_a", cls_, "theory_video", "理论1.mp4",
                     Video("part.mp4", Local(11, 8, 30), 3600), 1);
  ASSERT_EQ(part.status, 204) << part.body;

  const auto c = Checklist("reviewer_a", cls_);
  EXPECT_EQ(State(c, "session_video:4"), "present");
  EXPECT_EQ(State(c, "session_video:5"), "failed");
  EXPECT_EQ(State(c, "session_video:1"), "failed");
  EXPECT_EQ(State(c, "session_video:2"), "missing");
  const auto& v5 = ItemOf(c, "session_video:5");
  ASSERT_TRUE(v5.contains("video"));
  EXPECT_EQ(v5.at("video").at("hours").as_array().size(), 4u);
  EXPECT_FALSE(v5.at("video").at("hours").as_array()[0].at("ok").as_bool());
  EXPECT_EQ(v5.at("evidence_ids").as_array().size(), 1u);
  EXPECT_GT(ItemOf(c, "session_video:1").at("video").at("uncovered_seconds").as_double(), 3600);
}

TEST_P(EvidenceChecklist, APhotoUsedInAnotherClassIsAProblemNotAPhoto) {
  // 乙校's approved class first shows the picture.
  const int64_t q1 = Id(Post("inst_b", "/trainees", Person("王五", ValidId(21))));
  const int64_t other = Class("inst_b", inst_b_, "保安员初级班（乙）", {q1});
  Declare("inst_b", other);
  Approve("reviewer_b", other);
  const std::string fruits = ReadFile(std::string(kData) + "fruits.jpg");
  ASSERT_FALSE(fruits.empty()) << "opencv-doc is not installed";
  ASSERT_EQ(Upload("inst_b", other, "practical_photo", "乙-实操.jpg", fruits).status, 204);
  // 甲校 uploads it as one of three practical photos.
  ASSERT_EQ(Upload("inst_a", cls_, "practical_photo", "甲-实操1.jpg", fruits).status, 204);
  for (const char* f : {"baboon.jpg", "building.jpg"}) {
    ASSERT_EQ(Upload("inst_a", cls_, "practical_photo", f, ReadFile(std::string(kData) + f)).status,
              204);
  }
  auto c = Checklist("inst_a", cls_);
  EXPECT_EQ(State(c, "practical_photos"), "failed");
  EXPECT_EQ(ItemOf(c, "practical_photos").at("have").as_int64(), 2);
  EXPECT_EQ(State(c, "photo_checks"), "failed");
  const auto& problems = ItemOf(c, "photo_checks").at("problems").as_array();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(Str(problems[0].at("rule")), "EVIDENCE_PHOTO_REUSED");
  // The other class is named only to those who may see it.
  EXPECT_EQ(Str(problems[0].at("message")).find("保安员初级班（乙）"), std::string::npos);
  auto seen_by_city = Checklist("admin", cls_);
  EXPECT_NE(Str(ItemOf(seen_by_city, "photo_checks").at("problems").as_array()[0].at("message"))
                .find("保安员初级班（乙）"),
            std::string::npos);
  // A fourth, clean photo makes the count; the reused one still fails its check.
  ASSERT_EQ(Upload("inst_a", cls_, "practical_photo", "甲-实操4.jpg",
                   ReadFile(std::string(kData) + "home.jpg"))
                .status,
            204);
  c = Checklist("inst_a", cls_);
  EXPECT_EQ(State(c, "practical_photos"), "present");
  EXPECT_EQ(State(c, "photo_checks"), "failed");
}

TEST_P(EvidenceChecklist, ApprovedPaperSignInNeedsItsSheets) {
  auto ex = Post("inst_a", ClassPath(cls_) + "/attendance-exceptions",
                 R"({"session_seqs":[2],"reason":"培训场地无移动网络信号，无法手机签到"})");
  ASSERT_EQ(ex.status, 201) << ex.body;
  const int64_t id = J(ex).at("id").as_int64();
  EXPECT_EQ(State(Checklist("inst_a", cls_), "sign_in_sheet:2"), "absent");  // still pending
  ASSERT_EQ(Post("reviewer_a", "/attendance-exceptions/" + std::to_string(id) + "/decision",
                 R"({"decision":"approve"})")
                .status,
            200);
  auto c = Checklist("inst_a", cls_);
  EXPECT_EQ(State(c, "sign_in_sheet:2"), "missing");
  EXPECT_EQ(Str(ItemOf(c, "sign_in_sheet:2").at("clause")), "三（二）2");
  // A scan uploaded as evidence of session 2 fills it.
  ASSERT_EQ(Upload("inst_a", cls_, "sign_in_sheet", "签到表.jpg",
                   ReadFile(std::string(kData) + "board.jpg"), 2)
                .status,
            204);
  EXPECT_EQ(State(Checklist("inst_a", cls_), "sign_in_sheet:2"), "present");
}

TEST_P(EvidenceChecklist, TheExportIsTheChecklistAndOneAuditEvent) {
  auto before = Get("admin", "/audit-events?action=class.evidence_checklist_export");
  ASSERT_EQ(before.status, 200) << before.body;
  auto x = Get("reviewer_a", ClassPath(cls_) + "/evidence/checklist.xlsx");
  ASSERT_EQ(x.status, 200) << x.body;
  EXPECT_NE(x.headers["content-type"].find("spreadsheetml"), std::string::npos);
  EXPECT_EQ(x.body.substr(0, 2), "PK");
  EXPECT_NE(x.headers["content-disposition"].find("evidence-checklist.xlsx"), std::string::npos);
  auto after = Get("admin", "/audit-events?action=class.evidence_checklist_export");
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(J(after).at("items").as_array().size(), J(before).at("items").as_array().size() + 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, EvidenceChecklist, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
