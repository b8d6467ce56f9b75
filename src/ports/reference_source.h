// Port: where policies and the working-day calendar come from. The shipped adapter reads the TOML
// files under policies/ and data/calendar/ (adapters/toml); tests may hand in fakes that fail.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "domain/calendar.h"
#include "domain/policy.h"

namespace anpei::ports {

class ReferenceSource {
 public:
  virtual ~ReferenceSource() = default;
  // Every policy the deployment knows. InvalidArgument names the file and key at fault.
  virtual Result<std::vector<domain::Policy>> LoadPolicies() = 0;
  // Every calendar year the deployment has data for.
  virtual Result<std::vector<domain::CalendarYear>> LoadCalendar() = 0;
  // The common passwords that the password policy refuses (data/passwords/common.txt), any case.
  virtual Result<std::vector<std::string>> LoadCommonPasswords() {
    return std::vector<std::string>();
  }
};

}  // namespace anpei::ports
