// Port: reading a spreadsheet (XLSX or CSV) as offices make it, row by row, without holding the
// sheet in memory. The reader keeps each cell's type, so a rule can refuse an identifier that a
// spreadsheet turned into a number. Implemented by adapters/sheet (libzip + libxml2's streaming
// reader for XLSX; iconv for CSV encodings).
//
// Failures (InvalidArgument, field "file", a Chinese message, reason "sheet.*"): not a spreadsheet,
// damaged, encrypted, over a limit (reason sheet.too_large — a zip bomb is refused this way before
// it is inflated past the limit), a cell too long.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace anpei::ports {

enum class CellKind { kEmpty, kText, kNumber, kBool, kError, kDate };

struct Cell {
  CellKind kind = CellKind::kEmpty;
  std::string
      text;  // UTF-8; for a number, the value as the file stores it ("3.50503199001019E+17")
};

struct SheetRow {
  int64_t number = 0;       // the spreadsheet's own row number (1-based, as Excel shows it)
  std::vector<Cell> cells;  // by column, A = 0; trailing empty cells may be missing
};

struct SheetLimits {
  int64_t max_file_bytes = 20 << 20;         // the upload as sent
  int64_t max_inflated_bytes = 200ll << 20;  // all XLSX parts read, decompressed
  int64_t max_entries = 10000;               // entries in the XLSX archive
  int64_t max_rows = 1'100'000;              // rows of one sheet
  int64_t max_columns = 256;                 // cells of one row
  int64_t max_cell_bytes = 4096;             // one cell's text
};

struct SheetInfo {
  std::string name;  // as the workbook names it ("花名册"); a CSV's one sheet is named "CSV"
  bool visible = true;
};

// Return false to stop reading the sheet early (e.g. no header among the first rows).
using RowVisitor = std::function<Result<bool>(const SheetRow&)>;

class Workbook {
 public:
  virtual ~Workbook() = default;
  virtual const std::vector<SheetInfo>& sheets() const = 0;
  // Streams the rows of sheet `index` (of sheets()) in file order; empty rows are skipped.
  virtual Status ReadRows(size_t index, const RowVisitor& visit) = 0;
};

class SpreadsheetReader {
 public:
  virtual ~SpreadsheetReader() = default;
  // Opens `bytes` (kept by the workbook); the format is taken from the content (an XLSX is a zip
  // archive), the file name only words the messages.
  virtual Result<std::unique_ptr<Workbook>> Open(std::string bytes, std::string_view file_name,
                                                 const SheetLimits& limits) const = 0;
};

}  // namespace anpei::ports
