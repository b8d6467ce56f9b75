// Resumable evidence uploads (tus 1.0.0; app/evidence.h). The bytes go to the blob store's
// partial area request by request; the database keeps the upload's metadata and owner. On the
// last byte the file is sealed, analysed and kept, or refused and dropped whole.
#include <algorithm>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/evidence.h"

namespace anpei::app {
namespace {

using domain::EvidenceCategory;
using ports::TxMode;

Status NoStorage() { return Status(Code::kUnavailable, "文件存储未配置（--blob-dir）"); }

std::string UploadTarget(const std::string& id) { return "evidence_upload:" + id; }

bool ValidFileName(std::string_view name) {
  if (name.empty() || name.size() > 255) return false;
  return std::none_of(name.begin(), name.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == '/' || c == '\\' || c == 0x7f;
  });
}

bool MayUpload(domain::ClassState s) {
  using domain::ClassState;
  switch (s) {
    case ClassState::kApproved:
    case ClassState::kCompletionSubmitted:
    case ClassState::kCompletionApproved:
    case ClassState::kCertified:
    case ClassState::kInPublicity:
    case ClassState::kPublicityClosed:
    case ClassState::kFundsRequested:
    case ClassState::kPaid:
      return true;
    default:
      return false;
  }
}

ports::BlobRules RulesOf(const AppContext& ctx, const domain::Policy& policy,
                         domain::EvidenceKind kind) {
  (void)ctx;
  return {std::string(domain::EvidenceKindId(kind)), domain::MaxBytesOf(kind, policy.evidence),
          domain::MimeTypesOf(kind)};
}

// The upload, if the actor created it (anyone else: 404, as for a missing one).
Result<ports::EvidenceUpload> OwnUpload(ports::StoreTx& tx, const Actor& actor,
                                        const std::string& id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceUploaders));
  ANPEI_ASSIGN_OR_RETURN(auto found, tx.evidence().FindUpload(id));
  if (!found || found->created_by_user != actor.user_id) {
    return Status::NotFound("上传不存在或已过期", "upload_id").WithReason("evidence.no_upload");
  }
  return *found;
}

// Drops an upload (its row and its bytes).
void Drop(const AppContext& ctx, const std::string& id) {
  (void)ctx.blobs->RemovePartial(id);
  (void)ctx.store->Run(TxMode::kWrite,
                       [&](ports::StoreTx& tx) { return tx.evidence().DeleteUpload(id); });
}

// The photo's report from its bytes: faces and pHash (FaceInspector), EXIF capture time.
Result<domain::PhotoReport> AnalysePhoto(const AppContext& ctx, const domain::Policy& policy,
                                         const std::string& id, domain::EvidenceKind kind) {
  if (!ctx.faces) return Status(Code::kUnavailable, "照片分析未配置（OpenCV 数据缺失）");
  ANPEI_ASSIGN_OR_RETURN(auto reader, ctx.blobs->OpenPartial(id));
  ANPEI_ASSIGN_OR_RETURN(auto bytes, reader->ReadAt(0, static_cast<size_t>(reader->Size())));
  // A group photo's faces are counted against the head-count: searched for small faces too.
  auto report = kind == domain::EvidenceKind::kGroupPhoto ? ctx.faces->InspectGroup(bytes)
                                                          : ctx.faces->Inspect(bytes);
  if (!report.ok()) {
    if (report.status().code() != Code::kInvalidArgument) return report.status();
    return Status::Invalid(
               "file", "照片无法解码（文件损坏、不完整或不是照片）：" + report.status().message())
        .WithReason("evidence.photo_unreadable");
  }
  domain::PhotoReport out;
  out.faces = report->faces;
  out.phash = report->phash;
  out.width = report->width;
  out.height = report->height;
  if (ctx.exif) {
    if (auto text = ctx.exif->CaptureTime(bytes)) {
      out.captured_at = domain::ParseExifDateTime(*text, policy.utc_offset_minutes);
    }
  }
  return out;
}

