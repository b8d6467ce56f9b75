#include "adapters/sheet/sheet_reader.h"

namespace anpei::adapters {
namespace {

class SheetReader final : public ports::SpreadsheetReader {
 public:
  Result<std::unique_ptr<ports::Workbook>> Open(std::string bytes, std::string_view file_name,
                                                const ports::SheetLimits& limits) const override {
    if (static_cast<int64_t>(bytes.size()) > limits.max_file_bytes) {
      return SheetError("sheet.too_large", "文件大小 " + std::to_string(bytes.size() >> 20) +
                                               " MB，超过上限 " +
                                               std::to_string(limits.max_file_bytes >> 20) + " MB");
    }
    if (bytes.empty()) return SheetError("sheet.empty", "上传的文件是空的");
    // An XLSX is a zip archive ("PK\3\4"); the legacy .xls (OLE2) is named so the user can
    // re-save it.
    if (std::string_view(bytes).starts_with("PK\x03\x04"))
      return OpenXlsx(std::move(bytes), file_name, limits);
    if (std::string_view(bytes).starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
      return SheetError(
          "sheet.legacy_xls",
          "不支持旧版 Excel 97–2003 工作簿（.xls），请在 Excel 中另存为 .xlsx 后再上传");
    }
    return OpenCsv(std::move(bytes), file_name, limits);
  }
};

}  // namespace

Status SheetError(std::string reason, std::string message) {
  return Status::Invalid("file", std::move(message)).WithReason(std::move(reason));
}

std::shared_ptr<const ports::SpreadsheetReader> MakeSheetReader() {
  return std::make_shared<SheetReader>();
}

}  // namespace anpei::adapters
