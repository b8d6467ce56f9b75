// Use cases of accounts and sign-in (issue "accounts, audit, personal data"): sign-in with
// throttling and lockout, sessions kept in the store (so several servers share them), sign-out
// here or everywhere, machine tokens for online training platforms, and user administration.
// Every sign-in, failed sign-in, sign-out and account change is an audit event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/account.h"

namespace anpei::app {

// Security settings (not policy numbers of the notice).
inline constexpr int64_t kMaxFailedSignIns = 5;  // consecutive failures before the lock
inline constexpr int64_t kLockMinutes = 15;      // how long the lock lasts
inline constexpr int64_t kSessionHours = 12;     // absolute session lifetime
inline constexpr size_t kMinPasswordChars = 10;

struct SignedIn {
  domain::User user;
  std::string token;       // the session cookie's value (only its keyed hash is stored)
  std::string csrf_token;  // echoed by the console in X-CSRF-Token on every unsafe request
  std::string expires_at;
};

// Unauthenticated ("用户名或密码错误") for an unknown user, a wrong password or a disabled
// account, without saying which; ResourceExhausted while locked. Failures are counted and the
// account locked after kMaxFailedSignIns, even if the request then fails.
Result<SignedIn> SignIn(const AppContext& ctx, const std::string& username,
                        const std::string& password, const std::string& remote);

struct Authenticated {
  Actor actor;
  std::string csrf_token;  // empty for API tokens (no cookie, no CSRF)
};
// The actor of a session cookie; Unauthenticated when unknown, expired, revoked or disabled.
Result<Authenticated> AuthenticateSession(const AppContext& ctx, const std::string& token);
// The actor of an API token (Authorization: Bearer); Unauthenticated when unknown or revoked.
Result<Authenticated> AuthenticateToken(const AppContext& ctx, const std::string& token);

Status SignOut(const AppContext& ctx, const Actor& actor, const std::string& token);
// Revokes every session of the actor (sign-out everywhere).
Status SignOutEverywhere(const AppContext& ctx, const Actor& actor);

struct NewUser {
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;
  std::string password;
};
// police_admin (or the operator's tools): validates roles and bindings (an institution user
// needs an existing institution, a reviewer an existing district), hashes the password.
Result<domain::User> CreateUser(const AppContext& ctx, const Actor& actor, NewUser input);
Result<ports::PageOf<domain::User>> ListUsers(const AppContext& ctx, const Actor& actor,
                                              const ports::UserFilter& filter, ports::Page page);
// Disables the account and revokes its sessions.
Result<domain::User> DisableUser(const AppContext& ctx, const Actor& actor, int64_t id);
// Sets a new password, clears the lock and revokes the account's sessions.
Result<domain::User> ResetPassword(const AppContext& ctx, const Actor& actor, int64_t id,
                                   const std::string& password);
Result<domain::User> FindUser(const AppContext& ctx, const Actor& actor,
                              const std::string& username);
// A new API token for a platform account (operator's tools only); returns the token once.
Result<std::string> CreateApiToken(const AppContext& ctx, const Actor& actor, int64_t user_id,
                                   const std::string& name);

}  // namespace anpei::app
