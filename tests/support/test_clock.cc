#include "support/test_clock.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "domain/date.h"

namespace anpei::testing {
namespace {
std::atomic<int> g_clocks{0};
}

TestClock::TestClock(const std::string& at)
    : path_(::testing::TempDir() + "/anpei-clock-" + std::to_string(getpid()) + "-" +
            std::to_string(g_clocks++)) {
  Set(at);
}

TestClock::~TestClock() { std::remove(path_.c_str()); }

void TestClock::Set(const std::string& at) {
  auto t = domain::ParseTimestamp(at, "at");
  EXPECT_TRUE(t.ok()) << at;
  if (!t.ok()) return;
  now_ = t->unix_seconds;
  // Keep the offset the test wrote the time with ("+08:00" → 480).
  if (at.size() >= 6 && (at[at.size() - 6] == '+' || at[at.size() - 6] == '-')) {
    const int h = std::stoi(at.substr(at.size() - 5, 2));
    const int m = std::stoi(at.substr(at.size() - 2, 2));
    offset_minutes_ = (at[at.size() - 6] == '-' ? -1 : 1) * (h * 60 + m);
  } else {
    offset_minutes_ = 0;
  }
  Write();
}

void TestClock::Advance(int64_t seconds) {
  now_ += seconds;
  Write();
}

void TestClock::Write() {
  const std::string tmp = path_ + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << domain::FormatTimestamp({now_}, offset_minutes_) << "\n";
  }
  std::rename(tmp.c_str(), path_.c_str());
}

}  // namespace anpei::testing
