// make bench (ANPEI_BENCH=face): face detection on a class photo of 24 faces
// (adapters/face/selfie_variants MakeGroupPhoto from opencv-doc's messi5.jpg, the group search of
// evidence photos) and on the selfie itself, with OpenCV's own thread pool (its default) and on
// the caller's thread only (`serve --image-threads 0`), one photo at a time and two at once from
// two threads. Medians of 7 rounds, each setting measured in the same run. Not a test: numbers on
// a shared machine vary.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "adapters/face/opencv_face_inspector.h"
#include "adapters/face/selfie_variants.h"

namespace {

using Clock = std::chrono::steady_clock;
using anpei::ports::FaceInspector;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The median milliseconds of 7 rounds, each inspecting `photo` on `at_once` threads together.
double Median(const FaceInspector& faces, const std::string& photo, bool group, int at_once) {
  std::vector<double> ms;
  for (int round = 0; round < 7; ++round) {
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int i = 0; i < at_once; ++i) {
      threads.emplace_back([&] {
        auto r = group ? faces.InspectGroup(photo) : faces.Inspect(photo);
        if (!r.ok()) std::fprintf(stderr, "inspection failed: %s\n", r.status().ToString().c_str());
      });
    }
    for (auto& t : threads) t.join();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main() {
  const std::string selfie = ReadFile("/usr/share/doc/opencv-doc/examples/data/messi5.jpg");
  if (selfie.empty()) {
    std::fprintf(stderr, "opencv-doc is not installed\n");
    return 1;
  }
  auto variants = anpei::adapters::OpenSelfieVariants(selfie);
  auto faces = anpei::adapters::OpenFaceInspector();
  if (!variants.ok() || !faces.ok()) {
    std::fprintf(stderr, "cannot open OpenCV's data\n");
    return 1;
  }
  auto group = anpei::adapters::MakeGroupPhoto(**variants, 24);
  if (!group.ok()) return 1;
  std::printf("face detection, median of 7 rounds (ms), %u cores\n",
              std::thread::hardware_concurrency());
  std::printf("%-28s %10s %10s %10s %10s\n", "", "group x1", "group x2", "selfie x1", "selfie x2");
  for (const int threads : {-1, 0}) {
    anpei::adapters::SetImageThreads(threads);  // -1: OpenCV's default
    std::printf("%-28s %10.0f %10.0f %10.0f %10.0f\n",
                threads < 0 ? "OpenCV's pool (default)" : "request's thread (0)",
                Median(**faces, *group, true, 1), Median(**faces, *group, true, 2),
                Median(**faces, selfie, false, 1), Median(**faces, selfie, false, 2));
  }
  return 0;
}
