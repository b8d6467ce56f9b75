// XLSX (Office Open XML, ECMA-376) read as a stream: libzip inflates one part at a time into
// libxml2's xmlTextReader, a pull parser that holds one node, never the document. Only the parts
// a table needs are read: the workbook (sheet names, visibility), its relationships (which part
// is which sheet), the shared strings (the one table that must be kept, as Excel writes every text
// cell there: kept on disk, see shared_strings.h) and the sheets themselves. Every byte inflated
// counts against one budget.
#include <zip.h>

#include <libxml/xmlreader.h>

#include <map>
#include <mutex>
#include <optional>

#include "adapters/sheet/shared_strings.h"
#include "adapters/sheet/sheet_reader.h"

namespace anpei::adapters {
namespace {

using ports::Cell;
using ports::CellKind;
using ports::SheetLimits;

std::string Mb(int64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB"; }

Status TooLarge(const SheetLimits& limits) {
  return SheetError("sheet.too_large", "文件解压后超过 " + Mb(limits.max_inflated_bytes) +
                                           " 的上限，已拒绝（可能是“压缩炸弹”或数据过多，"
                                           "请拆分后分批导入）");
}

Status Damaged(std::string_view part, std::string_view detail) {
  return SheetError("sheet.damaged", "Excel 文件已损坏或不是 .xlsx 格式（" + std::string(part) +
                                         "：" + std::string(detail) +
                                         "），请在 Excel 中另存后再试");
}

// One part of the archive, inflated on demand for the XML reader. `budget` is shared by all
// parts of the workbook.
struct PartStream {
  zip_file_t* file = nullptr;
  int64_t* budget = nullptr;
  bool over_budget = false;
  bool read_error = false;

  static int Read(void* ctx, char* buf, int len) {
    auto* s = static_cast<PartStream*>(ctx);
    const zip_int64_t n = zip_fread(s->file, buf, static_cast<zip_uint64_t>(len));
    if (n < 0) {
      s->read_error = true;
      return -1;
    }
    *s->budget -= n;
    if (*s->budget < 0) {
      s->over_budget = true;
      return -1;
    }
    return static_cast<int>(n);
  }
  static int Close(void*) { return 0; }
};

// The xmlTextReader of one part, closed on destruction.
class PartReader {
 public:
  PartReader() = default;
  PartReader(const PartReader&) = delete;
  PartReader& operator=(const PartReader&) = delete;
  ~PartReader() {
    if (reader_) xmlFreeTextReader(reader_);
    if (stream_.file) zip_fclose(stream_.file);
  }

  Status Open(zip_t* zip, zip_int64_t index, int64_t* budget, std::string part) {
    part_ = std::move(part);
    stream_.file = zip_fopen_index(zip, static_cast<zip_uint64_t>(index), 0);
    if (!stream_.file) return Damaged(part_, zip_strerror(zip));
    stream_.budget = budget;
    // No network, no DTD loading, no entity substitution; a DOCTYPE is refused below.
    reader_ = xmlReaderForIO(&PartStream::Read, &PartStream::Close, &stream_, part_.c_str(),
                             nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!reader_) return Damaged(part_, "无法读取");
    return Status::Ok();
  }

  // Advances to the next node; false at the end of the part.
  Result<bool> Next(const SheetLimits& limits) {
    const int r = xmlTextReaderRead(reader_);
    if (r == 1) {
      if (xmlTextReaderNodeType(reader_) == XML_READER_TYPE_DOCUMENT_TYPE) {
        return Damaged(part_, "含有 DOCTYPE 声明");
      }
      return true;
    }
    if (r == 0) return false;
    if (stream_.over_budget) return TooLarge(limits);
    return Damaged(part_, stream_.read_error ? "解压失败" : "XML 格式错误");
  }

  int Type() const { return xmlTextReaderNodeType(reader_); }
  int Depth() const { return xmlTextReaderDepth(reader_); }
  bool Empty() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
  std::string_view LocalName() const { return View(xmlTextReaderConstLocalName(reader_)); }
  std::string_view Value() const { return View(xmlTextReaderConstValue(reader_)); }
  bool IsStart(std::string_view name) const {
    return Type() == XML_READER_TYPE_ELEMENT && LocalName() == name;
  }
  bool IsEnd(std::string_view name) const {
    return (Type() == XML_READER_TYPE_END_ELEMENT ||
            (Type() == XML_READER_TYPE_ELEMENT && Empty())) &&
           LocalName() == name;
  }
  bool IsText() const {
    const int t = Type();
    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
  }
  // An attribute by local name, any namespace ("r:id" is "id").
  std::string Attr(std::string_view local) {
    std::string out;
    if (xmlTextReaderMoveToFirstAttribute(reader_) != 1) return out;
    do {
      if (LocalName() == local) {
        out = std::string(Value());
        break;
      }
    } while (xmlTextReaderMoveToNextAttribute(reader_) == 1);
    xmlTextReaderMoveToElement(reader_);
    return out;
  }

 private:
  static std::string_view View(const xmlChar* s) {
    return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
  }
  PartStream stream_;
  xmlTextReaderPtr reader_ = nullptr;
  std::string part_;
};

// "B12" -> column 1; -1 when the reference has no letters.
int ColumnOf(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
  }
  return i == 0 ? -1 : col - 1;
}

std::string ColumnName(int col) {
  std::string s;
  for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), char('A' + (c - 1) % 26));
  return s;
}

