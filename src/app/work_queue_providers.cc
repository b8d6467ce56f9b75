// The registry of work-queue providers (app/work_queue.h): each role's to-dos today. Each provider
// reads the list its items open, narrowed to the actor's scope exactly as that list is.
//
// Registered: the institution's drafts and returned classes; the reviewers' declarations waiting
// (oldest declaration first), held enrolments, change requests and paper sign-in exceptions waiting
// (oldest first); the
// city bureau's legacy credit codes awaiting confirmation.
// The reviewers' completions waiting (待审核结业, issue 15); 人社's fund requests to approve and
// clawbacks outstanding, 财政's fund requests to confirm (app/work_queue_funds.h). An institution
// has no held-enrolment queue: that one of its enrolments is held is the reviewers' only (it would
// tell the institution the person is on record under another name); decisions reach it as notices.
#include <string>

#include "app/authorize.h"
#include "app/work_queue.h"
#include "app/work_queue_cases.h"
#include "app/work_queue_funds.h"
#include "app/work_queue_publicity.h"

namespace anpei::app {
namespace {

using domain::ClassState;

// The institution's own queues cover its own institution only, whatever else the user may see.
ports::ClassFilter OwnInstitution(const Actor& actor, ClassState state) {
  ports::ClassFilter f;
  f.institution_id = actor.institution_id.value_or(-1);
  f.state = std::string(domain::ClassStateId(state));
  return f;
}

// An official's queues: the district of a reviewer, the whole city for the city bureau (the
// scope of the class list, NarrowToScope).
ports::ClassFilter OfficialScope(const Actor& actor, ClassState state) {
  ports::ClassFilter f;
  NarrowToScope(actor, f.institution_id, f.district_code);
  f.state = std::string(domain::ClassStateId(state));
  return f;
}

Status FillClasses(const AppContext& ctx, ports::StoreTx& tx, const ports::ClassFilter& filter,
                   ports::WaitingSince since, bool with_institution, int64_t limit,
                   WorkQueue& out) {
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.classes().ListWaiting(filter, since, limit));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& c : page.items) {
    WorkItem item;
    item.kind = "class";
    item.id = c.id;
    item.title = c.title;
    if (with_institution) item.detail = c.institution_name;
    item.since = since == ports::WaitingSince::kDeclared ? c.declared_at.value_or(c.updated_at)
                                                         : c.updated_at;
    item.link = "/classes/" + std::to_string(c.id);
    if (c.state == ClassState::kDeclared) item.warning = FirstSessionWarning(ctx, c.start_date);
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

// 草稿培训班: drafts not yet declared, the longest untouched first.
Status DraftClasses(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                    WorkQueue& out) {
  return FillClasses(ctx, tx, OwnInstitution(actor, ClassState::kDraft),
                     ports::WaitingSince::kUpdated, false, limit, out);
}

// 被退回的培训班: returned by the reviewer, to fix and declare again (三（一）2).
Status ReturnedClasses(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                       WorkQueue& out) {
  return FillClasses(ctx, tx, OwnInstitution(actor, ClassState::kReturned),
                     ports::WaitingSince::kUpdated, false, limit, out);
}

// 待审核的申报: declared classes of the reviewer's district, the oldest declaration first, with a
// warning when the first session is near or has passed (the review use case is app/review.h).
Status DeclaredClasses(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                       WorkQueue& out) {
  return FillClasses(ctx, tx, OfficialScope(actor, ClassState::kDeclared),
                     ports::WaitingSince::kDeclared, true, limit, out);
}

Status FillHeld(ports::StoreTx& tx, const ports::HeldFilter& filter, bool for_official,
                int64_t limit, WorkQueue& out) {
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.enrolments().ListHeld(filter, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& h : page.items) {
    WorkItem item;
    item.kind = "held_enrolment";
    item.id = h.id;
    // Masked like the held list (codec/enrolment_json.h): the name is personal data.
    item.title = domain::MaskName(h.given_name) +
                 (h.class_title.empty() ? "（登记学员）" : "（" + h.class_title + "）");
    if (for_official) item.detail = h.institution_name;
    item.since = h.created_at;
    if (for_official) {
      item.link = "/held-enrolments";
    } else {
      item.link = h.class_id ? "/classes/" + std::to_string(*h.class_id) : "/trainees";
    }
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

ports::HeldFilter OpenHeld() {
  ports::HeldFilter f;
  f.state = std::string(domain::HeldStateId(domain::HeldState::kHeld));
  f.oldest_first = true;
  return f;
}

// 待审核结业: completions submitted in the reviewer's district (the city bureau: all), the
// longest waiting first (三（一）3; app/completion.h).
Status SubmittedCompletions(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            int64_t limit, WorkQueue& out) {
  ANPEI_RETURN_IF_ERROR(FillClasses(ctx, tx, OfficialScope(actor, ClassState::kCompletionSubmitted),
                                    ports::WaitingSince::kUpdated, true, limit, out));
  for (auto& item : out.items) item.link += "?tab=completion";
  return Status::Ok();
}

// 待审核报名: held enrolments of the reviewer's district (the city bureau: all), oldest first.
Status HeldEnrolments(const AppContext&, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                      WorkQueue& out) {
  ports::HeldFilter f = OpenHeld();
  NarrowToScope(actor, f.institution_id, f.district_code);
  return FillHeld(tx, f, true, limit, out);
}

// 待确认的信用代码: institutions whose legacy credit code the city bureau has to confirm.
Status PendingUscc(const AppContext&, ports::StoreTx& tx, const Actor& actor, int64_t limit,
                   WorkQueue& out) {
  ports::InstitutionFilter f;
  f.uscc_status = std::string(domain::UsccStatusId(domain::UsccStatus::kPending));
  NarrowToScope(actor, f.id, f.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto page, tx.registry().ListInstitutions(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& i : page.items) {
    WorkItem item;
    item.kind = "institution";
    item.id = i.id;
    item.title = i.name;
    item.detail = i.uscc + "（" + i.district_name + "）";
    item.since = i.updated_at;
    item.link = "/institutions/" + std::to_string(i.id);
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

// 待审核的变更申请: change requests of the reviewer's district (the city bureau: all) waiting for a
// decision, the oldest first (三（二）3).
Status PendingChangeRequests(const AppContext&, ports::StoreTx& tx, const Actor& actor,
                             int64_t limit, WorkQueue& out) {
  ports::ChangeRequestFilter f;
  f.state = std::string(domain::ChangeStateId(domain::ChangeState::kPending));
  f.oldest_first = true;
  NarrowToScope(actor, f.institution_id, f.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto page,
                         tx.change_requests().ListChangeRequests(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& c : page.items) {
    WorkItem item;
    item.kind = "change_request";
    item.id = c.id;
    item.title = c.class_title + "（" + std::string(domain::ChangeKindName(c.kind)) + "）";
    item.detail = c.institution_name;
    item.since = c.filed_at;
    item.link = "/change-requests/" + std::to_string(c.id);
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

// 待审核的纸质签到申请: paper sign-in exceptions of the reviewer's district (the city bureau: all)
// waiting for a decision, the oldest first (三（一）3).
Status PendingAttendanceExceptions(const AppContext&, ports::StoreTx& tx, const Actor& actor,
                                   int64_t limit, WorkQueue& out) {
  ports::ExceptionFilter f;
  f.state = std::string(domain::ExceptionStateId(domain::ExceptionState::kPending));
  f.oldest_first = true;
  NarrowToScope(actor, f.institution_id, f.district_code);
  ANPEI_ASSIGN_OR_RETURN(auto page,
                         tx.attendance_exceptions().ListExceptions(f, ports::Page(1, limit)));
  out.count = page.total;
  out.count_exact = page.total_exact;
  for (const auto& e : page.items) {
    WorkItem item;
    item.kind = "attendance_exception";
    item.id = e.id;
    item.title = e.class_title + "（纸质签到，" + std::to_string(e.session_seqs.size()) + " 次课）";
    item.detail = e.institution_name;
    item.since = e.filed_at;
    item.link = "/attendance-exceptions";
    out.items.push_back(std::move(item));
  }
  return Status::Ok();
}

}  // namespace

const std::vector<QueueProvider>& QueueProviders() {
  static const std::vector<QueueProvider> providers = {
      {"class.drafts", "草稿培训班", {domain::kRoleInstitution}, DraftClasses},
      {"class.returned", "被退回的培训班", {domain::kRoleInstitution}, ReturnedClasses},
      {"class.declared",
       "待审核的申报",
       {domain::kRoleReviewer, domain::kRolePoliceAdmin},
       DeclaredClasses},
      {"completion.submitted",
       "待审核结业",
       {domain::kRoleReviewer, domain::kRolePoliceAdmin},
       SubmittedCompletions},
      {"enrolment.held",
       "待审核报名",
       {domain::kRoleReviewer, domain::kRolePoliceAdmin},
       HeldEnrolments},
      {"change_request.pending",
       "待审核的变更申请",
       {domain::kRoleReviewer, domain::kRolePoliceAdmin},
       PendingChangeRequests},
      {"attendance_exception.pending",
       "待审核的纸质签到申请",
       {domain::kRoleReviewer, domain::kRolePoliceAdmin},
       PendingAttendanceExceptions},
      {"institution.uscc_pending",
       "待确认的统一社会信用代码",
       {domain::kRolePoliceAdmin},
       PendingUscc},
      {"case.answer", "待陈述申辩的案件", {domain::kRoleInstitution}, CasesToAnswer},
      {"case.open", "待调查的案件", {domain::kRoleReviewer, domain::kRolePoliceAdmin}, OpenCases},
      {"case.decide", "待认定的案件", {domain::kRolePoliceAdmin}, CasesToDecide},
      {"objection.open",
       "待处理的异议",
       {domain::kRoleReviewer, domain::kRolePoliceAdmin},
       OpenObjections},
      {"publicity.ended",
       "公示期满待结束的批次",
       {domain::kRoleReviewer, domain::kRolePoliceAdmin},
       BatchesToClose},
      {"blacklist.unacknowledged",
       "待确认的信用黑名单",
       {domain::kRoleHrss},
       BlacklistToAcknowledge},
      {"fund_request.submitted", "待审批的拨付申请", {domain::kRoleHrss}, FundRequestsToApprove},
      {"fund_request.approved", "待确认的拨付", {domain::kRoleFinance}, FundRequestsToConfirm},
      {"clawback.outstanding", "待追回的补贴", {domain::kRoleHrss}, ClawbacksOutstanding},
  };
  return providers;
}

}  // namespace anpei::app
