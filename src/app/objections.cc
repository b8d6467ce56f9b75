// Objections (异议) on publicity batches: filed by anyone (public), looked up by receipt code,
// resolved by the district's reviewer, a fraud case opened from one. See app/publicity.h.
#include <algorithm>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/publicity.h"
#include "domain/certificate.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::ObjectionState;
using ports::TxMode;

Status Unsigned() {
  return Status(Code::kUnauthenticated, "请先登录").WithReason("session.required");
}

Status HiddenObjection(int64_t id) {
  return Status(Code::kNotFound, "异议 " + std::to_string(id) + " 不存在", "id")
      .WithReason("objection.not_found");
}

Status NoReceipt() {
  return Status(Code::kNotFound, "没有这个回执码的异议，请核对后再查", "receipt")
      .WithReason("objection.not_found");
}

// The objection `id` for `actor` holding one of `roles` (401, 403 for another role, 404 missing
// or out of the district).
Result<domain::Objection> ObjectionFor(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                       std::initializer_list<std::string_view> roles) {
  if (!actor.SignedIn()) return Unsigned();
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, roles));
  auto o = tx.publicity().GetObjection(id);
  if (!o.ok()) {
    if (o.status().code() == Code::kNotFound) return HiddenObjection(id);
    return o.status();
  }
  if (!InScope(actor, 0, o->district_code)) return HiddenObjection(id);
  return o;
}

// What staff see of the objector: the contact masked.
domain::Objection Masked(domain::Objection o) {
  o.contact = domain::MaskContact(o.contact_kind, o.contact);
  return o;
}

std::string ObjectionText(const domain::Objection& o) {
  return "batch=" + std::to_string(o.batch_id) + "|class=" + std::to_string(o.class_id) +
         "|entry=" + (o.entry_id ? std::to_string(*o.entry_id) : "") + "|state=" + o.state +
         "|reason=" + o.reason.value_or("") +
         "|case=" + (o.case_id ? std::to_string(*o.case_id) : "");
}

Status Stale(const domain::Objection& o) {
  return Status(
             Code::kConflict,
             "异议已被他人处理或修改（当前版本 " + std::to_string(o.version) + "），请刷新后再操作",
             "version")
      .WithReason("version.stale");
}

}  // namespace

Result<domain::Objection> FileObjection(const AppContext& ctx, ObjectionInput in) {
  ANPEI_ASSIGN_OR_RETURN(const std::string kind, domain::ContactKind(in.contact, "contact"));
  ANPEI_RETURN_IF_ERROR(
      domain::CheckRequiredText(in.text, "text", "异议内容", domain::kMaxObjectionChars));
  if (!in.entry_id && !in.class_id) {
    return Status::Invalid("class_id",
                           "请指明对哪一名公示人员（entry_id）或哪一个培训班（class_id）"
                           "提出异议");
  }
  return InTx<domain::Objection>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Objection& out) {
        auto b = tx.publicity().GetBatch(in.batch_id);
        if (!b.ok() && b.status().code() != Code::kNotFound) return b.status();
        if (!b.ok() || b->state != domain::BatchStateId(domain::BatchState::kOpen)) {
          return Status(Code::kNotFound,
                        "公示批次 " + std::to_string(in.batch_id) + " 不存在或已结束", "batch_id")
              .WithReason("publicity.not_found");
        }
        ANPEI_ASSIGN_OR_RETURN(auto closes, domain::ParseDate(b->closes_on, "closes_on"));
        if (domain::PeriodEnded(closes, ctx.Today())) {
          return Status(Code::kConflict, "公示期已于 " + b->closes_on + " 24:00 结束，不再受理异议",
                        "batch_id")
              .WithReason("publicity.period_ended");
        }
        domain::Objection o;
        o.batch_id = b->id;
        if (in.entry_id) {
          auto e = tx.publicity().GetEntry(*in.entry_id);
          if (!e.ok() && e.status().code() != Code::kNotFound) return e.status();
          if (!e.ok() || e->batch_id != b->id) {
            return Status(Code::kNotFound, "该公示批次中没有这条公示记录", "entry_id");
          }
          o.entry_id = e->id;
          o.class_id = e->class_id;
        } else {
          ANPEI_ASSIGN_OR_RETURN(auto classes, tx.publicity().BatchClasses(b->id));
          if (std::find(classes.begin(), classes.end(), *in.class_id) == classes.end()) {
            return Status(Code::kNotFound, "该公示批次中没有这个培训班", "class_id");
          }
          o.class_id = *in.class_id;
        }
        o.receipt = domain::CertificateCode(ctx.vault->RandomBytes(10));
        o.contact_kind = kind;
        o.contact = in.contact;
        o.body = in.text;
        o.filed_at = ctx.NowText();
        o.state = std::string(domain::ObjectionStateId(ObjectionState::kOpen));
        ANPEI_ASSIGN_OR_RETURN(o.id, tx.publicity().InsertObjection(o));
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, Actor(), "objection.file",
                                    "objection:" + std::to_string(o.id), "", ObjectionText(o),
                                    "公众对公示批次 " + std::to_string(o.batch_id) + " 提出异议"));
        ANPEI_ASSIGN_OR_RETURN(out, tx.publicity().ObjectionByReceipt(o.receipt));
        return Status::Ok();
      });
}

Result<domain::Objection> ObjectionByReceipt(const AppContext& ctx, const std::string& receipt) {
  const auto code = domain::NormalizeCertificateCode(receipt);
  if (!code) return NoReceipt();
  return InTx<domain::Objection>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, domain::Objection& out) {
        auto o = tx.publicity().ObjectionByReceipt(*code);
        if (!o.ok()) return o.status().code() == Code::kNotFound ? NoReceipt() : o.status();
        out = std::move(*o);
        out.contact.clear();
        return Status::Ok();
      });
}

