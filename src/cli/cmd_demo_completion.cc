// `anpei demo`, the completion part (demo_completion.h): nine classes that ran in October 2026,
// carried through the real use cases at fixed past times. Per class: created, declared by the
// institution's clerk, approved by the district's reviewer; after the last session the clerk
// files a paper sign-in exception for all five sessions (the reviewer agrees), uploads the sheet
// (a PDF the form renderer draws) and back-fills every trainee's times; scores are entered and
// the completion submitted, which verifies every trainee (domain.md §6). Then, by class: left
// waiting for the reviewer; approved; or approved and certified (one trainee of the first class
// failed the assessment, so the verdict shows a refusal the reviewer cannot approve).
#include <cstdio>

#include "adapters/clock/clocks.h"
#include "app/attendance_exceptions.h"
#include "app/certificates.h"
#include "app/classes.h"
#include "app/completion.h"
#include "app/review.h"
#include "cli/demo_completion.h"
#include "domain/date.h"
#include "ports/form_renderer.h"

namespace anpei::cli {
namespace {

constexpr size_t kPerClass = 8;

enum class Goal { kSubmitted, kApproved, kCertified };

struct FinishedClass {
  size_t site;  // index into DemoCompletionInput::sites
  const char* title;
  const char* start;  // the Monday of its five sessions
  Goal goal;
};

// Sites: 0 丰泽 安盾, 1 鲤城 卫安, 2 晋江 恒安, 3 南安 诚信 (cmd_demo.cc passes them in this
// order).
constexpr FinishedClass kFinished[] = {
    {0, "2026年第二期保安员初级技能培训班", "2026-10-12", Goal::kCertified},
    {2, "晋江市保安员初级培训班（第三期）", "2026-10-12", Goal::kCertified},
    {3, "南安市保安员初级技能培训班（秋季一班）", "2026-10-12", Goal::kCertified},
    {1, "鲤城区保安员初级技能培训班（第一期）", "2026-10-12", Goal::kCertified},
    {0, "2026年第三期保安员初级技能培训班", "2026-10-19", Goal::kCertified},
    {2, "晋江市保安员初级培训班（第四期）", "2026-10-19", Goal::kCertified},
    {3, "南安市保安员初级技能培训班（秋季二班）", "2026-10-19", Goal::kCertified},
    {1, "鲤城区保安员初级技能培训班（第二期）", "2026-10-19", Goal::kApproved},
    {0, "2026年第三期保安员初级技能培训班（周末补充班）", "2026-10-26", Goal::kSubmitted},
};

Status Failed(const Status& st, const std::string& what) {
  return Status(st.code(), "演示结业数据写入失败（" + what + "）：" + st.ToString(), st.field());
}

// The context at local time `date` HH:MM (+08:00), `days` after `date`.
app::AppContext At(const app::AppContext& base, const domain::Date& date, int days, int minute) {
  char buf[48];
  const domain::Date d = date.AddDays(days);
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+08:00", d.ToString().c_str(), minute / 60,
                minute % 60);
  app::AppContext c = base;
  c.clock = std::make_shared<adapters::FixedClock>(*domain::ParseTimestamp(buf, "demo"));
  return c;
}

std::vector<domain::PlanSession> Sessions(const domain::Date& monday) {
  std::vector<domain::PlanSession> out;
  for (int i = 0; i < 5; ++i) {
    domain::PlanSession s;
    s.date = monday.AddDays(i);
    s.start_minute = 8 * 60 + 30;
    s.end_minute = 11 * 60 + 30;
    s.hours = 4;
    const bool practical = i >= 3;
    s.kind = practical ? domain::SessionKind::kPractical : domain::SessionKind::kTheory;
    s.delivery = domain::Delivery::kOffline;
    s.teacher = practical ? "t2" : "t1";
    out.push_back(s);
  }
  return out;
}

class Finisher {
 public:
  Finisher(const app::AppContext& ctx, const DemoCompletionInput& in) : ctx_(ctx), in_(in) {}

