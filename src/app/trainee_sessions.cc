// A trainee on a phone (app/attendance.h): the first identification (name + ID number against
// the roster of the QR code's class) binds the phone and opens a trainee session; the session's
// cookie authenticates check-ins. Unknown person, wrong name and not on the roster give the same
// answer (no oracle); attempts are throttled by address like staff sign-in.
#include "app/account_support.h"
#include "app/attendance.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"
#include "domain/identity.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using ports::TxMode;

Status NotOnRoster() {
  return Status(Code::kPermissionDenied, "姓名或身份证号与本班花名册不符")
      .WithReason("attendance.not_on_roster");
}

Actor TraineeActor(int64_t person_id) {
  Actor a;
  a.user = "trainee:" + std::to_string(person_id);
  a.roles = {std::string(domain::kRoleTrainee)};
  a.person_id = person_id;
  return a;
}

account::ThrottleKeys TraineeKeys(const AppContext& ctx, const std::string& id_index,
                                  const std::string& remote) {
  const std::string address = account::ClientAddress(remote).substr(0, 64);
  account::ThrottleKeys k;
  // "a:" keys give their reservation back on success (account_support.cc FinishAttempt).
  k.keys.emplace_back("a:trainee@" + address, &ctx.security.address);
  k.keys.emplace_back("tn:" + id_index.substr(0, 24) + "@" + address,
                      &ctx.security.name_at_address);
  return k;
}

enum class Verdict { kGood, kUnknown, kClassNotApproved, kDeviceMismatch, kDeviceTaken };

}  // namespace

namespace {

Status CheckDeviceId(const std::string& device_id) {
  bool ok = device_id.size() >= 8 && device_id.size() <= 128;
  for (char c : device_id) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  }
  if (ok) return Status::Ok();
  return Status::Invalid("device_id", "device_id 应为 8 到 128 个字母、数字、_ 或 -");
}

// The input normalised and the token's fields: a good MAC, a slot of the last 15 minutes (typing
// takes time), never one in the future.
Result<QrTokenFields> CheckIdentification(const AppContext& ctx, TraineeIdentification& in) {
  if (in.token.empty()) return Status::Invalid("token", "请扫描培训现场屏幕上的签到二维码");
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, in.name, "name", "姓名", 64, true));
  in.id_number = domain::CanonicalPersonId(ctx.text->Identifier(in.id_number));
  if (in.id_number.empty() || in.id_number.size() > 32) {
    return Status::Invalid("id_number", "请填写身份证号");
  }
  ANPEI_RETURN_IF_ERROR(CheckDeviceId(in.device_id));
  ANPEI_ASSIGN_OR_RETURN(const QrTokenFields t, OpenQrToken(ctx, in.token));
  ANPEI_ASSIGN_OR_RETURN(
      auto lim,
      InTx<domain::AttendanceLimits>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(t.class_id));
        ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
        out = policy->attendance;
        return Status::Ok();
      }));
  const int64_t now = ctx.Now().unix_seconds;
  const int64_t start = t.slot * lim.token_seconds;
  std::optional<domain::AttendanceRefusal> refusal;
  if (start > now + lim.token_grace_seconds) refusal = domain::AttendanceRefusal::kTokenFromFuture;
  if (now - start > kIdentifyTokenSeconds) refusal = domain::AttendanceRefusal::kTokenExpired;
  if (refusal) {
    return Status(Code::kFailedPrecondition, std::string(domain::RefusalMessage(*refusal)), "token")
        .WithReason(std::string(domain::RefusalCode(*refusal)));
  }
  return t;
}

// Binds the phone on a first identification; the verdict when the binding forbids this phone.
Result<Verdict> Bind(const AppContext& ctx, ports::StoreTx& tx, int64_t person_id,
                     const TraineeIdentification& in, int64_t class_id, const std::string& remote,
                     bool& bound_now) {
  ANPEI_ASSIGN_OR_RETURN(auto bound, tx.attendance().DeviceOfPerson(person_id));
  if (bound) return bound->device_id == in.device_id ? Verdict::kGood : Verdict::kDeviceMismatch;
  ANPEI_ASSIGN_OR_RETURN(auto holder, tx.attendance().PersonOfDevice(in.device_id));
  if (holder) return Verdict::kDeviceTaken;
  ANPEI_RETURN_IF_ERROR(tx.attendance().BindDevice({person_id, in.device_id, ctx.NowText()}));
  ANPEI_RETURN_IF_ERROR(
      Audit(ctx, tx, TraineeActor(person_id), "trainee.device.bind",
            "trainee:" + std::to_string(person_id), "", in.device_id,
            "培训班 " + std::to_string(class_id) + " 扫码，首次绑定手机；来自 " + remote));
  bound_now = true;
  return Verdict::kGood;
}

