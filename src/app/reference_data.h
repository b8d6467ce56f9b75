// The reference data every use case reads: the policies by id and the working-day calendar.
// Built once at start from a ReferenceSource; immutable afterwards, so safe to share.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/calendar.h"
#include "domain/password_policy.h"
#include "domain/policy.h"
#include "ports/reference_source.h"

namespace anpei::app {

// The policy a request uses when it names none (domain.md §2: the notice as shipped).
inline constexpr std::string_view kDefaultPolicyId = "quanzhou-2021-177";

class ReferenceData {
 public:
  // Loads and validates everything; an error names the file and key, or the duplicate policy id.
  static Result<std::shared_ptr<const ReferenceData>> Load(ports::ReferenceSource& source);

  // NotFound (field as given) listing the known ids when `id` is unknown.
  Result<const domain::Policy*> FindPolicy(std::string_view id, std::string_view field) const;
  const std::map<std::string, domain::Policy, std::less<>>& policies() const { return policies_; }
  // The shipped working-day calendar (data/calendar/); a year imported into the store overrides
  // its shipped year (app/calendar.h: CalendarAt).
  const domain::WorkCalendar& calendar() const { return calendar_; }
  const std::vector<domain::CalendarYear>& shipped_years() const { return shipped_years_; }
  // The local time of this installation (every stored timestamp and local date), in minutes
  // east of UTC: the default policy's utc_offset (+480, China Standard Time, for the notice).
  int local_offset_minutes() const { return local_offset_minutes_; }
  // The common passwords the password policy refuses, lower-cased.
  const domain::CommonPasswords& common_passwords() const { return common_passwords_; }

 private:
  int local_offset_minutes_ = 0;
  std::map<std::string, domain::Policy, std::less<>> policies_;
  domain::WorkCalendar calendar_;
  std::vector<domain::CalendarYear> shipped_years_;
  domain::CommonPasswords common_passwords_;
};

}  // namespace anpei::app
