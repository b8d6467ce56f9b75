// Fraud outcomes (四（三）: "日常监管中如发现培训机构弄虚作假的，该班次按不合格处理，已发放补贴的
// 追回资金，并抄送当地人社部门列入信用黑名单"; domain.md §3 "Fraud"). A case (案件, CaseRecord in
// domain/spot_check.h) is opened from a spot-check finding, a fraud signal or a report, then
//
//   open ──investigate──▶ investigating ──decide──▶ fraud   (认定弄虚作假: class disqualified,
//                              ▲  │                          institution blacklisted, sent to 人社)
//                              └──┘ respond (institution)  ▶ cleared (不予认定)
//
// The institution may answer (陈述申辩) while the case is investigated; the city bureau decides
// only after it answered or its time to answer (policy fraud.response_working_days working days
// from the investigation) has passed. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "domain/date.h"
#include "domain/model.h"

namespace anpei::domain {

enum class CaseState { kOpen, kInvestigating, kFraud, kCleared };
std::string_view CaseStateId(CaseState s);  // "open", "investigating", "fraud", "cleared"
std::string_view CaseStateName(CaseState s);  // "已立案", "调查中", "认定弄虚作假", "不予认定"
std::optional<CaseState> ParseCaseState(std::string_view id);
bool IsDecided(CaseState s);

// Where a case came from (cases.source): a spot-check finding, a fraud signal the reviewer saw
// (domain/attendance_signals.h, evidence problems), a report (举报, e.g. a publicity objection).
enum class CaseSource { kSpotCheck, kSignal, kReport };
std::string_view CaseSourceId(CaseSource s);  // "spot_check", "signal", "report"
std::string_view CaseSourceName(CaseSource s);
std::optional<CaseSource> ParseCaseSource(std::string_view id);

enum class CaseDecision { kFraud, kCleared };
std::string_view CaseDecisionId(CaseDecision d);  // "fraud", "cleared"
std::optional<CaseDecision> ParseCaseDecision(std::string_view id);
CaseState StateAfter(CaseDecision d);

// Text bounds (characters), checked by CheckRequiredText (domain/text.h).
inline constexpr size_t kMaxCaseTextChars = 2000;
inline constexpr size_t kMaxCaseSummaryChars = 200;

// A case's step (case_steps): the case file, in order.
struct CaseStep {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string kind;  // open | investigate | response | decision
  std::string body;
  int64_t by_user = 0;
  std::string by_name;
  std::string at;  // RFC 3339
};

// Whether a case may be decided on `today` (local date): investigating, and the institution
// answered or `today` is after response_due. FailedPrecondition (reason case.awaiting_response,
// naming the due date) otherwise; Conflict (case.state) when not investigating.
Status MayDecide(CaseState state, bool institution_answered,
                 const std::optional<std::string>& response_due, Date today);
// Whether the institution may answer now: investigating and today <= response_due.
Status MayRespond(CaseState state, const std::optional<std::string>& response_due, Date today);

// Which classes a fraud decision disqualifies: any state from approved on (domain.md §3);
// a class already disqualified stays so.
bool MayDisqualify(ClassState state);

// The credit blacklist (信用黑名单). An entry is in force from listed_at until lifted.
struct BlacklistEntry {
  int64_t id = 0;
  int64_t institution_id = 0;
  std::string institution_name;  // read-only, joined
  std::string district_code;     // read-only, joined
  std::optional<int64_t> case_id;
  std::string reason;
  std::string listed_at;  // RFC 3339
  int64_t listed_at_unix = 0;
  std::string period_until;  // YYYY-MM-DD: the period the decision set
  int64_t listed_by = 0;
  std::string listed_by_name;
  std::string sent_to_hrss_at;
  std::optional<std::string> acknowledged_at;
  std::optional<std::string> acknowledged_by_name;
  std::optional<std::string> lifted_at;
  std::optional<int64_t> lifted_at_unix;
  std::optional<std::string> lifted_by_name;
  std::optional<std::string> lift_reason;
};

// In force at Unix time `t`: listed at or before t, not lifted at or before t.
bool InForceAt(const BlacklistEntry& e, int64_t t);
// The end of the listing period: `years` calendar years after `listed` (Feb 29 → Feb 28).
Date PeriodUntil(Date listed, int years);

}  // namespace anpei::domain
