#include "domain/eligibility.h"

#include <algorithm>
#include <tuple>

#include "domain/identity.h"
#include "domain/model.h"

namespace anpei::domain {
namespace {

std::string Num(int64_t v) { return std::to_string(v); }

struct Builder {
  const Policy& policy;
  TraineeVerdict& out;

  RuleOutcome& Add(std::string_view rule, std::string_view key, bool passed, std::string message) {
    RuleOutcome r;
    r.rule = std::string(rule);
    r.clause = policy.ClauseOf(rule);
    r.policy_key = std::string(key);
    r.passed = passed;
    r.message = std::move(message);
    out.rules.push_back(std::move(r));
    return out.rules.back();
  }
};

bool Active(const ExclusionHit& h, Date on) {
  if (h.valid_from && on < *h.valid_from) return false;
  if (h.valid_until && *h.valid_until < on) return false;
  return true;
}

std::string Validity(const ExclusionHit& h) {
  if (!h.valid_from && !h.valid_until) return "长期";
  return (h.valid_from ? h.valid_from->ToString() : std::string("…")) + " 至 " +
         (h.valid_until ? h.valid_until->ToString() : std::string("…"));
}

// The prior subsidies in a fixed order, so a verdict never depends on the order they were read.
std::vector<PriorSubsidy> Sorted(std::vector<PriorSubsidy> v) {
  std::sort(v.begin(), v.end(), [](const PriorSubsidy& a, const PriorSubsidy& b) {
    return std::tie(a.year, a.class_id, a.occupation, a.level) <
           std::tie(b.year, b.class_id, b.occupation, b.level);
  });
  return v;
}

std::vector<ExclusionHit> Sorted(std::vector<ExclusionHit> v) {
  std::sort(v.begin(), v.end(), [](const ExclusionHit& a, const ExclusionHit& b) {
    return std::tie(a.kind, a.batch_id) < std::tie(b.kind, b.batch_id);
  });
  return v;
}

std::string PriorText(const PriorSubsidy& p, const Policy& policy) {
  const Occupation* occ = policy.FindOccupation(p.occupation);
  return std::to_string(p.year) + " 年 培训班 " + Num(p.class_id) + "（" +
         (occ ? occ->name : p.occupation) + " " + p.level + "）";
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "；") + p;
  return out;
}

void IdAndAge(Builder& b, const EligibilityFacts& f, const Occupation* occ) {
  const PersonIdCheck id = CheckPersonId(f.id_number, f.class_start);
  auto& r = b.Add(kRuleEligIdNumber, "", id.ok(),
                  id.ok() ? std::string(id.kind == PersonIdKind::kResident
                                            ? "居民身份证号码有效（GB 11643 校验码正确）"
                                            : "港澳台居民居住证号码有效")
                          : "证件号码无效：" + id.detail);
  r.data = {{"id_number", MaskIdNumber(f.id_number)},
            {"kind", std::string(PersonIdKindName(id.kind))}};
  if (!id.ok()) r.data.push_back({"error", std::string(IdErrorName(id.error))});

  bool in_group = false;
  std::string group_name = f.group;
  for (const auto& g : b.policy.trainee_groups) {
    if (g.id == f.group) {
      in_group = true;
      group_name = g.name;
    }
  }
  std::string groups;
  for (const auto& g : b.policy.trainee_groups) groups += (groups.empty() ? "" : "、") + g.name;
  auto& g = b.Add(kRuleEligGroup, "trainee_groups", in_group,
                  in_group ? "培训对象类别：" + group_name
                           : "培训对象类别「" + (f.group.empty() ? "未填写" : f.group) +
                                 "」不属于本政策的培训对象（" + groups + "）");
  g.data = {{"group", f.group}};

  if (!occ) {
    auto& a = b.Add(kRuleEligMinAge, "occupations.min_age", false,
                    "工种「" + f.occupation + "」不在本政策中，无法确定最低年龄");
    a.data = {{"occupation", f.occupation}};
    return;
  }
  if (!id.ok()) {
    auto& a = b.Add(kRuleEligMinAge, "occupations.min_age", false,
                    "证件号码无效，无法确定出生日期和开班时的年龄");
    a.data = {{"min_age", Num(occ->min_age)}, {"class_start", f.class_start.ToString()}};
    return;
  }
  const int age = AgeOn(id.birth_date, f.class_start);
  const bool old_enough = age >= occ->min_age;
  auto& a =
      b.Add(kRuleEligMinAge, "occupations.min_age", old_enough,
            "开班时（" + f.class_start.ToString() + "）年满 " + Num(age) + " 周岁，" + occ->name +
                "要求不低于 " + Num(occ->min_age) + " 周岁" + (old_enough ? "" : "，未达到"));
  a.data = {{"birth_year", Num(id.birth_date.year)},
            {"age", Num(age)},
            {"min_age", Num(occ->min_age)},
            {"class_start", f.class_start.ToString()}};
}

void Exclusions(Builder& b, const EligibilityFacts& f) {
  std::vector<std::string> hits;
  std::vector<std::pair<std::string, std::string>> data;
  for (const auto& h : Sorted(f.exclusion_hits)) {
    if (!Active(h, f.class_start)) continue;
    hits.push_back(h.kind_name + "（名单批次 " + Num(h.batch_id) + "，有效期 " + Validity(h) +
                   "）");
    data.push_back({"hit", h.kind + ":" + Num(h.batch_id)});
  }
  auto& r = b.Add(kRuleEligExclusion, "", hits.empty(),
                  hits.empty() ? "不在部门导入的排除名单中（按身份证号码比对）"
                               : "在排除名单中：" + Join(hits));
  r.data = std::move(data);
  r.data.push_back({"class_start", f.class_start.ToString()});
}

void HoursAndScore(Builder& b, const EligibilityFacts& f) {
  const bool all = f.planned_hours > 0 && f.attended_hours >= f.planned_hours;
  auto& h =
      b.Add(kRuleEligHours, "", all,
            "计划 " + Num(f.planned_hours) + " 课时，实到 " + Num(f.attended_hours) +
                " 课时（含线上学时、补课）" +
                (all ? "，全部参加"
                     : "，缺 " + Num(std::max(0, f.planned_hours - f.attended_hours)) + " 课时"));
  h.data = {{"planned_hours", Num(f.planned_hours)}, {"attended_hours", Num(f.attended_hours)}};

  const int pass = b.policy.eligibility.pass_score;
  const bool passed = f.score && *f.score >= pass;
  auto& s = b.Add(kRuleEligAssessment, "eligibility.pass_score", passed,
                  !f.score ? "未录入结业考核成绩"
                           : "结业考核成绩 " + Num(*f.score) + " 分，合格线 " + Num(pass) + " 分" +
                                 (passed ? "" : "，未达到"));
  s.data = {{"score", f.score ? Num(*f.score) : ""}, {"pass_score", Num(pass)}};
}

void Caps(Builder& b, const EligibilityFacts& f, const Occupation* occ) {
  const auto priors = Sorted(f.prior_subsidies);
  const std::string level = occ ? occ->level : "";
  std::vector<std::string> same;
  for (const auto& p : priors) {
    if (p.occupation == f.occupation && p.level == level) same.push_back(PriorText(p, b.policy));
  }
  const std::string occ_name = occ ? occ->name : f.occupation;
  auto& s = b.Add(kRuleEligSameOccupation, "occupations.level", same.empty(),
                  same.empty() ? "此前未享受过" + occ_name + "（" + level + "）的培训补贴"
                               : "已享受过同一工种同一等级的培训补贴：" + Join(same));
  s.data = {{"occupation", f.occupation}, {"level", level}, {"same", Num(same.size())}};

  std::vector<std::string> all;
  all.reserve(priors.size());
  for (const auto& p : priors) all.push_back(PriorText(p, b.policy));
  const int64_t count = static_cast<int64_t>(priors.size());
  const int lifetime = b.policy.eligibility.max_subsidies_lifetime;
  if (lifetime == 0) {
    auto& l = b.Add(kRuleEligLifetimeCap, "eligibility.max_subsidies_lifetime", true,
                    "本政策不设累计补贴次数上限（max_subsidies_lifetime = 0），不适用");
    l.skipped = true;
    l.data = {{"prior", Num(count)}, {"max", "0"}};
  } else {
    const bool ok = count < lifetime;
    auto& l = b.Add(kRuleEligLifetimeCap, "eligibility.max_subsidies_lifetime", ok,
                    "此前已享受 " + Num(count) + " 次培训补贴（各机构、各年度累计），上限 " +
                        Num(lifetime) + " 次" + (ok ? "" : "，已达上限") +
                        (all.empty() ? "" : "：" + Join(all)));
    l.data = {{"prior", Num(count)}, {"max", Num(lifetime)}};
  }

  const int per_year = b.policy.eligibility.max_subsidies_per_year;
  int64_t in_year = 0;
  for (const auto& p : priors) in_year += p.year == f.class_year ? 1 : 0;
  if (per_year == 0) {
    auto& y = b.Add(kRuleEligYearCap, "eligibility.max_subsidies_per_year", true,
                    "本政策不设每年补贴次数上限（max_subsidies_per_year = 0），不适用");
    y.skipped = true;
    y.data = {{"year", Num(f.class_year)}, {"prior_in_year", Num(in_year)}, {"max", "0"}};
  } else {
    const bool ok = in_year < per_year;
    auto& y = b.Add(kRuleEligYearCap, "eligibility.max_subsidies_per_year", ok,
                    Num(f.class_year) + " 年已享受 " + Num(in_year) + " 次培训补贴，每年上限 " +
                        Num(per_year) + " 次" + (ok ? "" : "，已达上限"));
    y.data = {{"year", Num(f.class_year)}, {"prior_in_year", Num(in_year)}, {"max", Num(per_year)}};
  }
}

}  // namespace

