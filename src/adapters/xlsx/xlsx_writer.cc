#include "adapters/xlsx/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace anpei::adapters {
namespace {

// Excel's limit for one cell's text, in characters; we cut at a UTF-8 boundary below it in bytes.
constexpr size_t kMaxCellBytes = 32767;

std::string CellText(const std::string& text) {
  if (text.size() <= kMaxCellBytes) return text;
  size_t end = kMaxCellBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

Status WriteError(lxw_error err, const std::string& what) {
  return Status(Code::kInternal, "生成 XLSX 文件失败（" + what + "：" + lxw_strerror(err) + "）");
}

// Display width of a header in Excel's character units: CJK characters count two.
double WidthOf(const std::string& s) {
  double w = 0;
  for (unsigned char c : s) {
    if (c < 0x80)
      w += 1;
    else if ((c & 0xC0) != 0x80)
      w += 2;
  }
  return w;
}

class XlsxSheetWriter final : public ports::SheetWriter {
 public:
  ~XlsxSheetWriter() override {
    if (workbook_) workbook_close(workbook_);  // frees it; the partial file is removed below
    if (!path_.empty()) ::unlink(path_.c_str());
  }

  Status Open(std::string_view sheet_name) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/anpei-export-XXXXXX";
    int fd = ::mkstemp(templ.data());
    if (fd < 0) return Status(Code::kInternal, "生成 XLSX 文件失败（无法创建临时文件）");
    ::close(fd);
    path_ = templ;
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;  // a large export may pass 4 GB of XML before compression
    workbook_ = workbook_new_opt(path_.c_str(), &options);
    if (!workbook_) return Status(Code::kInternal, "生成 XLSX 文件失败（无法创建工作簿）");
    std::string name(sheet_name.substr(0, LXW_SHEETNAME_MAX));
    sheet_ = workbook_add_worksheet(workbook_, name.empty() ? nullptr : name.c_str());
    if (!sheet_) sheet_ = workbook_add_worksheet(workbook_, nullptr);
    if (!sheet_) return Status(Code::kInternal, "生成 XLSX 文件失败（无法创建工作表）");
    text_ = workbook_add_format(workbook_);
    format_set_num_format(text_, "@");
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_num_format(header_, "@");
    format_set_bg_color(header_, 0xE8EEF7);
    format_set_border(header_, LXW_BORDER_THIN);
    return Status::Ok();
  }

  Status AddHeader(const std::vector<std::string>& titles) override {
    if (row_ != 0) return Status(Code::kInternal, "表头应是第一行");
    for (size_t c = 0; c < titles.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const double width = std::max(10.0, WidthOf(titles[c]) + 4);
      // Column widths must be set before the first row is written in constant_memory mode.
      if (lxw_error e = worksheet_set_column(sheet_, col, col, width, nullptr); e != LXW_NO_ERROR)
        return WriteError(e, "列宽");
    }
    for (size_t c = 0; c < titles.size(); ++c) {
      lxw_error e = worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c),
                                           CellText(titles[c]).c_str(), header_);
      if (e != LXW_NO_ERROR) return WriteError(e, "表头");
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    row_ = 1;
    return Status::Ok();
  }

  Status AddRow(const std::vector<ports::Cell>& cells) override {
    if (row_ >= LXW_ROW_MAX) return Status(Code::kInternal, "超过 Excel 的行数上限");
    const auto row = static_cast<lxw_row_t>(row_);
    for (size_t c = 0; c < cells.size(); ++c) {
      const auto col = static_cast<lxw_col_t>(c);
      const ports::Cell& cell = cells[c];
      lxw_error e = LXW_NO_ERROR;
      if (cell.kind == ports::CellKind::kNumber) {
        char* end = nullptr;
        const double v = std::strtod(cell.text.c_str(), &end);
        if (end && *end == '\0' && !cell.text.empty()) {
          e = worksheet_write_number(sheet_, row, col, v, nullptr);
        } else {
          e = worksheet_write_string(sheet_, row, col, CellText(cell.text).c_str(), text_);
        }
      } else if (cell.kind != ports::CellKind::kEmpty && !cell.text.empty()) {
        e = worksheet_write_string(sheet_, row, col, CellText(cell.text).c_str(), text_);
      }
      if (e != LXW_NO_ERROR) return WriteError(e, "第 " + std::to_string(row_ + 1) + " 行");
    }
    ++row_;
    return Status::Ok();
  }

  Result<std::string> Finish() override {
    if (!workbook_) return Status(Code::kInternal, "工作簿已关闭");
    lxw_error e = workbook_close(workbook_);
    workbook_ = nullptr;
    if (e != LXW_NO_ERROR) return WriteError(e, "保存");
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in) return Status(Code::kInternal, "生成 XLSX 文件失败（无法读回临时文件）");
    return std::move(bytes).str();
  }

 private:
  std::string path_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_format* text_ = nullptr;
  lxw_format* header_ = nullptr;
  int64_t row_ = 0;
};

class XlsxWriterFactory final : public ports::SheetWriterFactory {
 public:
  Result<std::unique_ptr<ports::SheetWriter>> Create(std::string_view sheet_name) const override {
    auto w = std::make_unique<XlsxSheetWriter>();
    ANPEI_RETURN_IF_ERROR(w->Open(sheet_name));
    return std::unique_ptr<ports::SheetWriter>(std::move(w));
  }
};

}  // namespace

std::shared_ptr<const ports::SheetWriterFactory> MakeXlsxWriterFactory() {
  return std::make_shared<XlsxWriterFactory>();
}

}  // namespace anpei::adapters
