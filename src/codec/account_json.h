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
// {"password": "..."}
Result<std::string> ParsePassword(std::string_view body);

std::string UserToJson(const domain::User& user);
std::string UsersToJson(const ports::PageOf<domain::User>& page);
// {"user": ..., "csrf_token": ..., "permissions": [...], "model": {"roles": [{id, name}],
// "class_states": [{id, name, editable, next: [...]}]}}: what the console shows and offers comes
// from here (app/authorize.h, domain/model.h), never from a copy in JavaScript.
std::string SessionToJson(const domain::User& user, const std::string& csrf_token,
                          const std::vector<std::string>& permissions);
std::string AuditPageToJson(const ports::PageOf<domain::AuditEvent>& page);
// CSV (UTF-8 with a byte-order mark, so Excel opens it as UTF-8), one line per event.
std::string AuditCsv(const std::vector<domain::AuditEvent>& events);

}  // namespace anpei::codec