  Result<DemoCompletionDone> Run() {
    size_t next = 0;
    for (const FinishedClass& f : kFinished) {
      if (next + kPerClass > in_.people.size()) {
        return Status::Internal("演示学员不足，无法生成结业数据");
      }
      Status st = One(f, next);
      if (!st.ok()) return Failed(st, f.title);
      next += kPerClass;
      ++done_.classes;
    }
    return done_;
  }

 private:
  // Created, declared and approved, then attended and completed.
  Status One(const FinishedClass& f, size_t first_person) {
    const DemoSite& site = in_.sites.at(f.site);
    const domain::Date monday = *domain::ParseDate(f.start, "demo");
    domain::TrainingClass cls;
    cls.institution_id = site.institution_id;
    cls.policy_id = std::string(app::kDefaultPolicyId);
    cls.occupation = "security_guard";
    cls.title = f.title;
    cls.venue = {site.address, site.lat, site.lng};
    cls.teachers = {{"t1", site.teacher1, ""}, {"t2", site.teacher2, ""}};
    cls.sessions = Sessions(monday);
    for (size_t k = 0; k < kPerClass; ++k) {
      const DemoEnrolee& p = in_.people[first_person + k];
      cls.roster.push_back({0, p.name, p.id_number, p.group, p.phone});
    }
    // Declared on the Thursday before, approved that afternoon.
    ANPEI_ASSIGN_OR_RETURN(
        auto created, app::CreateClass(At(ctx_, monday, -4, 9 * 60), site.clerk, std::move(cls)));
    ANPEI_ASSIGN_OR_RETURN(
        auto declared, app::DeclareClass(At(ctx_, monday, -4, 9 * 60 + 30), site.clerk, created.id,
                                         created.version));
    if (!declared.declared) {
      return Status::Internal("演示计划未通过校验：" + declared.verdict.violations.at(0).rule);
    }
    ANPEI_RETURN_IF_ERROR(app::ReviewClass(At(ctx_, monday, -4, 15 * 60), site.reviewer, created.id,
                                           {"approve", "教学计划、师资与场地符合要求，同意开班。",
                                            declared.cls.version})
                              .status());
    ANPEI_ASSIGN_OR_RETURN(auto approved, app::GetClass(ctx_, site.clerk, created.id));
    std::vector<int64_t> people;
    for (const auto& r : approved.roster) people.push_back(r.trainee_id);
    ANPEI_RETURN_IF_ERROR(Attend(site, monday, approved, people));
    return Complete(f, site, monday, created.id, people);
  }

  // Friday after the last session: paper sign-in for all five sessions, then the back-fill.
  Status Attend(const DemoSite& site, const domain::Date& monday,
                const domain::TrainingClass& approved, const std::vector<int64_t>& people) {
    const int64_t class_id = approved.id;
    ANPEI_ASSIGN_OR_RETURN(
        auto ex, app::FileAttendanceException(
                     At(ctx_, monday, 4, 12 * 60), site.clerk, class_id, {1, 2, 3, 4, 5},
                     "培训场地为新启用的实训基地，移动网络尚未覆盖，学员手机无法扫码签到，"
                     "本期各课次均使用纸质签到表。"));
    ANPEI_ASSIGN_OR_RETURN(
        auto agreed,
        app::DecideAttendanceException(
            At(ctx_, monday, 4, 13 * 60), site.reviewer, ex.id, app::ExceptionDecision::kApprove,
            "经电话核实，实训基地确无移动网络信号，同意以纸质签到表补录。", ex.version));
    (void)agreed;
    ANPEI_ASSIGN_OR_RETURN(auto pdf, Sheet(approved));
    ANPEI_RETURN_IF_ERROR(app::AddExceptionFile(At(ctx_, monday, 4, 13 * 60 + 30), site.clerk,
                                                ex.id, pdf, "纸质签到表.pdf")
                              .status());
    std::vector<domain::BackfillRow> rows;
    for (size_t k = 0; k < people.size(); ++k) {
      for (int64_t seq = 1; seq <= 5; ++seq) {
        rows.push_back({people[k], seq, 8 * 60 + 15 + static_cast<int>((k + seq) % 12),
                        11 * 60 + 31 + static_cast<int>((k * 3 + seq) % 9)});
      }
    }
    return app::BackfillAttendance(At(ctx_, monday, 4, 13 * 60 + 40), site.clerk, ex.id, rows)
        .status();
  }

