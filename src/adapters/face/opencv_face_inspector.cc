#include "adapters/face/opencv_face_inspector.h"

#include <algorithm>
#include <memory>
#include <opencv2/core.hpp>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <vector>

#include "adapters/face/gray_decoder.h"
#include "adapters/face/image_header.h"
#include "base/mutex.h"

namespace anpei::adapters {
namespace {

// Images outside these bounds are refused before decoding: a selfie smaller than this shows no
// face one could judge; a larger one is no phone photo (and would cost memory: a 5 MB PNG may
// declare a gigapixel).
constexpr int kMinSide = 64;
constexpr int64_t kMaxPixels = 40'000'000;
// Detection runs on the image scaled so that its longer side is at most this (a phone's 12 MP
// photo is searched at 1024 px: fast enough, and a selfie's face stays well above the minimum).
constexpr int kDetectSide = 1024;
// How a search is sized: the longer side of the searched copy, and the smallest face counted as
// a fraction of its shorter side.
struct Search {
  int side;
  int min_face_divisor;
  // A smaller image is enlarged up to this factor (the cascade's window is 24 px: a face of
  // 15 px is found once doubled).
  double max_upscale;
  // Faces larger than this fraction of the shorter side are not searched for (0: any size); a
  // class photo has no face filling a third of it.
  int max_face_divisor;
};
// A selfie's face fills a good part of the picture: faces smaller than a fourteenth of the shorter
// side are people far in the background (or texture the cascade takes for a face).
constexpr Search kSelfieSearch{kDetectSide, 14, 1.0, 0};
// A group photo of a class (20–40 people in two or three rows) shows faces of a twentieth to a
// sixtieth of its shorter side: searched at 2400 px, counted down to a sixtieth (at least 20 px).
constexpr Search kGroupSearch{2400, 60, 2.0, 3};

Status Unreadable(std::string message) {
  return Status::Invalid("file", std::move(message)).WithReason("attendance.selfie_unreadable");
}

uint64_t HashBits(const cv::Mat& hash) {
  // img_hash::PHash gives 8 bytes (1×8, CV_8U); the first byte is the most significant.
  uint64_t out = 0;
  for (int i = 0; i < hash.cols; ++i) out = (out << 8) | hash.at<uint8_t>(0, i);
  return out;
}

class OpenCvFaceInspector final : public ports::FaceInspector {
 public:
  explicit OpenCvFaceInspector(std::string cascade_path) : cascade_path_(std::move(cascade_path)) {}

  Status Load() {
    auto c = NewClassifier();
    if (!c) {
      return Status(Code::kUnavailable,
                    "人脸检测模型无法加载：" + cascade_path_ + "（请安装 opencv-data）");
    }
    Return(std::move(c));
    return Status::Ok();
  }

  Result<ports::FaceReport> Inspect(std::string_view bytes) const override {
    return Analyse(bytes, kSelfieSearch);
  }
  Result<ports::FaceReport> InspectGroup(std::string_view bytes) const override {
    return Analyse(bytes, kGroupSearch);
  }

 private:
  Result<ports::FaceReport> Analyse(std::string_view bytes, Search search) const {
    const auto size = DeclaredImageSize(bytes);
    if (!size) return Unreadable("无法识别的图片（须为 JPEG 或 PNG）");
    if (std::min(size->width, size->height) < kMinSide ||
        int64_t{size->width} * size->height > kMaxPixels) {
      return Unreadable("图片尺寸不合适（" + std::to_string(size->width) + "×" +
                        std::to_string(size->height) + "）");
    }
    auto decoded = DecodeGray(bytes);
    if (!decoded) return Unreadable("图片已损坏，无法读取");
    // A view of the decoded pixels (OpenCV does not copy them; `decoded` outlives `gray`).
    const cv::Mat gray(decoded->height, decoded->width, CV_8U, decoded->pixels.data());
    ports::FaceReport report;
    report.width = gray.cols;
    report.height = gray.rows;

    cv::Mat hash;
    cv::img_hash::PHash::create()->compute(gray, hash);
    report.phash = HashBits(hash);

    cv::Mat small = gray;
    const double scale = std::min(
        search.max_upscale, static_cast<double>(search.side) / std::max(gray.cols, gray.rows));
    if (scale < 1.0) cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
    if (scale > 1.0) cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_LINEAR);
    cv::equalizeHist(small, small);
    const int min_face = std::max(20, std::min(small.cols, small.rows) / search.min_face_divisor);
    std::vector<cv::Rect> faces;
    auto classifier = Take();
    if (!classifier) return Status(Code::kUnavailable, "人脸检测模型无法加载：" + cascade_path_);
    try {
      const int max_face = search.max_face_divisor > 0
                               ? std::min(small.cols, small.rows) / search.max_face_divisor
                               : 0;
      classifier->detectMultiScale(small, faces, 1.1, 5, 0, cv::Size(min_face, min_face),
                                   cv::Size(max_face, max_face));
    } catch (const cv::Exception& e) {
      return Status::Internal(std::string("人脸检测失败：") + e.what());
    }
    Return(std::move(classifier));
    report.faces = static_cast<int>(faces.size());
    return report;
  }

  std::unique_ptr<cv::CascadeClassifier> NewClassifier() const {
    auto c = std::make_unique<cv::CascadeClassifier>();
    if (!c->load(cascade_path_) || c->empty()) return nullptr;
    return c;
  }
  // A classifier is not safe to share between threads: each call borrows one from a pool (a new
  // one is loaded when all are in use; a few tens of milliseconds, once per concurrent caller).
  std::unique_ptr<cv::CascadeClassifier> Take() const {
    {
      MutexLock lock(mu_);
      if (!pool_.empty()) {
        auto c = std::move(pool_.back());
        pool_.pop_back();
        return c;
      }
    }
    return NewClassifier();
  }
  void Return(std::unique_ptr<cv::CascadeClassifier> c) const {
    MutexLock lock(mu_);
    pool_.push_back(std::move(c));
  }

  std::string cascade_path_;
  mutable Mutex mu_;
  mutable std::vector<std::unique_ptr<cv::CascadeClassifier>> pool_ GUARDED_BY(mu_);
};

}  // namespace

Result<std::shared_ptr<ports::FaceInspector>> OpenFaceInspector(const std::string& cascade_path) {
  auto inspector = std::make_shared<OpenCvFaceInspector>(cascade_path);
  ANPEI_RETURN_IF_ERROR(inspector->Load());
  return std::shared_ptr<ports::FaceInspector>(std::move(inspector));
}

void SetImageThreads(int threads) { cv::setNumThreads(threads); }

}  // namespace anpei::adapters
