#include "app/export.h"

#include <functional>
#include <map>

#include "app/accounts.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/calendar.h"
#include "app/classes.h"
#include "app/completion.h"
#include "app/enrolment.h"
#include "app/evidence.h"
#include "app/evidence_checklist.h"
#include "app/publicity.h"
#include "app/registry.h"
#include "domain/account.h"
#include "domain/model.h"
#include "ports/sheet_writer.h"

namespace anpei::app {
namespace {

using ports::NumberCell;
using ports::TextCell;
using Row = std::vector<ports::Cell>;
using Emit = std::function<Status(const Row&)>;

// Rows read per page while walking a list (keyset paging, as the page's cursor).
constexpr int64_t kExportPageSize = 500;

struct SheetSpec {
  std::string name;    // the sheet's and the file's name: 培训班
  std::string action;  // the audit action: class.export
  std::string target;  // the audit target: class, class:12
  std::vector<std::string> headers;
};

Status TooManyRows(int64_t limit) {
  return Status(Code::kFailedPrecondition,
                "符合条件的数据超过 " + std::to_string(limit) +
                    " 行，无法一次导出；请增加筛选条件（如辖区、状态、关键词）缩小范围后再导出")
      .WithReason("export.too_many_rows");
}

// "2026-11-30T09:15:00+08:00" → "2026-11-30 09:15:00", as the console's formatTime shows it.
std::string TimeText(const std::string& ts) {
  if (ts.empty()) return "";
  std::string out = ts.substr(0, 19);
  if (out.size() > 10 && out[10] == 'T') out[10] = ' ';
  return out;
}

// "institution,auditor" → "培训机构、审计监督"; a code without a Chinese name stays as it is.
std::string RolesText(std::string_view roles) {
  std::string out;
  while (!roles.empty()) {
    const size_t comma = roles.find(',');
    const std::string_view role = roles.substr(0, comma);
    const std::string_view name = domain::RoleName(role);
    out += (out.empty() ? "" : "、") + std::string(name == "未知角色" ? role : name);
    roles = comma == std::string_view::npos ? std::string_view() : roles.substr(comma + 1);
  }
  return out;
}

// The rows in one read transaction (a snapshot: a long export never holds the store's write lock,
// which on SQLite would stall every writer while the file is built), then one audit event with the
// row count and the filter note in a write transaction of its own. The file is handed out only
// once its audit event is committed: no export leaves unrecorded.
Result<ExportFile> RunExport(const AppContext& ctx, const Actor& actor, const SheetSpec& spec,
                             const std::string& filter_note,
                             const std::function<Status(ports::StoreTx&, const Emit&)>& rows) {
  if (!ctx.sheet_writers) return Status::Internal("本服务未配置 XLSX 导出");
  ExportFile out;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(ports::TxMode::kRead, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto writer, ctx.sheet_writers->Create(spec.name));
    ANPEI_RETURN_IF_ERROR(writer->AddHeader(spec.headers));
    int64_t n = 0;
    const Emit emit = [&](const Row& cells) {
      if (++n > ctx.security.max_export_rows) return TooManyRows(ctx.security.max_export_rows);
      return writer->AddRow(cells);
    };
    ANPEI_RETURN_IF_ERROR(rows(tx, emit));
    ANPEI_ASSIGN_OR_RETURN(out.bytes, writer->Finish());
    out.rows = n;
    return Status::Ok();
  }));
  std::string note = "导出 " + std::to_string(out.rows) + " 行";
  if (!filter_note.empty()) note += "；筛选：" + filter_note;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    return Audit(ctx, tx, actor, spec.action, spec.target, "", "", note);
  }));
  out.file_name = spec.name + "_" + ctx.Today().ToString() + ".xlsx";
  return out;
}

// Walks every page of a list (keyset: each page continues after the previous page's last key).
template <typename T>
Status EachRow(ports::StoreTx& tx,
               const std::function<Result<ports::PageOf<T>>(ports::StoreTx&, ports::Page)>& list,
               const std::function<Status(const T&)>& each) {
  ports::Page page(1, kExportPageSize);
  for (;;) {
    ANPEI_ASSIGN_OR_RETURN(auto p, list(tx, page));
    for (const auto& item : p.items) ANPEI_RETURN_IF_ERROR(each(item));
    if (!p.next || p.items.empty()) return Status::Ok();
    page.after = p.next;
  }
}