std::optional<domain::Date> LastSessionDate(const domain::TrainingClass& cls) {
  std::optional<domain::Date> last;
  for (const auto& s : cls.sessions) {
    if (!last || s.date > *last) last = s.date;
  }
  return last;
}

// The last byte arrived: seal, analyse, keep. Any refusal drops the upload.
Result<int64_t> Finish(const AppContext& ctx, const Actor& actor, const ports::EvidenceUpload& up) {
  auto kept = [&]() -> Result<int64_t> {
    ANPEI_ASSIGN_OR_RETURN(
        auto cls_plan, InTx<domain::TrainingClass>(
                           ctx, TxMode::kRead, [&](ports::StoreTx& tx, domain::TrainingClass& c) {
                             ANPEI_ASSIGN_OR_RETURN(c, tx.classes().GetClassPlan(up.class_id));
                             return Status::Ok();
                           }));
    ANPEI_ASSIGN_OR_RETURN(const domain::Policy* policy,
                           ctx.reference->FindPolicy(cls_plan.policy_id, "policy_id"));
    ANPEI_ASSIGN_OR_RETURN(auto ref,
                           ctx.blobs->SealPartial(up.upload_id, RulesOf(ctx, *policy, up.kind)));
    domain::EvidenceItem item;
    switch (domain::CategoryOf(up.kind)) {
      case EvidenceCategory::kPhoto: {
        ANPEI_ASSIGN_OR_RETURN(item.photo, AnalysePhoto(ctx, *policy, up.upload_id, up.kind));
        break;
      }
      case EvidenceCategory::kVideo: {
        if (!ctx.videos) return Status(Code::kUnavailable, "录像分析未配置");
        ANPEI_ASSIGN_OR_RETURN(auto path, ctx.blobs->PartialPath(up.upload_id));
        ANPEI_ASSIGN_OR_RETURN(item.video,
                               ctx.videos->Probe(path, policy->evidence.video_max_gap_seconds));
        break;
      }
      case EvidenceCategory::kScan:
      case EvidenceCategory::kTable:
        break;
    }
    item.class_id = up.class_id;
    item.session_seq = up.session_seq;
    item.kind = up.kind;
    item.file_name = up.file_name;
    item.sha256 = ref.sha256;
    item.size = ref.size;
    item.mime = ref.mime;
    item.uploaded_by_user = actor.user_id;
    item.uploaded_by = actor.Name();
    item.uploaded_at = ctx.Now().unix_seconds;
    item.started_at = up.started_at;
    item.retain_until = domain::RetainUntil(LastSessionDate(cls_plan), item.uploaded_at,
                                            policy->retention_years, policy->utc_offset_minutes);
    return InTx<int64_t>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, int64_t& id) {
      ANPEI_ASSIGN_OR_RETURN(auto same, tx.evidence().FindSameFile(up.class_id, ref.sha256));
      if (same) {
        return Status(Code::kConflict,
                      "同一文件已上传到本培训班（材料编号 " + std::to_string(*same) +
                          "），无需重复上传",
                      "file")
            .WithReason("evidence.duplicate");
      }
      // Published inside the transaction's work, before the row that refers to it commits: a
      // failed commit leaves an unreferenced blob (harmless: content-addressed).
      ANPEI_RETURN_IF_ERROR(ctx.blobs->PublishPartial(up.upload_id, ref));
      ANPEI_ASSIGN_OR_RETURN(id, tx.evidence().InsertItem(item));
      ANPEI_RETURN_IF_ERROR(tx.evidence().DeleteUpload(up.upload_id));
      std::string detail = std::string(domain::EvidenceKindName(up.kind)) + "“" + up.file_name +
                           "”（" + ref.mime + "，" + std::to_string(ref.size) + " 字节";
      if (up.session_seq) detail += "，第 " + std::to_string(*up.session_seq) + " 次课";
      detail += "）";
      return Audit(ctx, tx, actor, "evidence.upload", "evidence:" + std::to_string(id), "",
                   ref.sha256, detail);
    });
  }();
  if (!kept.ok() && kept.status().code() != Code::kUnavailable) Drop(ctx, up.upload_id);
  return kept;
}

}  // namespace

