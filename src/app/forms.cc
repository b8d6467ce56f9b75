#include "app/forms.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/classes.h"
#include "domain/model.h"

namespace anpei::app {
namespace {

std::string Clock(int minute) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
  return buf;
}

std::string TimeText(const std::optional<std::string>& ts) {
  if (!ts || ts->empty()) return "—";
  std::string out = ts->substr(0, 19);
  if (out.size() > 10 && out[10] == 'T') out[10] = ' ';
  return out;
}

std::string Hours(int64_t h) { return std::to_string(h) + " 课时"; }

struct HoursOf {
  int64_t total = 0, theory = 0, practical = 0, online = 0;
};

HoursOf CountHours(const std::vector<domain::PlanSession>& sessions) {
  HoursOf h;
  for (const auto& s : sessions) {
    h.total += s.hours;
    (s.kind == domain::SessionKind::kTheory ? h.theory : h.practical) += s.hours;
    if (s.delivery == domain::Delivery::kOnline) h.online += s.hours;
  }
  return h;
}

ports::FormBlock Fields(std::string heading, std::vector<ports::FormField> fields) {
  ports::FormBlock b;
  b.kind = ports::FormBlock::Kind::kFields;
  b.heading = std::move(heading);
  b.fields = std::move(fields);
  return b;
}

ports::FormBlock Table(std::string heading, std::vector<std::string> headers,
                       std::vector<double> widths) {
  ports::FormBlock b;
  b.kind = ports::FormBlock::Kind::kTable;
  b.heading = std::move(heading);
  b.table.headers = std::move(headers);
  b.table.widths = std::move(widths);
  return b;
}

Result<ports::FormBlock> TeachersBlock(ports::StoreTx& tx, const domain::TrainingClass& cls) {
  ports::FormBlock b = Table("师资情况", {"序号", "姓名", "身份证号", "资质证书"}, {1, 2, 4, 5});
  int n = 0;
  for (const auto& t : cls.teachers) {
    ANPEI_ASSIGN_OR_RETURN(auto teacher, tx.registry().GetTeacher(t.teacher_id));
    b.table.rows.push_back({std::to_string(++n), teacher.name,
                            domain::MaskIdNumber(teacher.id_number), teacher.qualification});
  }
  return b;
}

ports::FormBlock SessionsBlock(const domain::TrainingClass& cls) {
  std::map<std::string, std::string> teacher_names;
  for (const auto& t : cls.teachers) teacher_names[t.key] = t.name;
  ports::FormBlock b = Table("教学计划（共 " + std::to_string(cls.sessions.size()) + " 个课次）",
                             {"序号", "日期", "时间", "课时", "类型", "方式", "授课教师"},
                             {1, 2.4, 2.4, 1.2, 1.2, 1.2, 2.4});
  int n = 0;
  for (const auto& s : cls.sessions) {
    std::string teacher = "—";
    if (s.teacher) {
      auto it = teacher_names.find(*s.teacher);
      teacher = it == teacher_names.end() ? *s.teacher : it->second;
    }
    b.table.rows.push_back(
        {std::to_string(++n), s.date.ToString(), Clock(s.start_minute) + "–" + Clock(s.end_minute),
         std::to_string(s.hours), s.kind == domain::SessionKind::kTheory ? "理论" : "实操",
         s.delivery == domain::Delivery::kOnline ? "线上" : "线下", teacher});
  }
  return b;
}

std::string PolicyDocument(const AppContext& ctx, const domain::TrainingClass& cls) {
  auto p = ctx.reference->FindPolicy(cls.policy_id, "policy");
  return p.ok() ? (*p)->document : cls.policy_id;
}

// The class block both forms print: the class, its institution, dates, hours, trainees, the
// declaration and the plan version.
ports::FormBlock ClassFields(const AppContext& ctx, const domain::TrainingClass& cls,
                             const domain::Institution& inst, int64_t plan_version) {
  std::string occupation = cls.occupation;
  if (auto p = ctx.reference->FindPolicy(cls.policy_id, "policy"); p.ok()) {
    for (const auto& o : (*p)->occupations) {
      if (o.id == cls.occupation) occupation = o.name;
    }
  }
  const HoursOf h = CountHours(cls.sessions);
  std::string first = "—", last = "—";
  if (!cls.sessions.empty()) {
    first = cls.sessions.front().date.ToString();
    last = cls.sessions.back().date.ToString();
    for (const auto& s : cls.sessions) {
      first = std::min(first, s.date.ToString());
      last = std::max(last, s.date.ToString());
    }
  }
  return Fields(
      "基本信息",
      {{"培训班名称", cls.title, true},
       {"培训机构", inst.name, true},
       {"统一社会信用代码", inst.uscc},
       {"所属辖区", inst.district_name},
       {"职业（工种）", occupation},
       {"状态", std::string(domain::ClassStateName(cls.state))},
       {"培训场地", cls.venue.address, true},
       {"开班日期", first},
       {"结业日期", last},
       {"总课时", Hours(h.total)},
       {"理论课时", Hours(h.theory)},
       {"实操课时", Hours(h.practical)},
       {"线上课时", Hours(h.online)},
       {"学员人数", std::to_string(cls.roster.size()) + " 人"},
       {"申报时间", TimeText(cls.declared_at)},
       {"计划版本", plan_version > 0 ? "第 " + std::to_string(plan_version) + " 版" : "—"}});
}

// What each plan rule checks, in words for the paper form (the verdict's own messages say how a
// plan broke it).
std::string RuleText(std::string_view rule) {
  static constexpr std::pair<std::string_view, std::string_view> kTexts[] = {
      {domain::kRuleTotalHoursMin, "总课时不少于政策下限"},
      {domain::kRuleHourMinutesMin, "每课时时长达到政策要求"},
      {domain::kRuleTheoryShareMin, "理论课时占比不低于政策下限"},
      {domain::kRulePracticalShareMax, "实操课时占比不高于政策上限"},
      {domain::kRulePracticalOffline, "实操课全部线下进行"},
      {domain::kRuleOnlineShareMax, "线上课时占比不高于政策上限"},
      {domain::kRuleDeclareDeadline, "在开班后规定工作日内申报"},
      {domain::kRuleTeacherRequired, "线下课次均有本班授课教师"},
      {domain::kRuleSessionOverlap, "课次时间互不重叠"},
  };
  for (const auto& [id, text] : kTexts) {
    if (id == rule) return std::string(text);
  }
  return std::string(rule);
}

// The automatic policy check of the plan decided on: every rule with its clause and result.
ports::FormBlock VerdictBlock(const AppContext& ctx, const domain::TrainingClass& cls,
                              const domain::PlanVerdict& verdict) {
  ports::FormBlock b =
      Table(std::string("政策核验（") + (verdict.ok() ? "符合政策" : "不符合政策") + "）",
            {"规则", "条款", "内容", "结论"}, {3.2, 1.4, 4.4, 3});
  const auto policy = ctx.reference->FindPolicy(cls.policy_id, "policy");
  for (std::string_view rule : domain::kPlanRules) {
    std::string result = "符合";
    for (const auto& v : verdict.violations) {
      if (v.rule != rule) continue;
      if (result == "符合") {
        result = v.message;
      } else {
        result += "；";
        result += v.message;
      }
    }
    b.table.rows.push_back(
        {std::string(rule), policy.ok() ? (*policy)->ClauseOf(rule) : "", RuleText(rule), result});
  }
  return b;
}

}  // namespace

