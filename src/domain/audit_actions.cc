#include "domain/audit_actions.h"

#include <string>

#include "domain/account.h"

namespace anpei::domain {
namespace {

constexpr AuditActionName kNames[] = {
    {"session.sign_in", "登录"},
    {"session.sign_in_failed", "登录失败"},
    {"session.sign_in_throttled", "登录受限（尝试过多）"},
    {"session.sign_out", "退出登录"},
    {"session.sign_out_everywhere", "退出所有设备"},
    {"user.create", "新增用户"},
    {"user.disable", "停用用户"},
    {"user.enable", "启用用户"},
    {"user.reset_password", "重置密码"},
    {"user.change_password", "修改本人密码"},
    {"user.change_password_failed", "修改密码失败"},
    {"user.reauth_failed", "身份复核失败"},
    {"user.api_token", "创建接口令牌"},
    {"user.api_token_revoke", "撤销接口令牌"},
    {"user.role_change", "修改用户角色"},
    {"user.unlock", "解除登录锁定"},
    {"district.create", "新增辖区"},
    {"institution.create", "新增培训机构"},
    {"institution.update", "修改培训机构"},
    {"institution.uscc_confirm", "确认统一社会信用代码"},
    {"institution.uscc_refuse", "退回统一社会信用代码"},
    {"teacher.create", "新增教师"},
    {"teacher.update", "修改教师"},
    {"teacher.reveal", "查看教师完整信息"},
    {"trainee.create", "新增学员"},
    {"trainee.update", "修改学员"},
    {"trainee.reveal", "查看学员完整信息"},
    {"trainee.enrol", "学员报名"},
    {"trainee.identity_confirm", "确认学员姓名"},
    {"enrolment.hold", "报名转待审核"},
    {"enrolment.confirm", "审核通过报名"},
    {"enrolment.refuse", "审核退回报名"},
    {"enrolment.reveal", "查看报名完整信息"},
    {"enrolment.remove", "移出报名（审核未通过）"},
    {"enrolment.revert", "恢复机构原报名信息"},
    {"notice.create", "发送通知"},
    {"class.create", "新建培训班"},
    {"class.update", "修改培训班（教学计划）"},
    {"class.declare", "申报培训班"},
    {"class.review.approve", "审核批准培训班"},
    {"class.review.return", "审核退回培训班"},
    {"class.review.reject", "审核不予批准培训班"},
    {"class.withdraw", "撤回培训班申报"},
    {"class.delete", "删除培训班草稿"},
    {"class.roster_add", "加入花名册"},
    {"class.roster_remove", "移出花名册"},
    {"class.roster_import", "导入花名册"},
    {"class.seed_state", "演示数据设定状态"},
    {"class.change_apply", "按变更申请调整教学计划"},
    {"change_request.create", "提交变更申请"},
    {"change_request.approve", "批准变更申请"},
    {"change_request.refuse", "不予批准变更申请"},
    {"calendar.import", "导入工作日历"},
    {"audit.read", "查看审计日志"},
    {"audit.export", "导出审计日志"},
    {"calendar.export", "导出工作日历"},
    {"class.export", "导出培训班列表"},
    {"class.print_declaration", "打印申报表"},
    {"class.print_approval", "打印审核审批单"},
    {"class.roster_export", "导出花名册"},
    {"class.evidence_checklist_export", "导出证据材料清单"},
    {"class.completion_export", "导出结业审核核验结果"},
    {"report.export", "导出统计报表"},
    {"enrolment.export", "导出待审核报名"},
    {"institution.export", "导出培训机构列表"},
    {"teacher.export", "导出师资列表"},
    {"trainee.export", "导出学员列表"},
    {"user.export", "导出用户列表"},
    {"key.rotate", "轮换主密钥"},
    {"spot_check.draw", "抽查抽取培训班"},
    {"certificate.issue", "颁发结业证书"},
    {"certificate.revoke", "撤销结业证书"},
    {"certificate.download", "下载结业证书（PDF）"},
    {"publicity.open", "发布公示（公示批次）"},
    {"publicity.close", "结束公示"},
    {"publicity.export", "导出公示名单"},
    {"objection.file", "公众提出异议"},
    {"objection.contact.reveal", "查看异议人联系方式"},
    {"objection.resolve", "处理异议"},
    {"objection.case", "由异议立案"},
    {"spot_check.visit", "记录现场检查"},
    {"spot_check.photo", "上传现场检查照片"},
    {"case.open", "立案（案件线索）"},
    {"case.investigate", "开始调查案件"},
    {"case.respond", "培训机构陈述申辩"},
    {"case.decide", "作出案件认定"},
    {"class.disqualify", "培训班按不合格处理"},
    {"blacklist.add", "列入信用黑名单"},
    {"blacklist.acknowledge", "人社部门确认黑名单记录"},
    {"blacklist.lift", "解除信用黑名单"},
    {"fund_request.create", "提交拨付申请"},
    {"fund_request.approve", "人社审批通过拨付申请"},
    {"fund_request.confirm", "财政确认拨付"},
    {"fund_request.return", "退回拨付申请"},
    {"fund_request.export", "导出付款清单"},
    {"fund_request.import_results", "登记银行支付结果"},
    {"fund_request.complete", "拨付申请全部拨付完成"},
    {"fund_line.payee", "登记收款账户"},
    {"fund_line.result", "登记单笔支付结果"},
    {"fund_line.reissue", "重新发放失败的补贴"},
    {"fund_line.cancel", "取消未支付的补贴"},
    {"class.funds_request", "培训班列入拨付申请"},
    {"class.funds_return", "拨付申请退回，培训班回到公示结束"},
    {"class.paid", "培训班补贴已拨付"},
    {"clawback.open", "已发放补贴转为待追回"},
    {"clawback.recover", "登记追回款项"},
    {"trainee.device.bind", "绑定学员手机"},
    {"trainee.device.unbind", "解除学员手机绑定"},
    {"trainee.sign_in", "学员手机确认身份"},
    {"trainee.sign_in_failed", "学员手机确认身份失败"},
    {"trainee.sign_out", "学员手机退出"},
    {"attendance.check_in", "学员签到"},
    {"attendance.check_out", "学员签退"},
    {"attendance.roll_call.draw", "随机点名"},
    {"attendance.roll_call.answer", "学员应答随机点名"},
    {"selfie.upload", "学员上传签到自拍照"},
    {"selfie.view", "查看学员自拍照"},
    {"attendance_exception.create", "申请纸质签到"},
    {"attendance_exception.approve", "批准纸质签到申请"},
    {"attendance_exception.refuse", "不予批准纸质签到申请"},
    {"attendance_exception.file", "上传纸质签到表"},
    {"attendance_exception.backfill", "补录纸质签到考勤"},
    {"online_platform.create", "新增线上学习平台"},
    {"online_platform.update", "修改线上学习平台"},
    {"online_platform.token", "签发线上学习平台接口令牌"},
    {"online_platform.token_revoke", "撤销线上学习平台接口令牌"},
    {"class.online_platform", "选择培训班线上学习平台"},
    {"online.push", "接收平台推送的线上学习记录"},
    {"online.import", "导入线上学习汇总表和明细表"},
    {"evidence.upload_start", "开始上传过程材料"},
    {"evidence.upload_cancel", "取消上传过程材料"},
    {"evidence.upload", "上传过程材料"},
    {"evidence.view", "查看过程材料"},
    {"evidence.delete", "删除过程材料"},
    {"evidence.legal_hold", "依法保全过程材料"},
    {"evidence.legal_hold_release", "解除过程材料的依法保全"},
    {"completion.scores", "录入结业考核成绩"},
    {"completion.submit", "提交结业审核"},
    {"completion.verify", "重新核验补贴资格"},
    {"completion.approve", "结业审核通过"},
    {"completion.return", "退回结业审核"},
    {"exclusion.kind_create", "新增排除名单类别"},
    {"exclusion.import", "导入排除名单"},
};

}  // namespace

std::span<const AuditActionName> AuditActionNames() { return kNames; }

std::optional<std::string_view> AuditActionNameOf(std::string_view code) {
  for (const auto& n : kNames) {
    if (n.code == code) return n.name;
  }
  return std::nullopt;
}

std::string AuditRoleName(std::string_view role_text) {
  std::string out;
  while (!role_text.empty()) {
    const size_t comma = role_text.find(',');
    const std::string_view role = role_text.substr(0, comma);
    // The trail says 系统 for the operator's tools and 未登录 before sign-in.
    std::string_view name = role == kRoleSystem         ? std::string_view("系统")
                            : role == "unauthenticated" ? std::string_view("未登录")
                            : IsKnownRole(role)         ? RoleName(role)
                                                        : role;
    if (!out.empty()) out += "、";
    out += name;
    if (comma == std::string_view::npos) break;
    role_text.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace anpei::domain
