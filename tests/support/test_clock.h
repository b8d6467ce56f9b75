// The server's clock under a test's control: `anpei serve --clock-file PATH` reads the instant
// from PATH on every call, so a test moves time (a QR token expiring, a sign-in window closing)
// by rewriting the file. Pass Args() to ServerProcess. Test support only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace anpei::testing {

class TestClock {
 public:
  // Starts at `at` (RFC 3339, e.g. "2021-10-11T08:10:00+08:00"); the file lives in the test's
  // temporary directory.
  explicit TestClock(const std::string& at);
  ~TestClock();
  TestClock(const TestClock&) = delete;
  TestClock& operator=(const TestClock&) = delete;

  // Sets the instant (RFC 3339), atomically (write, then rename).
  void Set(const std::string& at);
  // Moves the instant by `seconds` (may be negative).
  void Advance(int64_t seconds);
  int64_t UnixSeconds() const { return now_; }
  const std::string& path() const { return path_; }
  std::vector<std::string> Args() const { return {"--clock-file", path_}; }

 private:
  void Write();
  std::string path_;
  int64_t now_ = 0;
  int offset_minutes_ = 480;
};

}  // namespace anpei::testing
