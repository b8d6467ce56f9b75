#include "app/attendance_exceptions.h"

#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/completion.h"
#include "app/registry.h"
#include "domain/model.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::AttendanceException;
using domain::ExceptionState;
using ports::TxMode;

constexpr int64_t kMaxFileBytes = 5 * 1024 * 1024;

std::string Target(int64_t id) { return "attendance_exception:" + std::to_string(id); }

std::string SeqText(const std::vector<int64_t>& seqs) {
  std::string out;
  for (int64_t s : seqs) out += (out.empty() ? "" : "、") + std::to_string(s);
  return out;
}

std::string Note(const AttendanceException& e) {
  return "培训班 " + std::to_string(e.class_id) + "，第 " + SeqText(e.session_seqs) + " 次课";
}

// The canonical text of an exception for the audit digests.
std::string CanonOf(const AttendanceException& e) {
  std::string seqs;
  for (int64_t s : e.session_seqs) seqs += std::to_string(s) + ",";
  return std::to_string(e.id) + "|" + std::to_string(e.class_id) + "|" + seqs + "|" +
         std::string(domain::ExceptionStateId(e.state)) + "|" + e.reason + "|" + e.decision_reason +
         "|" + std::to_string(e.version) + "|" + std::to_string(e.file_count) + "|" +
         std::to_string(e.backfilled_count);
}

Status ClassNotApproved(const domain::TrainingClass& cls) {
  return Status(Code::kConflict,
                "只有已批准（培训中）的培训班可以申请纸质签到，当前状态：" +
                    std::string(domain::ClassStateName(cls.state)),
                "state")
      .WithReason("attendance_exception.class_not_approved");
}

Status NotApproved(const AttendanceException& e) {
  return Status(Code::kConflict,
                "纸质签到申请尚未获批准（当前状态：" +
                    std::string(domain::ExceptionStateName(e.state)) +
                    "），批准后才能上传签到表和补录考勤",
                "state")
      .WithReason("attendance_exception.not_approved");
}

Status TooManyFiles() {
  return Status(
             Code::kConflict,
             "每份纸质签到申请最多上传 " + std::to_string(domain::kMaxExceptionFiles) + " 个文件",
             "file")
      .WithReason("attendance_exception.too_many_files");
}

// The exception as the actor may see it (its class in scope), or the 404 of a missing one.
Result<AttendanceException> Visible(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  auto e = tx.attendance_exceptions().GetException(id);
  if (!e.ok() && e.status().code() != Code::kNotFound) return e.status();
  if (!e.ok() || !InScope(actor, e->institution_id, e->district_code)) {
    return Hidden("纸质签到申请", id);
  }
  return e;
}

// For the institution's own changes (upload, back-fill): the exception visible, the actor one of
// the class's editors, the exception approved.
Result<AttendanceException> OwnApproved(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(tx.attendance_exceptions().LockException(id));
  ANPEI_ASSIGN_OR_RETURN(auto e, Visible(tx, actor, id));
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  if (e.state != ExceptionState::kApproved) return NotApproved(e);
  return e;
}

}  // namespace

