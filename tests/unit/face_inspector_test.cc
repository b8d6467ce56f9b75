// The OpenCV face inspector (adapters/face, ports/face_inspector.h) on Debian's sample photos
// (opencv-doc): messi5.jpg shows one face, baboon.jpg none; two faces are composed here from two
// copies of the one-face photo side by side. The perceptual hash survives a re-encoding and a
// rescale within domain::kSelfieReuseMaxBits and tells different photos apart by far more.
#include "adapters/face/opencv_face_inspector.h"
#include "adapters/face/selfie_variants.h"

#include <fstream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/face/image_header.h"
#include "domain/selfie.h"

namespace anpei {
namespace {

constexpr const char* kData = "/usr/share/doc/opencv-doc/examples/data/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Encode(const cv::Mat& img, const std::string& ext, std::vector<int> params = {}) {
  std::vector<uchar> buf;
  EXPECT_TRUE(cv::imencode(ext, img, buf, params));
  return {buf.begin(), buf.end()};
}

class FaceInspectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = adapters::OpenFaceInspector();
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    inspector_ = *opened;
    messi_ = ReadFile(std::string(kData) + "messi5.jpg");
    baboon_ = ReadFile(std::string(kData) + "baboon.jpg");
    ASSERT_FALSE(messi_.empty()) << "opencv-doc is not installed";
    ASSERT_FALSE(baboon_.empty());
  }
  ports::FaceReport Inspect(const std::string& bytes) {
    auto r = inspector_->Inspect(bytes);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ports::FaceReport{};
  }
  std::shared_ptr<ports::FaceInspector> inspector_;
  std::string messi_;
  std::string baboon_;
};

TEST_F(FaceInspectorTest, OneFaceInTheOneFacePhoto) {
  const auto r = Inspect(messi_);
  EXPECT_EQ(r.faces, 1);
  EXPECT_EQ(r.width, 548);
  EXPECT_EQ(r.height, 342);
  EXPECT_EQ(domain::JudgeFaces(r.faces), domain::FaceVerdict::kOne);
}

TEST_F(FaceInspectorTest, NoFaceInTheBaboon) {
  const auto r = Inspect(baboon_);
  EXPECT_EQ(r.faces, 0);
  EXPECT_EQ(domain::JudgeFaces(r.faces), domain::FaceVerdict::kNone);
}

TEST_F(FaceInspectorTest, TwoFacesSideBySide) {
  const cv::Mat one = cv::imdecode(
      cv::Mat(1, static_cast<int>(messi_.size()), CV_8U, messi_.data()), cv::IMREAD_COLOR);
  cv::Mat two;
  cv::hconcat(one, one, two);
  const auto r = Inspect(Encode(two, ".png"));
  EXPECT_EQ(r.faces, 2);
  EXPECT_EQ(domain::JudgeFaces(r.faces), domain::FaceVerdict::kMany);
}

// A class photo: 24 small faces (adapters/face/selfie_variants MakeGroupPhoto). The group search
// counts them; the selfie search, which ignores faces far in the background, does not.
TEST_F(FaceInspectorTest, AGroupPhotoIsSearchedForSmallFaces) {
  auto variants = adapters::OpenSelfieVariants(messi_);
  ASSERT_TRUE(variants.ok()) << variants.status().ToString();
  auto photo = adapters::MakeGroupPhoto(**variants, 24);
  ASSERT_TRUE(photo.ok()) << photo.status().ToString();
  auto group = inspector_->InspectGroup(*photo);
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  EXPECT_GE(group->faces, 24);
  EXPECT_LE(group->faces, 26);  // a false face or two at most
  const auto selfie = Inspect(*photo);
  EXPECT_LT(selfie.faces, group->faces);
  EXPECT_EQ(selfie.phash, group->phash);
  // A selfie is counted the same by both.
  EXPECT_EQ(inspector_->InspectGroup(messi_)->faces, 1);
}

TEST_F(FaceInspectorTest, HashSurvivesReencodingAndRescaling) {
  const cv::Mat one = cv::imdecode(
      cv::Mat(1, static_cast<int>(messi_.size()), CV_8U, messi_.data()), cv::IMREAD_COLOR);
  cv::Mat bigger;
  cv::resize(one, bigger, cv::Size(), 1.5, 1.5, cv::INTER_CUBIC);
  const uint64_t original = Inspect(messi_).phash;
  const uint64_t low_quality = Inspect(Encode(one, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 40})).phash;
  const uint64_t as_png = Inspect(Encode(bigger, ".png")).phash;
  EXPECT_LE(domain::HammingDistance(original, low_quality), domain::kSelfieReuseMaxBits);
  EXPECT_LE(domain::HammingDistance(original, as_png), domain::kSelfieReuseMaxBits);
  // Different photos are far apart.
  EXPECT_GT(domain::HammingDistance(original, Inspect(baboon_).phash), 16);
  const uint64_t fruits = Inspect(ReadFile(std::string(kData) + "fruits.jpg")).phash;
  EXPECT_GT(domain::HammingDistance(original, fruits), 16);
}

TEST_F(FaceInspectorTest, RefusesWhatIsNoImage) {
  for (const std::string& bad : {std::string("not an image at all"), messi_.substr(0, 200),
                                 std::string("\x89PNG\r\n\x1a\n", 8)}) {
    auto r = inspector_->Inspect(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(r.status().field(), "file");
    EXPECT_EQ(r.status().reason(), "attendance.selfie_unreadable");
  }
}

TEST_F(FaceInspectorTest, RefusesAHugeDeclaredSizeBeforeDecoding) {
  // A PNG header declaring 100000 × 100000 pixels (10 gigapixels) in a few bytes.
  std::string png("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x02",
                  26);
  png += std::string(64, '\0');
  const auto size = adapters::DeclaredImageSize(png);
  ASSERT_TRUE(size.has_value());
  EXPECT_EQ(size->width, 100000);
  auto r = inspector_->Inspect(png);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "attendance.selfie_unreadable");
  // A tiny image is refused too.
  EXPECT_FALSE(
      inspector_->Inspect(Encode(cv::Mat(16, 16, CV_8UC3, cv::Scalar(0, 0, 0)), ".png")).ok());
}

TEST(ImageHeader, ReadsJpegAndPngSizes) {
  const auto jpeg = adapters::DeclaredImageSize(ReadFile(std::string(kData) + "messi5.jpg"));
  ASSERT_TRUE(jpeg.has_value());
  EXPECT_EQ(jpeg->width, 548);
  EXPECT_EQ(jpeg->height, 342);
  const auto png = adapters::DeclaredImageSize(ReadFile(std::string(kData) + "smarties.png"));
  ASSERT_TRUE(png.has_value());
  EXPECT_GT(png->width, 0);
  EXPECT_FALSE(adapters::DeclaredImageSize("GIF89a....").has_value());
  EXPECT_FALSE(adapters::DeclaredImageSize(std::string("\xff\xd8\xff", 3)).has_value());
}

TEST(FaceInspectorOpen, MissingCascadeIsUnavailable) {
  auto r = adapters::OpenFaceInspector("/nonexistent/cascade.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
}

}  // namespace
}  // namespace anpei
