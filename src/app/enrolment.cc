#include "app/enrolment.h"

#include <algorithm>

#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"
#include "app/roster_import.h"

namespace anpei::app {
namespace {

using ports::TxMode;

// Gives the institution its record of the person with this phone and group (or updates it).
// `given_name`: the name the institution gave when it differs from the person's, kept on the
// record (unconfirmed when the record did not exist before); empty when the institution gave the
// person's name (the record shows the person's name from now on).
Status KeepRecord(const AppContext& ctx, ports::StoreTx& tx, int64_t institution_id,
                  int64_t trainee_id, const std::string& phone, const std::string& group,
                  const std::string& given_name) {
  const std::string now = ctx.NowText();
  ANPEI_ASSIGN_OR_RETURN(auto record, tx.enrolments().GetEnrolment(institution_id, trainee_id));
  if (!record) {
    domain::Enrolment e;
    e.institution_id = institution_id;
    e.trainee_id = trainee_id;
    e.phone = phone;
    e.group = group;
    e.created_at = now;
    e.updated_at = now;
    e.given_name = given_name;
    e.unconfirmed = !given_name.empty();
    return tx.enrolments().InsertEnrolment(e);
  }
  domain::Enrolment next = *record;
  next.phone = phone;
  next.group = group;
  next.given_name = given_name;
  if (given_name.empty()) next.unconfirmed = false;
  if (next.phone == record->phone && next.group == record->group &&
      next.given_name == record->given_name && next.unconfirmed == record->unconfirmed) {
    return Status::Ok();
  }
  next.updated_at = now;
  return tx.enrolments().UpdateEnrolment(next, record->version);
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
                              "确认待审核报名，加入学员 " + std::to_string(trainee_id),
                              Changes(ctx, cls, after)));
  return std::string("已加入培训班名单");
}

// Confirmation: the person's name becomes the one given; the institution's record shows it as
// the person's (an enrolment held before migration 0012 gets its record and joins the class).
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
        Canon(person), Canon(after), "审核确认姓名（待审核报名 " + std::to_string(h.id) + "）",
        Changes(ctx, person, after)));
  }
  ANPEI_ASSIGN_OR_RETURN(auto record, tx.enrolments().GetEnrolment(h.institution_id, h.trainee_id));
  if (record) {
    if (record->given_name != h.given_name) return std::string();  // it gave another name since
    domain::Enrolment next = *record;
    next.given_name.clear();
    next.unconfirmed = false;
    next.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.enrolments().UpdateEnrolment(next, record->version));
    return std::string();
  }
  ANPEI_RETURN_IF_ERROR(
      KeepRecord(ctx, tx, h.institution_id, h.trainee_id, h.phone, h.group, std::string()));
  if (!h.class_id) return std::string();
  return JoinClass(ctx, tx, actor, *h.class_id, h.trainee_id);
}

// Takes the person off the roster of the institution's class `class_id`, whatever its state (a
// refused enrolment was never the institution's to declare), audited.
Status LeaveClass(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t class_id,
                  int64_t trainee_id, int64_t held_id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
  domain::TrainingClass next = cls;
  const size_t before = next.roster.size();
  std::erase_if(next.roster,
                [&](const domain::RosterEntry& e) { return e.trainee_id == trainee_id; });
  if (next.roster.size() == before) return Status::Ok();
  next.updated_at = ctx.NowText();
  ANPEI_RETURN_IF_ERROR(tx.classes().UpdateClass(next, cls.version));
  ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(class_id));
  return Audit(
      ctx, tx, actor, "class.roster_remove", "class:" + std::to_string(class_id), Canon(cls),
      Canon(after),
      "待审核报名 " + std::to_string(held_id) + " 被拒绝，移出学员 " + std::to_string(trainee_id));
}

enum class Undone { kNothing, kRemoved, kReverted };

// Refusal: when the institution's record still shows the refused name, the institution sees the
// person's name again if it had given it before (and the person leaves this class), else its
// record and the person's places on its rosters go. The person's own record is untouched.
Result<Undone> Refuse(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                      const domain::HeldEnrolment& h) {
  ANPEI_ASSIGN_OR_RETURN(auto record, tx.enrolments().GetEnrolment(h.institution_id, h.trainee_id));
  if (!record || record->given_name != h.given_name) {
    if (!record && h.class_id) {
      ANPEI_RETURN_IF_ERROR(LeaveClass(ctx, tx, actor, *h.class_id, h.trainee_id, h.id));
    }
    return Undone::kNothing;
  }
  if (!record->unconfirmed) {
    domain::Enrolment next = *record;
    next.given_name.clear();
    next.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.enrolments().UpdateEnrolment(next, record->version));
    ANPEI_ASSIGN_OR_RETURN(auto after,
                           tx.enrolments().GetEnrolment(h.institution_id, h.trainee_id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "enrolment.revert",
                                "trainee:" + std::to_string(h.trainee_id), Canon(*record),
                                Canon(*after), "待审核报名被拒绝，恢复本机构此前登记的姓名"));
    if (h.class_id) {
      ANPEI_RETURN_IF_ERROR(LeaveClass(ctx, tx, actor, *h.class_id, h.trainee_id, h.id));
    }
    return Undone::kReverted;
  }
  ANPEI_ASSIGN_OR_RETURN(auto classes,
                         tx.enrolments().ClassesWithTrainee(h.institution_id, h.trainee_id));
  for (int64_t c : classes) {
    ANPEI_RETURN_IF_ERROR(LeaveClass(ctx, tx, actor, c, h.trainee_id, h.id));
  }
  ANPEI_RETURN_IF_ERROR(tx.enrolments().DeleteEnrolment(h.institution_id, h.trainee_id));
  ANPEI_RETURN_IF_ERROR(Audit(
      ctx, tx, actor, "enrolment.remove", "trainee:" + std::to_string(h.trainee_id), Canon(*record),
      "", "待审核报名被拒绝，删除机构 " + std::to_string(h.institution_id) + " 的学员记录"));
  return Undone::kRemoved;
}

