// The QR token and check-in/check-out (app/attendance.h).
#include "app/attendance.h"

#include <charconv>
#include <cmath>
#include <vector>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "domain/attendance.h"

namespace anpei::app {
namespace {

using domain::AttendanceRefusal;
using ports::TxMode;

Status TokenInvalid() {
  return Status(Code::kInvalidArgument, "二维码无效，请扫描培训现场屏幕上的签到二维码", "token")
      .WithReason("attendance.token_invalid");
}

Status Refused(Code code, AttendanceRefusal r, std::string field = {}) {
  return Status(code, std::string(domain::RefusalMessage(r)), std::move(field))
      .WithReason(std::string(domain::RefusalCode(r)));
}

bool ParseInt(std::string_view text, int64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size() && out >= 0;
}

std::string TokenBody(int64_t class_id, int64_t seq, int64_t slot) {
  return "v1." + std::to_string(class_id) + "." + std::to_string(seq) + "." + std::to_string(slot);
}

Result<const domain::Policy*> PolicyOf(const AppContext& ctx, const domain::TrainingClass& cls) {
  return ctx.reference->FindPolicy(cls.policy_id, "policy");
}

Status NotApproved() {
  return Status(Code::kConflict, "培训班尚未批准，不能签到", "state")
      .WithReason("attendance.class_not_approved");
}
Status NoSession(int64_t seq) {
  return Status(Code::kNotFound, "培训班没有第 " + std::to_string(seq) + " 次课", "seq")
      .WithReason("attendance.no_such_session");
}
Status NotOnRoster() {
  return Status(Code::kPermissionDenied, "您不在本培训班的花名册中，不能签到，请联系培训机构")
      .WithReason("attendance.not_on_roster");
}

// idempotency_key: 8–64 of [A-Za-z0-9_-].
Status CheckKey(const std::string& key) {
  bool ok = key.size() >= 8 && key.size() <= 64;
  for (char c : key) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  }
  if (ok) return Status::Ok();
  return Status::Invalid("idempotency_key", "idempotency_key 应为 8 到 64 个字母、数字、_ 或 -");
}

Status CheckDevice(const std::string& device_id) {
  bool ok = device_id.size() >= 8 && device_id.size() <= 128;
  for (char c : device_id) {
    ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-');
  }
  if (ok) return Status::Ok();
  return Status::Invalid("device_id", "device_id 应为 8 到 128 个字母、数字、_ 或 -");
}

std::string Clip(const std::string& s, size_t n) { return s.size() > n ? s.substr(0, n) : s; }

std::string Canon(const domain::AttendanceRecord& r) {
  return std::to_string(r.id) + "|" + std::to_string(r.class_id) + "|" +
         std::to_string(r.session_seq) + "|" + std::to_string(r.person_id) + "|" +
         std::string(domain::DirectionId(r.direction)) + "|" + std::to_string(r.at) + "|" +
         std::string(domain::AttendanceSourceId(r.source)) + "|" + r.device_id.value_or("");
}

// The phone is the one bound to this trainee.
Status CheckBinding(ports::StoreTx& tx, int64_t person, const std::string& device_id) {
  ANPEI_ASSIGN_OR_RETURN(auto bound, tx.attendance().DeviceOfPerson(person));
  if (!bound || bound->device_id != device_id) {
    return Status(Code::kPermissionDenied, "本人已绑定另一部手机，如需更换请联系培训机构",
                  "device_id")
        .WithReason("attendance.device_mismatch");
  }
  return Status::Ok();
}

// Not already checked in (or out) for this session; no check-out without a check-in.
Status CheckRecords(const AppContext& ctx, ports::StoreTx& tx, const QrTokenFields& t,
                    int64_t person, domain::Direction dir) {
  ANPEI_ASSIGN_OR_RETURN(auto mine, tx.attendance().PersonRecords(t.class_id, t.seq, person));
  for (const auto& r : mine) {
    if (r.direction == dir) {
      return Status(Code::kConflict,
                    "本次课已于 " +
                        domain::FormatTimestamp({r.at}, ctx.LocalOffset()).substr(11, 5) +
                        (dir == domain::Direction::kIn ? " 签到，无需重复签到"
                                                       : " 签退，无需重复签退"),
                    "direction")
          .WithReason("attendance.already");
    }
  }
  if (dir == domain::Direction::kOut && mine.empty()) {
    return Status(Code::kConflict, "本次课尚未签到，不能签退；如已到场请联系培训机构", "direction")
        .WithReason("attendance.no_check_in");
  }
  return Status::Ok();
}

// What the checks of a check-in found, kept for the write that follows.
struct Admission {
  domain::AttendanceRecord rec;
  std::optional<domain::Selfie> selfie;
  int64_t class_version = 0;
  domain::AttendanceLimits limits;
};

// The checks of a check-in after the token, in the agreed order; fills `a` on success.
Status Admit(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, const QrTokenFields& t,
             domain::Direction dir, const CheckInInput& in, Admission& a) {
  const int64_t now = ctx.Now().unix_seconds;
  const int64_t person = *actor.person_id;
  auto cls = tx.classes().GetClassPlan(t.class_id);
  if (!cls.ok()) return cls.status().code() == Code::kNotFound ? TokenInvalid() : cls.status();
  ANPEI_ASSIGN_OR_RETURN(auto policy, PolicyOf(ctx, *cls));
  const auto& lim = policy->attendance;
  a.class_version = cls->version;
  a.limits = lim;
  domain::AttendanceRecord& rec = a.rec;
  if (auto r = domain::CheckTokenSlot(t.slot, now, lim))
    return Refused(Code::kFailedPrecondition, *r, "token");
  if (cls->state != domain::ClassState::kApproved) return NotApproved();
  if (t.seq < 1 || t.seq > static_cast<int64_t>(cls->sessions.size())) return NoSession(t.seq);
  const auto& session = cls->sessions[static_cast<size_t>(t.seq - 1)];
  ANPEI_ASSIGN_OR_RETURN(const bool on_roster, tx.classes().OnRoster(t.class_id, person));
  if (!on_roster) return NotOnRoster();
  ANPEI_RETURN_IF_ERROR(CheckBinding(tx, person, in.device_id));
  if (auto r = domain::CheckTime(session, dir, now, lim, ctx.LocalOffset())) {
    return Refused(Code::kFailedPrecondition, *r);
  }
  if (!in.lat || !in.lng || !in.accuracy_m) {
    return Refused(Code::kFailedPrecondition, AttendanceRefusal::kLocationInvalid, "lat");
  }
  const domain::GeoPoint fix{*in.lat, *in.lng};
  std::optional<domain::GeoPoint> venue;
  if (cls->venue.lat && cls->venue.lng) venue = domain::GeoPoint{*cls->venue.lat, *cls->venue.lng};
  if (!std::isfinite(*in.accuracy_m) || *in.accuracy_m < 0) {
    return Refused(Code::kFailedPrecondition, AttendanceRefusal::kLocationInvalid, "accuracy_m");
  }
  if (auto r = domain::CheckLocation(venue, fix, *in.accuracy_m, lim)) {
    return Refused(Code::kFailedPrecondition, *r, "lat");
  }
  // Selfie (app/selfies.h): this person's, fresh, unused; required unless the policy says not.
  ANPEI_ASSIGN_OR_RETURN(auto admitted, AdmitSelfie(ctx, tx, lim, person, in.selfie_id));
  a.selfie = std::move(admitted.selfie);
  ANPEI_RETURN_IF_ERROR(CheckRecords(ctx, tx, t, person, dir));
  rec.class_id = t.class_id;
  rec.session_seq = t.seq;
  rec.person_id = person;
  rec.direction = dir;
  rec.at = now;
  rec.source = domain::AttendanceSource::kPhone;
  rec.idempotency_key = in.idempotency_key;
  rec.device_id = in.device_id;
  rec.client_addr = Clip(in.client_addr, 64);
  rec.user_agent = Clip(in.user_agent, 256);
  rec.lat = in.lat;
  rec.lng = in.lng;
  rec.accuracy_m = in.accuracy_m;
  if (venue) rec.distance_m = std::round(domain::DistanceMetres(*venue, fix) * 10) / 10;
  rec.selfie_id = in.selfie_id;
  rec.created_at = ctx.NowText();
  return Status::Ok();
}

// In the write transaction, after Admit passed in a read transaction: what another request can
// have changed since. A changed class (its plan, roster or state: any change bumps its version)
// is admitted again in full; otherwise the phone's binding, the selfie and the trainee's records
// of the session are checked again.
Status Recheck(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
               const QrTokenFields& t, domain::Direction dir, const CheckInInput& in,
               Admission& a) {
  auto version = tx.classes().ClassVersion(t.class_id);
  if (!version.ok() || *version != a.class_version) return Admit(ctx, tx, actor, t, dir, in, a);
  const int64_t person = *actor.person_id;
  ANPEI_RETURN_IF_ERROR(CheckBinding(tx, person, in.device_id));
  ANPEI_ASSIGN_OR_RETURN(auto admitted, AdmitSelfie(ctx, tx, a.limits, person, in.selfie_id));
  a.selfie = std::move(admitted.selfie);
  return CheckRecords(ctx, tx, t, person, dir);
}

Status AuditCheckIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                    const QrTokenFields& t, const domain::AttendanceRecord& rec,
                    const std::optional<SelfieReuse>& reuse) {
  const bool is_in = rec.direction == domain::Direction::kIn;
  return Audit(
      ctx, tx, actor, is_in ? "attendance.check_in" : "attendance.check_out",
      "attendance:" + std::to_string(rec.id), "", Canon(rec),
      "培训班 " + std::to_string(t.class_id) + " 第 " + std::to_string(t.seq) + " 次课，学员 " +
          std::to_string(rec.person_id) + (is_in ? " 签到" : " 签退") +
          (rec.distance_m
               ? "，距培训地点 " + std::to_string(static_cast<int64_t>(*rec.distance_m)) + " 米"
               : "") +
          (reuse ? "，自拍照与自拍照 " + std::to_string(reuse->of_selfie_id) + " 相同（" +
                       std::to_string(reuse->bits) + " 位之差）"
                 : ""));
}

}  // namespace

