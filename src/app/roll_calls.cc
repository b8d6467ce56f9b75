#include "app/roll_calls.h"

#include <cctype>
#include <cmath>

#include "app/attendance.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/change_requests.h"
#include "app/review.h"

namespace anpei::app {
namespace {

using ports::TxMode;

constexpr int kListedRollCalls = 50;

Status Refused(Code code, domain::RollCallRefusal r, std::string field = {}) {
  return Status(code, std::string(domain::RollCallRefusalMessage(r)), std::move(field))
      .WithReason(std::string(domain::RollCallRefusalCode(r)));
}

Status CheckDeviceId(const std::string& device_id) {
  bool ok = device_id.size() >= 8 && device_id.size() <= 128;
  for (char c : device_id) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  }
  if (ok) return Status::Ok();
  return Status::Invalid("device_id", "device_id 应为 8 到 128 个字母、数字、_ 或 -");
}

// The class in the actor's scope, or the 404 of a missing one.
Result<domain::TrainingClass> ClassInScope(ports::StoreTx& tx, const Actor& actor,
                                           int64_t class_id) {
  auto cls = tx.classes().GetClass(class_id);
  if (!cls.ok()) {
    if (cls.status().code() == Code::kNotFound) return Hidden("培训班", class_id);
    return cls.status();
  }
  if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", class_id);
  return cls;
}

std::string Canon(const domain::RollCall& rc) {
  std::string out = "roll_call|" + std::to_string(rc.id) + "|" + std::to_string(rc.class_id) + "|" +
                    std::to_string(rc.seq) + "|" + std::to_string(rc.drawn_at) + "|" +
                    std::to_string(rc.deadline) + "|";
  for (const auto& e : rc.persons) out += std::to_string(e.person_id) + ",";
  return out;
}

Result<std::vector<RollCallView>> Views(const AppContext& ctx, ports::StoreTx& tx,
                                        const Actor& actor, int64_t institution_id,
                                        std::vector<domain::RollCall> calls) {
  std::vector<int64_t> ids;
  for (const auto& c : calls) {
    for (const auto& e : c.persons) ids.push_back(e.person_id);
  }
  ANPEI_ASSIGN_OR_RETURN(auto names, TraineeNames(ctx, tx, actor, institution_id, ids));
  std::vector<RollCallView> out;
  for (auto& c : calls) {
    RollCallView v;
    for (const auto& e : c.persons) {
      RollCallPersonView p;
      p.person_id = e.person_id;
      for (const auto& [id, name] : names) {
        if (id == e.person_id) p.name = name;
      }
      if (e.answer) p.answered_at = e.answer->at;
      v.persons.push_back(std::move(p));
    }
    v.roll_call = std::move(c);
    out.push_back(std::move(v));
  }
  return out;
}

Status NeedTrainee(const Actor& actor) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先扫码确认身份");
  if (!actor.Has(domain::kRoleTrainee) || !actor.person_id) {
    return Status(Code::kPermissionDenied, "只有被点名的学员本人可以应答");
  }
  return Status::Ok();
}

}  // namespace

Result<RollCallView> DrawRollCall(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                  int64_t seq, int64_t count) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  ANPEI_RETURN_IF_ERROR(domain::CheckRollCallCount(count));
  return InTx<RollCallView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, RollCallView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ClassInScope(tx, actor, class_id));
    if (seq < 1 || seq > static_cast<int64_t>(cls.sessions.size())) {
      return Status(Code::kNotFound, "第 " + std::to_string(seq) + " 课次不存在", "seq")
          .WithReason("id.not_found");
    }
    if (cls.state != domain::ClassState::kApproved) {
      return StateConflict(cls, "点名", domain::ClassState::kApproved);
    }
    ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
    const int64_t now = ctx.Now().unix_seconds;
    const auto& session = cls.sessions[static_cast<size_t>(seq - 1)];
    if (auto r = domain::CheckRollCallTime(session, now, policy->attendance, ctx.LocalOffset())) {
      return Refused(Code::kConflict, *r, "seq");
    }
    ANPEI_ASSIGN_OR_RETURN(auto records, tx.attendance().ListRecords(class_id, seq));
    std::vector<domain::SignalRecord> marks;
    for (const auto& r : records) {
      domain::SignalRecord m;
      m.seq = static_cast<int>(r.session_seq);
      m.person_id = r.person_id;
      m.direction = r.direction;
      marks.push_back(m);
    }
    const auto drawn =
        domain::DrawRollCall(domain::PresentPersons(marks, static_cast<int>(seq)), count,
                             [&](uint32_t upper) { return ctx.vault->RandomBelow(upper); });
    if (drawn.empty()) return Refused(Code::kConflict, domain::RollCallRefusal::kNobodyPresent);
    domain::RollCall rc;
    rc.class_id = class_id;
    rc.seq = static_cast<int>(seq);
    rc.requested = count;
    rc.drawn_at = now;
    rc.deadline = domain::RollCallDeadline(now, policy->attendance);
    rc.drawn_by = actor.user_id;
    rc.drawn_by_name = actor.user;
    for (size_t i = 0; i < drawn.size(); ++i) {
      rc.persons.push_back({drawn[i], static_cast<int>(i) + 1, std::nullopt});
    }
    ANPEI_ASSIGN_OR_RETURN(rc.id, tx.signals().InsertRollCall(rc));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "attendance.roll_call.draw",
                                "roll_call:" + std::to_string(rc.id), "", Canon(rc),
                                "培训班 " + std::to_string(class_id) + " 第 " +
                                    std::to_string(seq) + " 课次随机点名，抽中 " +
                                    std::to_string(drawn.size()) + " 人"));
    ANPEI_ASSIGN_OR_RETURN(auto views, Views(ctx, tx, actor, cls.institution_id, {rc}));
    out = std::move(views.front());
    return Status::Ok();
  });
}

