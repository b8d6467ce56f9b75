// Hours per trainee and head-counts per session (app/attendance.h GetClassHours): a session
// counts only with both ends inside the windows (domain EarnedHours); a make-up session (added by
// an approved change request) is expected of, and counts for, the trainees it was approved for.
#include <algorithm>
#include <map>
#include <set>

#include "app/attendance.h"
#include "app/authorize.h"
#include "app/change_requests.h"
#include "domain/attendance.h"
#include "domain/online_learning.h"

namespace anpei::app {
namespace {

using ports::TxMode;

// For each session index: the trainees it is expected of (nullopt: the whole roster).
Result<std::vector<std::optional<std::set<int64_t>>>> Audiences(ports::StoreTx& tx,
                                                                const domain::TrainingClass& cls) {
  std::vector<std::optional<std::set<int64_t>>> out(cls.sessions.size());
  ports::ChangeRequestFilter f;
  f.class_id = cls.id;
  f.state = "approved";
  f.oldest_first = true;
  std::vector<domain::ChangeRequest> added;
  std::optional<int64_t> after;
  while (true) {
    ANPEI_ASSIGN_OR_RETURN(auto page, tx.change_requests().ListChangeRequests(f, {1, 100, after}));
    for (auto& c : page.items) {
      if (c.kind != domain::ChangeKind::kReschedule && !c.sessions.empty()) {
        added.push_back(std::move(c));
      }
    }
    if (!page.next) break;
    after = page.next;
  }
  // Approval appends the sessions in the order of the plan versions it creates.
  std::sort(added.begin(), added.end(), [](const auto& a, const auto& b) {
    return a.plan_version.value_or(0) < b.plan_version.value_or(0);
  });
  size_t total_added = 0;
  for (const auto& c : added) total_added += c.sessions.size();
  if (total_added > cls.sessions.size()) return out;  // not as expected: treat all as planned
  size_t at = cls.sessions.size() - total_added;
  for (const auto& c : added) {
    std::set<int64_t> who(c.trainee_ids.begin(), c.trainee_ids.end());
    for (size_t i = 0; i < c.sessions.size(); ++i) out[at++] = who;
  }
  return out;
}

using Audience = std::vector<std::optional<std::set<int64_t>>>;
// (seq, person) -> the check-in and the check-out (either may be missing).
using Pair = std::pair<const domain::AttendanceRecord*, const domain::AttendanceRecord*>;
using ByKey = std::map<std::pair<int64_t, int64_t>, Pair>;

bool Expected(const Audience& audiences, size_t i, int64_t person) {
  return !audiences[i] || audiences[i]->count(person) > 0;
}

SessionHeadcount HeadcountOf(const domain::TrainingClass& cls, size_t i, const Audience& audiences,
                             const ByKey& by) {
  SessionHeadcount h;
  h.seq = static_cast<int64_t>(i) + 1;
  h.session = cls.sessions[i];
  h.makeup = audiences[i].has_value();
  for (const auto& e : cls.roster) {
    if (!Expected(audiences, i, e.trainee_id)) continue;
    ++h.expected;
    auto it = by.find({h.seq, e.trainee_id});
    if (it == by.end()) continue;
    if (it->second.first) ++h.checked_in;
    if (it->second.second) ++h.checked_out;
  }
  return h;
}

TraineeSessionHours SessionHoursOf(const domain::PlanSession& s, int64_t seq, const Pair* pair,
                                   const domain::Policy& policy, int offset) {
  TraineeSessionHours sh;
  sh.seq = seq;
  sh.hours = s.hours;
  if (!pair) return sh;
  const auto* in = pair->first;
  const auto* out = pair->second;
  if (in) sh.check_in = in->at;
  if (out) sh.check_out = out->at;
  sh.source = std::string(domain::AttendanceSourceId((in ? in : out)->source));
  const auto& lim = policy.attendance;
  const bool in_ok = in && !domain::CheckTime(s, domain::Direction::kIn, in->at, lim, offset);
  const bool out_ok = out && !domain::CheckTime(s, domain::Direction::kOut, out->at, lim, offset);
  if (in_ok && out_ok) {
    sh.earned = domain::EarnedHours(s, in->at, out->at, policy.plan.min_minutes_per_hour, offset);
  }
  return sh;
}

}  // namespace

Result<ClassHours> GetClassHours(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAttendanceReaders));
  return InTx<ClassHours>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, ClassHours& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
    if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
    ANPEI_ASSIGN_OR_RETURN(out, ClassHoursIn(ctx, tx, actor, cls));
    return Status::Ok();
  });
}