Result<AttendanceException> FileAttendanceException(const AppContext& ctx, const Actor& actor,
                                                    int64_t class_id,
                                                    std::vector<int64_t> session_seqs,
                                                    std::string reason) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  return InTx<AttendanceException>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, AttendanceException& out) {
        auto cls = tx.classes().GetClass(class_id);
        if (!cls.ok() && cls.status().code() != Code::kNotFound) return cls.status();
        if (!cls.ok() || !InScope(actor, cls->institution_id, cls->district_code)) {
          return Hidden("培训班", class_id);
        }
        ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
        if (cls->state != domain::ClassState::kApproved) return ClassNotApproved(*cls);
        ANPEI_ASSIGN_OR_RETURN(auto seqs,
                               domain::CheckExceptionSessions(session_seqs, cls->sessions.size()));
        ANPEI_RETURN_IF_ERROR(
            CheckText(ctx, reason, "reason", "原因", domain::kMaxExceptionReasonChars, true));
        if (domain::Utf8Length(reason) < domain::kMinExceptionReasonChars) {
          return Status::Invalid("reason", "请具体说明无法使用手机签到的客观原因（至少 " +
                                               std::to_string(domain::kMinExceptionReasonChars) +
                                               " 个字）");
        }
        AttendanceException e;
        e.class_id = class_id;
        e.session_seqs = std::move(seqs);
        e.reason = std::move(reason);
        e.filed_by_user = actor.user_id;
        e.filed_by = actor.Name();
        e.filed_at = ctx.NowText();
        ANPEI_ASSIGN_OR_RETURN(auto id, tx.attendance_exceptions().InsertException(e));
        ANPEI_ASSIGN_OR_RETURN(out, tx.attendance_exceptions().GetException(id));
        return Audit(ctx, tx, actor, "attendance_exception.create", Target(id), "", CanonOf(out),
                     Note(out));
      });
}

Result<ports::PageOf<AttendanceException>> ListAttendanceExceptions(const AppContext& ctx,
                                                                    const Actor& actor,
                                                                    ports::ExceptionFilter filter,
                                                                    ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  NarrowToScope(actor, filter.institution_id, filter.district_code);
  return InTx<ports::PageOf<AttendanceException>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        if (filter.class_id) {
          auto cls = tx.classes().GetClass(*filter.class_id);
          if (!cls.ok() && cls.status().code() != Code::kNotFound) return cls.status();
          if (!cls.ok() || !InScope(actor, cls->institution_id, cls->district_code)) {
            return Hidden("培训班", *filter.class_id);
          }
        }
        ANPEI_ASSIGN_OR_RETURN(out, tx.attendance_exceptions().ListExceptions(filter, page));
        return Status::Ok();
      });
}

Result<AttendanceException> GetAttendanceException(const AppContext& ctx, const Actor& actor,
                                                   int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  return InTx<AttendanceException>(ctx, TxMode::kRead,
                                   [&](ports::StoreTx& tx, AttendanceException& out) {
                                     ANPEI_ASSIGN_OR_RETURN(out, Visible(tx, actor, id));
                                     return Status::Ok();
                                   });
}

Result<AttendanceException> DecideAttendanceException(const AppContext& ctx, const Actor& actor,
                                                      int64_t id, ExceptionDecision decision,
                                                      std::string reason,
                                                      std::optional<int64_t> version) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAttendanceExceptionReviewers));
  return InTx<AttendanceException>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, AttendanceException& out) {
        // The lock first: a second concurrent decision waits here and then reads the outcome.
        ANPEI_RETURN_IF_ERROR(tx.attendance_exceptions().LockException(id));
        ANPEI_ASSIGN_OR_RETURN(auto e, Visible(tx, actor, id));
        if (e.state != ExceptionState::kPending) {
          return Status(Code::kConflict,
                        "纸质签到申请已处理，当前状态：" +
                            std::string(domain::ExceptionStateName(e.state)),
                        "state")
              .WithReason("attendance_exception.decided");
        }
        if (version && *version != e.version) {
          return Status(Code::kConflict,
                        "纸质签到申请已被他人修改（您提交的版本 " + std::to_string(*version) +
                            "，当前版本 " + std::to_string(e.version) + "），请刷新后再试",
                        "version")
              .WithReason("version.stale");
        }
        const bool approve = decision == ExceptionDecision::kApprove;
        ANPEI_RETURN_IF_ERROR(CheckText(ctx, reason, "reason", "审核意见",
                                        domain::kMaxExceptionReasonChars, !approve));
        const AttendanceException before = e;
        e.state = approve ? ExceptionState::kApproved : ExceptionState::kRefused;
        e.decided_by_user = actor.user_id;
        e.decided_by = actor.Name();
        e.decided_at = ctx.NowText();
        e.decision_reason = reason;
        ANPEI_RETURN_IF_ERROR(tx.attendance_exceptions().DecideException(e, before.version));
        ANPEI_ASSIGN_OR_RETURN(out, tx.attendance_exceptions().GetException(id));
        return Audit(ctx, tx, actor,
                     approve ? "attendance_exception.approve" : "attendance_exception.refuse",
                     Target(id), CanonOf(before), CanonOf(out), Note(out));
      });
}