Result<ports::FormDocument> DeclarationDocument(const AppContext& ctx, ports::StoreTx& tx,
                                                const Actor& actor, int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, GetClassIn(tx, actor, class_id));
  if (domain::IsPlanEditable(cls.state)) {
    return Status(Code::kConflict,
                  "培训班「" + cls.title + "」尚未申报（当前状态：" +
                      std::string(domain::ClassStateName(cls.state)) + "），申报后才能打印申报表",
                  "state")
        .WithReason("form.not_declared");
  }
  ANPEI_ASSIGN_OR_RETURN(auto inst, tx.registry().GetInstitution(cls.institution_id));
  ANPEI_ASSIGN_OR_RETURN(auto versions, tx.classes().ListPlanVersions(class_id));
  int64_t plan_version = 0;
  std::string plan_json;
  for (const auto& v : versions) {
    if (v.version > plan_version) {
      plan_version = v.version;
      plan_json = v.plan_json;
    }
  }
  ports::FormDocument doc;
  doc.title = "保安培训班申报表";
  doc.subtitle = "依据 " + PolicyDocument(ctx, cls) + " · 培训班编号 " + std::to_string(cls.id);
  doc.author = "AnPei";
  doc.blocks.push_back(ClassFields(ctx, cls, inst, plan_version));
  ANPEI_ASSIGN_OR_RETURN(auto teachers, TeachersBlock(tx, cls));
  doc.blocks.push_back(std::move(teachers));
  doc.blocks.push_back(SessionsBlock(cls));
  ports::FormBlock roster;
  roster.kind = ports::FormBlock::Kind::kParagraph;
  roster.heading = "学员名册";
  roster.text = "本班学员共 " + std::to_string(cls.roster.size()) +
                " 人。本表不列学员个人信息；学员名册（姓名、身份证号已按规定遮盖）由培训班详情页"
                "导出，随本表归档。";
  doc.blocks.push_back(std::move(roster));
  doc.signatures = {"培训机构（盖章）", "机构负责人（签字）", "审核部门意见"};
  const std::string code = ctx.vault->Digest(std::to_string(cls.id) + '\x1f' +
                                             std::to_string(plan_version) + '\x1f' + plan_json);
  doc.verification = "核验：培训班编号 " + std::to_string(cls.id) + "，计划第 " +
                     std::to_string(plan_version) + " 版，校验码 " + code.substr(0, 16) +
                     "；打印于 " + TimeText(ctx.NowText());
  return doc;
}

