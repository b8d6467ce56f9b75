// Helpers shared by the account use cases (accounts.cc, sign_in.cc): times, the actor of a user,
// the audit digest of a user, the throttle keys and the password policy. Internal to src/app.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/account.h"

namespace anpei::app::account {

// The local RFC 3339 time `plus_seconds` from now.
std::string At(const AppContext& ctx, int64_t plus_seconds);
// Whether the RFC 3339 time `text` is still in the future.
bool Future(const AppContext& ctx, const std::optional<std::string>& text);
Actor ActorOf(const domain::User& u);
// What the audit trail digests of a user (no password hash).
std::string Canon(const domain::User& u);
// The password policy with the installation's list of common passwords.
Status CheckPassword(const AppContext& ctx, const std::string& password,
                     const std::string& username, const std::string& field = "password");

// The throttle keys of an attempt on `username` from `remote`: the name from this address, the
// address, the name (lower-cased, so `Admin` and `admin` count together).
struct ThrottleKeys {
  std::vector<std::pair<std::string, const domain::ThrottleRule*>> keys;
};
ThrottleKeys KeysOf(const AppContext& ctx, const std::string& username, const std::string& remote);
// The client address of "ip:port", "[v6]:port", "ip" or "v6" (without the port).
std::string ClientAddress(const std::string& remote);

// In `tx`: counts an attempt on every key, or, when one of them is throttled, counts nothing and
// returns the Unix time it opens again (0: the attempt may go ahead).
Result<int64_t> ReserveAttempt(const AppContext& ctx, ports::StoreTx& tx, const ThrottleKeys& k);
// In `tx`: the attempt's outcome. A success clears the name's keys and gives the address back its
// reservation; a failure may lock the keys: the audit note saying until when ("" if none locked).
Result<std::string> FinishAttempt(const AppContext& ctx, ports::StoreTx& tx, const ThrottleKeys& k,
                                  bool good);
// The 429 of a throttled attempt, naming the local time it opens again.
Status Throttled(const AppContext& ctx, int64_t until, int64_t* retry_after_s);
// Verifies against a fixed dummy hash: the same Argon2 effort when there is no account.
void SpendDummyVerify(const AppContext& ctx, const std::string& password);

}  // namespace anpei::app::account
