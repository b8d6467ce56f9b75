// JSON mapping of accounts, sessions and the audit trail (docs/openapi.yaml). Password hashes
// never appear in any output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/accounts.h"
#include "base/status.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "ports/store.h"

namespace anpei::codec {

struct SignInRequest {
  std::string username;
  std::string password;
};
Result<SignInRequest> ParseSignIn(std::string_view body);
Result<app::NewUser> ParseNewUser(std::string_view body);
// {"roles": [...], "institution_id": N|null, "district_code": "..."|null, "version": N}
Result<app::RoleChange> ParseRoleChange(std::string_view body);
// {"items": [{kind, username, address, user_id, failures, locks, locked_until}]}
std::string ThrottlesToJson(const std::vector<app::ThrottleView>& throttles);
// {"password": "..."}
Result<std::string> ParsePassword(std::string_view body);
struct PasswordChange {
  std::string current_password;
  std::string new_password;
};
// {"current_password": "...", "new_password": "..."}
Result<PasswordChange> ParsePasswordChange(std::string_view body);
// The optional {"admin_password": "..."} of an action on another administrator ("" when absent;
// an empty body is allowed).
Result<std::string> ParseAdminPassword(std::string_view body);
// {"items": [{id, name, user_id, username, created_at, revoked_at}]}
std::string ApiTokensToJson(const std::vector<domain::ApiToken>& tokens);
std::string ApiTokenToJson(const domain::ApiToken& token);

std::string UserToJson(const domain::User& user);
std::string UsersToJson(const ports::PageOf<domain::User>& page);
// {"user": ..., "csrf_token": ..., "permissions": [...], "model": {"roles": [{id, name}],
// "class_states": [{id, name, editable, next: [...]}]}}: what the console shows and offers comes
// from here (app/authorize.h, domain/model.h), never from a copy in JavaScript.
// "idle_timeout_s" tells the console when the server will end an unused session.
std::string SessionToJson(const domain::User& user, const std::string& csrf_token,
                          const std::vector<std::string>& permissions, int64_t idle_timeout_s = 0);
std::string AuditPageToJson(const ports::PageOf<domain::AuditEvent>& page);
// CSV (UTF-8 with a byte-order mark, so Excel opens it as UTF-8), one line per event.
// The table of audit operation names: {"items":[{"code","name"}]}.
std::string AuditActionsToJson();
std::string AuditCsv(const std::vector<domain::AuditEvent>& events);

}  // namespace anpei::codec
