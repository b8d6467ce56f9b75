#include "app/sheet_table.h"

#include "domain/roster_sheet.h"

namespace anpei::app {
namespace {

// The header text as compared: normalised, spaces and a trailing asterisk (必填 mark) removed.
std::string Key(const AppContext& ctx, const std::string& text) {
  std::string t = ctx.text->Text(text);
  std::string out;
  for (char c : t) {
    if (c != ' ' && c != '*') out += c;
  }
  return out;
}

}  // namespace

Result<Table> ReadTable(const AppContext& ctx, std::string bytes, const std::string& file_name,
                        const std::vector<TableColumn>& columns, size_t max_rows) {
  ports::SheetLimits limits;
  limits.max_rows = static_cast<int64_t>(max_rows) + 100;
  ANPEI_ASSIGN_OR_RETURN(auto wb, ctx.sheets->Open(std::move(bytes), file_name, limits));
  Table out;
  std::string missing;
  for (size_t s = 0; s < wb->sheets().size() && out.header_row == 0; ++s) {
    if (!wb->sheets()[s].visible) continue;
    std::map<std::string, int> at;  // column id -> index
    int seen = 0;
    ANPEI_RETURN_IF_ERROR(wb->ReadRows(s, [&](const ports::SheetRow& r) -> Result<bool> {
      if (out.header_row == 0) {
        std::map<std::string, int> found;
        for (size_t i = 0; i < r.cells.size(); ++i) {
          const std::string k = Key(ctx, r.cells[i].text);
          for (const auto& c : columns) {
            for (const auto& title : c.titles) {
              if (k == title && !found.count(c.id)) found[c.id] = static_cast<int>(i);
            }
          }
        }
        std::string lacks;
        for (const auto& c : columns) {
          if (c.required && !found.count(c.id)) lacks += (lacks.empty() ? "" : "、") + c.titles[0];
        }
        if (lacks.empty()) {
          at = found;
          out.header_row = r.number;
          out.sheet = wb->sheets()[s].name;
        } else if (!found.empty() && missing.empty()) {
          missing = lacks;
        }
        return ++seen < 10 || out.header_row != 0;
      }
      if (out.rows.size() >= max_rows) {
        return Status::Invalid(
                   "file", "一次最多导入 " + std::to_string(max_rows) + " 行，请拆分文件后分批导入")
            .WithReason("sheet.too_many_rows");
      }
      TableRow row;
      row.number = r.number;
      bool any = false;
      for (const auto& c : columns) {
        auto it = at.find(c.id);
        std::string text;
        if (it != at.end() && it->second < static_cast<int>(r.cells.size())) {
          const ports::Cell& cell = r.cells[it->second];
          text = ctx.text->Text(cell.text);
          if (c.identifier && (cell.kind == ports::CellKind::kNumber ||
                               (cell.kind == ports::CellKind::kText &&
                                domain::LooksLikeScientificNumber(cell.text)))) {
            row.fault = c.titles[0] + "列的单元格是数字格式（" + cell.text +
                        "），Excel 只保留 15 位有效数字，号码已经失真。请把该列设置为“文本”格式后"
                        "重新输入号码，再导入";
          }
        }
        any = any || !text.empty();
        row.cells[c.id] = std::move(text);
      }
      if (any) out.rows.push_back(std::move(row));
      return true;
    }));
  }
  if (out.header_row == 0) {
    std::string titles;
    for (const auto& c : columns) {
      if (c.required) titles += (titles.empty() ? "" : "、") + c.titles[0];
    }
    return Status::Invalid("file", "文件「" + file_name + "」中找不到表头（须有列：" + titles +
                                       "）" + (missing.empty() ? "" : "，缺少：" + missing))
        .WithReason("sheet.no_header");
  }
  return out;
}

}  // namespace anpei::app
