#include "app/enrolment.h"

#include <algorithm>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"
#include "app/roster_import.h"

namespace anpei::app {
namespace {

using ports::TxMode;

// Gives the institution its record of the person with this phone and group (or updates it).
Status KeepRecord(const AppContext& ctx, ports::StoreTx& tx, int64_t institution_id,
                  int64_t trainee_id, const std::string& phone, const std::string& group) {
  const std::string now = ctx.NowText();
  ANPEI_ASSIGN_OR_RETURN(auto record, tx.enrolments().GetEnrolment(institution_id, trainee_id));
  if (!record) {
    return tx.enrolments().InsertEnrolment(
        domain::Enrolment{institution_id, trainee_id, phone, group, 1, now, now});
  }
  if (record->phone == phone && record->group == group) return Status::Ok();
  domain::Enrolment next = *record;
  next.phone = phone;
  next.group = group;
  next.updated_at = now;
  return tx.enrolments().UpdateEnrolment(next, record->version);
}

// A reviewer sees the name on record; nobody else does (it is what the oracle would reveal).
domain::HeldEnrolment ForActor(const Actor& actor, domain::HeldEnrolment h) {
  if (!SeesAll(actor) && !actor.Has(domain::kRoleReviewer) &&
      !actor.Has(domain::kRolePoliceAdmin)) {
    h.recorded_name.clear();
  }
  return h;
}

// On confirmation: the person joins the class's roster if the class can still change.
Result<std::string> JoinClass(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                              int64_t class_id, int64_t trainee_id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
  for (const auto& e : cls.roster) {
    if (e.trainee_id == trainee_id) return std::string("已在培训班名单中");
  }
  if (!domain::IsPlanEditable(cls.state)) return std::string("培训班已锁定，未加入名单");
  if (cls.roster.size() >= kMaxRoster) return std::string("培训班名单已满，未加入名单");
  domain::TrainingClass next = cls;
  next.roster.push_back({trainee_id, "", "", "", ""});
  next.updated_at = ctx.NowText();
  ANPEI_RETURN_IF_ERROR(tx.classes().UpdateClass(next, cls.version));
  ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(class_id));
  ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "class.roster_add",
                              "class:" + std::to_string(class_id), Canon(cls), Canon(after),
                              "确认待审核报名，加入学员 " + std::to_string(trainee_id)));
  return std::string("已加入培训班名单");
}

// Confirmation: the person's name becomes the one given; the institution gets its record.
Result<std::string> Confirm(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            const domain::HeldEnrolment& h) {
  ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().GetTrainee(h.trainee_id));
  if (person.name != h.given_name) {
    domain::Trainee next = person;
    next.name = h.given_name;
    ANPEI_RETURN_IF_ERROR(tx.registry().UpdateTrainee(next, person.version));
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.registry().GetTrainee(h.trainee_id));
    ANPEI_RETURN_IF_ERROR(Audit(
        ctx, tx, actor, "trainee.identity_confirm", "trainee:" + std::to_string(h.trainee_id),
        Canon(person), Canon(after), "审核确认姓名（待审核报名 " + std::to_string(h.id) + "）"));
  }
  ANPEI_RETURN_IF_ERROR(KeepRecord(ctx, tx, h.institution_id, h.trainee_id, h.phone, h.group));
  if (!h.class_id) return std::string();
  return JoinClass(ctx, tx, actor, *h.class_id, h.trainee_id);
}

}  // namespace

Result<Resolved> ResolveIdentity(const AppContext& ctx, ports::StoreTx& tx, int64_t institution_id,
                                 const domain::Trainee& t) {
  ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().FindTraineeByIdNumber(t.id_number));
  Resolved out;
  if (!person) {
    domain::Trainee fresh = t;
    fresh.phone.clear();  // the phone an institution gives is its own record's, not the person's
    fresh.created_at = ctx.NowText();
    auto id = tx.registry().InsertTrainee(fresh);
    if (!id.ok() && id.status().code() == Code::kConflict) {
      // Only a concurrent registration of the same number gets here (PostgreSQL).
      return Status(Code::kUnavailable, "系统繁忙，请稍后重试", "id_number")
          .WithReason("enrolment.retry");
    }
    if (!id.ok()) return id.status();
    out.trainee_id = *id;
  } else if (person->name != t.name) {
    out.trainee_id = person->id;
    out.mismatch = true;
    return out;
  } else {
    out.trainee_id = person->id;
  }
  ANPEI_RETURN_IF_ERROR(KeepRecord(ctx, tx, institution_id, out.trainee_id, t.phone, t.group));
  return out;
}

