// The SpreadsheetReader: XLSX through libzip and libxml2's streaming xmlTextReader (no DOM of
// any part; rows are handed out one at a time), CSV in UTF-8 with or without a byte order mark,
// UTF-16 LE/BE with one (Excel's "Unicode 文本", tab-separated) or GB18030 (Excel's "CSV" on
// Chinese Windows) through iconv. Limits (ports::SheetLimits) are enforced while inflating, so a
// zip bomb stops at the limit instead of filling memory.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "ports/spreadsheet.h"

namespace anpei::adapters {

std::shared_ptr<const ports::SpreadsheetReader> MakeSheetReader();

// The parts, for tests and the benchmark.
Result<std::unique_ptr<ports::Workbook>> OpenXlsx(std::string bytes, std::string_view file_name,
                                                  const ports::SheetLimits& limits);
Result<std::unique_ptr<ports::Workbook>> OpenCsv(std::string bytes, std::string_view file_name,
                                                 const ports::SheetLimits& limits);

// Errors of the readers: InvalidArgument on field "file" with a reason key ("sheet.too_large").
Status SheetError(std::string reason, std::string message);

}  // namespace anpei::adapters
