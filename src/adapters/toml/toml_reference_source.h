// Adapter: reads policies (policies/*.toml) and the working-day calendar (data/calendar/*.toml)
// with toml++. Every problem is an InvalidArgument whose field is "FILE: key" so an operator can
// fix the file. Not thread-safe; call from one thread at start-up.
#pragma once

#include <filesystem>
#include <string_view>

#include "ports/reference_source.h"

namespace anpei::adapters {

class TomlReferenceSource : public ports::ReferenceSource {
 public:
  // `common_passwords` (one per line, `#` lines skipped) is optional: absent, nothing is loaded.
  TomlReferenceSource(std::filesystem::path policy_dir, std::filesystem::path calendar_dir,
                      std::filesystem::path common_passwords = {})
      : policy_dir_(std::move(policy_dir)),
        calendar_dir_(std::move(calendar_dir)),
        common_passwords_(std::move(common_passwords)) {}

  Result<std::vector<domain::Policy>> LoadPolicies() override;
  Result<std::vector<domain::CalendarYear>> LoadCalendar() override;
  Result<std::vector<std::string>> LoadCommonPasswords() override;

 private:
  std::filesystem::path policy_dir_;
  std::filesystem::path calendar_dir_;
  std::filesystem::path common_passwords_;
};

// Parses one policy document; `origin` names it in errors. Exposed for tests.
Result<domain::Policy> ParsePolicyToml(std::string_view text, std::string_view origin);
Result<domain::CalendarYear> ParseCalendarToml(std::string_view text, std::string_view origin);

}  // namespace anpei::adapters
