// Change requests (变更申请, notice 三（二）3, domain.md §3): after approval a class's plan is
// locked and changes only through a request that a reviewer approves — a make-up class (补课: new
// sessions for named trainees of the roster), a make-up exam (补考: an exam session) or moved
// sessions (改期, with the reason). Every version of the plan is kept, and any two can be compared
// (PlanDiff). Pure: the current sessions and roster in, the changed sessions (or the fault) out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/date.h"
#include "domain/plan.h"

namespace anpei::domain {

enum class ChangeKind { kMakeupClass, kMakeupExam, kReschedule };
std::string_view ChangeKindId(ChangeKind kind);    // "makeup_class", "makeup_exam", "reschedule"
std::string_view ChangeKindName(ChangeKind kind);  // "补课", "补考", "改期"
std::optional<ChangeKind> ParseChangeKind(std::string_view id);

enum class ChangeState { kPending, kApproved, kRefused };
std::string_view ChangeStateId(ChangeState state);    // "pending", "approved", "refused"
std::string_view ChangeStateName(ChangeState state);  // "待审核", "已批准", "未批准"
std::optional<ChangeState> ParseChangeState(std::string_view id);

// Moves the session numbered `seq` (1-based: 第 seq 次课, the position in the plan) to a new time.
// from_* are the session's time before the move, filled when the request is filed.
struct SessionMove {
  int64_t seq = 0;
  Date date;
  int start_minute = 0;
  int end_minute = 0;
  Date from_date;
  int from_start_minute = 0;
  int from_end_minute = 0;
};

struct ChangeRequest {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string class_title;       // read-only, joined
  int64_t institution_id = 0;    // read-only, joined
  std::string institution_name;  // read-only, joined
  std::string district_code;     // read-only, joined
  ChangeKind kind = ChangeKind::kMakeupClass;
  std::string reason;
  std::vector<PlanSession> sessions;       // added (make-up class, make-up exam)
  std::vector<int64_t> trainee_ids;        // who makes up (make-up class; optional for an exam)
  std::vector<std::string> trainee_names;  // read-only: theirs as the reader may see them
  std::vector<SessionMove> moves;          // reschedule
  ChangeState state = ChangeState::kPending;
  int64_t filed_by_user = 0;
  std::string filed_by;  // the user's display name
  std::string filed_at;
  int64_t class_version = 0;  // the class's version it was filed against
  std::optional<int64_t> decided_by_user;
  std::optional<std::string> decided_by;
  std::optional<std::string> decided_at;
  std::string decision_reason;
  std::optional<int64_t> plan_version;  // the plan version approval created
  int64_t version = 1;
};

inline constexpr size_t kMaxChangeReasonChars = 500;
inline constexpr size_t kMaxChangeItems = 200;

// The class's sessions after `change` (sessions added at the end, moved sessions keep their
// number). Checks the change's shape: a reason; sessions for a make-up (none for a move) and
// moves for a reschedule (none for a make-up); trainees named for a make-up class, each on the
// roster once (one not on the roster is NotFound, field trainee_ids[i], whoever it is); no
// session added or moved to a day before `today`, no session moved that already took place, no
// move to the time it has. InvalidArgument naming the field otherwise. Fills each move's from_*.
// The policy check of the result is the caller's (CheckPlan).
Result<std::vector<PlanSession>> ApplyChange(const std::vector<PlanSession>& current,
                                             const std::vector<int64_t>& roster,
                                             ChangeRequest& change, Date today);

// What differs between two versions of a plan: sessions only in `to` (added), only in `from`
// (removed), and those whose time alone changed (moved: the same hours, kind, delivery, teacher and
// content at another date or time, paired in order); people who joined or left the roster.
struct PlanDiff {
  std::vector<PlanSession> added;
  std::vector<PlanSession> removed;
  std::vector<std::pair<PlanSession, PlanSession>> moved;  // {from, to}
  std::vector<int64_t> roster_added;
  std::vector<int64_t> roster_removed;
};
PlanDiff DiffPlans(const std::vector<PlanSession>& from, const std::vector<int64_t>& from_roster,
                   const std::vector<PlanSession>& to, const std::vector<int64_t>& to_roster);

}  // namespace anpei::domain
