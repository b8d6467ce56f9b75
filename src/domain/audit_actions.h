// The one table of audit operation names: each action code the application records (see
// app/audit_log.h) with its Chinese name for people. The API serves it (GET /api/v1/audit-actions
// and each event's action_name), the CSV export and the console use it; tests/unit/
// audit_actions_test.cc fails when the code records an action this table does not name.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace anpei::domain {

struct AuditActionName {
  std::string_view code;  // "class.declare"
  std::string_view name;  // "申报培训班"
};

std::span<const AuditActionName> AuditActionNames();
// The Chinese name of an action code; nullopt for an unknown code.
std::optional<std::string_view> AuditActionNameOf(std::string_view code);
// The Chinese name of a recorded role text ("institution,auditor" -> "培训机构、审计";
// "system" -> "系统"); an unknown role is shown as it is.
std::string AuditRoleName(std::string_view role_text);

}  // namespace anpei::domain
