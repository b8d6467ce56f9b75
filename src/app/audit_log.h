// Recording to the audit trail from the use cases: who (Actor), what (action, target), and keyed
// digests of the target before and after, appended in the same transaction as the change so that
// a change and its event commit or vanish together.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "domain/audit.h"
#include "domain/model.h"

namespace anpei::app {

// Canonical texts of the audited entities, for the before/after digests.
std::string Canon(const domain::District& d);
std::string Canon(const domain::Institution& i);
std::string Canon(const domain::Teacher& t);
std::string Canon(const domain::Trainee& t);
std::string Canon(const domain::TrainingClass& c);
std::string Canon(const domain::Enrolment& e);
std::string Canon(const domain::HeldEnrolment& h);

// Appends one event. `before`/`after` are canonical texts ("" when there is none: a create has no
// before, a read has neither); only their keyed digests are stored, never the texts.
Status Audit(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, std::string action,
             const std::string& target, std::string_view before, std::string_view after,
             const std::string& detail = "", std::vector<domain::AuditChange> changes = {});

// The trail for auditors and the city bureau (the look itself is audited: audit.read).
Result<ports::PageOf<domain::AuditEvent>> ListAuditEvents(const AppContext& ctx, const Actor& actor,
                                                          const ports::AuditFilter& filter,
                                                          ports::Page page);
// Every matching event, for the export (at most kMaxAuditExport; audited as audit.export).
inline constexpr int64_t kMaxAuditExport = 100000;
Result<std::vector<domain::AuditEvent>> ExportAuditEvents(const AppContext& ctx, const Actor& actor,
                                                          const ports::AuditFilter& filter);

}  // namespace anpei::app
