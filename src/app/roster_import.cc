#include "app/roster_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/classes.h"
#include "app/enrolment.h"
#include "app/registry.h"
#include "domain/identity.h"
#include "domain/roster_sheet.h"

namespace anpei::app {
namespace {

using domain::RosterField;
using ports::CellKind;
using ports::TxMode;

// The trainee group a cell names: its id, its name ("辅警（交通管理员）") or the name without the
// parenthesised part ("辅警"), compared after the same normalisation; otherwise the text itself,
// which the field check then refuses.
std::string GroupIdOf(const AppContext& ctx, const std::string& cell) {
  std::string text = ctx.text->Identifier(cell);
  for (const auto& [id, policy] : ctx.reference->policies()) {
    for (const auto& g : policy.trainee_groups) {
      const std::string name = ctx.text->Identifier(g.name);
      if (text == g.id || text == name) return g.id;
      const size_t paren = name.find('(');
      if (paren != std::string::npos && paren > 0 && text == name.substr(0, paren)) return g.id;
    }
  }
  return text;
}

RowError CellFault(int64_t row, RosterField f, std::string message, std::string reason) {
  return RowError{
      row, std::string(domain::RosterFieldId(f)), std::move(message), std::move(reason), "", "",
      {}};
}

// The text of one cell for field `f`, or the reason it cannot be trusted. An identifier in a
// number cell has lost its last digits (Excel keeps 15 significant digits): refused, never
// guessed. A phone number fits in 15 digits, so a whole-number phone cell is fine.
Result<std::string> CellText(const ports::Cell& cell, RosterField f, int64_t row,
                             std::optional<RowError>& fault) {
  const bool id = f == RosterField::kIdNumber;
  switch (cell.kind) {
    case CellKind::kEmpty:
      return std::string();
    case CellKind::kText:
      if (id && domain::LooksLikeScientificNumber(cell.text)) break;
      return cell.text;
    case CellKind::kNumber:
      if (!id && cell.text.find_first_not_of("0123456789") == std::string::npos) return cell.text;
      if (f == RosterField::kName || f == RosterField::kGroup) return cell.text;
      break;
    case CellKind::kBool:
    case CellKind::kError:
    case CellKind::kDate:
      fault = CellFault(row, f, "单元格内容「" + cell.text + "」不是文本", "roster.cell_type");
      return std::string();
  }
  fault = CellFault(
      row, f,
      std::string(domain::RosterFieldName(f)) + "列的单元格是数字格式（" + cell.text +
          "），Excel 只保留 15 位有效数字，号码已经失真。请把该列设置为“文本”格式后重新输入号码，"
          "再导入",
      id ? "roster.numeric_id_cell" : "roster.numeric_cell");
  return std::string();
}

struct SheetRead {
  std::string sheet;
  int64_t header_row = 0;
  std::vector<RosterRow> rows;
};

// Finds the header among the first rows of the first visible worksheet that has one, then reads
// its data rows.
Result<SheetRead> ReadRosterSheet(const AppContext& ctx, std::string bytes,
                                  const std::string& file_name) {
  // A roster is small: a few megabytes inflated hold far more than kMaxImportRows rows.
  ports::SheetLimits limits;
  limits.max_inflated_bytes = 32 << 20;
  limits.max_rows = static_cast<int64_t>(kMaxImportRows) + 100;
  ANPEI_ASSIGN_OR_RETURN(auto wb, ctx.sheets->Open(std::move(bytes), file_name, limits));
  SheetRead out;
  std::string best_missing;  // of the best candidate header, for the message
  for (size_t s = 0; s < wb->sheets().size() && out.header_row == 0; ++s) {
    if (!wb->sheets()[s].visible) continue;
    domain::RosterColumns cols;
    int seen = 0;
    ANPEI_RETURN_IF_ERROR(wb->ReadRows(s, [&](const ports::SheetRow& r) -> Result<bool> {
      if (out.header_row == 0) {
        std::vector<std::string> texts;
        for (const auto& c : r.cells) texts.push_back(ctx.text->Text(c.text));
        const auto m = domain::MatchRosterHeader(texts);
        if (m.Complete()) {
          cols = m;
          out.header_row = r.number;
          out.sheet = wb->sheets()[s].name;
        } else if (m.Found() >= 2 && best_missing.empty()) {
          best_missing = m.Missing();
        }
        return ++seen < domain::kRosterHeaderSearchRows || out.header_row != 0;
      }
      if (out.rows.size() >= kMaxImportRows) {
        return Status::Invalid("file", "一次最多导入 " + std::to_string(kMaxImportRows) +
                                           " 行，请拆分文件后分批导入")
            .WithReason("roster.too_many_rows");
      }
      RosterRow row;
      row.row = r.number;
      for (RosterField f :
           {RosterField::kName, RosterField::kIdNumber, RosterField::kPhone, RosterField::kGroup}) {
        const int col = cols.Of(f);
        if (col < 0 || col >= static_cast<int>(r.cells.size())) continue;
        std::optional<RowError> fault;
        ANPEI_ASSIGN_OR_RETURN(auto text, CellText(r.cells[col], f, r.number, fault));
        if (fault && !row.cell_fault) {
          row.cell_fault = std::move(fault);
        } else if (fault) {
          row.cell_fault->faults.push_back(std::move(*fault));
        }
        switch (f) {
          case RosterField::kName:
            row.trainee.name = std::move(text);
            break;
          case RosterField::kIdNumber:
            row.trainee.id_number = std::move(text);
            break;
          case RosterField::kPhone:
            row.trainee.phone = std::move(text);
            break;
          case RosterField::kGroup:
            row.trainee.group = GroupIdOf(ctx, text);
            break;
        }
      }
      out.rows.push_back(std::move(row));
      return true;
    }));
  }
  if (out.header_row == 0) {
    return Status::Invalid("file",
                           "在工作表前 " + std::to_string(domain::kRosterHeaderSearchRows) +
                               " 行中没有找到表头" +
                               (best_missing.empty() ? "" : "（缺少列：" + best_missing + "）") +
                               "。表头应含“姓名”“身份证号”“手机号”，可选“人员类别”")
        .WithReason("roster.no_header");
  }
  if (out.rows.empty()) {
    return Status::Invalid("file", "工作表「" + out.sheet + "」的表头（第 " +
                                       std::to_string(out.header_row) + " 行）下没有数据行")
        .WithReason("roster.no_rows");
  }
  return out;
}

void Fail(ImportOutcome& out, RowReport& report, std::vector<RowError> faults) {
  report.status = RowStatus::kError;
  RowError first = faults.front();
  first.faults = std::move(faults);
  out.errors.push_back(std::move(first));
}

bool HasFault(const std::vector<RowError>& faults, std::string_view field) {
  return std::any_of(faults.begin(), faults.end(),
                     [&](const RowError& e) { return e.field == field; });
}

// Every fault of one row (cells, fields, duplicates, age): a row is reported whole.
std::vector<RowError> RowFaults(const AppContext& ctx, const domain::TrainingClass& cls,
                                RosterRow& in, RowReport& report,
                                std::map<std::string, int64_t>& seen) {
  std::vector<RowError> faults;
  if (in.cell_fault) {
    std::vector<RowError> others = std::move(in.cell_fault->faults);
    in.cell_fault->faults.clear();
    faults.push_back(*in.cell_fault);
    for (auto& f : others) faults.push_back(std::move(f));
  }
  domain::Trainee t = std::move(in.trainee);
  for (const Status& st : TraineeFieldFaults(ctx, t, "")) {
    if (HasFault(faults, st.field())) continue;  // that cell's own fault says it better
    faults.push_back({in.row, st.field(), st.message(), std::string(st.reason()), "", "", {}});
  }
  report.trainee = t;
  if (HasFault(faults, "id_number")) return faults;
  auto [it, fresh] = seen.emplace(t.id_number, in.row);
  if (!fresh) {
    faults.push_back({in.row,
                      "id_number",
                      "与第 " + std::to_string(it->second) + " 行的身份证件号码重复",
                      "roster.duplicate_row",
                      "",
                      "",
                      {}});
    return faults;
  }
  if (auto fault = MinAgeFault(ctx, cls, t.id_number)) {
    fault->row = in.row;
    faults.push_back(std::move(*fault));
  }
  return faults;
}

// Checks every row against the rules and the store; fills out.rows / out.errors.
Status PlanRows(const AppContext& ctx, ports::StoreTx& tx, const domain::TrainingClass& cls,
                std::vector<RosterRow>& rows, ImportOutcome& out) {
  std::set<int64_t> on_roster;
  for (const auto& e : cls.roster) on_roster.insert(e.trainee_id);
  std::map<std::string, int64_t> seen;  // id number -> first row
  for (RosterRow& in : rows) {
    RowReport& report = out.rows.emplace_back();
    report.row = in.row;
    auto faults = RowFaults(ctx, cls, in, report, seen);
    if (!faults.empty()) {
      Fail(out, report, std::move(faults));
      continue;
    }
    // Whether the person was known, and under which name, is not reported (no existence oracle):
    // only what this class's own roster already shows.
    ANPEI_ASSIGN_OR_RETURN(auto existing,
                           tx.registry().FindTraineeByIdNumber(report.trainee.id_number));
    report.status = RowStatus::kNew;
    if (existing && on_roster.count(existing->id)) report.status = RowStatus::kOnRoster;
  }
  return Status::Ok();
}

// Writes the planned rows: enrols each person by identity and extends the roster; a name that
// differs from the person's also files a held enrolment (not reported: the row reads the same).
Status SaveRows(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                const domain::TrainingClass& cls, int64_t version, ImportOutcome& out) {
  domain::TrainingClass next = cls;
  for (RowReport& r : out.rows) {
    if (r.status == RowStatus::kOnRoster) {
      ++out.skipped;
      continue;
    }
    ANPEI_ASSIGN_OR_RETURN(auto resolved, ResolveIdentity(ctx, tx, cls.institution_id, r.trainee));
    if (resolved.mismatch) {
      ANPEI_RETURN_IF_ERROR(
          FileHeld(ctx, tx, actor, cls.institution_id, cls.id, resolved.trainee_id, r.trainee)
              .status());
    }
    ++out.added;
    next.roster.push_back(
        {resolved.trainee_id, r.trainee.name, r.trainee.id_number, r.trainee.group, ""});
  }
  if (next.roster.size() > kMaxRoster) {
    return Status::Invalid("rows",
                           "导入后学员将超过每班 " + std::to_string(kMaxRoster) + " 人的上限")
        .WithReason("roster.full");
  }
  if (out.added == 0) return Status::Ok();  // nobody joins now: the roster stays as it was
  next.updated_at = ctx.NowText();
  return tx.classes().UpdateClass(next, version);
}

}  // namespace

std::string_view RowStatusId(RowStatus s) {
  switch (s) {
    case RowStatus::kNew:
      return "new";
    case RowStatus::kOnRoster:
      return "on_roster";
    case RowStatus::kError:
      return "error";
  }
  return "error";
}

std::optional<RowError> MinAgeFault(const AppContext& ctx, const domain::TrainingClass& cls,
                                    const std::string& id_number) {
  auto policy = ctx.reference->FindPolicy(
      cls.policy_id.empty() ? std::string(kDefaultPolicyId) : cls.policy_id, "policy");
  if (!policy.ok()) return std::nullopt;
  const domain::Occupation* occ = (*policy)->FindOccupation(cls.occupation);
  const auto id = domain::CheckPersonId(id_number, ctx.Today());
  if (!occ || !id.ok()) return std::nullopt;
  domain::Date start = ctx.Today();
  if (!cls.sessions.empty()) {
    start = cls.sessions.front().date;
    for (const auto& s : cls.sessions) start = std::min(start, s.date);
  }
  auto message = domain::MinAgeViolation(*occ, id.birth_date, start);
  if (!message) return std::nullopt;
  const std::string rule(domain::kRuleRosterMinAge);
  return RowError{0, "id_number", *message, "roster.min_age", rule, (*policy)->ClauseOf(rule), {}};
}

Result<ImportOutcome> ImportRoster(const AppContext& ctx, const Actor& actor, int64_t id,
                                   int64_t version, std::vector<RosterRow> rows, bool dry_run) {
  if (rows.empty()) return Status::Invalid("rows", "导入文件没有数据行");
  if (rows.size() > kMaxImportRows) {
    return Status::Invalid("rows", "一次最多导入 " + std::to_string(kMaxImportRows) + " 行");
  }
  return InTx<ImportOutcome>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, ImportOutcome& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, EditableClass(tx, actor, id, version));
    out.dry_run = dry_run;
    ANPEI_RETURN_IF_ERROR(PlanRows(ctx, tx, cls, rows, out));
    if (!out.errors.empty() || dry_run) {
      out.cls = std::move(cls);
      return Status::Ok();  // nothing written
    }
    ANPEI_RETURN_IF_ERROR(SaveRows(ctx, tx, actor, cls, version, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(Audit(
        ctx, tx, actor, "class.roster_import", "class:" + std::to_string(id), Canon(cls), Canon(r),
        "导入 " + std::to_string(rows.size()) + " 行：加入名单 " + std::to_string(out.added) +
            " 名，已在名单中跳过 " + std::to_string(out.skipped) + " 名",
        Changes(ctx, cls, r)));
    out.saved = true;
    out.cls = std::move(r);
    return Status::Ok();
  });
}