// The filter note of the audit event: named values, a free-text search only as present.
class FilterNote {
 public:
  FilterNote& Value(const char* name, const std::optional<std::string>& v) {
    if (v) Add(std::string(name) + "=" + *v);
    return *this;
  }
  FilterNote& Value(const char* name, const std::optional<int64_t>& v) {
    if (v) Add(std::string(name) + "=" + std::to_string(*v));
    return *this;
  }
  FilterNote& Search(const char* name, const std::optional<std::string>& v) {
    if (v) Add(std::string(name) + "=（已填写，内容不记录）");
    return *this;
  }
  std::string text() const { return text_; }

 private:
  void Add(const std::string& part) { text_ += (text_.empty() ? "" : "，") + part; }
  std::string text_;
};

// Names the console shows for the codes the rows carry.
class Labels {
 public:
  explicit Labels(const AppContext& ctx) : ctx_(ctx) {}
  Status LoadDistricts(ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto ds, tx.registry().ListDistricts());
    for (auto& d : ds) districts_[d.code] = d.name;
    return Status::Ok();
  }
  std::string District(const std::string& code) const {
    auto it = districts_.find(code);
    return it == districts_.end() ? code : it->second;
  }
  std::string Occupation(const std::string& policy_id, const std::string& id) const {
    auto p = ctx_.reference->FindPolicy(policy_id, "policy");
    if (p.ok()) {
      for (const auto& o : (*p)->occupations) {
        if (o.id == id) return o.name;
      }
    }
    return id;
  }
  std::string Group(const std::string& id) const {
    for (const auto& [pid, policy] : ctx_.reference->policies()) {
      for (const auto& g : policy.trainee_groups) {
        if (g.id == id) return g.name;
      }
    }
    return id;
  }

 private:
  const AppContext& ctx_;
  std::map<std::string, std::string> districts_;
};

}  // namespace

Result<ExportFile> ExportClasses(const AppContext& ctx, const Actor& actor,
                                 const ports::ClassFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  const SheetSpec spec{"培训班",
                       "class.export",
                       "class",
                       {"班级名称", "培训机构", "辖区", "职业（工种）", "状态", "开班日期",
                        "总课时", "课次", "学员", "更新时间"}};
  const std::string note = FilterNote()
                               .Value("institution_id", filter.institution_id)
                               .Value("district_code", filter.district_code)
                               .Value("state", filter.state)
                               .Value("occupation", filter.occupation)
                               .Search("q", filter.q)
                               .text();
  return RunExport(ctx, actor, spec, note, [&](ports::StoreTx& tx, const Emit& emit) {
    Labels labels(ctx);
    ANPEI_RETURN_IF_ERROR(labels.LoadDistricts(tx));
    return EachRow<domain::ClassSummary>(
        tx,
        [&](ports::StoreTx& t, ports::Page page) {
          return ListClassesIn(ctx, t, actor, filter, page);
        },
        [&](const domain::ClassSummary& s) {
          return emit({TextCell(s.title), TextCell(s.institution_name),
                       TextCell(labels.District(s.district_code)),
                       TextCell(labels.Occupation(s.policy_id, s.occupation)),
                       TextCell(std::string(domain::ClassStateName(s.state))),
                       TextCell(s.start_date.value_or("")), NumberCell(s.total_hours),
                       NumberCell(s.session_count), NumberCell(s.roster_count),
                       TextCell(TimeText(s.updated_at))});
        });
  });
}

Result<ExportFile> ExportInstitutions(const AppContext& ctx, const Actor& actor,
                                      const ports::InstitutionFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  const SheetSpec spec{"培训机构",
                       "institution.export",
                       "institution",
                       {"机构名称", "统一社会信用代码", "所属辖区", "地址"}};
  const std::string note = FilterNote()
                               .Value("district_code", filter.district_code)
                               .Value("uscc_status", filter.uscc_status)
                               .Search("q", filter.q)
                               .text();
  return RunExport(ctx, actor, spec, note, [&](ports::StoreTx& tx, const Emit& emit) {
    return EachRow<domain::Institution>(
        tx,
        [&](ports::StoreTx& t, ports::Page page) {
          return ListInstitutionsIn(ctx, t, actor, filter, page);
        },
        [&](const domain::Institution& i) {
          return emit(
              {TextCell(i.name), TextCell(i.uscc), TextCell(i.district_name), TextCell(i.address)});
        });
  });
}

