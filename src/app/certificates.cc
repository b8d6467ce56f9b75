#include "app/certificates.h"

#include <algorithm>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/completion.h"
#include "app/registry.h"
#include "app/review.h"
#include "domain/model.h"

namespace anpei::app {
namespace {

using domain::Certificate;
using domain::ClassState;
using ports::TxMode;

constexpr std::string_view kContext = domain::kCertificateSigningContext;

Status Unsigned() {
  return Status(Code::kUnauthenticated, "请先登录").WithReason("session.required");
}

Status HiddenCertificate(int64_t id) {
  return Status(Code::kNotFound, "证书 " + std::to_string(id) + " 不存在", "id")
      .WithReason("certificate.not_found");
}

// The class `id` for `actor` holding one of `roles`: 401 unsigned, 404 missing or out of scope,
// 403 for another role.
Result<domain::TrainingClass> ClassFor(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                       std::initializer_list<std::string_view> roles) {
  if (!actor.SignedIn()) return Unsigned();
  auto cls = tx.classes().GetClass(id);
  if (!cls.ok()) {
    if (cls.status().code() == Code::kNotFound) return Hidden("培训班", id);
    return cls.status();
  }
  if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", id);
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, roles));
  return cls;
}

// Reviewers act for their own district only; the city bureau everywhere.
Status IssuerOf(const Actor& actor, std::string_view district_code) {
  if (actor.Has(domain::kRoleSystem) || actor.Has(domain::kRolePoliceAdmin)) return Status::Ok();
  if (actor.Has(domain::kRoleReviewer) && actor.district_code == district_code) {
    return Status::Ok();
  }
  return Status(Code::kPermissionDenied, "只有培训班所在辖区的审核员或市公安局可以颁发或撤销证书")
      .WithReason("role.forbidden");
}

// The certificate `id` for `actor`: a trainee their own; staff within their scope and roles.
Result<Certificate> CertificateFor(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                   std::initializer_list<std::string_view> roles) {
  if (!actor.SignedIn()) return Unsigned();
  auto c = tx.certificates().GetCertificate(id);
  if (!c.ok()) {
    if (c.status().code() == Code::kNotFound) return HiddenCertificate(id);
    return c.status();
  }
  if (actor.Has(domain::kRoleTrainee)) {
    if (actor.person_id != c->person_id) return HiddenCertificate(id);
    return c;
  }
  if (!InScope(actor, c->institution_id, c->district_code)) return HiddenCertificate(id);
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, roles));
  return c;
}

struct SigningKey {
  domain::CertificateKey key;
  std::string raw;
};
SigningKey CurrentKey(const AppContext& ctx) {
  SigningKey k;
  k.raw = ctx.vault->SigningKey(kContext);
  k.key.key_id = domain::KeyIdFromSha256Hex(ctx.vault->PublicSha256(k.raw));
  k.key.public_key = domain::Base64Url(k.raw);
  k.key.first_used_at = ctx.NowText();
  return k;
}

std::string Canon(const Certificate& c) {
  return c.fields_json + "|" + c.code + "|" + c.key_id + "|" + std::to_string(c.status_index) +
         "|" + c.revoked_at.value_or("") + "|" + c.revoked_reason;
}

