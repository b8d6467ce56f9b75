// Field-level change lists for the audit trail (domain::AuditChange): what a state change did,
// field by field, in words people read — personal data masked as the views mask it (names 张*,
// ID numbers 3505**********1234, phones 138****5678) and sealed values never in clear. The
// before/after digests stay the proof; these are the explanation.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/context.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/model.h"

namespace anpei::app {

// (label, shown value) of each field of an entity, in a fixed order.
using ShownFields = std::vector<std::pair<std::string, std::string>>;

ShownFields Shown(const AppContext& ctx, const domain::District& d);
ShownFields Shown(const AppContext& ctx, const domain::Institution& i);
ShownFields Shown(const AppContext& ctx, const domain::Teacher& t);
ShownFields Shown(const AppContext& ctx, const domain::Trainee& t);
ShownFields Shown(const AppContext& ctx, const domain::TrainingClass& c);
ShownFields Shown(const AppContext& ctx, const domain::Enrolment& e);
ShownFields Shown(const AppContext& ctx, const domain::HeldEnrolment& h);
ShownFields Shown(const AppContext& ctx, const domain::User& u);

// The fields whose shown value differs (a field only one side has counts as changed).
std::vector<domain::AuditChange> Diff(const ShownFields& before, const ShownFields& after);

// The change list between two states of an entity, and of a created one (every field it has).
template <typename T>
std::vector<domain::AuditChange> Changes(const AppContext& ctx, const T& before, const T& after) {
  return Diff(Shown(ctx, before), Shown(ctx, after));
}
template <typename T>
std::vector<domain::AuditChange> Created(const AppContext& ctx, const T& after) {
  return Diff({}, Shown(ctx, after));
}

// The Chinese name of a trainee group id of any policy ("security_staff" -> 安保从业人员).
std::string TraineeGroupName(const AppContext& ctx, const std::string& group);

}  // namespace anpei::app
