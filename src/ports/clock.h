// Port: the clock. The app reads the time only through it (declaration times, created_at), so a
// test or drill can fix it. Implementations are thread-safe.
#pragma once

#include "domain/date.h"

namespace anpei::ports {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual domain::Instant Now() const = 0;
};

}  // namespace anpei::ports
