// Use cases of the credit blacklist (信用黑名单, 四（三）; domain/fraud_case.h). Entries are made
// by a fraud decision (app/fraud_cases.h) and copied to 人社 at once; 人社 acknowledges an entry
// (takes it into its credit list) and is the only one who lifts it. While an entry is in force the
// institution cannot declare a class (app/classes.h DeclareClass) and its trainees' subsidy
// verdicts fail ELIG_INSTITUTION_NOT_BLACKLISTED when it was listed at the declaration.
// Readers: police (a reviewer: its district), 人社, 财政, auditors; an institution its own entries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/context.h"
#include "domain/fraud_case.h"
#include "ports/page.h"
#include "ports/store.h"

namespace anpei::app {

Result<ports::PageOf<domain::BlacklistEntry>> ListBlacklist(const AppContext& ctx,
                                                            const Actor& actor, bool in_force_only,
                                                            ports::Page page);
Result<domain::BlacklistEntry> GetBlacklistEntry(const AppContext& ctx, const Actor& actor,
                                                 int64_t id);
// 人社 takes the entry into its credit list (blacklist.acknowledge); 409 when already done.
Result<domain::BlacklistEntry> AcknowledgeBlacklistEntry(const AppContext& ctx, const Actor& actor,
                                                         int64_t id);
// 人社 lifts the entry (blacklist.lift, reason 1–2000 characters); 409 when already lifted. The
// institution may declare again once no entry of it is in force.
Result<domain::BlacklistEntry> LiftBlacklistEntry(const AppContext& ctx, const Actor& actor,
                                                  int64_t id, std::string reason);

// Inside a transaction: the entry of `institution_id` in force at Unix time `t`, if any (the
// earliest listed). For the eligibility rule and the declaration check.
Result<std::optional<domain::BlacklistEntry>> BlacklistedAt(ports::StoreTx& tx,
                                                            int64_t institution_id, int64_t t);
// Inside a transaction: lists the institution (blacklist.add) and keeps
// institutions.blacklisted_at.
Result<domain::BlacklistEntry> AddBlacklistEntry(const AppContext& ctx, ports::StoreTx& tx,
                                                 const Actor& actor, domain::BlacklistEntry entry);

}  // namespace anpei::app
