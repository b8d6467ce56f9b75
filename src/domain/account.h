// Accounts and roles (domain.md §1): who may sign in, in which roles, bound to which institution
// or district. Plain values; the app layer authorises with them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anpei::domain {

// The roles of domain.md §1, by id.
inline constexpr std::string_view kRoleInstitution = "institution";
inline constexpr std::string_view kRoleReviewer = "police_reviewer";
inline constexpr std::string_view kRolePoliceAdmin = "police_admin";
inline constexpr std::string_view kRoleHrss = "hrss";
inline constexpr std::string_view kRoleFinance = "finance";
inline constexpr std::string_view kRoleAuditor = "auditor";
inline constexpr std::string_view kRoleTrainee = "trainee";
inline constexpr std::string_view kRolePlatform = "platform";
inline constexpr std::string_view kAllRoles[] = {
    kRoleInstitution, kRoleReviewer, kRolePoliceAdmin, kRoleHrss,
    kRoleFinance,     kRoleAuditor,  kRoleTrainee,     kRolePlatform,
};
// The operator's own tools (anpei demo, anpei user …) act in this role; no account can hold it.
inline constexpr std::string_view kRoleSystem = "system";

bool IsKnownRole(std::string_view role);
std::string_view RoleName(std::string_view role);  // Chinese name, e.g. "区县公安审核员"
// What a user of the role is bound to (domain.md §1): "institution" (the institution's staff),
// "district" (a district reviewer) or "city" (the role sees the whole city).
std::string_view RoleScope(std::string_view role);

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;
  std::optional<std::string> disabled_at;
  int64_t failed_logins = 0;
  std::optional<std::string> locked_until;
  std::string password_hash;  // never leaves the app layer
  // Set by an administrator's password reset: the user's sessions may only change the password.
  bool must_change_password = false;
  int64_t version = 1;
  std::string created_at;

  bool Has(std::string_view role) const;
};

struct Session {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string expires_at;  // the absolute lifetime
  std::optional<std::string> revoked_at;
  int64_t last_seen_unix = 0;  // for the idle timeout (updated at most once a minute)
};

struct ApiToken {
  std::string id;  // public: the first 16 hex digits of token_hash
  std::string token_hash;
  int64_t user_id = 0;
  std::string name;
  std::string created_at;
  std::optional<std::string> revoked_at;
  std::string username;  // the owner's, in lists
};

}  // namespace anpei::domain