int64_t MaxEvidenceBytes(const AppContext& ctx) {
  int64_t most = std::max(domain::kMaxScanBytes, domain::kMaxTableBytes);
  for (const auto& [id, policy] : ctx.reference->policies()) {
    for (auto k : domain::kAllEvidenceKinds) {
      most = std::max(most, domain::MaxBytesOf(k, policy.evidence));
    }
  }
  return most;
}

Result<domain::TrainingClass> EvidenceClass(ports::StoreTx& tx, const Actor& actor,
                                            int64_t class_id) {
  auto cls = tx.classes().GetClass(class_id);
  if (!cls.ok()) {
    return cls.status().code() == Code::kNotFound ? Hidden("培训班", class_id) : cls.status();
  }
  if (!InScope(actor, cls->institution_id, cls->district_code)) return Hidden("培训班", class_id);
  return std::move(*cls);
}

Result<ports::EvidenceUpload> CreateUpload(const AppContext& ctx, const Actor& actor,
                                           const NewUpload& in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceUploaders));
  if (!ctx.blobs) return NoStorage();
  const auto kind = domain::ParseEvidenceKind(in.kind);
  if (!kind) {
    std::string ids;
    for (auto k : domain::kAllEvidenceKinds) {
      ids += (ids.empty() ? "" : "、") + std::string(domain::EvidenceKindId(k));
    }
    return Status::Invalid("kind", "材料类型应为 " + ids + " 之一").WithReason("evidence.kind");
  }
  if (!ValidFileName(in.file_name)) {
    return Status::Invalid("filename", "文件名不能为空、不超过 255 字节，且不含 / \\ 或控制字符")
        .WithReason("evidence.filename");
  }
  if (in.length < 1) {
    return Status::Invalid("Upload-Length", "Upload-Length 应为正整数（文件的字节数）")
        .WithReason("evidence.length");
  }
  if (in.started_at && *in.started_at < 1) {
    return Status::Invalid("started_at", "started_at 应为录像开始时间（Unix 秒）")
        .WithReason("evidence.started_at");
  }
  ports::EvidenceUpload up;
  up.upload_id = ctx.vault->NewToken();
  up.kind = *kind;
  up.file_name = in.file_name;
  up.session_seq = in.session_seq;
  up.started_at = in.started_at;
  up.length = in.length;
  up.created_by_user = actor.user_id;
  up.created_at = ctx.Now().unix_seconds;
  up.expires_at = up.created_at + kUploadLifetimeSeconds;
  std::vector<std::string> expired;
  ANPEI_RETURN_IF_ERROR(ctx.blobs->CreatePartial(up.upload_id));
  Status st = ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto cls, EvidenceClass(tx, actor, in.class_id));
    if (!MayUpload(cls.state)) {
      return Status(Code::kConflict, "培训班“" + cls.title + "”当前状态为" +
                                         std::string(domain::ClassStateName(cls.state)) +
                                         "，审核通过后才能上传过程材料")
          .WithReason("evidence.class_not_approved");
    }
    if (in.session_seq &&
        (*in.session_seq < 1 || *in.session_seq > static_cast<int64_t>(cls.sessions.size()))) {
      return Status::Invalid("session",
                             "课次应为 1 到 " + std::to_string(cls.sessions.size()) + " 之间的整数")
          .WithReason("evidence.session");
    }
    ANPEI_ASSIGN_OR_RETURN(const domain::Policy* policy,
                           ctx.reference->FindPolicy(cls.policy_id, "policy_id"));
    const int64_t max = domain::MaxBytesOf(*kind, policy->evidence);
    if (in.length > max) {
      return Status(Code::kPayloadTooLarge,
                    std::string(domain::EvidenceKindName(*kind)) + "不能超过 " +
                        std::to_string(max >> 20) + " MB",
                    "Upload-Length")
          .WithReason("blob.too_large");
    }
    up.class_id = cls.id;
    ANPEI_ASSIGN_OR_RETURN(expired, tx.evidence().ExpiredUploads(up.created_at, 20));
    for (const auto& id : expired) ANPEI_RETURN_IF_ERROR(tx.evidence().DeleteUpload(id));
    ANPEI_RETURN_IF_ERROR(tx.evidence().InsertUpload(up));
    return Audit(ctx, tx, actor, "evidence.upload_start", UploadTarget(up.upload_id), "", "",
                 "开始上传" + std::string(domain::EvidenceKindName(*kind)) + "“" + up.file_name +
                     "”（" + std::to_string(up.length) + " 字节，培训班 " + std::to_string(cls.id) +
                     "）");
  });
  if (!st.ok()) {
    (void)ctx.blobs->RemovePartial(up.upload_id);
    return st;
  }
  for (const auto& id : expired) (void)ctx.blobs->RemovePartial(id);
  return up;
}

