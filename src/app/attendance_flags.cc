// The attendance flags of a class (app/roll_calls.h GetAttendanceFlags): the store's values
// turned into the plain inputs of domain::AttendanceFlags, with every other class marked visible
// or not for this caller (app::InScope), so the domain never names what the caller may not see.
#include <algorithm>
#include <map>
#include <set>

#include "app/attendance.h"
#include "app/authorize.h"
#include "app/roll_calls.h"

namespace anpei::app {
namespace {

using ports::TxMode;

std::optional<int64_t> UnixOf(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto t = domain::ParseTimestamp(*text, "at");
  if (!t.ok()) return std::nullopt;
  return t->unix_seconds;
}

domain::SignalRecord SignalOf(const domain::AttendanceRecord& r) {
  domain::SignalRecord s;
  s.id = r.id;
  s.seq = static_cast<int>(r.session_seq);
  s.person_id = r.person_id;
  s.direction = r.direction;
  s.at = r.at;
  s.paper = r.source == domain::AttendanceSource::kPaper;
  s.device_id = r.device_id.value_or("");
  if (r.lat && r.lng) s.fix = domain::GeoPoint{*r.lat, *r.lng};
  s.accuracy_m = r.accuracy_m;
  s.distance_m = r.distance_m;
  s.selfie_id = r.selfie_id;
  return s;
}

domain::SignalRefusal SignalOf(const domain::AttendanceRefusalEntry& r) {
  domain::SignalRefusal s;
  s.person_id = r.person_id;
  s.seq = static_cast<int>(r.session_seq);
  s.reason = r.reason;
  s.device_id = r.device_id.value_or("");
  if (r.lat && r.lng) s.fix = domain::GeoPoint{*r.lat, *r.lng};
  s.accuracy_m = r.accuracy_m;
  s.at = r.at;
  return s;
}

domain::RollCallSignal SignalOf(const domain::RollCall& rc) {
  domain::RollCallSignal s;
  s.id = rc.id;
  s.seq = rc.seq;
  s.drawn_at = rc.drawn_at;
  s.deadline = rc.deadline;
  for (const auto& e : rc.persons) {
    s.person_ids.push_back(e.person_id);
    if (!e.answer) continue;
    domain::RollCallAnswerSignal a;
    a.person_id = e.person_id;
    a.at = e.answer->at;
    a.device_id = e.answer->device_id;
    if (e.answer->lat && e.answer->lng) a.fix = domain::GeoPoint{*e.answer->lat, *e.answer->lng};
    a.accuracy_m = e.answer->accuracy_m;
    s.answers.push_back(std::move(a));
  }
  return s;
}

// This class's sessions with their bounds and teachers.
std::vector<domain::SignalSession> SessionsOf(const domain::TrainingClass& cls, int offset) {
  std::map<std::string, const domain::ClassTeacher*> teachers;
  for (const auto& t : cls.teachers) teachers[t.key] = &t;
  std::vector<domain::SignalSession> out;
  for (size_t i = 0; i < cls.sessions.size(); ++i) {
    const auto& s = cls.sessions[i];
    domain::SignalSession ss;
    ss.seq = static_cast<int>(i) + 1;
    ss.bounds = domain::SessionBounds(s, offset);
    if (s.teacher) {
      if (auto it = teachers.find(*s.teacher); it != teachers.end()) {
        ss.teacher_id = it->second->teacher_id;
        ss.teacher_name = it->second->name;
      }
    }
    out.push_back(std::move(ss));
  }
  return out;
}

// Sessions of other classes on this class's days, with the checks of this class's trainees there.
Status AddElsewhere(ports::StoreTx& tx, const Actor& actor, const domain::TrainingClass& cls,
                    int offset, domain::SignalInputs& in) {
  std::set<std::string> days;
  int64_t from = 0, until = 0;
  for (const auto& s : in.sessions) {
    from = from == 0 ? s.bounds.from : std::min(from, s.bounds.from);
    until = std::max(until, s.bounds.until);
  }
  for (const auto& s : cls.sessions) days.insert(s.date.ToString());
  if (days.empty()) return Status::Ok();
  ANPEI_ASSIGN_OR_RETURN(auto sessions,
                         tx.signals().SessionsOn(cls.id, {days.begin(), days.end()}));
  // A check-in may come up to a day before or after (windows); anything further is no overlap.
  ANPEI_ASSIGN_OR_RETURN(
      auto checks, tx.signals().ChecksElsewhere(cls.id, in.roster, from - 86400, until + 86400));
  std::map<std::pair<int64_t, int>, std::map<int64_t, domain::PersonTimes>> times;
  for (const auto& c : checks) {
    auto& t = times[{c.class_id, c.seq}][c.person_id];
    t.person_id = c.person_id;
    (c.direction == "in" ? t.check_in : t.check_out) = c.at;
  }
  for (const auto& s : sessions) {
    auto date = domain::ParseDate(s.date, "date");
    if (!date.ok()) continue;
    domain::PlanSession plan;
    plan.date = *date;
    plan.start_minute = s.start_minute;
    plan.end_minute = s.end_minute;
    domain::OtherSession o;
    o.other = {s.class_id, s.class_title, InScope(actor, s.institution_id, s.district_code)};
    o.seq = s.seq;
    o.bounds = domain::SessionBounds(plan, offset);
    o.teacher_id = s.teacher_id;
    if (auto it = times.find({s.class_id, s.seq}); it != times.end()) {
      for (const auto& [person, t] : it->second) o.attendance.push_back(t);
    }
    in.other_sessions.push_back(std::move(o));
  }
  return Status::Ok();
}

// The perceptual hash of each record's selfie, and the used selfies of other classes within the
// reuse threshold of one of them (found through the hash-band indexes), each other class marked
// visible or not for this caller.
Status AddSelfies(ports::StoreTx& tx, const Actor& actor, int64_t class_id,
                  domain::SignalInputs& in) {
  ANPEI_ASSIGN_OR_RETURN(auto used, tx.selfies().ListUsedInClass(class_id));
  if (used.empty()) return Status::Ok();
  std::map<int64_t, uint64_t> hash_of;
  for (const auto& u : used) hash_of[u.selfie.id] = u.selfie.phash;
  std::set<uint64_t> hashes;
  for (auto& r : in.records) {
    if (!r.selfie_id) continue;
    if (auto it = hash_of.find(*r.selfie_id); it != hash_of.end()) {
      r.selfie_hash = it->second;
      hashes.insert(it->second);
    }
  }
  ANPEI_ASSIGN_OR_RETURN(auto near,
                         tx.selfies().UsedNearElsewhere(class_id, {hashes.begin(), hashes.end()}));
  for (const auto& e : near) {
    const bool close = std::any_of(hashes.begin(), hashes.end(), [&](uint64_t h) {
      return domain::HammingDistance(h, e.used.phash) <= in.selfie_max_hamming;
    });
    if (!close) continue;
    domain::OtherSelfie o;
    o.other = {e.used.class_id, e.class_title, InScope(actor, e.institution_id, e.district_code)};
    o.seq = static_cast<int>(e.used.session_seq);
    o.person_id = e.used.person_id;
    o.selfie_id = e.used.selfie_id;
    o.hash = e.used.phash;
    in.other_selfies.push_back(std::move(o));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<domain::AttendanceFlag>> GetAttendanceFlags(const AppContext& ctx,
                                                               const Actor& actor,
                                                               int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAttendanceReaders));
  using Out = std::vector<domain::AttendanceFlag>;
  return InTx<Out>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Out& out) {
    auto cls = tx.classes().GetClass(class_id);
    if (!cls.ok()) {
      return cls.status().code() == Code::kNotFound ? Hidden("培训班", class_id) : cls.status();
    }
    if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", class_id);
    ANPEI_ASSIGN_OR_RETURN(out, AttendanceFlagsIn(ctx, tx, actor, *cls));
    return Status::Ok();
  });
}