int64_t ToInt(std::string_view s, int64_t fallback) {
  int64_t v = 0;
  if (s.empty() || s.size() > 12) return fallback;
  for (char c : s) {
    if (c < '0' || c > '9') return fallback;
    v = v * 10 + (c - '0');
  }
  return v;
}

// "worksheets/sheet1.xml" relative to xl/, or "/xl/worksheets/sheet1.xml".
std::string PartPath(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  return "xl/" + std::string(target);
}

class XlsxWorkbook final : public ports::Workbook {
 public:
  XlsxWorkbook(std::string bytes, const SheetLimits& limits)
      : bytes_(std::move(bytes)), limits_(limits), budget_(limits.max_inflated_bytes) {}
  ~XlsxWorkbook() override {
    if (zip_) zip_discard(zip_);
  }

  Status Init() {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &err);
    if (src) zip_ = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (!zip_) {
      if (src) zip_source_free(src);
      zip_error_fini(&err);
      return Damaged("zip", "不是有效的压缩包");
    }
    zip_error_fini(&err);
    ANPEI_RETURN_IF_ERROR(CheckEntries());
    ANPEI_RETURN_IF_ERROR(ReadRelationships());
    ANPEI_RETURN_IF_ERROR(ReadWorkbook());
    return ReadSharedStrings();
  }

  const std::vector<ports::SheetInfo>& sheets() const override { return sheets_; }

  Status ReadRows(size_t index, const ports::RowVisitor& visit) override;

 private:
  // Entry count, encryption, and the sizes the archive declares (a zip bomb usually says what it
  // is; one that lies is stopped by the budget while inflating).
  Status CheckEntries() {
    const zip_int64_t n = zip_get_num_entries(zip_, 0);
    if (n < 0 || n > limits_.max_entries) {
      return SheetError("sheet.too_many_entries",
                        "压缩包内有 " + std::to_string(n) + " 个文件，超过上限 " +
                            std::to_string(limits_.max_entries) + "，不像是 Excel 工作簿，已拒绝");
    }
    int64_t declared = 0;
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      if (zip_stat_index(zip_, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
        return Damaged("zip", "目录损坏");
      }
      if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
        return SheetError("sheet.encrypted", "Excel 文件设置了密码，请取消密码保护后再上传");
      }
      if (st.valid & ZIP_STAT_SIZE) declared += static_cast<int64_t>(st.size);
      if (declared > limits_.max_inflated_bytes) return TooLarge(limits_);
    }
    return Status::Ok();
  }

  Result<std::optional<zip_int64_t>> Find(const std::string& part) {
    const zip_int64_t i = zip_name_locate(zip_, part.c_str(), ZIP_FL_NOCASE);
    if (i < 0) return std::optional<zip_int64_t>();
    return std::optional<zip_int64_t>(i);
  }

  Status OpenPart(PartReader& r, const std::string& part, bool required, bool& found) {
    ANPEI_ASSIGN_OR_RETURN(auto index, Find(part));
    found = index.has_value();
    if (!found) return required ? Damaged(part, "缺少这一部分") : Status::Ok();
    return r.Open(zip_, *index, &budget_, part);
  }

  Status ReadRelationships() {
    PartReader r;
    bool found = false;
    ANPEI_RETURN_IF_ERROR(OpenPart(r, "xl/_rels/workbook.xml.rels", true, found));
    while (true) {
      ANPEI_ASSIGN_OR_RETURN(bool more, r.Next(limits_));
      if (!more) break;
      if (!r.IsStart("Relationship")) continue;
      const std::string type = r.Attr("Type");
      const std::string target = PartPath(r.Attr("Target"));
      if (type.ends_with("/sharedStrings")) shared_strings_part_ = target;
      targets_[r.Attr("Id")] = target;
    }
    return Status::Ok();
  }

  Status ReadWorkbook() {
    PartReader r;
    bool found = false;
    ANPEI_RETURN_IF_ERROR(OpenPart(r, "xl/workbook.xml", true, found));
    while (true) {
      ANPEI_ASSIGN_OR_RETURN(bool more, r.Next(limits_));
      if (!more) break;
      if (!r.IsStart("sheet")) continue;
      auto it = targets_.find(r.Attr("id"));
      if (it == targets_.end()) continue;  // a chart sheet or a dangling reference
      const std::string state = r.Attr("state");
      sheets_.push_back({r.Attr("name"), state.empty() || state == "visible"});
      sheet_parts_.push_back(it->second);
    }
    if (sheets_.empty()) return Damaged("xl/workbook.xml", "没有工作表");
    return Status::Ok();
  }

  Status ReadSharedStrings();
  Status ReadCell(PartReader& r, Cell& cell, int64_t row);

  std::string bytes_;  // the archive; libzip reads it in place
  SheetLimits limits_;
  int64_t budget_;  // inflated bytes still allowed
  zip_t* zip_ = nullptr;
  std::map<std::string, std::string> targets_;  // relationship id -> part
  std::string shared_strings_part_ = "xl/sharedStrings.xml";
  std::vector<ports::SheetInfo> sheets_;
  std::vector<std::string> sheet_parts_;
  // The shared strings (on disk); null when the workbook has none.
  std::unique_ptr<SharedStringTable> strings_;
};