  // Scores, the submission, and on to the class's goal.
  Status Complete(const FinishedClass& f, const DemoSite& site, const domain::Date& monday,
                  int64_t class_id, const std::vector<int64_t>& people) {
    // Scores (the first class: one trainee failed the assessment), then the submission.
    std::vector<app::ScoreInput> scores;
    for (size_t k = 0; k < people.size(); ++k) {
      const bool failed = done_.certified.empty() && f.goal == Goal::kCertified && k == 5;
      scores.push_back({people[k], failed ? 52 : 68 + static_cast<int64_t>((k * 7) % 30)});
    }
    ANPEI_RETURN_IF_ERROR(
        app::PutScores(At(ctx_, monday, 4, 15 * 60), site.clerk, class_id, scores).status());
    ANPEI_ASSIGN_OR_RETURN(auto before_submit, app::GetClass(ctx_, site.clerk, class_id));
    ANPEI_RETURN_IF_ERROR(app::SubmitCompletion(At(ctx_, monday, 4, 16 * 60), site.clerk, class_id,
                                                before_submit.version)
                              .status());
    if (f.goal == Goal::kSubmitted) {
      done_.submitted_class = class_id;
      return Status::Ok();
    }
    // The next Monday the reviewer approves; the ineligible trainee stays refused. These classes
    // have no photos or videos (their sign-in was on paper), so the approval states why.
    ANPEI_ASSIGN_OR_RETURN(auto submitted, app::GetClass(ctx_, site.reviewer, class_id));
    app::CompletionDecisionInput decision;
    decision.decision = "approve";
    decision.reason =
        "考勤（纸质签到已补录）与考核核验通过；过程照片和录像未上传，已到场核实并调阅纸质材料存档，"
        "同意结业。";
    decision.version = submitted.version;
    ANPEI_RETURN_IF_ERROR(
        app::DecideCompletion(At(ctx_, monday, 7, 10 * 60), site.reviewer, class_id, decision)
            .status());
    if (f.goal == Goal::kApproved) {
      done_.approved_class = class_id;
      return Status::Ok();
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto issued, app::IssueCertificates(At(ctx_, monday, 8, 10 * 60), site.reviewer, class_id,
                                            std::nullopt));
    done_.certificates += static_cast<int>(issued.size());
    done_.certified.push_back(class_id);
    return Status::Ok();
  }

  // The paper sign-in sheet of the class's five sessions, as its scan would read.
  Result<std::string> Sheet(const domain::TrainingClass& cls) {
    if (!ctx_.forms) return Status::Internal("未配置表单渲染（PDF）");
    ports::FormDocument sheet;
    sheet.title = "培训班纸质签到表";
    sheet.subtitle = cls.title + " · 第 1–5 课次";
    ports::FormBlock table;
    table.kind = ports::FormBlock::Kind::kTable;
    table.table.headers = {"序号", "姓名", "第1课次", "第2课次", "第3课次", "第4课次", "第5课次"};
    table.table.widths = {1, 2, 2, 2, 2, 2, 2};
    for (size_t k = 0; k < cls.roster.size(); ++k) {
      table.table.rows.push_back(
          {std::to_string(k + 1), cls.roster[k].name, "已签", "已签", "已签", "已签", "已签"});
    }
    sheet.blocks.push_back(std::move(table));
    sheet.signatures = {"授课教师（签名）", "培训机构（盖章）"};
    sheet.verification = "演示数据：本签到表由 anpei demo 生成，代替现场纸质签到表的扫描件。";
    return ctx_.forms->RenderPdf(sheet);
  }

  const app::AppContext& ctx_;
  const DemoCompletionInput& in_;
  DemoCompletionDone done_;
};

}  // namespace

Result<DemoCompletionDone> SeedDemoCompletion(const app::AppContext& ctx,
                                              const DemoCompletionInput& in) {
  return Finisher(ctx, in).Run();
}

}  // namespace anpei::cli