// Opens the trainee session of `person` in `tx`.
Status OpenTraineeSession(const AppContext& ctx, ports::StoreTx& tx, const domain::Trainee& person,
                          const domain::TrainingClass& cls, const TraineeIdentification& in,
                          const std::string& remote, TraineeSignedIn& out) {
  out.token = ctx.vault->NewToken();
  out.csrf_token = ctx.vault->NewToken();
  out.expires_at = account::At(ctx, kTraineeSessionSeconds);
  domain::TraineeSession s;
  s.token_hash = ctx.vault->TokenHash(out.token);
  s.person_id = person.id;
  s.class_id = cls.id;
  s.device_id = in.device_id;
  s.csrf_token = out.csrf_token;
  s.created_at = ctx.NowText();
  s.expires_at = out.expires_at;
  ANPEI_RETURN_IF_ERROR(tx.attendance().InsertTraineeSession(s));
  out.person_id = person.id;
  out.person_name = domain::MaskName(person.name);
  out.class_id = cls.id;
  out.class_title = cls.title;
  return Audit(ctx, tx, TraineeActor(person.id), "trainee.sign_in",
               "trainee:" + std::to_string(person.id), "", "",
               "培训班 " + std::to_string(cls.id) + "；来自 " + remote);
}

Status VerdictStatus(Verdict verdict) {
  switch (verdict) {
    case Verdict::kGood:
      return Status::Ok();
    case Verdict::kUnknown:
      return NotOnRoster();
    case Verdict::kClassNotApproved:
      return Status(Code::kConflict, "培训班尚未批准，不能签到", "state")
          .WithReason("attendance.class_not_approved");
    case Verdict::kDeviceMismatch:
      return Status(Code::kPermissionDenied, "本人已绑定另一部手机，如需更换请联系培训机构",
                    "device_id")
          .WithReason("attendance.device_mismatch");
    case Verdict::kDeviceTaken:
      return Status(Code::kPermissionDenied,
                    "这部手机已绑定其他学员，请使用本人手机；如需更换请联系培训机构", "device_id")
          .WithReason("attendance.device_taken");
  }
  return NotOnRoster();
}

}  // namespace

Result<TraineeSignedIn> IdentifyTrainee(const AppContext& ctx, TraineeIdentification in,
                                        const std::string& remote, int64_t* retry_after_s) {
  ANPEI_ASSIGN_OR_RETURN(const QrTokenFields t, CheckIdentification(ctx, in));
  const std::string id_index = ctx.vault->BlindIndex(in.id_number, "throttle.trainee");
  const account::ThrottleKeys keys = TraineeKeys(ctx, id_index, remote);
  ANPEI_ASSIGN_OR_RETURN(const int64_t blocked,
                         InTx<int64_t>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
                           ANPEI_ASSIGN_OR_RETURN(out, account::ReserveAttempt(ctx, tx, keys));
                           return Status::Ok();
                         }));
  if (blocked != 0) return account::Throttled(ctx, blocked, retry_after_s);
  Verdict verdict = Verdict::kUnknown;
  TraineeSignedIn out;
  // The throttle's outcome is committed whatever the verdict; the verdict answers afterwards.
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(t.class_id));
    ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().FindTraineeByIdNumber(in.id_number));
    bool on_roster = false;
    if (person) {
      ANPEI_ASSIGN_OR_RETURN(on_roster, tx.classes().OnRoster(t.class_id, person->id));
    }
    if (person && on_roster && person->name == in.name) {
      verdict =
          cls.state == domain::ClassState::kApproved ? Verdict::kGood : Verdict::kClassNotApproved;
    }
    ANPEI_ASSIGN_OR_RETURN(const std::string locked,
                           account::FinishAttempt(ctx, tx, keys, verdict != Verdict::kUnknown));
    if (verdict == Verdict::kUnknown) {
      Actor attempt;
      attempt.user = "trainee";
      return Audit(ctx, tx, attempt, "trainee.sign_in_failed",
                   "class:" + std::to_string(t.class_id), "", "",
                   "姓名或身份证号与花名册不符；来自 " + remote + locked);
    }
    if (verdict != Verdict::kGood) return Status::Ok();
    ANPEI_ASSIGN_OR_RETURN(verdict, Bind(ctx, tx, person->id, in, cls.id, remote, out.bound_now));
    if (verdict != Verdict::kGood) return Status::Ok();
    return OpenTraineeSession(ctx, tx, *person, cls, in, remote, out);
  }));
  ANPEI_RETURN_IF_ERROR(VerdictStatus(verdict));
  return out;
}