// Streams xl/sharedStrings.xml into the table: the text of each <si>, rich-text runs (<r><t>)
// joined, phonetic guides (<rPh>) left out.
Status XlsxWorkbook::ReadSharedStrings() {
  PartReader r;
  bool found = false;
  ANPEI_RETURN_IF_ERROR(OpenPart(r, shared_strings_part_, false, found));
  if (!found) return Status::Ok();
  ANPEI_ASSIGN_OR_RETURN(strings_,
                         SharedStringTable::Create(static_cast<size_t>(limits_.max_cell_bytes)));
  int phonetic_depth = -1;  // inside <rPh>: ruby text, not part of the value
  bool in_text = false;
  while (true) {
    ANPEI_ASSIGN_OR_RETURN(bool more, r.Next(limits_));
    if (!more) break;
    if (r.Type() == XML_READER_TYPE_ELEMENT) {
      if (r.LocalName() == "rPh" && !r.Empty()) phonetic_depth = r.Depth();
      in_text = r.LocalName() == "t" && !r.Empty() && phonetic_depth < 0;
      if (r.IsEnd("si")) ANPEI_RETURN_IF_ERROR(strings_->End());
    } else if (r.Type() == XML_READER_TYPE_END_ELEMENT) {
      if (r.LocalName() == "rPh") phonetic_depth = -1;
      if (r.LocalName() == "t") in_text = false;
      if (r.LocalName() == "si") ANPEI_RETURN_IF_ERROR(strings_->End());
    } else if (in_text && r.IsText()) {
      ANPEI_RETURN_IF_ERROR(strings_->Append(r.Value()));
    }
  }
  return Status::Ok();
}