// The notice the institution gets of the decision: the person named only as it gave them (masked,
// like any list), never the name on record.
Status Notify(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
              const domain::HeldEnrolment& h, HeldDecision decision, Undone undone) {
  const std::string who = "学员「" + domain::MaskName(h.given_name) + "」（身份证件号码 " +
                          domain::MaskIdNumber(h.id_number) + "）";
  const std::string where = h.class_id ? "为培训班「" + h.class_title + "」报名的" : "登记的";
  domain::Notice n;
  n.institution_id = h.institution_id;
  n.subject = "held_enrolment:" + std::to_string(h.id);
  n.created_at = ctx.NowText();
  if (decision == HeldDecision::kConfirm) {
    n.kind = "enrolment.confirmed";
    n.message = "贵机构" + where + who + "经审核员核对，报名有效。";
  } else {
    n.kind = "enrolment.refused";
    n.message =
        "贵机构" + where + who + "未通过审核：所填姓名与该身份证件号码的人员登记信息不一致。";
    if (undone == Undone::kRemoved) {
      n.message += "该学员已从贵机构的学员名单和培训班名单中移除。";
    } else if (undone == Undone::kReverted) {
      n.message += "贵机构的学员记录已恢复为此前登记的姓名";
      n.message += h.class_id ? "，该学员已从该培训班名单中移除。" : "。";
    }
    n.message += "审核意见：" + h.reason + "。如填写有误，请核对身份证件后重新报名。";
  }
  ANPEI_ASSIGN_OR_RETURN(auto id, tx.enrolments().InsertNotice(n));
  return Audit(ctx, tx, actor, "notice.create", "notice:" + std::to_string(id), "", "",
               "通知机构 " + std::to_string(h.institution_id) + "：" + n.message);
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
  } else {
    out.trainee_id = person->id;
    out.mismatch = person->name != t.name;
  }
  ANPEI_RETURN_IF_ERROR(KeepRecord(ctx, tx, institution_id, out.trainee_id, t.phone, t.group,
                                   out.mismatch ? t.name : std::string()));
  return out;
}

Result<int64_t> FileHeld(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                         int64_t institution_id, std::optional<int64_t> class_id,
                         int64_t trainee_id, const domain::Trainee& t) {
  ANPEI_ASSIGN_OR_RETURN(auto open,
                         tx.enrolments().FindOpenHeld(institution_id, class_id, trainee_id));
  if (open) {
    ANPEI_ASSIGN_OR_RETURN(auto same, tx.enrolments().GetHeld(*open));
    if (same.given_name == t.name) return *open;  // another name is another question
  }
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
                              "报名姓名与人员登记信息不一致，待审核员确认", Created(ctx, h)));
  return id;
}

domain::Trainee OwnView(domain::Trainee person, const domain::Enrolment& record) {
  if (!record.given_name.empty()) person.name = record.given_name;
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
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEnrolmentReviewers));
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
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEnrolmentReviewers));
  NarrowToScope(actor, filter.institution_id, filter.district_code);
  return tx.enrolments().ListHeld(filter, page);
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
        if (decision == HeldDecision::kRefuse && !h.recorded_name.empty() &&
            reason.find(h.recorded_name) != std::string::npos) {
          return Status::Invalid("reason", "审核意见会通知报名机构，请不要写入人员登记的姓名");
        }
        domain::HeldEnrolment next = h;
        next.state = decision == HeldDecision::kConfirm ? domain::HeldState::kConfirmed
                                                        : domain::HeldState::kRefused;
        next.reason = reason;
        next.decided_by = actor.Name();
        next.decided_at = ctx.NowText();
        ANPEI_RETURN_IF_ERROR(tx.enrolments().DecideHeld(next, version));
        std::string note;
        Undone undone = Undone::kNothing;
        if (decision == HeldDecision::kConfirm) {
          ANPEI_ASSIGN_OR_RETURN(note, Confirm(ctx, tx, actor, h));
        } else {
          ANPEI_ASSIGN_OR_RETURN(undone, Refuse(ctx, tx, actor, next));
        }
        ANPEI_RETURN_IF_ERROR(Notify(ctx, tx, actor, next, decision, undone));
        ANPEI_ASSIGN_OR_RETURN(auto after, tx.enrolments().GetHeld(id));
        ANPEI_RETURN_IF_ERROR(
            Audit(ctx, tx, actor,
                  decision == HeldDecision::kConfirm ? "enrolment.confirm" : "enrolment.refuse",
                  "held_enrolment:" + std::to_string(id), Canon(h), Canon(after), note,
                  Changes(ctx, h, after)));
        out = std::move(after);
        return Status::Ok();
      });
}

Result<ports::PageOf<domain::Notice>> ListNotices(const AppContext& ctx, const Actor& actor,
                                                  ports::NoticeFilter filter, ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kNoticeReaders));
  NarrowToScope(actor, filter.institution_id, filter.district_code);
  return InTx<ports::PageOf<domain::Notice>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::Notice>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.enrolments().ListNotices(filter, page));
        return Status::Ok();
      });
}

}  // namespace anpei::app
