// Port: users with their roles, sign-in sessions (登录会话, not class sessions) and API tokens
// (domain.md §1).
// Valid for one transaction (see Store::Run in ports/store.h); not thread-safe. Failures as in
// store.h: NotFound for a missing id (field names it), Conflict for a unique constraint or a stale
// expected_version, Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/account.h"
#include "ports/page.h"

namespace anpei::ports {

struct UserFilter {
  std::optional<std::string> q;  // substring of the user name or display name
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  virtual Result<std::optional<domain::User>> FindUserByName(std::string_view username) = 0;
  virtual Result<domain::User> GetUser(int64_t id) = 0;
  virtual Result<PageOf<domain::User>> ListUsers(const UserFilter& filter, Page page) = 0;
  // Inserts the user with its roles and password hash; Conflict (field "username") when taken.
  virtual Result<int64_t> InsertUser(const domain::User& user) = 0;
  // Writes the sign-in counters, disabled_at and password hash of `user` (no version check: these
  // change on every sign-in attempt) and bumps the version.
  virtual Status UpdateUserSecurity(const domain::User& user) = 0;
  virtual Status InsertSession(const domain::Session& session) = 0;
  virtual Result<std::optional<domain::Session>> FindSession(std::string_view token_hash) = 0;
  virtual Status RevokeSession(std::string_view token_hash, std::string_view at) = 0;
  virtual Status RevokeUserSessions(int64_t user_id, std::string_view at) = 0;
  virtual Status InsertApiToken(const domain::ApiToken& token) = 0;
  virtual Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) = 0;
};

}  // namespace anpei::ports