Result<Certificate> IssueOne(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                             const domain::TrainingClass& cls, const domain::Policy& policy,
                             const ApprovedTrainee& trainee, const SigningKey& key) {
  ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().GetTrainee(trainee.person_id));
  const domain::Date today = ctx.Today();
  ANPEI_ASSIGN_OR_RETURN(auto series,
                         tx.certificates().NextNumber(policy.id, policy.certificate_prefix));
  Certificate c;
  c.policy_id = policy.id;
  c.class_id = cls.id;
  c.person_id = trainee.person_id;
  c.number = domain::CertificateNumber(series.first, today.year, series.second);
  c.code = domain::CertificateCode(ctx.vault->RandomBytes(10));
  domain::CertificateFields& f = c.fields;
  f.number = c.number;
  f.holder = domain::MaskName(person.name);
  f.occupation = trainee.occupation.empty() ? cls.occupation : trainee.occupation;
  const domain::Occupation* occ = policy.FindOccupation(f.occupation);
  f.occupation_name = occ ? occ->name : f.occupation;
  f.level = trainee.level;
  f.institution = cls.institution_name;
  if (!cls.sessions.empty()) {
    auto [first, last] = std::minmax_element(
        cls.sessions.begin(), cls.sessions.end(),
        [](const domain::PlanSession& a, const domain::PlanSession& b) { return a.date < b.date; });
    f.class_start = first->date.ToString();
    f.class_end = last->date.ToString();
  }
  f.issued = today.ToString();
  f.policy = policy.id;
  c.fields_json = domain::CanonicalFields(f);
  c.signature = domain::Base64Url(ctx.vault->Sign(c.fields_json, kContext));
  c.key_id = key.key.key_id;
  ANPEI_ASSIGN_OR_RETURN(c.status_index, tx.certificates().NextStatusIndex());
  c.issued_at = ctx.NowText();
  c.issued_by_user = actor.user_id;
  ANPEI_ASSIGN_OR_RETURN(c.id, tx.certificates().InsertCertificate(c));
  return c;
}

}  // namespace

Result<std::vector<Certificate>> IssueCertificates(const AppContext& ctx, const Actor& actor,
                                                   int64_t class_id,
                                                   std::optional<int64_t> version) {
  return InTx<std::vector<Certificate>>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ClassFor(tx, actor, class_id, kCertificateIssuers));
    ANPEI_RETURN_IF_ERROR(IssuerOf(actor, cls.district_code));
    if (cls.state != ClassState::kCompletionApproved) {
      return StateConflict(cls, "颁发结业证书", ClassState::kCompletionApproved);
    }
    if (version && *version != cls.version) {
      return Status(Code::kConflict,
                    "培训班已被他人修改（您提交的版本 " + std::to_string(*version) + "，当前版本 " +
                        std::to_string(cls.version) + "），请刷新后再操作",
                    "version")
          .WithReason("version.stale");
    }
    ANPEI_ASSIGN_OR_RETURN(const domain::Policy* policy,
                           ctx.reference->FindPolicy(cls.policy_id, "policy_id"));
    ANPEI_ASSIGN_OR_RETURN(auto approved, ApprovedTrainees(tx, class_id));
    if (approved.empty()) {
      return Status(Code::kConflict, "培训班「" + cls.title + "」没有审核通过的学员，无需发证",
                    "state")
          .WithReason("certificate.none");
    }
    const std::string now = ctx.NowText();
    // The state first: of two concurrent issuers the loser stops here.
    ANPEI_RETURN_IF_ERROR(tx.classes().SetState(class_id, ClassState::kCertified, cls.declared_at,
                                                cls.calendar_version, now, cls.version));
    const SigningKey key = CurrentKey(ctx);
    ANPEI_RETURN_IF_ERROR(tx.certificates().PublishKey(key.key));
    std::string numbers;
    for (const auto& t : approved) {
      ANPEI_ASSIGN_OR_RETURN(auto c, IssueOne(ctx, tx, actor, cls, *policy, t, key));
      numbers += (numbers.empty() ? "" : "、") + c.number;
      out.push_back(std::move(c));
    }
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(class_id));
    return Audit(ctx, tx, actor, "certificate.issue", "class:" + std::to_string(class_id),
                 app::Canon(cls), app::Canon(after),
                 "颁发结业证书 " + std::to_string(out.size()) + " 张：" + numbers);
  });
}

Result<std::vector<Certificate>> ListClassCertificates(const AppContext& ctx, const Actor& actor,
                                                       int64_t class_id) {
  return InTx<std::vector<Certificate>>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, ClassFor(tx, actor, class_id, kCertificateReaders));
    ports::CertificateFilter f;
    f.class_id = cls.id;
    ANPEI_ASSIGN_OR_RETURN(out, tx.certificates().ListCertificates(f));
    return Status::Ok();
  });
}

