// A simple table read from an uploaded spreadsheet (XLSX or CSV, adapters/sheet): the header row
// is found among the first rows of the first visible sheet that has every required column (by
// any of its accepted titles), then each data row's cells of the wanted columns as text, with
// the sheet's own row numbers. An ID number stored as a number (Excel keeps 15 digits) is a
// fault of that row. Used by the assessment score and exclusion list imports (app/completion.h,
// app/exclusions.h).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/context.h"

namespace anpei::app {

struct TableColumn {
  std::string id;                   // "id_number"
  std::vector<std::string> titles;  // accepted header texts ("身份证号", "身份证号码", …)
  bool required = false;
  bool identifier = false;  // a number-formatted cell is refused (digits lost)
};

struct TableRow {
  int64_t number = 0;                        // the sheet's row number
  std::map<std::string, std::string> cells;  // column id -> text ("" when empty)
  std::string fault;                         // a cell's fault, Chinese ("" when none)
};

struct Table {
  std::string sheet;
  int64_t header_row = 0;
  std::vector<TableRow> rows;
};

// InvalidArgument (field "file", reason "sheet.no_header") when no sheet has the required
// columns among its first 10 rows; over `max_rows` data rows: reason "sheet.too_many_rows".
Result<Table> ReadTable(const AppContext& ctx, std::string bytes, const std::string& file_name,
                        const std::vector<TableColumn>& columns, size_t max_rows);

}  // namespace anpei::app