Result<QrTokenFields> OpenQrToken(const AppContext& ctx, const std::string& token) {
  if (token.size() > 200 || !token.starts_with("v1.")) return TokenInvalid();
  const size_t last = token.rfind('.');
  const std::string body = token.substr(0, last);
  const std::string mac = token.substr(last + 1);
  std::vector<std::string_view> parts;
  std::string_view rest = std::string_view(body).substr(3);
  while (true) {
    const size_t dot = rest.find('.');
    parts.push_back(rest.substr(0, dot));
    if (dot == std::string_view::npos) break;
    rest = rest.substr(dot + 1);
  }
  QrTokenFields f;
  if (parts.size() != 3 || !ParseInt(parts[0], f.class_id) || !ParseInt(parts[1], f.seq) ||
      !ParseInt(parts[2], f.slot)) {
    return TokenInvalid();
  }
  if (TokenBody(f.class_id, f.seq, f.slot) != body) return TokenInvalid();
  if (!ctx.vault->VerifyMac(body, kQrMacContext, mac)) return TokenInvalid();
  return f;
}

Result<QrToken> IssueQrToken(const AppContext& ctx, const Actor& actor, int64_t class_id,
                             int64_t seq) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kQrViewers));
  return InTx<QrToken>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, QrToken& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(class_id));
    if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
    if (cls.state != domain::ClassState::kApproved) return NotApproved();
    if (seq < 1 || seq > static_cast<int64_t>(cls.sessions.size())) return NoSession(seq);
    ANPEI_ASSIGN_OR_RETURN(auto policy, PolicyOf(ctx, cls));
    const auto& lim = policy->attendance;
    const int64_t now = ctx.Now().unix_seconds;
    out.slot = domain::TokenSlot(now, lim);
    const std::string body = TokenBody(class_id, seq, out.slot);
    out.token = body + "." + ctx.vault->Mac(body, kQrMacContext);
    out.expires_at =
        domain::FormatTimestamp({domain::TokenExpiry(out.slot, lim)}, ctx.LocalOffset());
    out.refresh_after_s = std::max<int64_t>(1, (out.slot + 1) * lim.token_seconds - now);
    return Status::Ok();
  });
}

