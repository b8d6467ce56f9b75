// Clock adapters: the system clock, and a fixed clock for tests and drills (anpei serve
// --fixed-clock), so a declaration deadline can be exercised on any date. Thread-safe.
#pragma once

#include <chrono>

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

}  // namespace anpei::adapters
