#include "adapters/face/selfie_variants.h"

#include <turbojpeg.h>
#include <algorithm>

#include <opencv2/core.hpp>
#include <opencv2/img_hash.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <random>
#include <vector>

#include "adapters/face/gray_decoder.h"

namespace anpei::adapters {
namespace {

// TurboJPEG's handle, freed on every path.
struct TjHandle {
  explicit TjHandle(int op) : h(op == 0 ? tjInitDecompress() : tjInitCompress()) {}
  ~TjHandle() {
    if (h) tjDestroy(h);
  }
  TjHandle(const TjHandle&) = delete;
  TjHandle& operator=(const TjHandle&) = delete;
  tjhandle h;
};

// A JPEG decoded to BGR pixels (empty when it is not a JPEG TurboJPEG can read).
cv::Mat DecodeBgr(std::string_view jpeg) {
  TjHandle tj(0);
  int w = 0, h = 0, sub = 0, space = 0;
  const auto* src = reinterpret_cast<const unsigned char*>(jpeg.data());
  if (!tj.h || tjDecompressHeader3(tj.h, src, jpeg.size(), &w, &h, &sub, &space) != 0) return {};
  cv::Mat out(h, w, CV_8UC3);
  if (tjDecompress2(tj.h, src, jpeg.size(), out.data, w, 0, h, TJPF_BGR, 0) != 0) return {};
  return out;
}

// BGR pixels encoded as a JPEG; empty on failure.
std::string EncodeJpeg(const cv::Mat& bgr, int quality) {
  TjHandle tj(1);
  unsigned char* buf = nullptr;
  unsigned long size = 0;  // NOLINT(google-runtime-int): TurboJPEG's type
  if (!tj.h || tjCompress2(tj.h, bgr.data, bgr.cols, static_cast<int>(bgr.step), bgr.rows, TJPF_BGR,
                           &buf, &size, TJSAMP_420, quality, 0) != 0) {
    if (buf) tjFree(buf);
    return {};
  }
  std::string out(reinterpret_cast<const char*>(buf), size);
  tjFree(buf);
  return out;
}

// The perceptual hash as the face inspector computes it (grey decode, img_hash::PHash).
std::optional<uint64_t> PhashOf(std::string_view jpeg) {
  auto gray = DecodeGray(jpeg);
  if (!gray) return std::nullopt;
  const cv::Mat m(gray->height, gray->width, CV_8U, gray->pixels.data());
  cv::Mat hash;
  cv::img_hash::PHash::create()->compute(m, hash);
  uint64_t out = 0;
  for (int i = 0; i < hash.cols; ++i) out = (out << 8) | hash.at<uint8_t>(0, i);
  return out;
}

class CropVariants final : public SelfieVariants {
 public:
  CropVariants(cv::Mat image, cv::Rect face) : image_(std::move(image)), face_(face) {}

  Result<SelfieVariant> Make(int k) const override {
    std::mt19937 rng(static_cast<uint32_t>(k) * 2654435761U + 17U);
    // A portrait window (3:4) holding the face with a margin, between a close framing and the
    // tallest window the photo allows.
    const int margin = std::max(4, face_.height / 4);
    const int min_h = std::max(face_.height * 3, (face_.width + 2 * margin) * 4 / 3);
    const int max_h = std::min(image_.rows, image_.cols * 4 / 3);
    if (min_h > max_h) return Status::Internal("照片太小，无法生成自拍变体");
    const int h = std::uniform_int_distribution<int>(min_h, max_h)(rng);
    const int w = h * 3 / 4;
    auto place = [&](int face_from, int face_len, int len, int limit) {
      const int lo = std::max(0, face_from + face_len + margin - len);
      const int hi = std::min(limit - len, face_from - margin);
      return lo >= hi ? std::max(0, std::min(lo, limit - len))
                      : std::uniform_int_distribution<int>(lo, hi)(rng);
    };
    const int x = place(face_.x, face_.width, w, image_.cols);
    const int y = place(face_.y, face_.height, h, image_.rows);
    cv::Mat crop = image_(cv::Rect(x, y, w, h)).clone();
    if (rng() % 2 == 1) cv::flip(crop, crop, 1);
    // A little light and contrast of its own, as phones differ.
    const double gain = std::uniform_real_distribution<double>(0.85, 1.15)(rng);
    const double bias = std::uniform_real_distribution<double>(-12.0, 12.0)(rng);
    crop.convertTo(crop, -1, gain, bias);
    cv::Mat out;
    cv::resize(crop, out, cv::Size(240, 320), 0, 0, cv::INTER_AREA);
    SelfieVariant v;
    v.jpeg = EncodeJpeg(out, 88);
    auto hash = v.jpeg.empty() ? std::nullopt : PhashOf(v.jpeg);
    if (!hash) return Status::Internal("自拍变体编码失败");
    v.phash = *hash;
    return v;
  }

 private:
  cv::Mat image_;
  cv::Rect face_;
};

}  // namespace

Result<std::string> MakeGroupPhoto(const SelfieVariants& variants, int faces) {
  if (faces < 1 || faces > 200) return Status::Invalid("faces", "合影人数应为 1–200");
  constexpr int kW = 120, kH = 160, kPerRow = 8, kGap = 8;
  const int cols = std::min(faces, kPerRow);
  const int rows = (faces + kPerRow - 1) / kPerRow;
  cv::Mat photo(rows * (kH + kGap) + kGap, cols * (kW + kGap) + kGap, CV_8UC3,
                cv::Scalar(128, 128, 128));
  for (int k = 0; k < faces; ++k) {
    ANPEI_ASSIGN_OR_RETURN(auto v, variants.Make(k));
    cv::Mat one = DecodeBgr(v.jpeg);
    if (one.empty()) return Status::Internal("合影生成失败");
    cv::Mat small;
    cv::resize(one, small, cv::Size(kW, kH), 0, 0, cv::INTER_AREA);
    small.copyTo(photo(
        cv::Rect(kGap + (k % kPerRow) * (kW + kGap), kGap + (k / kPerRow) * (kH + kGap), kW, kH)));
  }
  std::string jpeg = EncodeJpeg(photo, 90);
  if (jpeg.empty()) return Status::Internal("合影编码失败");
  return jpeg;
}

Result<std::unique_ptr<SelfieVariants>> OpenSelfieVariants(std::string_view photo,
                                                           const std::string& cascade_path) {
  cv::Mat image = DecodeBgr(photo);
  if (image.empty()) return Status::Invalid("photo", "照片无法读取（应为 JPEG）");
  cv::CascadeClassifier classifier;
  if (!classifier.load(cascade_path)) {
    return Status(Code::kUnavailable, "人脸检测模型无法加载：" + cascade_path);
  }
  cv::Mat gray;
  cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  cv::equalizeHist(gray, gray);
  std::vector<cv::Rect> faces;
  classifier.detectMultiScale(gray, faces, 1.1, 5, 0, cv::Size(20, 20));
  if (faces.size() != 1) return Status::Invalid("photo", "照片应恰好有一张人脸");
  return std::unique_ptr<SelfieVariants>(new CropVariants(std::move(image), faces.front()));
}

}  // namespace anpei::adapters