Result<ImportOutcome> ImportRosterFile(const AppContext& ctx, const Actor& actor, int64_t id,
                                       int64_t version, std::string bytes,
                                       const std::string& file_name, bool dry_run) {
  // Who may import into this class is settled before the file is read.
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    return EditableClass(tx, actor, id, version).status();
  }));
  ANPEI_ASSIGN_OR_RETURN(auto sheet, ReadRosterSheet(ctx, std::move(bytes), file_name));
  ANPEI_ASSIGN_OR_RETURN(auto out,
                         ImportRoster(ctx, actor, id, version, std::move(sheet.rows), dry_run));
  out.sheet = std::move(sheet.sheet);
  out.header_row = sheet.header_row;
  return out;
}

Result<domain::TrainingClass> RemoveFromRoster(const AppContext& ctx, const Actor& actor,
                                               int64_t id, int64_t trainee_id, int64_t version) {
  return InTx<domain::TrainingClass>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, EditableClass(tx, actor, id, version));
    domain::TrainingClass next = cls;
    std::erase_if(next.roster,
                  [&](const domain::RosterEntry& e) { return e.trainee_id == trainee_id; });
    if (next.roster.size() == cls.roster.size()) {
      return Status(Code::kNotFound, "学员 " + std::to_string(trainee_id) + " 不在本班名单中",
                    "trainee_id")
          .WithReason("roster.not_enrolled");
    }
    next.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.classes().UpdateClass(next, version));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.classes().GetClass(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "class.roster_remove",
                                "class:" + std::to_string(id), Canon(cls), Canon(r),
                                "移出学员 " + std::to_string(trainee_id), Changes(ctx, cls, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

}  // namespace anpei::app
