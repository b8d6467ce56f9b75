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

// The session lifetime, throttles and idle timeout are ctx.security (app/context.h); the
// password rules are domain/password_policy.h with the list of common passwords in
// ctx.reference->common_passwords().

struct SignedIn {
  domain::User user;
  std::string token;       // the session cookie's value (only its keyed hash is stored)
  std::string csrf_token;  // echoed by the console in X-CSRF-Token on every unsafe request
  std::string expires_at;
};

// Unauthenticated ("用户名或密码错误", reason session.bad_credentials) for an unknown user, a
// wrong password or a disabled account, without saying which and after the same Argon2 effort;
// ResourceExhausted (reason session.throttled, *retry_after_s set) while the name from this
// client address, the address, or the name everywhere is throttled (domain/sign_in_throttle.h).
// Each attempt is counted before its password is checked. `remote` is the request's client
// address ("ip", "ip:port" or "[ipv6]:port").
Result<SignedIn> SignIn(const AppContext& ctx, const std::string& username,
                        const std::string& password, const std::string& remote,
                        int64_t* retry_after_s = nullptr);

struct Authenticated {
  Actor actor;
  std::string csrf_token;  // empty for API tokens (no cookie, no CSRF)
  // After an administrator's reset the session may only change the password (and sign out).
  bool must_change_password = false;
};
// The actor of a session cookie; Unauthenticated when unknown, revoked, past its lifetime
// (reason session.expired), unused for longer than the idle timeout (session.idle_timeout) or
// disabled. Records the use (at most once a minute) for the idle timeout.
Result<Authenticated> AuthenticateSession(const AppContext& ctx, const std::string& token);
// The actor of an API token (Authorization: Bearer); Unauthenticated when unknown or revoked.
Result<Authenticated> AuthenticateToken(const AppContext& ctx, const std::string& token);

Status SignOut(const AppContext& ctx, const Actor& actor, const std::string& token);
// Revokes every session of the actor (sign-out everywhere).
Status SignOutEverywhere(const AppContext& ctx, const Actor& actor);

// The signed-in user changes their own password: the current one must be right (400, reason
// password.current_wrong, field current_password; throttled like a sign-in), the new one must
// pass the policy (field new_password) and differ from it. Clears a forced change and ends the
// user's other sessions; the session `token` stays.
Status ChangeOwnPassword(const AppContext& ctx, const Actor& actor, const std::string& token,
                         const std::string& current, const std::string& next,
                         const std::string& remote, int64_t* retry_after_s = nullptr);

// Administrators act on another administrator only after re-entering their own password
// (`admin_password`): PermissionDenied with reason reauth.required when it is missing,
// reauth.failed when wrong (field admin_password). Not needed for other targets, oneself, or the
// operator's tools.
struct Reauth {
  std::string admin_password;
  std::string remote;
};

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
// The same page inside the caller's transaction (the export walks it).
Result<ports::PageOf<domain::User>> ListUsersIn(const AppContext& ctx, ports::StoreTx& tx,
                                                const Actor& actor, const ports::UserFilter& filter,
                                                ports::Page page);
// Disables the account and revokes its sessions.
Result<domain::User> DisableUser(const AppContext& ctx, const Actor& actor, int64_t id,
                                 const Reauth& reauth = {});
// Enables a disabled account again (its old sessions stay revoked).
Result<domain::User> EnableUser(const AppContext& ctx, const Actor& actor, int64_t id,
                                const Reauth& reauth = {});
// Sets a new password (the policy applies), lifts the sign-in throttle of the name, revokes the
// account's sessions and forces the user to change the password at the next sign-in.
Result<domain::User> ResetPassword(const AppContext& ctx, const Actor& actor, int64_t id,
                                   const std::string& password, const Reauth& reauth = {});
// Changes a user's roles and their binding (an institution user's institution, a reviewer's
// district; cleared when no role needs it), at `version`. Least privilege: an administrator bound
// to a district grants only roles within that district (institution of one of its institutions,
// police_reviewer of it, trainee) and never a city-wide role (police_admin, hrss, finance,
// auditor, platform); nobody changes their own roles. Re-authentication as for other
// administrator actions, and also whenever police_admin is granted. Revokes the user's sessions
// (they sign in again under the new roles); audited (user.role_change).
struct RoleChange {
  std::vector<std::string> roles;
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;
  std::optional<int64_t> version;
};
Result<domain::User> ChangeUserRole(const AppContext& ctx, const Actor& actor, int64_t id,
                                    RoleChange change, const Reauth& reauth = {});

// A sign-in throttle that is active now (failures counted in its window, or locked), as the
// administrators see it (domain/sign_in_throttle.h).
struct ThrottleView {
  std::string kind;      // "account" (the name everywhere), "account_at_address", "address"
  std::string username;  // lower-cased; empty for "address"
  std::string address;   // empty for "account"
  std::optional<int64_t> user_id;           // the account of that name, if there is one
  int64_t failures = 0;                     // in the current window (a lock starts a new one)
  int64_t locks = 0;                        // locks in a row (the backoff doubles with each)
  std::optional<std::string> locked_until;  // local RFC 3339 time, while locked
};
// Administrators only; at most 500, in key order.
Result<std::vector<ThrottleView>> ListSignInThrottles(const AppContext& ctx, const Actor& actor);
// Lifts every sign-in throttle of the user's name (everywhere and at every address), audited
// (user.unlock); re-authentication as for other administrator actions.
Result<domain::User> UnlockUser(const AppContext& ctx, const Actor& actor, int64_t id,
                                const Reauth& reauth = {});

// A random password that passes the policy (for the operator's tools).
std::string GeneratePassword(const AppContext& ctx, const std::string& username);
Result<domain::User> FindUser(const AppContext& ctx, const Actor& actor,
                              const std::string& username);
// A new API token for a platform account (operator's tools only); returns the token once.
Result<std::string> CreateApiToken(const AppContext& ctx, const Actor& actor, int64_t user_id,
                                   const std::string& name);
// The actor's own API tokens, or everybody's (`all`, administrators only), newest first.
Result<std::vector<domain::ApiToken>> ListApiTokens(const AppContext& ctx, const Actor& actor,
                                                    bool all);
// Revokes a token by its public id: its owner or an administrator (NotFound for anyone else).
// A revoked token answers 401 from then on.
Result<domain::ApiToken> RevokeApiToken(const AppContext& ctx, const Actor& actor,
                                        const std::string& id);

}  // namespace anpei::app
