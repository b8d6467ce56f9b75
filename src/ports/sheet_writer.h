// Port: writing one list as an XLSX sheet, row by row with flat memory (rows go to a temporary
// file as they come, not to a table in memory), for the exports of the console's lists.
// Implemented by adapters/xlsx (libxlsxwriter in constant_memory mode).
//
// Text cells are written as text with the text number format ("@"): an identifier such as an
// 18-digit ID number or a credit code stays exactly as written when Excel opens the file (as a
// number it would lose its last digits). Number cells (hours, counts) are numbers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ports/spreadsheet.h"

namespace anpei::ports {

class SheetWriter {
 public:
  virtual ~SheetWriter() = default;
  // The first row: bold, frozen while scrolling; sets the columns' widths.
  virtual Status AddHeader(const std::vector<std::string>& titles) = 0;
  // The next row; a cell's kind is kText or kNumber (its text the number), kEmpty left blank.
  virtual Status AddRow(const std::vector<Cell>& cells) = 0;
  // Closes the workbook and hands back the file's bytes. No row may be added afterwards.
  virtual Result<std::string> Finish() = 0;
};

class SheetWriterFactory {
 public:
  virtual ~SheetWriterFactory() = default;
  // A workbook with one sheet named `sheet_name` (at most 31 characters, as Excel allows).
  virtual Result<std::unique_ptr<SheetWriter>> Create(std::string_view sheet_name) const = 0;
};

inline Cell TextCell(std::string text) { return Cell{CellKind::kText, std::move(text)}; }
inline Cell NumberCell(int64_t n) { return Cell{CellKind::kNumber, std::to_string(n)}; }

}  // namespace anpei::ports