TraineeVerdict VerifyTrainee(const Policy& policy, const EligibilityFacts& f) {
  TraineeVerdict out;
  out.person_id = f.person_id;
  out.occupation = f.occupation;
  const Occupation* occ = policy.FindOccupation(f.occupation);
  if (occ) out.level = occ->level;
  Builder b{policy, out};
  IdAndAge(b, f, occ);
  Exclusions(b, f);
  HoursAndScore(b, f);
  Caps(b, f, occ);
  b.Add(kRuleEligNotBlacklisted, "", !f.blacklisted_at_declaration,
        f.blacklisted_at_declaration ? "培训机构申报时在信用黑名单中"
                                     : "培训机构申报时不在信用黑名单中")
      .data = {{"blacklisted_at_declaration", f.blacklisted_at_declaration ? "true" : "false"}};
  b.Add(kRuleEligClassApproved, "", f.class_approved,
        f.class_approved ? "培训班方案已在平台审核通过" : "培训班方案未经平台审核通过")
      .data = {{"class_approved", f.class_approved ? "true" : "false"}};
  out.eligible = true;
  for (const auto& r : out.rules) out.eligible = out.eligible && r.passed;
  out.subsidy_yuan = out.eligible && occ ? occ->subsidy_yuan : 0;
  return out;
}