Result<PrintedForm> DeclarationForm(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  if (!ctx.forms) return Status::Internal("本服务未配置表单打印");
  PrintedForm out;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto doc, DeclarationDocument(ctx, tx, actor, class_id));
    ANPEI_ASSIGN_OR_RETURN(out.pdf, ctx.forms->RenderPdf(doc));
    return Audit(ctx, tx, actor, "class.print_declaration", "class:" + std::to_string(class_id), "",
                 "", "打印申报表");
  }));
  out.file_name = "申报表_" + std::to_string(class_id) + "_" + ctx.Today().ToString() + ".pdf";
  return out;
}

}  // namespace anpei::app

namespace anpei::app {

Result<ports::FormDocument> ApprovalDocument(const AppContext& ctx, ports::StoreTx& tx,
                                             const Actor& actor, int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, GetClassIn(tx, actor, class_id));
  if (!cls.latest_decision) {
    return Status(Code::kNotFound,
                  "培训班「" + cls.title + "」尚无审核决定（当前状态：" +
                      std::string(domain::ClassStateName(cls.state)) + "），审核后才有审核审批单",
                  "id")
        .WithReason("form.no_decision");
  }
  const domain::ClassDecision& d = *cls.latest_decision;
  ANPEI_ASSIGN_OR_RETURN(auto inst, tx.registry().GetInstitution(cls.institution_id));
  ANPEI_ASSIGN_OR_RETURN(auto verdict, ClassVerdictIn(ctx, tx, cls));
  ports::FormDocument doc;
  doc.title = "保安培训班审核审批单";
  doc.subtitle = "依据 " + PolicyDocument(ctx, cls) + " · 培训班编号 " + std::to_string(cls.id) +
                 " · 审核记录 " + std::to_string(d.id);
  doc.author = "AnPei";
  doc.blocks.push_back(ClassFields(ctx, cls, inst, d.plan_version));
  doc.blocks.push_back(VerdictBlock(ctx, cls, verdict));
  doc.blocks.push_back(
      Fields("审核意见", {{"审核结论", std::string(domain::ReviewDecisionName(d.decision)), true},
                          {domain::NeedsReason(d.decision) ? "理由" : "审核意见",
                           d.reason.empty() ? "—" : d.reason, true},
                          {"审核人", d.reviewer_name},
                          {"审核时间", TimeText(d.decided_at)},
                          {"所审计划版本", "第 " + std::to_string(d.plan_version) + " 版"},
                          {"校验码", d.verification_code}}));
  doc.signatures = {"审核人（签字）", "审核部门（盖章）"};
  doc.verification = "核验：培训班编号 " + std::to_string(cls.id) + "，审核记录 " +
                     std::to_string(d.id) + "，校验码 " + d.verification_code + "；打印于 " +
                     TimeText(ctx.NowText());
  return doc;
}

Result<PrintedForm> ApprovalForm(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  if (!ctx.forms) return Status::Internal("本服务未配置表单打印");
  PrintedForm out;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto doc, ApprovalDocument(ctx, tx, actor, class_id));
    ANPEI_ASSIGN_OR_RETURN(out.pdf, ctx.forms->RenderPdf(doc));
    return Audit(ctx, tx, actor, "class.print_approval", "class:" + std::to_string(class_id), "",
                 "", "打印审核审批单");
  }));
  out.file_name = "审核审批单_" + std::to_string(class_id) + "_" + ctx.Today().ToString() + ".pdf";
  return out;
}

}  // namespace anpei::app
