// Clock adapters: the system clock, a fixed clock for tests and drills (anpei serve
// --fixed-clock), so a declaration deadline can be exercised on any date, and a file clock for
// tests whose time must move (anpei serve --clock-file: QR tokens expiring, sign-in windows
// closing). Thread-safe.
#pragma once

#include <chrono>
#include <fstream>
#include <iterator>
#include <string>

#include "base/mutex.h"
#include "domain/date.h"

#include "ports/clock.h"

namespace anpei::adapters {

class SystemClock : public ports::Clock {
 public:
  domain::Instant Now() const override {
    using namespace std::chrono;
    return {duration_cast<seconds>(system_clock::now().time_since_epoch()).count()};
  }
};

class FixedClock : public ports::Clock {
 public:
  explicit FixedClock(domain::Instant at) : at_(at) {}
  domain::Instant Now() const override { return at_; }

 private:
  const domain::Instant at_;
};

// Reads the instant (RFC 3339, e.g. 2021-10-11T08:10:00+08:00) from a file on every call, so a
// test steps the server's time by rewriting the file (write a new file, then rename it over the
// old one). A file that cannot be read or parsed keeps the last good instant. Testing only.
class FileClock : public ports::Clock {
 public:
  // The instant the file holds now; the error names the flag when it is missing or malformed.
  static Result<domain::Instant> Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::Invalid("--clock-file", "无法读取时钟文件 " + path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
      text.pop_back();
    }
    return domain::ParseTimestamp(text, "--clock-file");
  }
  FileClock(std::string path, domain::Instant first) : path_(std::move(path)), last_(first) {}
  domain::Instant Now() const override {
    auto at = Read(path_);
    MutexLock lock(mu_);
    if (at.ok()) last_ = *at;
    return last_;
  }

 private:
  const std::string path_;
  mutable Mutex mu_;
  mutable domain::Instant last_ GUARDED_BY(mu_);
};

}  // namespace anpei::adapters