Result<ExportFile> ExportTeachers(const AppContext& ctx, const Actor& actor,
                                  const ports::TeacherFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  const SheetSpec spec{
      "教师", "teacher.export", "teacher", {"姓名", "身份证号", "资质证书", "创建时间"}};
  const std::string note =
      FilterNote().Value("institution_id", filter.institution_id).Search("q", filter.q).text();
  return RunExport(ctx, actor, spec, note, [&](ports::StoreTx& tx, const Emit& emit) {
    return EachRow<domain::Teacher>(
        tx,
        [&](ports::StoreTx& t, ports::Page page) {
          return ListTeachersIn(ctx, t, actor, filter, page);
        },
        [&](const domain::Teacher& t) {
          return emit({TextCell(t.name), TextCell(domain::MaskIdNumber(t.id_number)),
                       TextCell(t.qualification), TextCell(TimeText(t.created_at))});
        });
  });
}

Result<ExportFile> ExportTrainees(const AppContext& ctx, const Actor& actor,
                                  const ports::TraineeFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  const SheetSpec spec{
      "学员", "trainee.export", "trainee", {"姓名", "身份证号", "手机号", "人员类别", "创建时间"}};
  const std::string note = FilterNote().Value("group", filter.group).Search("q", filter.q).text();
  return RunExport(ctx, actor, spec, note, [&](ports::StoreTx& tx, const Emit& emit) {
    const Labels labels(ctx);
    return EachRow<domain::Trainee>(
        tx,
        [&](ports::StoreTx& t, ports::Page page) {
          return ListTraineesIn(ctx, t, actor, filter, page);
        },
        [&](const domain::Trainee& t) {
          return emit({TextCell(t.name),  // named as the list shows it (app::NameFor)
                       TextCell(domain::MaskIdNumber(t.id_number)),
                       TextCell(domain::MaskPhone(t.phone)), TextCell(labels.Group(t.group)),
                       TextCell(TimeText(t.created_at))});
        });
  });
}

Result<ExportFile> ExportHeldEnrolments(const AppContext& ctx, const Actor& actor,
                                        const ports::HeldFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEnrolmentReviewers));
  const SheetSpec spec{
      "待审核报名",
      "enrolment.export",
      "held_enrolment",
      {"机构提供的姓名", "身份证号", "人员类别", "培训机构", "培训班", "状态", "创建时间"}};
  const std::string note = FilterNote().Value("state", filter.state).text();
  return RunExport(ctx, actor, spec, note, [&](ports::StoreTx& tx, const Emit& emit) {
    const Labels labels(ctx);
    return EachRow<domain::HeldEnrolment>(
        tx,
        [&](ports::StoreTx& t, ports::Page page) {
          return ListHeldEnrolmentsIn(ctx, t, actor, filter, page);
        },
        [&](const domain::HeldEnrolment& h) {
          return emit({TextCell(domain::MaskName(h.given_name)),
                       TextCell(domain::MaskIdNumber(h.id_number)), TextCell(labels.Group(h.group)),
                       TextCell(h.institution_name), TextCell(h.class_title),
                       TextCell(std::string(domain::HeldStateName(h.state))),
                       TextCell(TimeText(h.created_at))});
        });
  });
}