Result<ports::EvidenceUpload> GetUpload(const AppContext& ctx, const Actor& actor,
                                        const std::string& upload_id) {
  if (!ctx.blobs) return NoStorage();
  ANPEI_ASSIGN_OR_RETURN(
      auto up, InTx<ports::EvidenceUpload>(
                   ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::EvidenceUpload& out) {
                     ANPEI_ASSIGN_OR_RETURN(out, OwnUpload(tx, actor, upload_id));
                     return Status::Ok();
                   }));
  ANPEI_ASSIGN_OR_RETURN(up.offset, ctx.blobs->PartialSize(upload_id));
  return up;
}

Result<AppendResult> AppendUpload(const AppContext& ctx, const Actor& actor,
                                  const std::string& upload_id, int64_t offset,
                                  std::string_view bytes) {
  ANPEI_ASSIGN_OR_RETURN(auto up, GetUpload(ctx, actor, upload_id));
  const auto size = static_cast<int64_t>(bytes.size());
  if (offset != up.offset) {
    return Status(Code::kConflict,
                  "上传进度不一致：服务器已收到 " + std::to_string(up.offset) + " 字节，请求从第 " +
                      std::to_string(offset) + " 字节续传；请查询进度后继续",
                  "Upload-Offset")
        .WithReason("evidence.offset_mismatch");
  }
  if (offset + size > up.length) {
    return Status::Invalid("Upload-Offset", "数据超出声明的文件大小 Upload-Length（" +
                                                std::to_string(up.length) + " 字节）")
        .WithReason("evidence.upload_overflow");
  }
  if (size > 0) ANPEI_RETURN_IF_ERROR(ctx.blobs->AppendPartial(upload_id, offset, bytes));
  AppendResult out;
  out.offset = offset + size;
  if (out.offset < up.length) {
    ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
      return tx.evidence().SetUploadOffset(upload_id, out.offset);
    }));
    return out;
  }
  ANPEI_ASSIGN_OR_RETURN(out.item_id, Finish(ctx, actor, up));
  return out;
}

Status TerminateUpload(const AppContext& ctx, const Actor& actor, const std::string& upload_id) {
  if (!ctx.blobs) return NoStorage();
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto up, OwnUpload(tx, actor, upload_id));
    ANPEI_RETURN_IF_ERROR(tx.evidence().DeleteUpload(upload_id));
    return Audit(ctx, tx, actor, "evidence.upload_cancel", UploadTarget(upload_id), "", "",
                 "取消上传“" + up.file_name + "”");
  }));
  return ctx.blobs->RemovePartial(upload_id);
}

}  // namespace anpei::app
