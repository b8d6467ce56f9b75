// The SheetWriterFactory over libxlsxwriter in constant_memory mode: each row is written to a
// temporary file as soon as the next one starts, so a 100 000-row export keeps memory flat; the
// workbook is assembled in a temporary file (libxlsxwriter 1.1 writes only to files) that is read
// back and removed by Finish. Text cells are inline strings with the text format "@".
#pragma once

#include <memory>

#include "ports/sheet_writer.h"

namespace anpei::adapters {

std::shared_ptr<const ports::SheetWriterFactory> MakeXlsxWriterFactory();

}  // namespace anpei::adapters