Result<std::vector<domain::AttendanceFlag>> AttendanceFlagsIn(const AppContext& ctx,
                                                              ports::StoreTx& tx,
                                                              const Actor& actor,
                                                              const domain::TrainingClass& c) {
  const auto* cls = &c;
  const int64_t class_id = c.id;
  {
    ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls->policy_id, "policy"));
    const int offset = ctx.LocalOffset();
    domain::SignalInputs in;
    in.now = ctx.Now().unix_seconds;
    in.utc_offset_minutes = offset;
    in.limits = policy->attendance;
    if (cls->venue.lat && cls->venue.lng) {
      in.venue = domain::GeoPoint{*cls->venue.lat, *cls->venue.lng};
    }
    for (const auto& e : cls->roster) in.roster.push_back(e.trainee_id);
    in.sessions = SessionsOf(*cls, offset);
    std::set<std::string> devices;
    ANPEI_ASSIGN_OR_RETURN(auto records, tx.attendance().ListRecords(class_id));
    for (const auto& r : records) {
      in.records.push_back(SignalOf(r));
      if (r.device_id) devices.insert(*r.device_id);
    }
    ANPEI_ASSIGN_OR_RETURN(auto refusals, tx.attendance().ListRefusals(class_id));
    for (const auto& r : refusals) {
      in.refusals.push_back(SignalOf(r));
      if (r.device_id) devices.insert(*r.device_id);
    }
    ANPEI_ASSIGN_OR_RETURN(auto calls, tx.signals().ListRollCalls(class_id, 1000));
    for (const auto& rc : calls) {
      in.roll_calls.push_back(SignalOf(rc));
      for (const auto& e : rc.persons) {
        if (e.answer && !e.answer->device_id.empty()) devices.insert(e.answer->device_id);
      }
    }
    // Bindings of the roster's persons, then every binding of any phone seen here or bound to
    // one of them (a phone that went on to someone else shows).
    ANPEI_ASSIGN_OR_RETURN(auto own, tx.signals().Bindings(in.roster, {}));
    for (const auto& b : own) devices.insert(b.device_id);
    devices.erase("");
    ANPEI_ASSIGN_OR_RETURN(auto bindings,
                           tx.signals().Bindings({}, {devices.begin(), devices.end()}));
    for (const auto& b : bindings) {
      const auto bound = UnixOf(b.bound_at);
      if (!bound) continue;
      in.bindings.push_back({b.person_id, b.device_id, *bound, UnixOf(b.unbound_at)});
    }
    ANPEI_RETURN_IF_ERROR(AddElsewhere(tx, actor, *cls, offset, in));
    ANPEI_RETURN_IF_ERROR(AddSelfies(tx, actor, class_id, in));
    return domain::AttendanceFlags(in);
  }
}

}  // namespace anpei::app