Result<ports::PageOf<domain::Objection>> ListObjections(const AppContext& ctx, const Actor& actor,
                                                        ObjectionListFilter filter,
                                                        ports::Page page) {
  if (!actor.SignedIn()) return Unsigned();
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPublicityReaders));
  if (filter.state && !domain::ParseObjectionState(*filter.state)) {
    return Status::Invalid("state", "未知的异议状态：" + *filter.state);
  }
  ports::ObjectionFilter f;
  f.state = filter.state;
  f.batch_id = filter.batch_id;
  std::optional<int64_t> institution;
  NarrowToScope(actor, institution, f.district_code);
  return InTx<ports::PageOf<domain::Objection>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::Objection>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.publicity().ListObjections(f, page));
        return Status::Ok();
      });
}

Result<domain::Objection> GetObjection(const AppContext& ctx, const Actor& actor, int64_t id) {
  return InTx<domain::Objection>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, domain::Objection& out) {
        ANPEI_ASSIGN_OR_RETURN(auto o, ObjectionFor(tx, actor, id, kPublicityReaders));
        out = Masked(std::move(o));
        return Status::Ok();
      });
}

Result<domain::Objection> RevealObjectionContact(const AppContext& ctx, const Actor& actor,
                                                 int64_t id) {
  if (!actor.SignedIn()) return Unsigned();
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPublicityKeepers));
  return InTx<domain::Objection>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Objection& out) {
        ANPEI_ASSIGN_OR_RETURN(out, ObjectionFor(tx, actor, id, kPublicityKeepers));
        return Audit(ctx, tx, actor, "objection.contact.reveal", "objection:" + std::to_string(id),
                     "", "", "查看异议 " + std::to_string(id) + " 的异议人联系方式");
      });
}

Result<domain::Objection> ResolveObjection(const AppContext& ctx, const Actor& actor, int64_t id,
                                           ResolveInput in) {
  if (!actor.SignedIn()) return Unsigned();
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPublicityKeepers));
  const auto decision = domain::ParseObjectionDecision(in.decision);
  if (!decision) {
    return Status::Invalid("decision", "处理结论应为 upheld（异议成立）或 dismissed（异议不成立）");
  }
  ANPEI_RETURN_IF_ERROR(
      domain::CheckRequiredText(in.reason, "reason", "处理理由", domain::kMaxObjectionChars));
  return InTx<domain::Objection>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::Objection& out) {
        ANPEI_ASSIGN_OR_RETURN(auto o, ObjectionFor(tx, actor, id, kPublicityKeepers));
        if (o.state != domain::ObjectionStateId(ObjectionState::kOpen)) {
          return Status(Code::kConflict, "该异议已处理", "state").WithReason("objection.resolved");
        }
        if (o.version != in.version) return Stale(o);
        domain::Objection next = o;
        next.state = std::string(domain::ObjectionStateId(*decision));
        next.reason = in.reason;
        next.resolved_by_name = actor.Name();
        next.resolved_at = ctx.NowText();
        std::string detail = std::string(domain::ObjectionStateName(*decision)) + "：" + in.reason;
        if (*decision == ObjectionState::kUpheld) {
          // The trainee objected to, or every trainee of the class, leaves the payment.
          ANPEI_ASSIGN_OR_RETURN(auto entries, tx.publicity().ListEntries(o.batch_id));
          std::string names;
          for (const auto& e : entries) {
            const bool hit = o.entry_id ? e.id == *o.entry_id : e.class_id == o.class_id;
            if (!hit || e.withdrawn) continue;
            ANPEI_RETURN_IF_ERROR(tx.publicity().WithdrawEntry(e.id));
            names += (names.empty() ? "" : "、") + e.masked_name;
          }
          if (!names.empty()) detail += "；不予拨付补贴：" + names;
        }
        ANPEI_RETURN_IF_ERROR(tx.publicity().UpdateObjection(next, o.version));
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "objection.resolve",
                                    "objection:" + std::to_string(id), ObjectionText(o),
                                    ObjectionText(next), detail));
        ANPEI_ASSIGN_OR_RETURN(auto stored, tx.publicity().GetObjection(id));
        out = Masked(std::move(stored));
        return Status::Ok();
      });
}

Result<ObjectionCase> OpenCaseFromObjection(const AppContext& ctx, const Actor& actor, int64_t id,
                                            std::string summary, std::string details) {
  if (!actor.SignedIn()) return Unsigned();
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPublicityKeepers));
  return InTx<ObjectionCase>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, ObjectionCase& out) {
    ANPEI_ASSIGN_OR_RETURN(auto o, ObjectionFor(tx, actor, id, kPublicityKeepers));
    if (o.case_id) {
      return Status(Code::kConflict, "已由该异议立案（案件 " + std::to_string(*o.case_id) + "）",
                    "case_id")
          .WithReason("objection.case_opened");
    }
    OpenCaseInput input;
    input.source = std::string(domain::CaseSourceId(domain::CaseSource::kReport));
    input.summary = std::move(summary);
    input.details = std::move(details);
    ANPEI_ASSIGN_OR_RETURN(out.fraud_case, OpenCaseIn(ctx, tx, actor, o.class_id, input));
    domain::Objection next = o;
    next.case_id = out.fraud_case.record.id;
    ANPEI_RETURN_IF_ERROR(tx.publicity().UpdateObjection(next, o.version));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "objection.case", "objection:" + std::to_string(id),
                                ObjectionText(o), ObjectionText(next),
                                "由异议立案：案件 " + std::to_string(*next.case_id)));
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.publicity().GetObjection(id));
    out.objection = Masked(std::move(stored));
    return Status::Ok();
  });
}

}  // namespace anpei::app
