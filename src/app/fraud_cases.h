// Use cases of fraud cases (案件, 四（三）; domain/fraud_case.h): open a case on a class (from a
// fraud signal or a report; spot-check findings open theirs in app/spot_checks.h), investigate,
// let the institution answer (陈述申辩), decide. A fraud decision, in the same transaction,
// disqualifies the class (按不合格处理) and lists the institution on the credit blacklist
// (app/blacklist.h), copied to 人社. Each call is one store transaction and every change one audit
// event (case.*, class.disqualify, blacklist.add).
//
// Who (app/authorize.h): the district's reviewer and the city bureau open and investigate; only
// the city bureau (police_admin) decides; the class's institution reads its cases once they are
// investigated and answers them; 人社 and auditors read every case. Anyone else, or a case out of
// scope, is 404 like a missing one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/fraud_case.h"
#include "domain/spot_check.h"
#include "ports/page.h"

namespace anpei::app {

// A case with its file (steps in order) and, after a fraud decision, its blacklist entry.
struct CaseView {
  domain::CaseRecord record;
  std::vector<domain::CaseStep> steps;
  std::optional<domain::BlacklistEntry> blacklist;
  bool answered = false;  // the institution answered at least once
  // Investigated, not answered, and the time to answer not over: no decision yet (四（三）).
  bool awaiting_response = false;
};

struct OpenCaseInput {
  std::string source;   // "signal" | "report" (400 source otherwise)
  std::string summary;  // 1–200 characters
  std::string details;  // 1–2000 characters: what was seen, which signal, who reported
};
// Opens a case on class `class_id` (approved or later, not disqualified: 409 case.class_state).
Result<CaseView> OpenCase(const AppContext& ctx, const Actor& actor, int64_t class_id,
                          OpenCaseInput input);
// The same in the caller's transaction (a case opened from a publicity objection, app/publicity.h).
Result<CaseView> OpenCaseIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            int64_t class_id, const OpenCaseInput& input);

struct CaseListFilter {
  std::optional<std::string> state;  // a CaseState id (400 state otherwise)
  std::optional<int64_t> class_id;
};
// Newest first, within the actor's scope (an institution: its own, investigated or decided).
Result<ports::PageOf<domain::CaseRecord>> ListCases(const AppContext& ctx, const Actor& actor,
                                                    CaseListFilter filter, ports::Page page);
Result<CaseView> GetCase(const AppContext& ctx, const Actor& actor, int64_t id);

// open → investigating: the findings so far; the institution may answer until response_due
// (policy fraud.response_working_days working days after today).
Result<CaseView> InvestigateCase(const AppContext& ctx, const Actor& actor, int64_t id,
                                 std::string findings, int64_t version);
// The institution's answer (陈述申辩), while investigating and not after response_due.
Result<CaseView> RespondToCase(const AppContext& ctx, const Actor& actor, int64_t id,
                               std::string text);

struct CaseDecisionInput {
  std::string decision;  // "fraud" | "cleared"
  std::string reason;    // 1–2000 characters, shown to the institution
  int64_t version = 0;
};
// investigating → fraud | cleared, after the institution answered or its time ran out
// (422 case.awaiting_response). fraud: the class is disqualified and the institution listed
// (period: policy fraud.blacklist_years), both audited.
Result<CaseView> DecideCase(const AppContext& ctx, const Actor& actor, int64_t id,
                            CaseDecisionInput input);

}  // namespace anpei::app
