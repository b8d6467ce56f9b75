#include "app/selfies.h"

#include <algorithm>

#include "app/audit_log.h"
#include "app/authorize.h"

namespace anpei::app {
namespace {

using ports::TxMode;

Status NoStorage() { return Status(Code::kUnavailable, "文件存储未配置（--blob-dir）"); }

Status SelfieRefused(domain::SelfieRefusal r) {
  return Status(Code::kFailedPrecondition, std::string(domain::SelfieRefusalMessage(r)),
                "selfie_id")
      .WithReason(std::string(domain::SelfieRefusalCode(r)));
}

}  // namespace

Status CheckSelfieUploader(const Actor& actor) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先扫码确认身份");
  if (!actor.Has(domain::kRoleTrainee) || !actor.person_id) {
    return Status(Code::kPermissionDenied, "只有学员本人可以上传签到自拍照");
  }
  return Status::Ok();
}

namespace {

std::string Target(int64_t id) { return "selfie:" + std::to_string(id); }

}  // namespace

ports::BlobRules SelfieRules() { return {"selfie", kMaxSelfieBytes, {"image/jpeg", "image/png"}}; }

Result<SelfieUploaded> UploadSelfie(const AppContext& ctx, const Actor& actor,
                                    std::string_view bytes) {
  ANPEI_RETURN_IF_ERROR(CheckSelfieUploader(actor));
  if (!ctx.blobs) return NoStorage();
  if (!ctx.faces) return Status(Code::kUnavailable, "人脸检测未配置");
  if (static_cast<int64_t>(bytes.size()) > kMaxSelfieBytes) {
    return Status(Code::kPayloadTooLarge, "照片不能超过 5 MB", "file").WithReason("blob.too_large");
  }
  // Inspect first: a refused picture is never stored.
  ANPEI_ASSIGN_OR_RETURN(auto report, ctx.faces->Inspect(bytes));
  const auto verdict = domain::JudgeFaces(report.faces);
  if (verdict != domain::FaceVerdict::kOne) {
    return Status(Code::kFailedPrecondition, std::string(domain::FaceVerdictMessage(verdict)),
                  "file")
        .WithReason(std::string(domain::FaceVerdictCode(verdict)));
  }
  ANPEI_ASSIGN_OR_RETURN(auto blob, ports::PutBlob(*ctx.blobs, SelfieRules(), bytes));
  return InTx<SelfieUploaded>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, SelfieUploaded& out) {
    domain::Selfie s;
    s.person_id = *actor.person_id;
    s.sha256 = blob.sha256;
    s.size_bytes = blob.size;
    s.mime = blob.mime;
    s.width = report.width;
    s.height = report.height;
    s.faces = report.faces;
    s.phash = report.phash;
    s.uploaded_at = ctx.Now().unix_seconds;
    ANPEI_ASSIGN_OR_RETURN(out.selfie_id, tx.selfies().Insert(s));
    out.faces = report.faces;
    out.sha256 = blob.sha256;
    return Audit(ctx, tx, actor, "selfie.upload", Target(out.selfie_id), "", blob.sha256,
                 "自拍照（" + blob.mime + "，" + std::to_string(blob.size) + " 字节，" +
                     std::to_string(report.width) + "×" + std::to_string(report.height) +
                     "，感知哈希 " + domain::PhashHex(report.phash) + "）");
  });
}

Result<SelfieAdmission> AdmitSelfie(const AppContext& ctx, ports::StoreTx& tx,
                                    const domain::AttendanceLimits& limits, int64_t person_id,
                                    std::optional<int64_t> selfie_id) {
  SelfieAdmission out;
  if (!selfie_id) {
    if (limits.selfie_required) return SelfieRefused(domain::SelfieRefusal::kMissing);
    return out;
  }
  ANPEI_ASSIGN_OR_RETURN(auto found, tx.selfies().Find(*selfie_id));
  if (auto r = domain::CheckSelfieForCheckIn(found, person_id, ctx.Now().unix_seconds)) {
    return SelfieRefused(*r);
  }
  out.selfie = std::move(found);
  return out;
}

Result<std::optional<SelfieReuse>> UseSelfie(ports::StoreTx& tx, const domain::Selfie& selfie,
                                             int64_t record_id, int64_t class_id,
                                             int64_t session_seq) {
  ANPEI_ASSIGN_OR_RETURN(auto near, tx.selfies().UsedNear(selfie.phash));
  std::optional<SelfieReuse> reuse;
  if (auto hit = domain::FindReuse(selfie.phash, selfie.person_id, class_id, session_seq, near)) {
    reuse = SelfieReuse{hit->selfie_id, domain::HammingDistance(selfie.phash, hit->phash),
                        hit->person_id != selfie.person_id};
  }
  ANPEI_RETURN_IF_ERROR(
      tx.selfies().MarkUsed(selfie.id, record_id, class_id, session_seq,
                            reuse ? std::optional<int64_t>(reuse->of_selfie_id) : std::nullopt,
                            reuse ? std::optional<int>(reuse->bits) : std::nullopt));
  return reuse;
}