RuleWords EligibilityRuleWords(std::string_view rule) {
  static constexpr std::pair<std::string_view, RuleWords> kWords[] = {
      {kRuleEligIdNumber, {"证件号码有效", "证件号码无效"}},
      {kRuleEligGroup, {"属于补贴对象", "不属于补贴对象"}},
      {kRuleEligMinAge, {"年龄符合", "年龄不符"}},
      {kRuleEligExclusion, {"不在排除名单", "在排除名单内"}},
      {kRuleEligHours, {"学时全勤", "学时不足"}},
      {kRuleEligAssessment, {"考核合格", "考核不合格"}},
      {kRuleEligSameOccupation, {"同工种同等级未享受过", "同工种同等级已享受过补贴"}},
      {kRuleEligLifetimeCap, {"累计补贴次数未满", "累计补贴次数已满"}},
      {kRuleEligYearCap, {"当年补贴次数未满", "当年补贴次数已满"}},
      {kRuleEligNotBlacklisted, {"机构未列入黑名单", "机构申报时在黑名单内"}},
      {kRuleEligClassApproved, {"培训班经平台审核", "培训班未经平台审核"}}};
  for (const auto& [id, words] : kWords) {
    if (id == rule) return words;
  }
  return {rule, rule};
}

std::string CanonicalFacts(const Policy& policy, const EligibilityFacts& f) {
  const PersonIdCheck id = CheckPersonId(f.id_number, f.class_start);
  std::string s;
  auto line = [&](std::string_view k, const std::string& v) {
    s += k;
    s += '=';
    s += v;
    s += '\n';
  };
  line("policy", policy.id + "@" + Num(policy.version));
  line("person", Num(f.person_id));
  line("id_number", MaskIdNumber(f.id_number));
  line("id_check", std::string(IdErrorName(id.error)));
  line("birth_date", id.ok() ? id.birth_date.ToString() : "");
  line("group", f.group);
  line("class_start", f.class_start.ToString());
  line("class_year", Num(f.class_year));
  line("occupation", f.occupation);
  for (const auto& h : Sorted(f.exclusion_hits)) {
    line("exclusion", h.kind + ":" + Num(h.batch_id) + ":" + Validity(h));
  }
  line("planned_hours", Num(f.planned_hours));
  line("attended_hours", Num(f.attended_hours));
  line("score", f.score ? Num(*f.score) : "");
  for (const auto& p : Sorted(f.prior_subsidies)) {
    line("prior", Num(p.class_id) + ":" + p.occupation + ":" + p.level + ":" + Num(p.year) + ":" +
                      Num(p.institution_id));
  }
  line("blacklisted_at_declaration", f.blacklisted_at_declaration ? "1" : "0");
  line("class_approved", f.class_approved ? "1" : "0");
  return s;
}

std::string_view TraineeReviewId(TraineeReview r) {
  switch (r) {
    case TraineeReview::kPending:
      return "pending";
    case TraineeReview::kApproved:
      return "approved";
    case TraineeReview::kRefused:
      return "refused";
  }
  return "pending";
}

std::string_view TraineeReviewName(TraineeReview r) {
  switch (r) {
    case TraineeReview::kPending:
      return "待审核";
    case TraineeReview::kApproved:
      return "通过";
    case TraineeReview::kRefused:
      return "不予通过";
  }
  return "待审核";
}

std::optional<TraineeReview> ParseTraineeReview(std::string_view id) {
  for (auto r : {TraineeReview::kPending, TraineeReview::kApproved, TraineeReview::kRefused}) {
    if (TraineeReviewId(r) == id) return r;
  }
  return std::nullopt;
}

}  // namespace anpei::domain