Result<std::vector<RollCallView>> ListRollCalls(const AppContext& ctx, const Actor& actor,
                                                int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAttendanceReaders));
  using Out = std::vector<RollCallView>;
  return InTx<Out>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Out& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ClassInScope(tx, actor, class_id));
    ANPEI_ASSIGN_OR_RETURN(auto calls, tx.signals().ListRollCalls(class_id, kListedRollCalls));
    ANPEI_ASSIGN_OR_RETURN(out, Views(ctx, tx, actor, cls.institution_id, std::move(calls)));
    return Status::Ok();
  });
}

Result<std::vector<domain::RollCall>> PendingRollCalls(const AppContext& ctx, const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedTrainee(actor));
  using Out = std::vector<domain::RollCall>;
  return InTx<Out>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Out& out) {
    ANPEI_ASSIGN_OR_RETURN(out,
                           tx.signals().PendingRollCalls(*actor.person_id, ctx.Now().unix_seconds));
    // The trainee sees their own entry only (not who else was drawn).
    for (auto& rc : out) {
      std::erase_if(rc.persons, [&](const auto& e) { return e.person_id != *actor.person_id; });
    }
    return Status::Ok();
  });
}

namespace {

// A refusal for the phone or the place is kept like a refused check-in (the signals read it).
void LogAnswerRefusal(const AppContext& ctx, const domain::RollCall& rc, int64_t person,
                      const RollCallAnswerInput& in, const Status& st) {
  if (st.reason() != "attendance.device_mismatch" && st.reason() != "attendance.too_far" &&
      st.reason() != "attendance.location_vague" && st.reason() != "attendance.location_invalid") {
    return;
  }
  LogRefusal(ctx, person, rc.class_id, rc.seq, st,
             {in.device_id, in.lat, in.lng, in.accuracy_m, in.client_addr});
}

}  // namespace

Result<RollCallAnswered> AnswerRollCall(const AppContext& ctx, const Actor& actor,
                                        int64_t roll_call_id, RollCallAnswerInput in) {
  ANPEI_RETURN_IF_ERROR(NeedTrainee(actor));
  ANPEI_RETURN_IF_ERROR(CheckDeviceId(in.device_id));
  if (!in.lat) return Status::Invalid("lat", "缺少位置（lat）");
  if (!in.lng) return Status::Invalid("lng", "缺少位置（lng）");
  if (!in.accuracy_m) return Status::Invalid("accuracy_m", "缺少定位精度（accuracy_m）");
  const int64_t person = *actor.person_id;
  const int64_t now = ctx.Now().unix_seconds;
  RollCallAnswered out;
  domain::RollCall rc;  // kept for the refusal log
  Status st = ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    auto got = tx.signals().GetRollCall(roll_call_id);
    if (!got.ok()) {
      if (got.status().code() == Code::kNotFound) return Hidden("点名", roll_call_id);
      return got.status();
    }
    rc = std::move(*got);
    const domain::RollCallEntry* mine = nullptr;
    for (const auto& e : rc.persons) {
      if (e.person_id == person) mine = &e;
    }
    if (!mine) return Refused(Code::kPermissionDenied, domain::RollCallRefusal::kNotDrawn);
    out.roll_call_id = rc.id;
    out.person_id = person;
    if (mine->answer) {  // a retry: the first answer stands
      out.answer = *mine->answer;
      return Status::Ok();
    }
    if (auto r = domain::CheckRollCallAnswerTime(rc.deadline, now)) {
      return Refused(Code::kConflict, *r);
    }
    ANPEI_ASSIGN_OR_RETURN(auto bound, tx.attendance().DeviceOfPerson(person));
    if (!bound || bound->device_id != in.device_id) {
      return Status(Code::kPermissionDenied, "本人已绑定另一部手机，如需更换请联系培训机构",
                    "device_id")
          .WithReason("attendance.device_mismatch");
    }
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(rc.class_id));
    ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
    std::optional<domain::GeoPoint> venue;
    if (cls.venue.lat && cls.venue.lng) venue = domain::GeoPoint{*cls.venue.lat, *cls.venue.lng};
    const domain::GeoPoint fix{*in.lat, *in.lng};
    if (auto r = domain::CheckLocation(venue, fix, *in.accuracy_m, policy->attendance)) {
      return Status(Code::kFailedPrecondition, std::string(domain::RefusalMessage(*r)), "lat")
          .WithReason(std::string(domain::RefusalCode(*r)));
    }
    domain::RollCallAnswer a;
    a.at = now;
    a.device_id = in.device_id;
    a.lat = in.lat;
    a.lng = in.lng;
    a.accuracy_m = in.accuracy_m;
    a.distance_m = std::round(domain::DistanceMetres(*venue, fix));
    a.client_addr = in.client_addr.substr(0, 64);
    ANPEI_RETURN_IF_ERROR(tx.signals().RecordAnswer(rc.id, person, a));
    out.answer = a;
    out.created = true;
    return Audit(ctx, tx, actor, "attendance.roll_call.answer",
                 "roll_call:" + std::to_string(rc.id), "",
                 "roll_call_answer|" + std::to_string(rc.id) + "|" + std::to_string(person) + "|" +
                     std::to_string(now) + "|" + in.device_id,
                 "学员 " + std::to_string(person) + " 应答第 " + std::to_string(rc.seq) +
                     " 课次的随机点名，距培训地点 " +
                     std::to_string(static_cast<int64_t>(*a.distance_m)) + " 米");
  });
  if (st.ok()) return out;
  if (rc.id != 0) LogAnswerRefusal(ctx, rc, person, in, st);
  return st;
}

}  // namespace anpei::app