// Reads one <c> element (the reader is on its start) into `cell`; leaves the reader on its end.
Status XlsxWorkbook::ReadCell(PartReader& r, Cell& cell, int64_t row) {
  const std::string type = r.Attr("t");
  std::string value;
  if (!r.Empty()) {
    bool in_value = false;
    while (true) {
      ANPEI_ASSIGN_OR_RETURN(bool more, r.Next(limits_));
      if (!more || r.IsEnd("c")) break;
      if (r.Type() == XML_READER_TYPE_ELEMENT) {
        in_value = (r.LocalName() == "v" || r.LocalName() == "t") && !r.Empty();
      } else if (r.Type() == XML_READER_TYPE_END_ELEMENT) {
        in_value = false;
      } else if (in_value && r.IsText()) {
        value += r.Value();
        if (static_cast<int64_t>(value.size()) > limits_.max_cell_bytes) {
          return SheetError("sheet.cell_too_long",
                            "第 " + std::to_string(row) + " 行有单元格超过 " +
                                std::to_string(limits_.max_cell_bytes) + " 字节，不像是名单数据");
        }
      }
    }
  }
  if (type == "s") {
    std::optional<std::string> text;
    if (strings_) {
      ANPEI_ASSIGN_OR_RETURN(text, strings_->Get(ToInt(value, -1)));
    }
    if (!text) {
      const int64_t count = strings_ ? strings_->size() : 0;
      return Damaged("sharedStrings", "第 " + std::to_string(row) +
                                          " 行引用了不存在的共享文本（序号 " + value.substr(0, 12) +
                                          "，共享文本共 " + std::to_string(count) + " 条）");
    }
    cell.kind = CellKind::kText;
    cell.text = std::move(*text);
  } else if (type == "inlineStr" || type == "str") {
    cell.kind = CellKind::kText;
    cell.text = std::move(value);
  } else if (value.empty()) {
    cell.kind = CellKind::kEmpty;
  } else {
    cell.kind = type == "b"   ? CellKind::kBool
                : type == "e" ? CellKind::kError
                : type == "d" ? CellKind::kDate
                              : CellKind::kNumber;
    cell.text = std::move(value);
  }
  if (static_cast<int64_t>(cell.text.size()) > limits_.max_cell_bytes) {
    return SheetError("sheet.cell_too_long", "第 " + std::to_string(row) + " 行有单元格超过 " +
                                                 std::to_string(limits_.max_cell_bytes) + " 字节");
  }
  return Status::Ok();
}

Status XlsxWorkbook::ReadRows(size_t index, const ports::RowVisitor& visit) {
  if (index >= sheet_parts_.size()) return Status::Invalid("sheet", "工作表不存在");
  PartReader r;
  bool found = false;
  ANPEI_RETURN_IF_ERROR(OpenPart(r, sheet_parts_[index], true, found));
  ports::SheetRow row;
  int64_t rows = 0;
  bool any = false;
  while (true) {
    ANPEI_ASSIGN_OR_RETURN(bool more, r.Next(limits_));
    if (!more) break;
    if (r.IsStart("row")) {
      row.number = ToInt(r.Attr("r"), row.number + 1);
      row.cells.clear();
      any = false;
      if (++rows > limits_.max_rows) {
        return SheetError("sheet.too_many_rows", "工作表「" + sheets_[index].name + "」超过 " +
                                                     std::to_string(limits_.max_rows) + " 行");
      }
    }
    if (r.IsStart("c")) {
      const int col_ref = ColumnOf(r.Attr("r"));
      const int col = col_ref >= 0 ? col_ref : static_cast<int>(row.cells.size());
      Cell cell;
      ANPEI_RETURN_IF_ERROR(ReadCell(r, cell, row.number));
      if (cell.kind == CellKind::kEmpty) continue;
      if (col >= limits_.max_columns) {
        return SheetError("sheet.too_many_columns",
                          "第 " + std::to_string(row.number) + " 行的单元格 " + ColumnName(col) +
                              " 超出前 " + std::to_string(limits_.max_columns) + " 列");
      }
      if (static_cast<int>(row.cells.size()) <= col) row.cells.resize(col + 1);
      row.cells[col] = std::move(cell);
      any = true;
    }
    if (r.IsEnd("row") && any) {
      ANPEI_ASSIGN_OR_RETURN(bool go_on, visit(row));
      if (!go_on) return Status::Ok();
    }
  }
  return Status::Ok();
}

std::once_flag xml_init;

}  // namespace

Result<std::unique_ptr<ports::Workbook>> OpenXlsx(std::string bytes, std::string_view,
                                                  const SheetLimits& limits) {
  std::call_once(xml_init, [] { xmlInitParser(); });
  auto wb = std::make_unique<XlsxWorkbook>(std::move(bytes), limits);
  ANPEI_RETURN_IF_ERROR(wb->Init());
  return std::unique_ptr<ports::Workbook>(std::move(wb));
}

}  // namespace anpei::adapters
