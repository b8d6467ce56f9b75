#include "domain/account.h"

#include <algorithm>

namespace anpei::domain {

bool IsKnownRole(std::string_view role) {
  return std::find(std::begin(kAllRoles), std::end(kAllRoles), role) != std::end(kAllRoles);
}

std::string_view RoleName(std::string_view role) {
  if (role == kRoleInstitution) return "培训机构";
  if (role == kRoleReviewer) return "区县公安审核员";
  if (role == kRolePoliceAdmin) return "市公安局管理员";
  if (role == kRoleHrss) return "人社部门";
  if (role == kRoleFinance) return "财政部门";
  if (role == kRoleAuditor) return "审计监督";
  if (role == kRoleTrainee) return "学员";
  if (role == kRolePlatform) return "线上培训平台";
  if (role == kRoleSystem) return "系统运维";
  return "未知角色";
}

std::string_view RoleScope(std::string_view role) {
  if (role == kRoleInstitution) return "institution";
  if (role == kRoleReviewer) return "district";
  return "city";
}

bool User::Has(std::string_view role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

}  // namespace anpei::domain