void LogRefusal(const AppContext& ctx, int64_t person, int64_t class_id, int64_t seq,
                const Status& st, const RefusalOrigin& from) {
  const auto finite = [](std::optional<double> v) {
    return v && std::isfinite(*v) ? v : std::nullopt;
  };
  domain::AttendanceRefusalEntry f;
  f.person_id = person;
  f.class_id = class_id;
  f.session_seq = seq;
  f.reason = st.reason();
  f.device_id = from.device_id;
  f.lat = finite(from.lat);
  f.lng = finite(from.lng);
  f.accuracy_m = finite(from.accuracy_m);
  f.client_addr = Clip(from.client_addr, 64);
  f.at = ctx.Now().unix_seconds;
  (void)ctx.store->Run(TxMode::kWrite,
                       [&](ports::StoreTx& tx) { return tx.attendance().InsertRefusal(f); });
}

Result<CheckInOutcome> CheckIn(const AppContext& ctx, const Actor& actor, CheckInInput in) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先扫码确认身份");
  if (!actor.Has(domain::kRoleTrainee) || !actor.person_id) {
    return Status(Code::kPermissionDenied, "只有学员本人可以在手机上签到");
  }
  const auto dir = domain::ParseDirection(in.direction);
  if (!dir) return Status::Invalid("direction", "direction 应为 in（签到）或 out（签退）");
  ANPEI_RETURN_IF_ERROR(CheckKey(in.idempotency_key));
  ANPEI_RETURN_IF_ERROR(CheckDevice(in.device_id));
  const int64_t person = *actor.person_id;
  const Result<QrTokenFields> token = OpenQrToken(ctx, in.token);
  CheckInOutcome out;
  Admission a;
  // Every check that only reads runs in a read transaction, beside other requests' reads: a retry
  // of a check already made answers the original record (and nothing new), whatever its token;
  // then the token and the admission. The one writer (adapters/sql/batch_writer) then repeats only
  // what can have changed since (Recheck) before it writes.
  bool done = false;
  Status st = ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto found,
                           tx.attendance().FindByIdempotencyKey(person, in.idempotency_key));
    if (found) {
      done = true;
      out.record = *found;
      if (!found->selfie_id) return Status::Ok();
      ANPEI_ASSIGN_OR_RETURN(out.selfie_reuse, RecordedSelfieReuse(tx, *found->selfie_id));
      return Status::Ok();
    }
    if (!token.ok()) return token.status();
    return Admit(ctx, tx, actor, *token, *dir, in, a);
  });
  if (st.ok() && done) return out;
  if (!token.ok()) return token.status();
  const QrTokenFields& t = *token;
  if (st.ok()) {
    st = ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
      // The same key may have been used by a concurrent retry since the look above.
      ANPEI_ASSIGN_OR_RETURN(auto again,
                             tx.attendance().FindByIdempotencyKey(person, in.idempotency_key));
      if (again) {
        out.record = *again;
        if (!again->selfie_id) return Status::Ok();
        ANPEI_ASSIGN_OR_RETURN(out.selfie_reuse, RecordedSelfieReuse(tx, *again->selfie_id));
        return Status::Ok();
      }
      ANPEI_RETURN_IF_ERROR(Recheck(ctx, tx, actor, t, *dir, in, a));
      domain::AttendanceRecord& rec = a.rec;
      ANPEI_ASSIGN_OR_RETURN(rec.id, tx.attendance().InsertRecord(rec));
      if (a.selfie) {
        ANPEI_ASSIGN_OR_RETURN(out.selfie_reuse,
                               UseSelfie(tx, *a.selfie, rec.id, t.class_id, t.seq));
      }
      out.record = rec;
      out.created = true;
      return AuditCheckIn(ctx, tx, actor, t, rec, out.selfie_reuse);
    });
  }
  if (st.ok()) return out;
  if (st.reason().starts_with("attendance.") && st.code() != Code::kUnavailable &&
      st.code() != Code::kInternal) {
    LogRefusal(ctx, person, t.class_id, t.seq, st,
               {in.device_id, in.lat, in.lng, in.accuracy_m, in.client_addr});
  }
  return st;
}

}  // namespace anpei::app
