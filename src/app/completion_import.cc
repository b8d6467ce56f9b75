// The assessment scores as a spreadsheet (app/completion.h ImportScores): columns 身份证号 and
// 成绩 (姓名 optional, checked against the roster), all or nothing, a row report by the sheet's
// own row numbers.
#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/completion.h"
#include "app/review.h"
#include "app/sheet_table.h"
#include "domain/identity.h"

namespace anpei::app {
namespace {

using domain::ClassState;

// A whole number 0..100 as a cell holds it ("85", "85.0").
std::optional<int> ScoreOf(const std::string& text) {
  std::string t = text;
  if (const size_t dot = t.find('.'); dot != std::string::npos) {
    if (t.find_first_not_of('0', dot + 1) != std::string::npos) return std::nullopt;
    t = t.substr(0, dot);
  }
  if (t.empty() || t.size() > 3 || t.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int v = std::stoi(t);
  if (v > 100) return std::nullopt;
  return v;
}

}  // namespace

Result<ScoreImportOutcome> ImportScores(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        std::string bytes, const std::string& file_name,
                                        bool dry_run) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, {domain::kRoleInstitution}));
  // The class first (404 / 403 / 409 before the file is read).
  ANPEI_ASSIGN_OR_RETURN(
      auto cls,
      InTx<domain::TrainingClass>(ctx, ports::TxMode::kRead, [&](ports::StoreTx& tx, auto& c) {
        ANPEI_ASSIGN_OR_RETURN(c, ScoresClass(tx, actor, class_id));
        return Status::Ok();
      }));
  if (file_name.empty()) {
    return Status::Invalid("file",
                           "请以 multipart/form-data 在字段 file 中上传成绩表（.xlsx 或 .csv）");
  }
  const std::vector<TableColumn> columns = {
      {"id_number", {"身份证号", "身份证号码", "公民身份号码", "证件号码"}, true, true},
      {"score", {"成绩", "考核成绩", "结业考核成绩", "分数"}, true, false},
      {"name", {"姓名"}, false, false}};
  ANPEI_ASSIGN_OR_RETURN(auto table, ReadTable(ctx, std::move(bytes), file_name, columns, 2000));
  ScoreImportOutcome out;
  out.dry_run = dry_run;
  out.file_name = file_name;
  std::vector<ScoreInput> scores;
  std::set<int64_t> seen;
  for (const auto& row : table.rows) {
    auto err = [&](std::string field, std::string message) {
      out.errors.push_back({row.number, std::move(field), std::move(message)});
    };
    if (!row.fault.empty()) {
      err("id_number", row.fault);
      continue;
    }
    const std::string id = domain::CanonicalPersonId(row.cells.at("id_number"));
    const domain::RosterEntry* entry = nullptr;
    for (const auto& e : cls.roster) {
      if (domain::CanonicalPersonId(e.id_number) == id) entry = &e;
    }
    if (id.empty()) {
      err("id_number", "缺少身份证号");
      continue;
    }
    if (!entry) {
      err("id_number", "身份证号 " + domain::MaskIdNumber(id) + " 不在本培训班的花名册中");
      continue;
    }
    const std::string& name = row.cells.at("name");
    if (!name.empty() && name != entry->name) {
      err("name", "姓名「" + name + "」与花名册不符");
      continue;
    }
    const auto score = ScoreOf(row.cells.at("score"));
    if (!score) {
      err("score", "成绩应为 0–100 的整数，收到「" + row.cells.at("score") + "」");
      continue;
    }
    if (!seen.insert(entry->trainee_id).second) {
      err("id_number", "同一学员的成绩重复");
      continue;
    }
    scores.push_back({entry->trainee_id, *score});
  }
  out.rows = static_cast<int64_t>(scores.size());
  if (scores.empty() && out.errors.empty()) {
    return Status::Invalid("file", "文件「" + file_name + "」中没有成绩行")
        .WithReason("sheet.empty");
  }
  if (dry_run || !out.errors.empty()) return out;
  ANPEI_ASSIGN_OR_RETURN(out.view, PutScores(ctx, actor, class_id, scores));
  return out;
}

}  // namespace anpei::app
