#include "app/authorize.h"

#include "app/evidence.h"
#include "domain/model.h"

namespace anpei::app {

bool SeesAll(const Actor& a) {
  return a.Has(domain::kRoleSystem) || a.Has(domain::kRolePoliceAdmin) ||
         a.Has(domain::kRoleHrss) || a.Has(domain::kRoleFinance) || a.Has(domain::kRoleAuditor);
}

Status NeedRole(const Actor& actor, std::initializer_list<std::string_view> roles) {
  if (!actor.SignedIn()) {
    return Status(Code::kUnauthenticated, "请先登录").WithReason("session.required");
  }
  if (actor.Has(domain::kRoleSystem)) return Status::Ok();
  for (std::string_view r : roles) {
    if (actor.Has(r)) return Status::Ok();
  }
  std::string names;
  for (std::string_view r : roles) {
    names += (names.empty() ? "" : "、") + std::string(domain::RoleName(r));
  }
  return Status(Code::kPermissionDenied, "当前账号的角色无权进行此操作（需要：" + names + "）")
      .WithReason("role.forbidden");
}

bool InScope(const Actor& a, int64_t institution_id, std::string_view district_code) {
  if (SeesAll(a)) return true;
  if (a.Has(domain::kRoleInstitution) && a.institution_id == institution_id) return true;
  if (a.Has(domain::kRoleReviewer) && a.district_code && *a.district_code == district_code) {
    return true;
  }
  return false;
}

bool SeesNamesInFull(const Actor& actor, int64_t owner_institution) {
  return actor.Has(domain::kRoleInstitution) && !SeesAll(actor) &&
         actor.institution_id == owner_institution;
}

std::string NameFor(const Actor& actor, int64_t owner_institution, std::string_view name) {
  return SeesNamesInFull(actor, owner_institution) ? std::string(name) : domain::MaskName(name);
}

void NarrowToScope(const Actor& actor, std::optional<int64_t>& institution_id,
                   std::optional<std::string>& district_code) {
  if (SeesAll(actor)) return;
  // An actor outside any scope matches nothing: -1 and "-" are no institution or district.
  if (actor.Has(domain::kRoleInstitution)) {
    institution_id = actor.institution_id.value_or(-1);
  } else {
    district_code = actor.district_code.value_or("-");
  }
}

namespace {
bool HasAny(const Actor& actor, std::initializer_list<std::string_view> roles) {
  for (std::string_view r : roles) {
    if (actor.Has(r)) return true;
  }
  return false;
}
}  // namespace

std::vector<std::string> PermissionsOf(const Actor& actor) {
  std::vector<std::string> out;
  if (HasAny(actor, kClassEditors) || HasAny(actor, kOfficials)) out.emplace_back("console.use");
  if (HasAny(actor, kClassEditors)) out.emplace_back("class.edit");
  if (HasAny(actor, kRegistryEditors)) out.emplace_back("registry.edit");
  if (HasAny(actor, kAdministrators)) {
    out.emplace_back("institution.admin");
    out.emplace_back("user.admin");
    out.emplace_back("calendar.admin");
  }
  if (HasAny(actor, kAuditReaders)) out.emplace_back("audit.read");
  if (HasAny(actor, kOfficials)) out.emplace_back("institution.pick");
  if (HasAny(actor, kEnrolmentReviewers)) out.emplace_back("enrolment.review");
  if (HasAny(actor, kNoticeReaders)) out.emplace_back("notice.read");
  if (HasAny(actor, kClassReviewers)) out.emplace_back("class.review");
  if (HasAny(actor, kChangeReviewers)) out.emplace_back("change.review");
  if (HasAny(actor, kSpotCheckers)) out.emplace_back("spot_check.use");
  if (HasAny(actor, kAttendanceExceptionReviewers)) {
    out.emplace_back("attendance_exception.review");
  }
  if (HasAny(actor, kEvidenceHolders)) out.emplace_back("evidence.hold");
  if (HasAny(actor, kCaseReaders)) out.emplace_back("case.read");
  if (HasAny(actor, kCaseInvestigators)) out.emplace_back("case.investigate");
  if (HasAny(actor, kCaseDeciders)) out.emplace_back("case.decide");
  if (HasAny(actor, kBlacklistReaders)) out.emplace_back("blacklist.read");
  if (HasAny(actor, kBlacklistKeepers)) out.emplace_back("blacklist.keep");
  if (HasAny(actor, kReportReaders)) out.emplace_back("report.read");
  if (HasAny(actor, kPublicityReaders)) out.emplace_back("publicity.read");
  if (HasAny(actor, kPublicityKeepers)) out.emplace_back("publicity.keep");
  if (HasAny(actor, kFundReaders)) out.emplace_back("fund.read");
  if (HasAny(actor, kFundRequesters)) out.emplace_back("fund.request");
  if (HasAny(actor, kFundApprovers)) out.emplace_back("fund.approve");
  if (HasAny(actor, kFundPayers)) out.emplace_back("fund.pay");
  if (HasAny(actor, kPayeeEditors)) out.emplace_back("fund.payee");
  if (HasAny(actor, kClawbackReaders)) out.emplace_back("clawback.read");
  if (HasAny(actor, kClawbackKeepers)) out.emplace_back("clawback.recover");
  if (HasAny(actor, {domain::kRoleHrss})) {
    out.emplace_back("online_platform.admin");
  }
  // Exclusion lists (app/exclusions.h): 人社 and the city bureau import them.
  if (HasAny(actor, {domain::kRoleHrss, domain::kRolePoliceAdmin})) {
    out.emplace_back("exclusion.import");
  }
  return out;
}

Status Hidden(std::string_view what, int64_t id) {
  // Word for word (and reason for reason) the answer for a missing id: no existence oracle.
  return Status(Code::kNotFound, std::string(what) + " " + std::to_string(id) + " 不存在", "id")
      .WithReason("id.not_found");
}

}  // namespace anpei::app
