#include "app/evidence_checklist.h"

#include <map>

#include "app/authorize.h"
#include "app/evidence.h"

namespace anpei::app {
namespace {

using ports::TxMode;

// The approved paper sign-in exceptions of the class: each session they cover, with the number
// of files (scanned sheets, photos) uploaded with the exception.
Result<std::vector<domain::PaperSignIn>> PaperSignIns(ports::StoreTx& tx, int64_t class_id) {
  ports::ExceptionFilter f;
  f.class_id = class_id;
  f.state = "approved";
  f.oldest_first = true;
  std::vector<domain::PaperSignIn> out;
  std::optional<int64_t> after;
  while (true) {
    ANPEI_ASSIGN_OR_RETURN(auto page,
                           tx.attendance_exceptions().ListExceptions(f, {1, 100, after}));
    for (const auto& e : page.items) {
      ANPEI_ASSIGN_OR_RETURN(auto files, tx.attendance_exceptions().ListFiles(e.id));
      for (int64_t seq : e.session_seqs) {
        out.push_back({seq, e.id, static_cast<int64_t>(files.size())});
      }
    }
    if (!page.next) break;
    after = page.next;
  }
  return out;
}

// The platform the class chose and how many trainees of its roster have accepted online class
// hours covering the plan's online hours.
Result<domain::OnlineRecordsStatus> OnlineStatus(ports::StoreTx& tx,
                                                 const domain::TrainingClass& cls) {
  domain::OnlineRecordsStatus out;
  for (const auto& s : cls.sessions) {
    if (s.delivery == domain::Delivery::kOnline) out.planned_hours += s.hours;
  }
  out.trainees = static_cast<int64_t>(cls.roster.size());
  if (out.planned_hours == 0) return out;
  ANPEI_ASSIGN_OR_RETURN(auto chosen, tx.online().GetClassPlatform(cls.id));
  if (chosen) {
    out.platform_name = chosen->platform.name;
    out.platform_approved = chosen->platform.approved_by_hrss;
  }
  ANPEI_ASSIGN_OR_RETURN(auto totals, tx.online().Totals(cls.id));
  std::map<int64_t, int64_t> hours;
  for (const auto& t : totals) hours[t.person_id] = t.class_hours;
  for (const auto& e : cls.roster) {
    if (hours[e.trainee_id] >= out.planned_hours) ++out.trainees_with_records;
  }
  return out;
}

}  // namespace

Result<domain::Checklist> EvidenceChecklistIn(const AppContext& ctx, ports::StoreTx& tx,
                                              const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceReaders));
  ANPEI_ASSIGN_OR_RETURN(auto cls, EvidenceClass(tx, actor, class_id));
  ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
  domain::ChecklistInput in;
  in.sessions = cls.sessions;
  ANPEI_ASSIGN_OR_RETURN(auto views, LoadEvidence(ctx, tx, cls, actor));
  for (auto& v : views) {
    domain::ChecklistEvidence e;
    e.id = v.item.id;
    e.kind = v.item.kind;
    e.session_seq = v.item.session_seq;
    e.file_name = v.item.file_name;
    e.problems = std::move(v.problems);
    e.video = v.item.video;
    // A video is placed by the camera's creation time, else by the start the uploader gave.
    if (v.item.video && v.item.video->creation_time) {
      e.video_started_at = domain::Instant{*v.item.video->creation_time};
    } else if (v.item.started_at) {
      e.video_started_at = domain::Instant{*v.item.started_at};
    }
    in.evidence.push_back(std::move(e));
  }
  ANPEI_ASSIGN_OR_RETURN(in.paper_sign_in, PaperSignIns(tx, class_id));
  ANPEI_ASSIGN_OR_RETURN(in.online, OnlineStatus(tx, cls));
  return domain::BuildChecklist(in, *policy);
}

Result<domain::Checklist> GetEvidenceChecklist(const AppContext& ctx, const Actor& actor,
                                               int64_t class_id) {
  return InTx<domain::Checklist>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, domain::Checklist& out) -> Status {
        ANPEI_ASSIGN_OR_RETURN(out, EvidenceChecklistIn(ctx, tx, actor, class_id));
        return Status::Ok();
      });
}

}  // namespace anpei::app
