// Authorisation (domain.md §1), decided in the app layer, one call per use case:
//  - not signed in: Unauthenticated (401);
//  - signed in, but the role may not do this at all: PermissionDenied (403);
//  - the role may, but the target lies outside the user's institution or district: NotFound
//    (404, the same answer as for a target that does not exist, so existence does not leak).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"

namespace anpei::app {

// Roles that read everything: the city bureau, 人社, 财政, auditors and the operator's tools.
bool SeesAll(const Actor& actor);
// Unauthenticated unless signed in; PermissionDenied unless the actor holds one of `roles`
// (the system actor holds every role).
Status NeedRole(const Actor& actor, std::initializer_list<std::string_view> roles);
// Whether the actor's scope includes an institution in `district_code`.
bool InScope(const Actor& actor, int64_t institution_id, std::string_view district_code);
// Narrows a list's filter to the actor's scope: an institution user to its institution, a
// reviewer to its district; roles that see everything keep the filter as asked.
void NarrowToScope(const Actor& actor, std::optional<int64_t>& institution_id,
                   std::optional<std::string>& district_code);
// The NotFound an out-of-scope target gets: word for word the one of a missing target.
Status Hidden(std::string_view what, int64_t id);

// The one masking rule for people's names in lists and rosters (issue 11): in full to the
// institution whose own record of the person it is (its trainee list, its classes' rosters),
// masked (张*) for everyone else; the full record is GET /trainees/{id}, audited as
// trainee.reveal. ID numbers and phones stay masked in every list.
bool SeesNamesInFull(const Actor& actor, int64_t owner_institution);
std::string NameFor(const Actor& actor, int64_t owner_institution, std::string_view name);

// Who may do what: the one table of role sets, used by the use cases (NeedRole) and served to
// the console as permissions (PermissionsOf), so the console never keeps a copy (domain.md §1).
// The roles that may read the registry and the classes (within their scope).
inline constexpr std::initializer_list<std::string_view> kRegistryReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin,
    domain::kRoleHrss,        domain::kRoleFinance,  domain::kRoleAuditor};
// Who may open a full record (ID number and phone in clear, an audited look): not 财政.
inline constexpr std::initializer_list<std::string_view> kPersonalDataReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};
// Officials who look across institutions (and so pick one in the console's header).
inline constexpr std::initializer_list<std::string_view> kOfficials = {
    domain::kRolePoliceAdmin, domain::kRoleReviewer, domain::kRoleHrss, domain::kRoleFinance,
    domain::kRoleAuditor};
// Create classes, edit their plans and rosters, declare: the institution's own staff.
inline constexpr std::initializer_list<std::string_view> kClassEditors = {domain::kRoleInstitution};
// Register and edit teachers and trainees: the institution, and the city bureau for any.
inline constexpr std::initializer_list<std::string_view> kRegistryEditors = {
    domain::kRoleInstitution, domain::kRolePoliceAdmin};
// Confirm or refuse a held enrolment (a name that differs from the person's on record): the
// district's reviewer and the city bureau (domain.md §7a).
inline constexpr std::initializer_list<std::string_view> kEnrolmentReviewers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
// Decide on a declared class (approve, return, reject; 三（一）2): the reviewer of the class's
// district and the city bureau (app/review.h).
inline constexpr std::initializer_list<std::string_view> kClassReviewers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
// Decide a change request of an approved class (三（二）3): the district's reviewer and the city
// bureau.
inline constexpr std::initializer_list<std::string_view> kChangeReviewers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
// Read notices of enrolment decisions: an institution its own, the reviewers above their scope.
// (Held enrolments themselves are the reviewers' only: an institution never sees that one of its
// enrolments is held.)
inline constexpr std::initializer_list<std::string_view> kNoticeReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin};
// Districts, institutions (and confirming a legacy credit code), user accounts and the
// working-day calendar: the city bureau.
inline constexpr std::initializer_list<std::string_view> kAdministrators = {
    domain::kRolePoliceAdmin};
// The audit trail: auditors and the city bureau.
inline constexpr std::initializer_list<std::string_view> kAuditReaders = {domain::kRoleAuditor,
                                                                          domain::kRolePoliceAdmin};