ports::BlobRules ExceptionFileRules() {
  return {"attendance_sheet", kMaxFileBytes, {"application/pdf", "image/jpeg", "image/png"}};
}

Status CheckExceptionFileUpload(const AppContext& ctx, const Actor& actor, int64_t id) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  return ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto e, Visible(tx, actor, id));
    ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
    if (e.state != ExceptionState::kApproved) return NotApproved(e);
    if (e.file_count >= domain::kMaxExceptionFiles) return TooManyFiles();
    return Status::Ok();
  });
}

Result<domain::ExceptionFile> AddExceptionFile(const AppContext& ctx, const Actor& actor,
                                               int64_t id, std::string_view bytes,
                                               std::string file_name) {
  ANPEI_RETURN_IF_ERROR(CheckExceptionFileUpload(ctx, actor, id));
  if (!ctx.blobs) return Status(Code::kUnavailable, "文件存储未配置（--blob-dir）");
  file_name = domain::PrintableText(ctx.text->Text(file_name));
  if (domain::Utf8Length(file_name) > 200 || file_name.empty()) file_name = "sheet";
  ANPEI_ASSIGN_OR_RETURN(auto blob, ports::PutBlob(*ctx.blobs, ExceptionFileRules(), bytes));
  return InTx<domain::ExceptionFile>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::ExceptionFile& out) {
        ANPEI_ASSIGN_OR_RETURN(auto e, OwnApproved(tx, actor, id));
        if (e.file_count >= domain::kMaxExceptionFiles) return TooManyFiles();
        out.exception_id = id;
        out.sha256 = blob.sha256;
        out.size = blob.size;
        out.mime = blob.mime;
        out.file_name = file_name;
        out.uploaded_by = actor.Name();
        out.uploaded_at = ctx.NowText();
        ANPEI_ASSIGN_OR_RETURN(out.n, tx.attendance_exceptions().InsertFile(out, actor.user_id));
        return Audit(ctx, tx, actor, "attendance_exception.file", Target(id), "",
                     out.sha256 + "|" + std::to_string(out.n),
                     "文件 " + std::to_string(out.n) + "（" + out.mime + "，" +
                         std::to_string(out.size) + " 字节）");
      });
}

Result<std::vector<domain::ExceptionFile>> ListExceptionFiles(const AppContext& ctx,
                                                              const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPersonalDataReaders));
  using Files = std::vector<domain::ExceptionFile>;
  return InTx<Files>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Files& out) {
    ANPEI_RETURN_IF_ERROR(Visible(tx, actor, id).status());
    ANPEI_ASSIGN_OR_RETURN(out, tx.attendance_exceptions().ListFiles(id));
    return Status::Ok();
  });
}

Result<ExceptionFileBytes> GetExceptionFile(const AppContext& ctx, const Actor& actor, int64_t id,
                                            int64_t n) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPersonalDataReaders));
  if (!ctx.blobs) return Status(Code::kUnavailable, "文件存储未配置（--blob-dir）");
  ANPEI_ASSIGN_OR_RETURN(
      auto out, InTx<ExceptionFileBytes>(
                    ctx, TxMode::kRead, [&](ports::StoreTx& tx, ExceptionFileBytes& file) {
                      ANPEI_RETURN_IF_ERROR(Visible(tx, actor, id).status());
                      ANPEI_ASSIGN_OR_RETURN(file.file, tx.attendance_exceptions().GetFile(id, n));
                      return Status::Ok();
                    }));
  auto bytes = ctx.blobs->Read(out.file.sha256);
  if (!bytes.ok()) {
    if (bytes.status().code() == Code::kNotFound) {
      return Status::Internal("签到表文件缺失：" + out.file.sha256);
    }
    return bytes.status();
  }
  out.bytes = std::move(*bytes);
  return out;
}

