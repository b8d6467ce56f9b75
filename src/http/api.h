// Registers every endpoint of the API on a Router. The handlers only parse, call the app layer
// and map the result; they hold shared, immutable state only.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/context.h"
#include "app/reference_data.h"
#include "http/router.h"

namespace anpei::http {

struct ApiContext {
  std::shared_ptr<const app::ReferenceData> reference;
  std::string openapi_yaml;            // served at /api/v1/openapi.yaml
  std::function<Status()> ping_store;  // OK when the store answers
  // When set, the plan check reads the store's calendar (a year imported there overrides the
  // shipped one); else the shipped calendar alone.
  std::shared_ptr<const app::AppContext> app;
};

void RegisterApi(Router& router, std::shared_ptr<const ApiContext> ctx);
// The registry and class resources (api_resources.cc), the roster among them.
void RegisterResourceApi(Router& router, std::shared_ptr<const app::AppContext> app);
// Roster import (JSON rows or the spreadsheet itself) and removal (api_roster.cc).
void RegisterRosterApi(Router& router, std::shared_ptr<const app::AppContext> app);
// Held enrolments: the reviewer's list, one for a decision, the decision (api_enrolments.cc).
void RegisterEnrolmentApi(Router& router, std::shared_ptr<const app::AppContext> app);
// The working-day calendar and the decision on a legacy credit code (api_calendar.cc).
void RegisterCalendarApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// The lists' XLSX exports and the printed forms (api_exports.cc); registered before the routes
// whose {id} would otherwise take "export.xlsx".
void RegisterExportApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Review decisions, withdrawal, deleting drafts, the approval form (api_review.cc).
void RegisterReviewApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Each role's to-dos for its home page (api_work_queue.cc).
void RegisterWorkQueueApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Change requests of approved classes and the plan versions' differences (api_change_requests.cc).
void RegisterChangeRequestApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Spot checks: draws, visits on site and their photos, cases (api_spot_checks.cc).
void RegisterSpotCheckApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Attendance: QR tokens, trainee sessions on phones, check-ins, hours (api_attendance.cc).
void RegisterAttendanceApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Random roll calls and attendance flags (api_signals.cc).
void RegisterSignalApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Selfies: upload from the phone, the picture, the police's sample (api_selfies.cc).
void RegisterSelfieApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Paper sign-in exceptions: request, decision, evidence files, back-fill
// (api_attendance_exceptions.cc).
void RegisterAttendanceExceptionApi(Router& router,
                                    const std::shared_ptr<const app::AppContext>& app);
// Online learning: platforms and their tokens, a class's platform, a platform's push, a class's
// online records (api_online.cc).
void RegisterOnlineApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Sign-in, sessions, users and the audit trail (api_accounts.cc).
// Evidence of classes (api_evidence.cc): tus uploads, list, content, deletion, legal hold.
void RegisterEvidenceApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Completion and verification (api_completion.cc): scores, submission, verdicts, decision;
// exclusion lists (api_exclusions.cc).
void RegisterCompletionApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
void RegisterExclusionApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Certificates (api_certificates.cc): issue, list, PDF, revoke, the trainee's own, and the public
// verification by code, the signing keys and the revocation status list.
void RegisterCertificateApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Fraud cases and the credit blacklist (api_fraud.cc, 四（三）).
void RegisterFraudApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Reports (api_reports.cc): trainees, certified, paid, clawed back by district, institution,
// occupation or month, as JSON and XLSX.
void RegisterReportApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Publicity batches and objections, staff and public (api_publicity.cc, 三（一）4).
void RegisterPublicityApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
// Funds and clawbacks (api_funds.cc, 三（一）4, 四（二）, 四（三）).
void RegisterFundsApi(Router& router, const std::shared_ptr<const app::AppContext>& app);
void RegisterAccountApi(Router& router, std::shared_ptr<const app::AppContext> app);
// The web console: the built files of web/dist under "/", with an SPA fallback to index.html for
// paths without an extension. Files are read once at start (static_files.cc).
void RegisterConsole(Router& router, const std::string& dist_dir);

}  // namespace anpei::http
