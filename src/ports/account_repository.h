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
#include "domain/sign_in_throttle.h"
#include "ports/page.h"

namespace anpei::ports {

struct UserFilter {
  std::optional<std::string> q;  // substring of the user name or display name
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  // User names are unique ignoring case (migration 0009); the lookup ignores case too.
  virtual Result<std::optional<domain::User>> FindUserByName(std::string_view username) = 0;
  virtual Result<domain::User> GetUser(int64_t id) = 0;
  virtual Result<PageOf<domain::User>> ListUsers(const UserFilter& filter, Page page) = 0;
  // Inserts the user with its roles and password hash; Conflict (field "username") when taken.
  virtual Result<int64_t> InsertUser(const domain::User& user) = 0;
  // Writes the sign-in counters, disabled_at, must_change_password and password hash of `user`
  // (no version check: these change on every sign-in attempt) and bumps the version.
  virtual Status UpdateUserSecurity(const domain::User& user) = 0;
  // Writes roles, institution_id and district_code if the user is still at expected_version;
  // bumps the version (Conflict when stale).
  virtual Status UpdateUserRoles(const domain::User& user, int64_t expected_version) = 0;
  virtual Status InsertSession(const domain::Session& session) = 0;
  virtual Result<std::optional<domain::Session>> FindSession(std::string_view token_hash) = 0;
  virtual Status RevokeSession(std::string_view token_hash, std::string_view at) = 0;
  virtual Status RevokeUserSessions(int64_t user_id, std::string_view at) = 0;
  // Records that the session was used at `unix_seconds` (the idle timeout).
  virtual Status TouchSession(std::string_view token_hash, int64_t unix_seconds) = 0;
  // Revokes every session of the user except `keep_token_hash` (after a password change).
  virtual Status RevokeOtherSessions(int64_t user_id, std::string_view keep_token_hash,
                                     std::string_view at) = 0;
  virtual Status InsertApiToken(const domain::ApiToken& token) = 0;
  virtual Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) = 0;
  // Tokens newest first with their owner's name; of one user, or of everybody (nullopt).
  virtual Result<std::vector<domain::ApiToken>> ListApiTokens(std::optional<int64_t> user_id) = 0;
  // NotFound (field "id") when no token has this public id.
  virtual Result<domain::ApiToken> GetApiToken(std::string_view public_id) = 0;
  virtual Status RevokeApiToken(std::string_view public_id, std::string_view at) = 0;

  // Sign-in throttling. Lock serialises concurrent attempts on the key (a row lock on
  // PostgreSQL, the write lock on SQLite) and returns its state, created when new.
  virtual Result<domain::ThrottleState> LockThrottle(std::string_view key, int64_t now) = 0;
  virtual Status SaveThrottle(const domain::ThrottleState& state) = 0;
  // Forgets the throttle of a user name (lower-cased), from every address: after a reset.
  virtual Status ClearThrottlesOf(std::string_view name) = 0;
  // The throttle rows touched at or after `since`, or locked beyond it, in key order (at most
  // `limit`).
  virtual Result<std::vector<domain::ThrottleState>> ListThrottles(int64_t since,
                                                                   int64_t limit) = 0;
  // Drops keys not used since `before` (Unix seconds).
  virtual Status ForgetThrottles(int64_t before) = 0;
};

}  // namespace anpei::ports