Result<BackfillOutcome> BackfillAttendance(const AppContext& ctx, const Actor& actor, int64_t id,
                                           std::vector<domain::BackfillRow> rows) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  return InTx<BackfillOutcome>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, BackfillOutcome& out) {
    ANPEI_ASSIGN_OR_RETURN(auto e, OwnApproved(tx, actor, id));
    if (e.file_count == 0) {
      return Status(Code::kConflict, "请先上传纸质签到表的扫描件或照片，再补录考勤", "file")
          .WithReason("attendance_exception.no_evidence");
    }
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(e.class_id));
    ANPEI_RETURN_IF_ERROR(RefuseIfFrozen(cls));  // the completion was approved: data frozen
    if (cls.state != domain::ClassState::kApproved) return ClassNotApproved(cls);
    if (rows.empty()) return Status::Invalid("records", "请至少填写一条要补录的考勤记录");
    std::set<int64_t> roster, seqs(e.session_seqs.begin(), e.session_seqs.end()), people;
    for (const auto& r : cls.roster) roster.insert(r.trainee_id);
    const std::string now = ctx.NowText();
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& row = rows[i];
      const std::string path = "records[" + std::to_string(i) + "]";
      if (!seqs.count(row.session_seq)) {
        return Status::Invalid(path + ".session_seq", "第 " + std::to_string(row.session_seq) +
                                                          " 次课不在本申请的课次（第 " +
                                                          SeqText(e.session_seqs) + " 次课）之内");
      }
      if (!roster.count(row.person_id)) {
        // Whoever it is (missing, another institution's): the 404 of a missing one.
        return Status(Code::kNotFound,
                      "学员 " + std::to_string(row.person_id) + " 不在本班花名册中",
                      path + ".person_id")
            .WithReason("id.not_found");
      }
      const auto& session = cls.sessions.at(static_cast<size_t>(row.session_seq - 1));
      ANPEI_ASSIGN_OR_RETURN(auto times, domain::PaperTimes(row, session, ctx.LocalOffset(),
                                                            ctx.Now().unix_seconds, path));
      for (auto [dir, at] : {std::pair{domain::Direction::kIn, times.check_in},
                             std::pair{domain::Direction::kOut, times.check_out}}) {
        if (!at) continue;
        domain::AttendanceRecord rec;
        rec.class_id = cls.id;
        rec.session_seq = row.session_seq;
        rec.person_id = row.person_id;
        rec.direction = dir;
        rec.at = *at;
        rec.source = domain::AttendanceSource::kPaper;
        rec.exception_id = id;
        rec.recorded_by_user = actor.user_id;
        rec.created_at = now;
        auto inserted = tx.attendance().InsertRecord(rec);
        if (!inserted.ok()) {
          if (inserted.status().code() != Code::kConflict) return inserted.status();
          return Status(Code::kConflict,
                        "学员 " + std::to_string(row.person_id) + " 第 " +
                            std::to_string(row.session_seq) + " 次课已有" +
                            (dir == domain::Direction::kIn ? "签到" : "签退") +
                            "记录（手机签到或已补录），不能重复补录",
                        path + (dir == domain::Direction::kIn ? ".check_in" : ".check_out"))
              .WithReason("attendance.already");
        }
        rec.id = *inserted;
        out.records.push_back(rec);
      }
      people.insert(row.person_id);
    }
    ANPEI_RETURN_IF_ERROR(tx.attendance_exceptions().MarkBackfilled(
        id, static_cast<int64_t>(out.records.size()), now));
    ANPEI_ASSIGN_OR_RETURN(out.exception, tx.attendance_exceptions().GetException(id));
    return Audit(ctx, tx, actor, "attendance_exception.backfill", Target(id), CanonOf(e),
                 CanonOf(out.exception),
                 "补录 " + std::to_string(out.records.size()) + " 条考勤记录（学员 " +
                     std::to_string(people.size()) + " 人），" + Note(e));
  });
}

}  // namespace anpei::app
