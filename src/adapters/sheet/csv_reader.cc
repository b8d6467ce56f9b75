// CSV as Excel and WPS save it on Chinese Windows: "CSV UTF-8" (with a byte order mark), plain
// "CSV" (GB18030, no mark), "Unicode 文本" (UTF-16 LE with a mark, tab-separated). The text is
// decoded to UTF-8 once (glibc's iconv), then split by RFC 4180 (quoted fields may hold the
// separator, quotes and line breaks). Every cell is text: a CSV has no cell types, so the rules
// look at the text itself (e.g. "3.50503E+17" in an ID column).
#include <iconv.h>

#include <cerrno>
#include <optional>

#include "adapters/sheet/sheet_reader.h"

namespace anpei::adapters {
namespace {

using ports::SheetLimits;

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    if (c < 0x80) {
      n = 0;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
    } else {
      return false;
    }
    if (i + n >= s.size() && n > 0) return false;
    for (size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}

// Converts `in` from `from` to UTF-8 with iconv; nullopt when the bytes are not in that encoding.
std::optional<std::string> Convert(std::string_view in, const char* from) {
  iconv_t cd = iconv_open("UTF-8", from);
  // iconv_open's failure value is (iconv_t)-1 (POSIX).
  // NOLINTNEXTLINE(performance-no-int-to-ptr)
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t done = 0;
  bool ok = true;
  while (src_left > 0) {
    char* dst = out.data() + done;
    size_t dst_left = out.size() - done;
    const size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
    done = out.size() - dst_left;
    if (r == static_cast<size_t>(-1)) {
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
        continue;
      }
      ok = false;  // EILSEQ / EINVAL: not this encoding, or cut off
      break;
    }
  }
  iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(done);
  return out;
}

Result<std::string> Decode(std::string bytes) {
  if (std::string_view(bytes).starts_with("\xEF\xBB\xBF")) {
    if (!ValidUtf8(std::string_view(bytes).substr(3))) {
      return SheetError("sheet.encoding", "文件标明为 UTF-8，但含有无效的 UTF-8 字节");
    }
    return bytes.substr(3);
  }
  for (auto [bom, enc] : {std::pair{"\xFF\xFE", "UTF-16LE"}, {"\xFE\xFF", "UTF-16BE"}}) {
    if (std::string_view(bytes).starts_with(bom)) {
      auto out = Convert(std::string_view(bytes).substr(2), enc);
      if (!out) return SheetError("sheet.encoding", "文件标明为 UTF-16，但内容无法按 UTF-16 读取");
      return std::move(*out);
    }
  }
  if (ValidUtf8(bytes)) return bytes;
  auto out = Convert(bytes, "GB18030");
  if (!out) {
    return SheetError("sheet.encoding",
                      "无法识别文件的文字编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后再上传");
  }
  return std::move(*out);
}

// Tab when the first line has more tabs than commas outside quotes (Excel's "Unicode 文本").
char Separator(std::string_view text) {
  size_t tabs = 0, commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == '\n' || c == '\r')) break;
    if (!quoted) tabs += c == '\t', commas += c == ',';
  }
  return tabs > commas ? '\t' : ',';
}

class CsvWorkbook final : public ports::Workbook {
 public:
  CsvWorkbook(std::string text, const SheetLimits& limits)
      : text_(std::move(text)), limits_(limits), sheets_{{"CSV", true}} {}

  const std::vector<ports::SheetInfo>& sheets() const override { return sheets_; }

  Status ReadRows(size_t index, const ports::RowVisitor& visit) override {
    if (index != 0) return Status::Invalid("sheet", "工作表不存在");
    const char sep = Separator(text_);
    ports::SheetRow row;
    std::string field;
    bool quoted = false, was_quoted = false;
    int64_t record = 1;
    auto end_field = [&]() -> Status {
      if (static_cast<int64_t>(row.cells.size()) >= limits_.max_columns) {
        return SheetError("sheet.too_many_columns", "第 " + std::to_string(record) + " 行超过 " +
                                                        std::to_string(limits_.max_columns) +
                                                        " 列");
      }
      ports::Cell cell;
      cell.kind = field.empty() && !was_quoted ? ports::CellKind::kEmpty : ports::CellKind::kText;
      cell.text = std::move(field);
      row.cells.push_back(std::move(cell));
      field.clear();
      was_quoted = false;
      return Status::Ok();
    };
    auto end_row = [&]() -> Result<bool> {
      ANPEI_RETURN_IF_ERROR(end_field());
      row.number = record++;
      if (row.number > limits_.max_rows) {
        return SheetError("sheet.too_many_rows",
                          "文件超过 " + std::to_string(limits_.max_rows) + " 行");
      }
      bool any = false;
      for (const auto& c : row.cells) any = any || !c.text.empty();
      bool go_on = true;
      if (any) {
        ANPEI_ASSIGN_OR_RETURN(bool v, visit(row));
        go_on = v;
      }
      row.cells.clear();
      return go_on;
    };
    const size_t n = text_.size();
    for (size_t i = 0; i < n; ++i) {
      const char c = text_[i];
      if (quoted) {
        if (c == '"' && i + 1 < n && text_[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c == '"' && field.empty()) {
        quoted = was_quoted = true;
      } else if (c == sep) {
        ANPEI_RETURN_IF_ERROR(end_field());
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < n && text_[i + 1] == '\n') ++i;
        ANPEI_ASSIGN_OR_RETURN(bool go_on, end_row());
        if (!go_on) return Status::Ok();
      } else {
        field += c;
      }
      if (static_cast<int64_t>(field.size()) > limits_.max_cell_bytes) {
        return SheetError("sheet.cell_too_long",
                          "第 " + std::to_string(record) + " 行有单元格超过 " +
                              std::to_string(limits_.max_cell_bytes) + " 字节（可能缺少一个引号）");
      }
    }
    if (!field.empty() || was_quoted || !row.cells.empty()) {
      ANPEI_ASSIGN_OR_RETURN(bool unused, end_row());
      (void)unused;
    }
    return Status::Ok();
  }

 private:
  std::string text_;
  SheetLimits limits_;
  std::vector<ports::SheetInfo> sheets_;
};

}  // namespace

Result<std::unique_ptr<ports::Workbook>> OpenCsv(std::string bytes, std::string_view,
                                                 const SheetLimits& limits) {
  ANPEI_ASSIGN_OR_RETURN(auto text, Decode(std::move(bytes)));
  return std::unique_ptr<ports::Workbook>(std::make_unique<CsvWorkbook>(std::move(text), limits));
}

}  // namespace anpei::adapters