Result<ExportFile> ExportUsers(const AppContext& ctx, const Actor& actor,
                               const ports::UserFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  const SheetSpec spec{
      "用户", "user.export", "user", {"用户名", "姓名", "角色", "数据范围", "状态", "创建时间"}};
  const std::string note = FilterNote().Search("q", filter.q).text();
  const std::string now = ctx.NowText();
  return RunExport(ctx, actor, spec, note, [&](ports::StoreTx& tx, const Emit& emit) {
    Labels labels(ctx);
    ANPEI_RETURN_IF_ERROR(labels.LoadDistricts(tx));
    std::map<int64_t, std::string> institutions;
    return EachRow<domain::User>(
        tx,
        [&](ports::StoreTx& t, ports::Page page) {
          return ListUsersIn(ctx, t, actor, filter, page);
        },
        [&](const domain::User& u) -> Status {
          std::string roles;
          for (const auto& r : u.roles) roles += (roles.empty() ? "" : ",") + r;
          roles = RolesText(roles);
          std::string scope = "全市";
          if (u.institution_id) {
            auto it = institutions.find(*u.institution_id);
            if (it == institutions.end()) {
              auto inst = tx.registry().GetInstitution(*u.institution_id);
              it = institutions.emplace(*u.institution_id, inst.ok() ? inst->name : "").first;
            }
            scope = it->second;
          } else if (u.district_code) {
            scope = labels.District(*u.district_code);
          }
          std::string status = "正常";
          if (u.disabled_at) {
            status = "已停用";
          } else if (u.locked_until && *u.locked_until > now) {
            status = "已锁定";
          }
          return emit({TextCell(u.username), TextCell(u.display_name), TextCell(roles),
                       TextCell(scope), TextCell(status), TextCell(TimeText(u.created_at))});
        });
  });
}

Result<ExportFile> ExportRoster(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kRegistryReaders));
  const SheetSpec spec{"花名册",
                       "class.roster_export",
                       "class:" + std::to_string(class_id),
                       {"序号", "姓名", "身份证号", "人员类别"}};
  return RunExport(ctx, actor, spec, "", [&](ports::StoreTx& tx, const Emit& emit) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto cls, GetClassIn(tx, actor, class_id));
    const Labels labels(ctx);
    int64_t n = 0;
    for (const auto& r : cls.roster) {
      ANPEI_RETURN_IF_ERROR(
          emit({NumberCell(++n), TextCell(r.name), TextCell(domain::MaskIdNumber(r.id_number)),
                TextCell(labels.Group(r.group))}));
    }
    return Status::Ok();
  });
}

Result<ExportFile> ExportEvidenceChecklist(const AppContext& ctx, const Actor& actor,
                                           int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceReaders));
  const SheetSpec spec{"证据材料清单",
                       "class.evidence_checklist_export",
                       "class:" + std::to_string(class_id),
                       {"序号", "要求", "状态", "依据条款", "核验情况", "计入/需要", "问题"}};
  return RunExport(ctx, actor, spec, "", [&](ports::StoreTx& tx, const Emit& emit) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto checklist, EvidenceChecklistIn(ctx, tx, actor, class_id));
    int64_t n = 0;
    for (const auto& i : checklist.items) {
      std::string problems;
      for (const auto& p : i.problems) {
        problems += (problems.empty() ? "" : "\n") + p.message + "（" + p.clause + "）";
      }
      ANPEI_RETURN_IF_ERROR(
          emit({NumberCell(++n), TextCell(i.title),
                TextCell(std::string(domain::ChecklistStateName(i.state))), TextCell(i.clause),
                TextCell(i.message),
                TextCell(i.required > 0 ? std::to_string(i.have) + "/" + std::to_string(i.required)
                                        : ""),
                TextCell(problems)}));
    }
    return Status::Ok();
  });
}

Result<ExportFile> ExportCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kCompletionReaders));
  const SheetSpec spec{"结业审核",
                       "class.completion_export",
                       "class:" + std::to_string(class_id),
                       {"序号", "姓名", "身份证号", "实到课时", "计划课时", "考核成绩", "核验结果",
                        "未通过的规则", "补贴（元）", "审核结论", "理由", "政策版本", "依据摘要"}};
  return RunExport(ctx, actor, spec, "", [&](ports::StoreTx& tx, const Emit& emit) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto view, CompletionViewIn(ctx, tx, actor, class_id));
    int64_t n = 0;
    for (const auto& t : view.trainees) {
      const auto& v = t.verdict;
      std::string failed;
      if (v) {
        for (const auto& r : v->verdict.rules) {
          if (!r.passed)
            failed += (failed.empty() ? "" : "\n") + r.rule + "（" + r.clause + "）" + r.message;
        }
      }
      ANPEI_RETURN_IF_ERROR(emit(
          {NumberCell(++n), TextCell(t.name), TextCell(t.id_number), NumberCell(t.attended_hours),
           NumberCell(t.planned_hours), t.score ? NumberCell(*t.score) : ports::Cell{},
           TextCell(!v ? "未核验" : (v->verdict.eligible ? "符合" : "不符合")), TextCell(failed),
           v ? NumberCell(v->verdict.subsidy_yuan) : ports::Cell{},
           TextCell(v ? std::string(domain::TraineeReviewName(v->review)) : ""),
           TextCell(v ? v->review_reason : ""),
           TextCell(v ? v->policy_id + " 第 " + std::to_string(v->policy_version) + " 版" : ""),
           TextCell(v ? v->inputs_hash : "")}));
    }
    return Status::Ok();
  });
}

