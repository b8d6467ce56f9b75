// Creating accounts for a test store with the real `anpei user add` (before or while the server
// runs). Test support only.
#pragma once

#include <string>
#include <vector>

#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei::testing {

inline constexpr const char* kTestPassword = "Test-Passw0rd-177";

// `anpei user add USERNAME --role ROLE <extra...>` with kTestPassword; the process result.
ProcessResult AddUser(const TestDatabase& db, const std::string& username, const std::string& role,
                      std::vector<std::string> extra = {});

}  // namespace anpei::testing