Status UnbindDevice(const AppContext& ctx, const Actor& actor, int64_t class_id, int64_t person_id,
                    std::string reason) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, reason, "reason", "解除绑定的理由", 200, true));
  if (domain::Utf8Length(reason) < 4) {
    return Status::Invalid("reason", "请写明解除绑定的理由（至少 4 个字）");
  }
  return ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(class_id));
    if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
    ANPEI_ASSIGN_OR_RETURN(const bool on_roster, tx.classes().OnRoster(class_id, person_id));
    if (!on_roster) return Hidden("学员", person_id);
    ANPEI_ASSIGN_OR_RETURN(auto bound, tx.attendance().DeviceOfPerson(person_id));
    if (!bound) {
      return Status(Code::kConflict, "该学员尚未绑定手机，无需解除", "person_id")
          .WithReason("attendance.not_bound");
    }
    const std::string now = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.attendance().UnbindDevice(person_id, now, actor.user_id, reason));
    ANPEI_RETURN_IF_ERROR(tx.attendance().RevokePersonSessions(person_id, now));
    return Audit(ctx, tx, actor, "trainee.device.unbind", "trainee:" + std::to_string(person_id),
                 bound->device_id, "", "培训班 " + std::to_string(class_id) + "，理由：" + reason);
  });
}

Result<TraineeAuthenticated> AuthenticateTrainee(const AppContext& ctx, const std::string& token) {
  if (token.empty()) return Status(Code::kUnauthenticated, "请先扫码确认身份");
  return InTx<TraineeAuthenticated>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto s, tx.attendance().FindTraineeSession(ctx.vault->TokenHash(token)));
    if (!s || s->revoked_at || !account::Future(ctx, s->expires_at)) {
      return Status(Code::kUnauthenticated, "身份确认已失效，请重新扫码确认身份")
          .WithReason("session.expired");
    }
    out.actor = TraineeActor(s->person_id);
    out.csrf_token = s->csrf_token;
    out.class_id = s->class_id;
    out.device_id = s->device_id;
    return Status::Ok();
  });
}

Status SignOutTrainee(const AppContext& ctx, const Actor& actor, const std::string& token) {
  if (!actor.Has(domain::kRoleTrainee) || !actor.person_id || token.empty()) {
    return Status(Code::kUnauthenticated, "请先扫码确认身份");
  }
  return ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_RETURN_IF_ERROR(
        tx.attendance().RevokeTraineeSession(ctx.vault->TokenHash(token), ctx.NowText()));
    return Audit(ctx, tx, actor, "trainee.sign_out", "trainee:" + std::to_string(*actor.person_id),
                 "", "");
  });
}

Result<TraineeMe> GetTraineeMe(const AppContext& ctx, const Actor& actor,
                               const std::string& token) {
  if (!actor.Has(domain::kRoleTrainee) || !actor.person_id) {
    return Status(Code::kUnauthenticated, "请先扫码确认身份");
  }
  ANPEI_ASSIGN_OR_RETURN(auto auth, AuthenticateTrainee(ctx, token));
  return InTx<TraineeMe>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, TraineeMe& out) {
    ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().GetTrainee(*actor.person_id));
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(auth.class_id));
    out.person_id = person.id;
    out.person_name = domain::MaskName(person.name);
    out.class_id = cls.id;
    out.class_title = cls.title;
    out.device_id = auth.device_id;
    out.csrf_token = auth.csrf_token;
    return Status::Ok();
  });
}

}  // namespace anpei::app