std::string VerificationUrl(const AppContext& ctx, const Certificate& c,
                            const std::string& request_base) {
  std::string base = ctx.public_url.empty() ? request_base : ctx.public_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/verify/" + c.code + "?d=" + domain::Base64Url(c.fields_json) +
         "&s=" + c.signature;
}

Result<CertificateFile> CertificatePdf(const AppContext& ctx, const Actor& actor, int64_t id,
                                       const std::string& request_base) {
  if (!ctx.certificates) return Status(Code::kUnavailable, "未配置证书渲染（PDF）");
  // The PDF carries the holder's full name: every download is audited, as every export is.
  ANPEI_ASSIGN_OR_RETURN(
      auto c, InTx<Certificate>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, Certificate& out) {
        ANPEI_ASSIGN_OR_RETURN(out, CertificateFor(tx, actor, id, kCertificateReaders));
        return Audit(ctx, tx, actor, "certificate.download", "certificate:" + std::to_string(id),
                     "", "", "下载结业证书 " + out.number + "（PDF）");
      }));
  const domain::Policy* policy = nullptr;
  if (auto p = ctx.reference->FindPolicy(c.policy_id, "policy_id"); p.ok()) policy = *p;
  const domain::CertificateFields& f = c.fields;
  ports::CertificateDocument doc;
  doc.title = "职业培训结业证书";
  doc.subtitle = policy ? "依据 " + policy->document : "";
  doc.statement = "兹证明 " + f.holder + " 于 " + f.class_start + " 至 " + f.class_end + " 参加 " +
                  f.institution + " 举办的" + f.occupation_name + "（" + f.level +
                  "）职业技能培训，经考核合格，准予结业。";
  for (const auto& lf : domain::LabelledFields(f)) doc.fields.emplace_back(lf.label, lf.value);
  if (c.revoked()) doc.fields.emplace_back("状态", "已撤销（" + *c.revoked_at + "）");
  doc.qr_text = VerificationUrl(ctx, c, request_base);
  doc.qr_caption = "扫码核验 · 核验码 " + c.code;
  std::string base = ctx.public_url.empty() ? request_base : ctx.public_url;
  doc.footer = "核验：扫描右侧二维码，或访问 " + base + "/verify/" + c.code +
               "。二维码含证书内容及其 Ed25519 签名（密钥编号 " + c.key_id +
               "），可用公布的公钥离线核验；证书是否被撤销以核验页面及状态列表为准。";
  doc.author = "安培 AnPei";
  ANPEI_ASSIGN_OR_RETURN(auto pdf, ctx.certificates->RenderPdf(doc));
  return CertificateFile{std::move(pdf), "结业证书-" + c.number + ".pdf"};
}

Result<Certificate> RevokeCertificate(const AppContext& ctx, const Actor& actor, int64_t id,
                                      std::string reason) {
  return InTx<Certificate>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, Certificate& out) {
    ANPEI_ASSIGN_OR_RETURN(auto c, CertificateFor(tx, actor, id, kCertificateIssuers));
    ANPEI_RETURN_IF_ERROR(IssuerOf(actor, c.district_code));
    ANPEI_RETURN_IF_ERROR(
        CheckText(ctx, reason, "reason", "撤销理由", domain::kMaxRevokeReasonChars, true));
    const std::string now = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.certificates().RevokeCertificate(id, now, reason, actor.user_id));
    ANPEI_ASSIGN_OR_RETURN(out, tx.certificates().GetCertificate(id));
    return Audit(ctx, tx, actor, "certificate.revoke", "certificate:" + std::to_string(id),
                 Canon(c), Canon(out), "撤销证书 " + c.number + "：" + reason);
  });
}