Result<ExportFile> ExportPublicityBatch(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPublicityReaders));
  const SheetSpec spec{"公示名单",
                       "publicity.export",
                       "publicity_batch:" + std::to_string(id),
                       {"序号", "姓名", "身份证号", "职业（工种）", "等级", "培训机构", "培训班",
                        "补贴（元）", "公示期", "备注"}};
  return RunExport(ctx, actor, spec, "", [&](ports::StoreTx& tx, const Emit& emit) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto view, BatchIn(ctx, tx, actor, id));
    const std::string period = view.batch.opens_on + " 至 " + view.batch.closes_on;
    int64_t n = 0;
    for (const auto& e : view.entries) {
      ANPEI_RETURN_IF_ERROR(
          emit({NumberCell(++n), TextCell(e.masked_name), TextCell(e.masked_id_number),
                TextCell(e.occupation_name), TextCell(e.level), TextCell(e.institution_name),
                TextCell(e.class_title), NumberCell(e.subsidy_yuan), TextCell(period),
                TextCell(e.withdrawn ? "经异议核实，不予补贴" : "")}));
    }
    return Status::Ok();
  });
}

Result<ExportFile> ExportCalendarYears(const AppContext& ctx, const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  const SheetSpec spec{"工作日历",
                       "calendar.export",
                       "calendar",
                       {"年份", "生效来源", "版本", "通知文号", "导入人", "导入时间"}};
  return RunExport(ctx, actor, spec, "", [&](ports::StoreTx& tx, const Emit& emit) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto years, ListCalendarYearsIn(ctx, tx, actor));
    for (const auto& y : years) {
      const auto& s = y.stored;
      ANPEI_RETURN_IF_ERROR(emit(
          {NumberCell(y.year), TextCell(s ? "数据库导入" : "随软件发布"),
           s ? NumberCell(s->version) : ports::Cell{}, TextCell(s ? s->notice : y.shipped_notice),
           TextCell(s ? s->imported_by : ""), TextCell(s ? TimeText(s->imported_at) : "")}));
    }
    return Status::Ok();
  });
}

Result<ExportFile> ExportAuditXlsx(const AppContext& ctx, const Actor& actor,
                                   const ports::AuditFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAuditReaders));
  const SheetSpec spec{"审计日志",
                       "audit.export",
                       "audit",
                       {"序号", "时间", "操作人", "角色", "操作", "对象", "详情", "变更摘要"}};
  const std::string note = FilterNote()
                               .Value("actor", filter.actor)
                               .Value("action", filter.action)
                               .Value("target", filter.target)
                               .text();
  return RunExport(ctx, actor, spec, note, [&](ports::StoreTx& tx, const Emit& emit) -> Status {
    ports::AuditFilter f = filter;
    f.newest_first = false;  // the chain's order
    for (;;) {
      ANPEI_ASSIGN_OR_RETURN(auto page, tx.audit().ListAudit(f, {1, kExportPageSize}));
      if (page.items.empty()) return Status::Ok();
      f.after_seq = page.items.back().seq;
      for (const auto& e : page.items) {
        const std::string role = RolesText(e.role);
        std::string digests;
        if (!e.before_digest.empty()) digests += "前 " + e.before_digest;
        if (!e.after_digest.empty())
          digests += (digests.empty() ? "后 " : "\n后 ") + e.after_digest;
        ANPEI_RETURN_IF_ERROR(
            emit({NumberCell(e.seq), TextCell(TimeText(e.at)), TextCell(e.actor), TextCell(role),
                  TextCell(e.action), TextCell(e.target), TextCell(e.detail), TextCell(digests)}));
      }
    }
  });
}

}  // namespace anpei::app
