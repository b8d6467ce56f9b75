#include "app/audit_changes.h"

#include <map>

#include "app/reference_data.h"
#include "domain/plan.h"

namespace anpei::app {
namespace {

std::string Flag(bool on) { return on ? "是" : "否"; }

std::string SessionText(const domain::TrainingClass& c, const domain::PlanSession& s) {
  std::string out = s.date.ToString() + " " + domain::FormatTimeOfDay(s.start_minute) + "–" +
                    domain::FormatTimeOfDay(s.end_minute) + " " + std::to_string(s.hours) +
                    " 课时 " + (s.kind == domain::SessionKind::kTheory ? "理论" : "实操") +
                    (s.delivery == domain::Delivery::kOffline ? " 线下" : " 线上");
  if (s.teacher) {
    std::string name = *s.teacher;
    for (const auto& t : c.teachers) {
      if (t.key == *s.teacher && !t.name.empty()) name = t.name;
    }
    out += " 教师 " + name;
  }
  if (!s.content.empty()) out += " 内容：" + s.content;
  return out;
}

}  // namespace

std::string TraineeGroupName(const AppContext& ctx, const std::string& group) {
  if (ctx.reference) {
    for (const auto& [id, policy] : ctx.reference->policies()) {
      for (const auto& g : policy.trainee_groups) {
        if (g.id == group) return g.name;
      }
    }
  }
  return group;
}

ShownFields Shown(const AppContext&, const domain::District& d) {
  return {{"辖区代码", d.code}, {"辖区名称", d.name}};
}

ShownFields Shown(const AppContext&, const domain::Institution& i) {
  return {{"机构名称", i.name},
          {"统一社会信用代码", i.uscc},
          {"信用代码状态", std::string(domain::UsccStatusName(i.uscc_status))},
          {"信用代码说明", i.uscc_note},
          {"所属辖区", i.district_code},
          {"地址", i.address},
          {"列入黑名单", i.blacklisted_at.value_or("")}};
}

ShownFields Shown(const AppContext&, const domain::Teacher& t) {
  return {{"姓名", t.name},
          {"身份证号", domain::MaskIdNumber(t.id_number)},
          {"资格证书", t.qualification},
          {"所属机构", std::to_string(t.institution_id)}};
}

ShownFields Shown(const AppContext& ctx, const domain::Trainee& t) {
  return {{"姓名", domain::MaskName(t.name)},
          {"身份证号", domain::MaskIdNumber(t.id_number)},
          {"手机号", t.phone.empty() ? "" : domain::MaskPhone(t.phone)},
          {"人员类别", TraineeGroupName(ctx, t.group)}};
}

ShownFields Shown(const AppContext&, const domain::TrainingClass& c) {
  ShownFields out = {{"培训班名称", c.title},
                     {"工种", c.occupation},
                     {"政策", c.policy_id},
                     {"培训场地", c.venue.address},
                     {"状态", std::string(domain::ClassStateName(c.state))},
                     {"申报时间", c.declared_at.value_or("")}};
  std::string teachers;
  for (const auto& t : c.teachers) {
    teachers += (teachers.empty() ? "" : "、") + (t.name.empty() ? t.key : t.name);
  }
  out.emplace_back("师资", teachers);
  int total = 0;
  for (const auto& s : c.sessions) total += s.hours;
  out.emplace_back("课次数", std::to_string(c.sessions.size()));
  out.emplace_back("总课时", std::to_string(total));
  for (size_t i = 0; i < c.sessions.size(); ++i) {
    out.emplace_back("第 " + std::to_string(i + 1) + " 次课", SessionText(c, c.sessions[i]));
  }
  out.emplace_back("花名册人数", std::to_string(c.roster.size()));
  return out;
}

ShownFields Shown(const AppContext& ctx, const domain::Enrolment& e) {
  return {{"手机号", e.phone.empty() ? "" : domain::MaskPhone(e.phone)},
          {"人员类别", TraineeGroupName(ctx, e.group)}};
}

ShownFields Shown(const AppContext& ctx, const domain::HeldEnrolment& h) {
  return {{"填报姓名", domain::MaskName(h.given_name)},
          {"手机号", h.phone.empty() ? "" : domain::MaskPhone(h.phone)},
          {"人员类别", TraineeGroupName(ctx, h.group)},
          {"状态", std::string(domain::HeldStateName(h.state))},
          {"审核意见", h.reason}};
}

ShownFields Shown(const AppContext&, const domain::User& u) {
  std::string roles;
  for (const auto& r : u.roles)
    roles += (roles.empty() ? "" : "、") + std::string(domain::RoleName(r));
  return {{"用户名", u.username},
          {"显示名称", u.display_name},
          {"角色", roles},
          {"所属机构", u.institution_id ? std::to_string(*u.institution_id) : ""},
          {"所属辖区", u.district_code.value_or("")},
          {"已停用", Flag(u.disabled_at.has_value())},
          {"须修改密码", Flag(u.must_change_password)}};
}

std::vector<domain::AuditChange> Diff(const ShownFields& before, const ShownFields& after) {
  std::map<std::string, std::string> old(before.begin(), before.end());
  std::vector<domain::AuditChange> out;
  for (const auto& [field, value] : after) {
    auto it = old.find(field);
    const std::string was = it == old.end() ? "" : it->second;
    if (it != old.end()) old.erase(it);
    if (was != value) out.push_back({field, was, value});
  }
  // Fields only the before had (a removed session): in the before's order.
  for (const auto& [field, value] : before) {
    if (old.count(field) && !value.empty()) out.push_back({field, value, ""});
  }
  return out;
}

}  // namespace anpei::app
