// Port: the project's printable forms (申报表, 审核审批单, later receipts): a small layout model
// the use cases fill in, and a renderer that lays it out on A4 pages as PDF. Implemented by
// adapters/pdf (Cairo + Pango, Noto CJK). The model knows nothing of classes or decisions, so
// every form of the next issues is one more function that fills a FormDocument.
//
// Layout, top to bottom: the title (and an optional subtitle), key-value tables (two pairs a
// line), tables (a caption, a header row repeated on every page the table continues on, rows
// that never split across pages), paragraphs, and a row of signature/seal boxes. Every page
// carries the footer: "第 x 页 / 共 y 页" and the verification line.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace anpei::ports {

struct FormField {
  std::string label;
  std::string value;
  bool wide = false;  // takes a whole line (a long value: an address, a decision's reasons)
};

struct FormTable {
  std::string caption;
  std::vector<std::string> headers;
  std::vector<double> widths;  // relative column widths (same count as headers; empty: equal)
  std::vector<std::vector<std::string>> rows;
  std::string empty_text = "（无）";
};

struct FormBlock {
  enum class Kind { kFields, kTable, kParagraph };
  Kind kind = Kind::kParagraph;
  std::string heading;            // optional, above the block
  std::vector<FormField> fields;  // kFields
  FormTable table;                // kTable
  std::string text;               // kParagraph
};

struct FormDocument {
  std::string title;
  std::string subtitle;  // e.g. the form's number or the policy's document number
  std::vector<FormBlock> blocks;
  std::vector<std::string> signatures;  // one box each, side by side: "培训机构（盖章）"
  std::string verification;  // the footer's last line: how to check this paper against the system
  std::string author;        // PDF metadata
};

class FormRenderer {
 public:
  virtual ~FormRenderer() = default;
  // The PDF's bytes; Internal when the renderer fails (never for any content of the model).
  virtual Result<std::string> RenderPdf(const FormDocument& form) const = 0;
};

}  // namespace anpei::ports