// Spot checks (抽查: draws, visits on site, their photos) and the cases a finding opens: police
// only — the district's reviewer within the district, the city bureau everywhere.
inline constexpr std::initializer_list<std::string_view> kSpotCheckers = {domain::kRoleReviewer,
                                                                          domain::kRolePoliceAdmin};
// Who reads a class's visits: the police above; 人社 and auditors, who see everything (domain.md
// §1), city-wide; and the class's own institution (findings, head-counts and times only: no
// draws, no photos).
inline constexpr std::initializer_list<std::string_view> kVisitReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};

// Fraud cases (app/fraud_cases.h, 四（三）): the district's reviewer and the city bureau open and
// investigate; only the city bureau decides; the class's institution reads its investigated cases
// and answers; 人社 and auditors read.
inline constexpr std::initializer_list<std::string_view> kCaseInvestigators = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
inline constexpr std::initializer_list<std::string_view> kCaseDeciders = {domain::kRolePoliceAdmin};
inline constexpr std::initializer_list<std::string_view> kCaseReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};
// The credit blacklist (app/blacklist.h): 人社 keeps it (acknowledges, lifts); police, 财政 and
// auditors read it; an institution reads its own entries.
inline constexpr std::initializer_list<std::string_view> kBlacklistKeepers = {domain::kRoleHrss};
inline constexpr std::initializer_list<std::string_view> kBlacklistReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin,
    domain::kRoleHrss,        domain::kRoleFinance,  domain::kRoleAuditor};

// Publicity (公示, app/publicity.h, 三（一）4): the reviewer of the classes' district and the city
// bureau open and close batches and resolve objections; 人社, 财政 and auditors read them too.
inline constexpr std::initializer_list<std::string_view> kPublicityKeepers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
inline constexpr std::initializer_list<std::string_view> kPublicityReaders = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss, domain::kRoleFinance,
    domain::kRoleAuditor};
// Funds (资金拨付, app/funds.h, 三（一）4, 四（二）): the district's reviewer (its district's
// classes) and the city bureau request; 人社 approves or returns; 财政 confirms or returns, exports
// the payment list and registers the bank's results; the requesters and 人社 give a payee's
// account. Police, 人社, 财政 and auditors read fund requests.
inline constexpr std::initializer_list<std::string_view> kFundRequesters = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
inline constexpr std::initializer_list<std::string_view> kFundApprovers = {domain::kRoleHrss};
inline constexpr std::initializer_list<std::string_view> kFundPayers = {domain::kRoleFinance};
inline constexpr std::initializer_list<std::string_view> kPayeeEditors = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss};
inline constexpr std::initializer_list<std::string_view> kFundReaders = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss, domain::kRoleFinance,
    domain::kRoleAuditor};
// Clawbacks (追回, 四（三）): 人社 and 财政 register recoveries; the institution reads its own.
inline constexpr std::initializer_list<std::string_view> kClawbackKeepers = {domain::kRoleHrss,
                                                                             domain::kRoleFinance};
inline constexpr std::initializer_list<std::string_view> kClawbackReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin,
    domain::kRoleHrss,        domain::kRoleFinance,  domain::kRoleAuditor};

// Paper sign-in exceptions (纸质签到例外, app/attendance_exceptions.h): the institution of the
// class files them, uploads the sheets and back-fills; the district's reviewer and the city bureau
// decide.
inline constexpr std::initializer_list<std::string_view> kAttendanceExceptionReviewers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
// Reports (app/reports.h): everyone who reads classes, each within their scope (an institution
// its own numbers, a reviewer its district's).
inline constexpr std::initializer_list<std::string_view> kReportReaders = kRegistryReaders;

// The console's permission ids the actor holds, from the role sets above:
// console.use, class.edit, registry.edit, institution.admin, user.admin, calendar.admin,
// audit.read, institution.pick, enrolment.review, notice.read, class.review, change.review,
// spot_check.use, attendance_exception.review, online_platform.admin, exclusion.import, case.read,
// case.investigate, case.decide, blacklist.read, blacklist.keep, report.read, publicity.read,
// publicity.keep, fund.read, fund.request, fund.approve, fund.pay, fund.payee, clawback.read,
// clawback.recover.
std::vector<std::string> PermissionsOf(const Actor& actor);

}  // namespace anpei::app