Result<std::vector<Certificate>> MyCertificates(const AppContext& ctx, const Actor& actor) {
  if (!actor.Has(domain::kRoleTrainee) || !actor.person_id) {
    return Status(Code::kUnauthenticated, "请先扫码签到登录学员身份")
        .WithReason("session.required");
  }
  return InTx<std::vector<Certificate>>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ports::CertificateFilter f;
    f.person_id = *actor.person_id;
    ANPEI_ASSIGN_OR_RETURN(out, tx.certificates().ListCertificates(f));
    return Status::Ok();
  });
}

Result<PublicCertificate> VerifyCertificate(const AppContext& ctx, const std::string& code,
                                            const std::optional<std::string>& d,
                                            const std::optional<std::string>& s) {
  const auto unknown = [] {
    return Status(Code::kNotFound, "没有该核验码的证书，请核对证书上的二维码或核验码", "code")
        .WithReason("certificate.not_found");
  };
  const auto normal = domain::NormalizeCertificateCode(code);
  if (!normal) return unknown();
  return InTx<PublicCertificate>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto found, tx.certificates().FindByCode(*normal));
    if (!found) return unknown();
    out.certificate = std::move(*found);
    ANPEI_ASSIGN_OR_RETURN(auto keys, tx.certificates().ListKeys());
    std::string pk;
    for (const auto& k : keys) {
      if (k.key_id == out.certificate.key_id) pk = domain::FromBase64Url(k.public_key).value_or("");
    }
    const auto sig = domain::FromBase64Url(out.certificate.signature);
    out.record_signature_valid =
        sig && ctx.vault->VerifySignature(out.certificate.fields_json, *sig, pk);
    if (auto policy = ctx.reference->FindPolicy(out.certificate.fields.policy, "policy");
        policy.ok()) {
      out.policy_document = (*policy)->document;
    }
    if (d || s) {
      QrCheck q;
      const auto bytes = domain::FromBase64Url(d.value_or(""));
      const auto qs = domain::FromBase64Url(s.value_or(""));
      q.signature_valid = bytes && qs && ctx.vault->VerifySignature(*bytes, *qs, pk);
      q.matches_record = bytes && *bytes == out.certificate.fields_json;
      if (bytes) q.fields = domain::ParseCanonicalFields(*bytes);
      out.qr = std::move(q);
    }
    return Status::Ok();
  });
}

Result<std::vector<domain::CertificateKey>> CertificateKeys(const AppContext& ctx) {
  ANPEI_ASSIGN_OR_RETURN(auto keys, InTx<std::vector<domain::CertificateKey>>(
                                        ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
                                          ANPEI_ASSIGN_OR_RETURN(out, tx.certificates().ListKeys());
                                          return Status::Ok();
                                        }));
  const SigningKey current = CurrentKey(ctx);
  const bool listed = std::any_of(keys.begin(), keys.end(),
                                  [&](const auto& k) { return k.key_id == current.key.key_id; });
  if (!listed) keys.push_back(current.key);
  return keys;
}

Result<StatusList> CertificateStatusList(const AppContext& ctx) {
  if (!ctx.gzip) return Status(Code::kUnavailable, "未配置压缩（zlib）");
  ANPEI_ASSIGN_OR_RETURN(auto indices, (InTx<std::pair<int64_t, std::vector<int64_t>>>(
                                           ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
                                             ANPEI_ASSIGN_OR_RETURN(
                                                 out, tx.certificates().StatusIndices());
                                             return Status::Ok();
                                           })));
  const std::string bits = domain::StatusListBits(indices.first, indices.second);
  StatusList out;
  out.issued_at = ctx.NowText();
  out.size_bits = static_cast<int64_t>(bits.size()) * 8;
  out.encoded_list = domain::Base64Url(ctx.gzip->Gzip(bits));
  out.key_id = CurrentKey(ctx).key.key_id;
  out.signature = domain::Base64Url(
      ctx.vault->Sign(domain::StatusListSigningInput(out.issued_at, out.encoded_list), kContext));
  return out;
}

}  // namespace anpei::app