Result<ClassHours> ClassHoursIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                                const domain::TrainingClass& cls) {
  const int64_t class_id = cls.id;
  ClassHours out;
  {
    ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
    ANPEI_ASSIGN_OR_RETURN(auto audiences, Audiences(tx, cls));
    ANPEI_ASSIGN_OR_RETURN(auto records, tx.attendance().ListRecords(class_id));
    ByKey by;
    for (const auto& r : records) {
      auto& slot = by[{r.session_seq, r.person_id}];
      (r.direction == domain::Direction::kIn ? slot.first : slot.second) = &r;
    }
    // Online sessions are credited from the accepted online learning records (pushed by the
    // class's platform or imported): each trainee's online class hours fill the online sessions
    // in plan order (domain CreditOnlineHours).
    ANPEI_ASSIGN_OR_RETURN(auto online_totals, tx.online().Totals(class_id));
    std::map<int64_t, int64_t> online_hours;
    for (const auto& t : online_totals) online_hours[t.person_id] = t.class_hours;
    std::vector<int64_t> ids;
    for (const auto& e : cls.roster) ids.push_back(e.trainee_id);
    ANPEI_ASSIGN_OR_RETURN(auto names, TraineeNames(ctx, tx, actor, cls.institution_id, ids));
    out.class_id = class_id;
    for (size_t i = 0; i < cls.sessions.size(); ++i) {
      out.sessions.push_back(HeadcountOf(cls, i, audiences, by));
      if (!audiences[i]) out.planned_hours += cls.sessions[i].hours;
    }
    for (int64_t p : ids) {
      TraineeHours t;
      t.person_id = p;
      for (const auto& [nid, n] : names) {
        if (nid == p) t.name = n;
      }
      t.planned_hours = out.planned_hours;
      int attended = 0;
      const auto credit = domain::CreditOnlineHours(cls.sessions, online_hours[p]);
      for (size_t i = 0; i < cls.sessions.size(); ++i) {
        if (!Expected(audiences, i, p)) continue;
        const int64_t seq = static_cast<int64_t>(i) + 1;
        if (cls.sessions[i].delivery == domain::Delivery::kOnline) {
          TraineeSessionHours sh;
          sh.seq = seq;
          sh.hours = cls.sessions[i].hours;
          sh.earned = static_cast<int>(credit[i]);
          if (credit[i] > 0) sh.source = "online";
          t.sessions.push_back(sh);
          attended += sh.earned;
          continue;
        }
        auto it = by.find({seq, p});
        t.sessions.push_back(SessionHoursOf(cls.sessions[i], seq,
                                            it == by.end() ? nullptr : &it->second, *policy,
                                            ctx.LocalOffset()));
        attended += t.sessions.back().earned;
      }
      t.attended_hours = std::min(attended, t.planned_hours);
      out.trainees.push_back(std::move(t));
    }
    return out;
  }
}

Result<std::vector<SessionHeadcount>> GetHeadcounts(const AppContext& ctx, const Actor& actor,
                                                    int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAttendanceReaders));
  using Out = std::vector<SessionHeadcount>;
  return InTx<Out>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Out& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
    if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
    ANPEI_ASSIGN_OR_RETURN(auto audiences, Audiences(tx, cls));
    ANPEI_ASSIGN_OR_RETURN(auto records, tx.attendance().ListRecords(class_id));
    ByKey by;
    for (const auto& r : records) {
      auto& slot = by[{r.session_seq, r.person_id}];
      (r.direction == domain::Direction::kIn ? slot.first : slot.second) = &r;
    }
    for (size_t i = 0; i < cls.sessions.size(); ++i) {
      out.push_back(HeadcountOf(cls, i, audiences, by));
    }
    return Status::Ok();
  });
}

}  // namespace anpei::app
