// Publicity (公示, 三（一）4 "拟补贴人员名单在…公示"; domain.md §3 "Publicity"). A batch (公示批次)
// publishes the proposed subsidies of one or more certified classes of one district: per trainee
// the masked name and ID number, occupation, level, institution, class and subsidy. It opens on a
// working day and closes at the end (24:00, UTC+8) of the policy's publicity.working_days-th
// working day after (Civil Code art. 201: the first day is not counted). Anyone may object (异议)
// until then; the reviewer settles each objection:
//
//   open ──resolve──▶ upheld     (the trainee, or every trainee of the class, leaves the payment)
//        └─────────▶ dismissed  (the reasons are shown to the objector)
//
// A batch closes (its classes publicity_closed) after its period and only with no open objection.
// Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/calendar.h"
#include "domain/date.h"

namespace anpei::domain {

enum class BatchState { kOpen, kClosed };
std::string_view BatchStateId(BatchState s);    // "open", "closed"
std::string_view BatchStateName(BatchState s);  // "公示中", "公示结束"
std::optional<BatchState> ParseBatchState(std::string_view id);

enum class ObjectionState { kOpen, kUpheld, kDismissed };
std::string_view ObjectionStateId(ObjectionState s);  // "open", "upheld", "dismissed"
std::string_view ObjectionStateName(ObjectionState s);  // "待处理", "异议成立", "异议不成立"
std::optional<ObjectionState> ParseObjectionState(std::string_view id);
// A resolution: "upheld" or "dismissed" (not "open").
std::optional<ObjectionState> ParseObjectionDecision(std::string_view id);

// The period of a batch opened on `today`: it opens on `today` when that is a working day, else
// on the next working day, and closes at the end of the `working_days`-th working day after the
// opening day. Fails (InvalidArgument naming the date) when the calendar has no data that far.
struct PublicityPeriod {
  Date opens_on;
  Date closes_on;
};
Result<PublicityPeriod> PeriodFrom(const WorkCalendar& calendar, Date today, int working_days);
// Whether the period is over on `today` (local date): after closes_on.
bool PeriodEnded(Date closes_on, Date today);

struct PublicityBatch {
  int64_t id = 0;
  std::string district_code;
  std::string district_name;  // read-only, joined
  std::string title;
  int working_days = 0;
  std::string opens_on, closes_on;  // YYYY-MM-DD
  std::string state;                // BatchState id
  int64_t opened_by = 0;
  std::string opened_by_name;
  std::string opened_at;
  std::optional<std::string> closed_by_name, closed_at;
  int64_t version = 0;
  // Read-only counts.
  int64_t entries = 0;
  int64_t objections_open = 0;
  int64_t objections = 0;
};

// One published line. Only masked personal data: the list is public.
struct PublicityEntry {
  int64_t id = 0;
  int64_t batch_id = 0;
  int64_t class_id = 0;
  int64_t person_id = 0;
  std::string masked_name;       // 张*
  std::string masked_id_number;  // 3505**********1234
  std::string occupation;        // security_guard
  std::string occupation_name;   // 保安员
  std::string level;
  std::string institution_name;
  std::string class_title;
  int64_t subsidy_yuan = 0;
  bool withdrawn = false;  // an upheld objection took the trainee out of the payment
};

struct Objection {
  int64_t id = 0;
  int64_t batch_id = 0;
  int64_t class_id = 0;
  std::optional<int64_t> entry_id;  // none: the objection is on the whole class
  std::string receipt;
  std::string contact_kind;  // phone | email
  std::string contact;       // in clear in memory only; sealed in the store
  std::string body;
  std::string filed_at;
  std::string state;  // ObjectionState id
  std::optional<std::string> reason;
  std::optional<std::string> resolved_by_name, resolved_at;
  std::optional<int64_t> case_id;
  int64_t version = 0;
  // Read-only, joined.
  std::string batch_title;
  std::string district_code;
  std::string class_title;
  std::string entry_name;  // the entry's masked name ("" for a class objection)
};

// Text bounds (characters): the objection 1..1000, a title 1..100, a resolution's reason 1..1000
// (CheckRequiredText, domain/text.h).
inline constexpr size_t kMaxObjectionChars = 1000;
inline constexpr size_t kMaxBatchTitleChars = 100;

// The objector's contact: a mainland mobile phone (11 digits) or an e-mail address
// (local@domain.tld, at most 254 characters). Returns "phone" or "email"; InvalidArgument naming
// `field` otherwise (required).
Result<std::string> ContactKind(std::string_view contact, std::string_view field);
// The contact as staff see it: 138****5678, z***@example.com.
std::string MaskContact(std::string_view kind, std::string_view contact);

}  // namespace anpei::domain
