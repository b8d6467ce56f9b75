#include "app/exclusions.h"

#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"
#include "app/sheet_table.h"
#include "domain/identity.h"

namespace anpei::app {
namespace {

using ports::TxMode;

bool ValidKindId(const std::string& id) {
  if (id.size() < 2 || id.size() > 32 || id[0] < 'a' || id[0] > 'z') return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Result<ports::ExclusionKind> FindKind(ports::StoreTx& tx, const std::string& id) {
  ANPEI_ASSIGN_OR_RETURN(auto kinds, tx.completion().ListExclusionKinds());
  std::string known;
  for (const auto& k : kinds) {
    if (k.id == id) return k;
    known += (known.empty() ? "" : "、") + k.id + "（" + k.name + "）";
  }
  return Status::Invalid("kind", "排除名单类别「" + id + "」不存在，可选：" + known)
      .WithReason("exclusion_kind.unknown");
}

}  // namespace

Status MayImportExclusions(const Actor& actor) { return NeedRole(actor, kExclusionImporters); }

Result<std::vector<ports::ExclusionKind>> ListExclusionKinds(const AppContext& ctx,
                                                             const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kExclusionReaders));
  using Out = std::vector<ports::ExclusionKind>;
  return InTx<Out>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Out& out) {
    ANPEI_ASSIGN_OR_RETURN(out, tx.completion().ListExclusionKinds());
    return Status::Ok();
  });
}

Result<ports::ExclusionKind> AddExclusionKind(const AppContext& ctx, const Actor& actor,
                                              ports::ExclusionKind kind) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kExclusionImporters));
  if (!ValidKindId(kind.id)) {
    return Status::Invalid("id", "类别编号应为 2–32 个小写字母、数字或下划线，以字母开头");
  }
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, kind.name, "name", "类别名称", 50, true));
  return InTx<ports::ExclusionKind>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_RETURN_IF_ERROR(tx.completion().InsertExclusionKind(kind));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "exclusion.kind_create",
                                "exclusion_kind:" + kind.id, "", kind.id + "|" + kind.name,
                                "新增排除名单类别「" + kind.name + "」"));
    out = kind;
    return Status::Ok();
  });
}

Result<ExclusionImportOutcome> ImportExclusionList(const AppContext& ctx, const Actor& actor,
                                                   const std::string& kind, std::string bytes,
                                                   const std::string& file_name, bool dry_run) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kExclusionImporters));
  const std::vector<TableColumn> columns = {
      {"id_number", {"身份证号", "身份证号码", "公民身份号码", "证件号码"}, true, true},
      {"name", {"姓名"}, false, false},
      {"valid_from", {"有效期起", "开始日期"}, false, false},
      {"valid_until", {"有效期止", "结束日期"}, false, false}};
  ANPEI_ASSIGN_OR_RETURN(auto table,
                         ReadTable(ctx, std::move(bytes), file_name, columns, kMaxExclusionRows));
  ExclusionImportOutcome out;
  out.dry_run = dry_run;
  out.kind = kind;
  out.file_name = file_name;
  std::vector<ports::ExclusionEntryInput> entries;
  std::set<std::string> seen;
  const domain::Date today = ctx.Today();
  for (const auto& row : table.rows) {
    auto err = [&](std::string field, std::string message) {
      out.errors.push_back({row.number, std::move(field), std::move(message)});
    };
    if (!row.fault.empty()) {
      err("id_number", row.fault);
      continue;
    }
    ports::ExclusionEntryInput e;
    e.id_number = domain::CanonicalPersonId(row.cells.at("id_number"));
    e.name = row.cells.at("name");
    const auto check = domain::CheckPersonId(e.id_number, today);
    if (e.id_number.empty()) {
      err("id_number", "缺少身份证号");
      continue;
    }
    if (!check.ok()) {
      err("id_number", "身份证号无效：" + check.detail);
      continue;
    }
    bool bad = false;
    for (const char* f : {"valid_from", "valid_until"}) {
      const std::string& text = row.cells.at(f);
      if (text.empty()) continue;
      auto d = domain::ParseDate(text, f);
      if (!d.ok()) {
        err(f, "日期应为 YYYY-MM-DD，收到「" + text + "」");
        bad = true;
        continue;
      }
      (std::string(f) == "valid_from" ? e.valid_from : e.valid_until) = d->ToString();
    }
    if (bad) continue;
    if (!seen.insert(e.id_number).second) continue;  // the same person twice: once is enough
    entries.push_back(std::move(e));
  }
  out.rows = static_cast<int64_t>(entries.size());
  if (entries.empty() && out.errors.empty()) {
    return Status::Invalid("file", "文件「" + file_name + "」中没有数据行")
        .WithReason("sheet.empty");
  }
  return InTx<ExclusionImportOutcome>(
      ctx, dry_run || !out.errors.empty() ? TxMode::kRead : TxMode::kWrite,
      [&](ports::StoreTx& tx, auto& result) {
        ANPEI_ASSIGN_OR_RETURN(auto k, FindKind(tx, kind));
        result = out;
        if (dry_run || !out.errors.empty()) return Status::Ok();
        ports::ExclusionBatch b;
        b.kind = k.id;
        b.file_name = file_name;
        b.imported_by = actor.user_id;
        b.imported_at = ctx.NowText();
        ANPEI_ASSIGN_OR_RETURN(result.batch_id, tx.completion().InsertExclusionBatch(b, entries));
        return Audit(ctx, tx, actor, "exclusion.import",
                     "exclusion_batch:" + std::to_string(result.batch_id), "",
                     k.id + "|" + file_name + "|" + std::to_string(entries.size()),
                     "导入排除名单「" + k.name + "」" + std::to_string(entries.size()) +
                         " 人（文件 " + file_name + "）");
      });
}

Result<std::vector<ports::ExclusionBatch>> ListExclusionBatches(const AppContext& ctx,
                                                                const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kExclusionReaders));
  using Out = std::vector<ports::ExclusionBatch>;
  return InTx<Out>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Out& out) {
    ANPEI_ASSIGN_OR_RETURN(out, tx.completion().ListExclusionBatches());
    return Status::Ok();
  });
}

}  // namespace anpei::app
