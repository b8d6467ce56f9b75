// Printable forms (ports/form_renderer.h). Each form is a function that fills the renderer's
// layout model from the store; the renderer (adapters/pdf) is shared, so the review's approval
// form (审核审批单, GET /classes/{id}/approval-form.pdf) is one more such function.
#pragma once

#include <cstdint>
#include <string>

#include "app/context.h"
#include "ports/form_renderer.h"

namespace anpei::app {

struct PrintedForm {
  std::string pdf;
  std::string file_name;  // 申报表_<class id>_<local date>.pdf
};

// The 申报表 (declaration form, 三（一）1) of class `id`, as declared: authorised like reading the
// class (404 outside scope); Conflict (field state, reason form.not_declared) while the plan is
// still editable (draft, returned). The printing is audited (class.print_declaration).
//
// Content: the class, its institution (name, credit code), occupation, district, venue, dates,
// hours (total, theory, practical, online), teachers (ID numbers masked), every session (date,
// time, hours, kind, delivery, teacher), the number of trainees, when it was declared and the
// plan version. The roster is given as a count only: the form is paper that leaves the system's
// access control, and domain.md §8 shows personal data masked unless a role needs more; the
// roster itself is the class page's masked roster export, kept with the class file (三（三）1).
Result<PrintedForm> DeclarationForm(const AppContext& ctx, const Actor& actor, int64_t class_id);

// The form's layout model alone (for tests and for the approval form to build on).
Result<ports::FormDocument> DeclarationDocument(const AppContext& ctx, ports::StoreTx& tx,
                                                const Actor& actor, int64_t class_id);

// The 审核审批单 (approval form, 三（一）2) of class `id` for its latest decision: the class block
// of the 申报表 (with the plan version decided on), the automatic policy check (every rule, its
// clause and result), the decision in Chinese (批准 / 退回 / 不予批准), reasons, reviewer, time and
// the decision's random verification code; seal boxes for the reviewer. Authorised like reading
// the class; NotFound (reason form.no_decision) before any decision. Audited
// (class.print_approval).
Result<PrintedForm> ApprovalForm(const AppContext& ctx, const Actor& actor, int64_t class_id);
Result<ports::FormDocument> ApprovalDocument(const AppContext& ctx, ports::StoreTx& tx,
                                             const Actor& actor, int64_t class_id);

}  // namespace anpei::app