Result<int64_t> FileHeld(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                         int64_t institution_id, std::optional<int64_t> class_id,
                         int64_t trainee_id, const domain::Trainee& t) {
  ANPEI_ASSIGN_OR_RETURN(auto open,
                         tx.enrolments().FindOpenHeld(institution_id, class_id, trainee_id));
  if (open) return *open;
  domain::HeldEnrolment h;
  h.institution_id = institution_id;
  h.class_id = class_id;
  h.trainee_id = trainee_id;
  h.given_name = t.name;
  h.phone = t.phone;
  h.group = t.group;
  h.created_at = ctx.NowText();
  ANPEI_ASSIGN_OR_RETURN(auto id, tx.enrolments().InsertHeld(h));
  h.id = id;
  ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "enrolment.hold",
                              "held_enrolment:" + std::to_string(id), "", Canon(h),
                              "报名姓名与人员登记信息不一致，待审核员确认"));
  return id;
}

domain::Trainee OwnView(domain::Trainee person, const domain::Enrolment& record) {
  person.phone = record.phone;
  person.group = record.group;
  person.version = record.version;
  person.created_at = record.created_at;
  return person;
}

Result<ports::PageOf<domain::HeldEnrolment>> ListHeldEnrolments(const AppContext& ctx,
                                                                const Actor& actor,
                                                                ports::HeldFilter filter,
                                                                ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kHeldReaders));
  return InTx<ports::PageOf<domain::HeldEnrolment>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::HeldEnrolment>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, ListHeldEnrolmentsIn(ctx, tx, actor, filter, page));
        return Status::Ok();
      });
}

Result<ports::PageOf<domain::HeldEnrolment>> ListHeldEnrolmentsIn(const AppContext& /*ctx*/,
                                                                  ports::StoreTx& tx,
                                                                  const Actor& actor,
                                                                  ports::HeldFilter filter,
                                                                  ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kHeldReaders));
  NarrowToScope(actor, filter.institution_id, filter.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto r, tx.enrolments().ListHeld(filter, page));
  for (auto& h : r.items) h = ForActor(actor, std::move(h));
  return r;
}

Result<domain::HeldEnrolment> GetHeldEnrolment(const AppContext& ctx, const Actor& actor,
                                               int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEnrolmentReviewers));
  return InTx<domain::HeldEnrolment>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::HeldEnrolment& out) {
        ANPEI_ASSIGN_OR_RETURN(auto h, tx.enrolments().GetHeld(id));
        if (!InScope(actor, h.institution_id, h.district_code)) return Hidden("待审核报名", id);
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "enrolment.reveal",
                                    "held_enrolment:" + std::to_string(id), "", "",
                                    "查看待审核报名的登记姓名和完整身份证件号码"));
        out = std::move(h);
        return Status::Ok();
      });
}

Result<domain::HeldEnrolment> DecideHeldEnrolment(const AppContext& ctx, const Actor& actor,
                                                  int64_t id, HeldDecision decision,
                                                  std::string reason, int64_t version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEnrolmentReviewers));
  ANPEI_RETURN_IF_ERROR(
      CheckText(ctx, reason, "reason", "审核意见", 200, decision == HeldDecision::kRefuse));
  return InTx<domain::HeldEnrolment>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::HeldEnrolment& out) {
        ANPEI_ASSIGN_OR_RETURN(auto h, tx.enrolments().GetHeld(id));
        if (!InScope(actor, h.institution_id, h.district_code)) return Hidden("待审核报名", id);
        if (h.state != domain::HeldState::kHeld) {
          return Status(Code::kConflict,
                        "该报名已处理（" + std::string(domain::HeldStateName(h.state)) + "）",
                        "state")
              .WithReason("enrolment.decided");
        }
        if (h.version != version) {
          return Status(Code::kConflict,
                        "该报名已被他人修改（当前版本 " + std::to_string(h.version) + "）",
                        "version")
              .WithReason("version.stale");
        }
        domain::HeldEnrolment next = h;
        next.state = decision == HeldDecision::kConfirm ? domain::HeldState::kConfirmed
                                                        : domain::HeldState::kRefused;
        next.reason = reason;
        next.decided_by = actor.user;
        next.decided_at = ctx.NowText();
        ANPEI_RETURN_IF_ERROR(tx.enrolments().DecideHeld(next, version));
        std::string note;
        if (decision == HeldDecision::kConfirm) {
          ANPEI_ASSIGN_OR_RETURN(note, Confirm(ctx, tx, actor, h));
        }
        ANPEI_ASSIGN_OR_RETURN(auto after, tx.enrolments().GetHeld(id));
        ANPEI_RETURN_IF_ERROR(
            Audit(ctx, tx, actor,
                  decision == HeldDecision::kConfirm ? "enrolment.confirm" : "enrolment.refuse",
                  "held_enrolment:" + std::to_string(id), Canon(h), Canon(after), note));
        out = std::move(after);
        return Status::Ok();
      });
}

}  // namespace anpei::app
