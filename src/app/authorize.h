// Authorisation (domain.md §1), decided in the app layer, one call per use case:
//  - not signed in: Unauthenticated (401);
//  - signed in, but the role may not do this at all: PermissionDenied (403);
//  - the role may, but the target lies outside the user's institution or district: NotFound
//    (404, the same answer as for a target that does not exist, so existence does not leak).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "app/context.h"

namespace anpei::app {

// Roles that read everything: the city bureau, 人社, 财政, auditors and the operator's tools.
bool SeesAll(const Actor& actor);
// Unauthenticated unless signed in; PermissionDenied unless the actor holds one of `roles`
// (the system actor holds every role).
Status NeedRole(const Actor& actor, std::initializer_list<std::string_view> roles);
// Whether the actor's scope includes an institution in `district_code`.
bool InScope(const Actor& actor, int64_t institution_id, std::string_view district_code);
// Narrows a list's filter to the actor's scope: an institution user to its institution, a
// reviewer to its district; roles that see everything keep the filter as asked.
void NarrowToScope(const Actor& actor, std::optional<int64_t>& institution_id,
                   std::optional<std::string>& district_code);
// The NotFound an out-of-scope target gets: word for word the one of a missing target.
Status Hidden(std::string_view what, int64_t id);

// The roles that may read the registry and the classes (within their scope).
inline constexpr std::initializer_list<std::string_view> kRegistryReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin,
    domain::kRoleHrss,        domain::kRoleFinance,  domain::kRoleAuditor};

}  // namespace anpei::app