Result<std::optional<SelfieReuse>> RecordedSelfieReuse(ports::StoreTx& tx, int64_t selfie_id) {
  ANPEI_ASSIGN_OR_RETURN(auto s, tx.selfies().Find(selfie_id));
  if (!s || !s->reuse_of) return std::optional<SelfieReuse>();
  ANPEI_ASSIGN_OR_RETURN(auto other, tx.selfies().Find(*s->reuse_of));
  return std::optional<SelfieReuse>(SelfieReuse{*s->reuse_of, s->reuse_bits.value_or(0),
                                                other && other->person_id != s->person_id});
}

Result<SelfieFile> GetSelfie(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kSelfieViewers));
  if (!ctx.blobs) return NoStorage();
  ANPEI_ASSIGN_OR_RETURN(
      auto out, InTx<SelfieFile>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, SelfieFile& file) {
        ANPEI_ASSIGN_OR_RETURN(auto found, tx.selfies().Find(id));
        if (!found) return Hidden("自拍照", id);
        // The trainee it shows sees it; anyone else only through the class of the record that
        // used it (an unused selfie belongs to no class yet).
        bool allowed = actor.person_id && *actor.person_id == found->person_id &&
                       actor.Has(domain::kRoleTrainee);
        if (!allowed && found->used_by_record) {
          ANPEI_ASSIGN_OR_RETURN(auto use, tx.selfies().FindUse(id));
          if (use) {
            ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(use->class_id));
            allowed = !actor.Has(domain::kRoleTrainee) &&
                      InScope(actor, cls.institution_id, cls.district_code);
          }
        }
        if (!allowed) return Hidden("自拍照", id);
        file.selfie = std::move(*found);
        return Audit(ctx, tx, actor, "selfie.view", Target(id), "", "",
                     "查看自拍照（学员 " + std::to_string(file.selfie.person_id) + "）");
      }));
  auto bytes = ctx.blobs->Read(out.selfie.sha256);
  if (!bytes.ok()) {
    if (bytes.status().code() == Code::kNotFound) {
      return Status::Internal("自拍照文件缺失：" + out.selfie.sha256);
    }
    return bytes.status();
  }
  out.bytes = std::move(*bytes);
  return out;
}

Result<SelfieSamples> SampleSelfies(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                    int64_t n) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kSelfieSamplers));
  if (n < 1 || n > kMaxSelfieSample) {
    return Status::Invalid("n", "n 应为 1 到 " + std::to_string(kMaxSelfieSample) + " 之间的整数");
  }
  return InTx<SelfieSamples>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, SelfieSamples& out) {
    auto cls = tx.classes().GetClass(class_id);
    if (!cls.ok()) {
      return cls.status().code() == Code::kNotFound ? Hidden("培训班", class_id) : cls.status();
    }
    if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", class_id);
    ANPEI_ASSIGN_OR_RETURN(auto used, tx.selfies().ListUsedInClass(class_id));
    out.class_id = class_id;
    out.total = static_cast<int64_t>(used.size());
    // A partial Fisher–Yates shuffle with the vault's random numbers (libsodium).
    const size_t take = std::min(used.size(), static_cast<size_t>(n));
    for (size_t i = 0; i < take; ++i) {
      const auto r = static_cast<uint64_t>(ctx.vault->NewRecordId());
      const size_t j = i + static_cast<size_t>(r % (used.size() - i));
      std::swap(used[i], used[j]);
    }
    used.resize(take);
    for (const auto& u : used) {
      SelfieSample s;
      s.selfie_id = u.selfie.id;
      s.person_id = u.selfie.person_id;
      for (const auto& e : cls->roster) {
        if (e.trainee_id == s.person_id) s.name = NameFor(actor, cls->institution_id, e.name);
      }
      s.session_seq = u.session_seq;
      s.record_id = u.selfie.used_by_record.value_or(0);
      s.uploaded_at = u.selfie.uploaded_at;
      s.reuse_of = u.selfie.reuse_of;
      s.reuse_bits = u.reuse_bits;
      out.items.push_back(std::move(s));
    }
    return Status::Ok();
  });
}

}  // namespace anpei::app
