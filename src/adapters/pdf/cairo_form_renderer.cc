#include "adapters/pdf/cairo_form_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <numeric>

namespace anpei::adapters {
namespace {

// A4 in points, margins and the footer band.
constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kMargin = 42;
constexpr double kFooterHeight = 36;
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kBottom = kPageHeight - kMargin - kFooterHeight;
constexpr double kPad = 4;
constexpr double kSignatureHeight = 80;
constexpr const char* kFontFamily = "Noto Sans CJK SC";

struct Font {
  double size = 10;
  bool bold = false;
};
constexpr Font kTitleFont{18, true};
constexpr Font kSubtitleFont{9, false};
constexpr Font kHeadingFont{11.5, true};
constexpr Font kBodyFont{9.5, false};
constexpr Font kBoldFont{9.5, true};
constexpr Font kFooterFont{7.5, false};

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Lays the form out on `cr`; draws only when `draw` (the first pass counts pages).
class Painter {
 public:
  Painter(cairo_t* cr, const ports::FormDocument& doc, bool draw, int total_pages)
      : cr_(cr),
        doc_(doc),
        draw_(draw),
        total_(total_pages),
        layout_(pango_cairo_create_layout(cr)) {
    cairo_font_options_t* fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pango_layout_get_context(layout_), fo);
    cairo_font_options_destroy(fo);
    pango_layout_context_changed(layout_);
  }
  ~Painter() { g_object_unref(layout_); }
  Painter(const Painter&) = delete;
  Painter& operator=(const Painter&) = delete;

  int Run() {
    y_ = kMargin;
    TitleBlock();
    for (const auto& b : doc_.blocks) {
      switch (b.kind) {
        case ports::FormBlock::Kind::kFields:
          FieldsBlock(b);
          break;
        case ports::FormBlock::Kind::kTable:
          TableBlock(b);
          break;
        case ports::FormBlock::Kind::kParagraph:
          ParagraphBlock(b);
          break;
      }
    }
    SignatureRow();
    Footer();
    return page_;
  }

 private:
  // Sets the layout's text, font, width and alignment; returns its height.
  double Prepare(const std::string& text, const Font& font, double width,
                 PangoAlignment align = PANGO_ALIGN_LEFT) {
    PangoFontDescription* fd = pango_font_description_new();
    pango_font_description_set_family(fd, kFontFamily);
    pango_font_description_set_absolute_size(fd, font.size * PANGO_SCALE);
    pango_font_description_set_weight(fd, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout_, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(layout_, static_cast<int>(std::max(1.0, width) * PANGO_SCALE));
    pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout_, align);
    pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout_, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  double Text(const std::string& text, const Font& font, double x, double y, double width,
              PangoAlignment align = PANGO_ALIGN_LEFT) {
    const double h = Prepare(text, font, width, align);
    if (draw_) {
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, layout_);
    }
    return h;
  }

  void Box(double x, double y, double w, double h, bool shaded) {
    if (!draw_) return;
    cairo_rectangle(cr_, x, y, w, h);
    if (shaded) {
      cairo_set_source_rgb(cr_, 0.93, 0.94, 0.96);
      cairo_fill_preserve(cr_);
    }
    cairo_set_source_rgb(cr_, 0.2, 0.2, 0.2);
    cairo_set_line_width(cr_, 0.6);
    cairo_stroke(cr_);
  }

  void NewPage() {
    Footer();
    if (draw_) cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }

  // Starts a new page unless `height` more fits on this one.
  bool Ensure(double height) {
    if (y_ + height <= kBottom || y_ <= kMargin) return false;
    NewPage();
    return true;
  }

  void Footer() {
    const double top = kPageHeight - kMargin - kFooterHeight + 10;
    if (draw_) {
      cairo_set_source_rgb(cr_, 0.5, 0.5, 0.5);
      cairo_set_line_width(cr_, 0.4);
      cairo_move_to(cr_, kMargin, top - 4);
      cairo_line_to(cr_, kMargin + kContentWidth, top - 4);
      cairo_stroke(cr_);
    }
    const std::string pages = "第 " + std::to_string(page_) + " 页 / 共 " +
                              std::to_string(std::max(total_, page_)) + " 页";
    Text(pages, kFooterFont, kMargin, top, kContentWidth, PANGO_ALIGN_CENTER);
    if (!doc_.verification.empty()) {
      Text(doc_.verification, kFooterFont, kMargin, top + 11, kContentWidth, PANGO_ALIGN_CENTER);
    }
  }

  void TitleBlock() {
    y_ += Text(doc_.title, kTitleFont, kMargin, y_, kContentWidth, PANGO_ALIGN_CENTER) + 4;
    if (!doc_.subtitle.empty()) {
      y_ += Text(doc_.subtitle, kSubtitleFont, kMargin, y_, kContentWidth, PANGO_ALIGN_CENTER);
    }
    y_ += 10;
  }

  void Heading(const std::string& heading, double keep_with) {
    if (heading.empty()) return;
    const double h = Prepare(heading, kHeadingFont, kContentWidth);
    Ensure(h + 6 + keep_with);
    y_ += Text(heading, kHeadingFont, kMargin, y_, kContentWidth) + 6;
  }

  // Key-value rows: two pairs a line (label 18 %, value 32 %), a wide field a line of its own.
  void FieldsBlock(const ports::FormBlock& b) {
    const double lw = kContentWidth * 0.18, vw = kContentWidth * 0.32;
    Heading(b.heading, 24);
    const auto& f = b.fields;
    for (size_t i = 0; i < f.size();) {
      std::vector<const ports::FormField*> line{&f[i]};
      if (!f[i].wide && i + 1 < f.size() && !f[i + 1].wide) line.push_back(&f[i + 1]);
      i += line.size();
      double h = 0;
      for (size_t k = 0; k < line.size(); ++k) {
        const double value_w = line[k]->wide ? kContentWidth - lw : vw;
        h = std::max({h, Prepare(line[k]->label, kBoldFont, lw - 2 * kPad),
                      Prepare(line[k]->value, kBodyFont, value_w - 2 * kPad)});
      }
      h += 2 * kPad;
      Ensure(h);
      double x = kMargin;
      for (const auto* field : line) {
        const double value_w = field->wide ? kContentWidth - lw : vw;
        Box(x, y_, lw, h, true);
        Text(field->label, kBoldFont, x + kPad, y_ + kPad, lw - 2 * kPad);
        Box(x + lw, y_, value_w, h, false);
        Text(field->value, kBodyFont, x + lw + kPad, y_ + kPad, value_w - 2 * kPad);
        x += lw + value_w;
      }
      if (line.size() == 1 && !line[0]->wide) Box(x, y_, lw + vw, h, false);
      y_ += h;
    }
    y_ += 12;
  }

  std::vector<double> ColumnWidths(const ports::FormTable& t) const {
    std::vector<double> w = t.widths;
    if (w.size() != t.headers.size()) w.assign(t.headers.size(), 1.0);
    const double sum = std::accumulate(w.begin(), w.end(), 0.0);
    for (auto& x : w) x = x / (sum > 0 ? sum : 1.0) * kContentWidth;
    return w;
  }

  double RowHeight(const std::vector<std::string>& cells, const std::vector<double>& w,
                   const Font& font) {
    double h = 0;
    for (size_t c = 0; c < w.size(); ++c) {
      const std::string& text = c < cells.size() ? cells[c] : std::string();
      h = std::max(h, Prepare(text, font, w[c] - 2 * kPad));
    }
    return h + 2 * kPad;
  }

  void Row(const std::vector<std::string>& cells, const std::vector<double>& w, const Font& font,
           bool shaded, double h) {
    double x = kMargin;
    for (size_t c = 0; c < w.size(); ++c) {
      Box(x, y_, w[c], h, shaded);
      if (c < cells.size()) Text(cells[c], font, x + kPad, y_ + kPad, w[c] - 2 * kPad);
      x += w[c];
    }
    y_ += h;
  }

  // A table whose header row is repeated on every page it continues on; rows never split.
  void TableBlock(const ports::FormBlock& b) {
    const auto& t = b.table;
    const auto w = ColumnWidths(t);
    const double header_h = RowHeight(t.headers, w, kBoldFont);
    const double first_h = t.rows.empty() ? header_h : RowHeight(t.rows.front(), w, kBodyFont);
    Heading(b.heading, header_h + first_h);
    Ensure(header_h + first_h);
    Row(t.headers, w, kBoldFont, true, header_h);
    if (t.rows.empty()) {
      const double h = Prepare(t.empty_text, kBodyFont, kContentWidth - 2 * kPad) + 2 * kPad;
      Box(kMargin, y_, kContentWidth, h, false);
      y_ += Text(t.empty_text, kBodyFont, kMargin + kPad, y_ + kPad, kContentWidth - 2 * kPad) +
            2 * kPad;
    }
    for (const auto& r : t.rows) {
      const double h = RowHeight(r, w, kBodyFont);
      if (Ensure(h)) {
        if (!b.heading.empty()) {
          y_ += Text(b.heading + "（续）", kHeadingFont, kMargin, y_, kContentWidth) + 6;
        }
        Row(t.headers, w, kBoldFont, true, header_h);
      }
      Row(r, w, kBodyFont, false, h);
    }
    y_ += 12;
  }

  void ParagraphBlock(const ports::FormBlock& b) {
    const double h = Prepare(b.text, kBodyFont, kContentWidth);
    Heading(b.heading, h);
    Ensure(h);
    y_ += Text(b.text, kBodyFont, kMargin, y_, kContentWidth) + 12;
  }

  void SignatureRow() {
    const auto& s = doc_.signatures;
    if (s.empty()) return;
    Ensure(kSignatureHeight + 4);
    const double gap = 10;
    const double w =
        (kContentWidth - gap * static_cast<double>(s.size() - 1)) / static_cast<double>(s.size());
    double x = kMargin;
    for (const auto& label : s) {
      Box(x, y_, w, kSignatureHeight, false);
      Text(label, kBoldFont, x + kPad + 2, y_ + kPad + 2, w - 2 * kPad);
      Text("年    月    日", kBodyFont, x + kPad, y_ + kSignatureHeight - 20, w - 3 * kPad,
           PANGO_ALIGN_RIGHT);
      x += w + gap;
    }
    y_ += kSignatureHeight + 8;
  }

  cairo_t* cr_;
  const ports::FormDocument& doc_;
  bool draw_;
  int total_;
  PangoLayout* layout_;
  int page_ = 1;
  double y_ = kMargin;
};

class CairoFormRenderer final : public ports::FormRenderer {
 public:
  Result<std::string> RenderPdf(const ports::FormDocument& form) const override {
    std::string counted, out;
    ANPEI_ASSIGN_OR_RETURN(int pages, Pass(form, false, 0, counted));
    ANPEI_RETURN_IF_ERROR(Pass(form, true, pages, out).status());
    return out;
  }

 private:
  static Result<int> Pass(const ports::FormDocument& form, bool draw, int total,
                          std::string& bytes) {
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(AppendBytes, &bytes, kPageWidth, kPageHeight);
    if (draw) {
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, form.title.c_str());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, form.author.c_str());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "AnPei");
    }
    cairo_t* cr = cairo_create(surface);
    int pages = 0;
    {
      Painter painter(cr, form, draw, total);
      pages = painter.Run();
    }
    cairo_show_page(cr);
    const cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t ss = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (cs != CAIRO_STATUS_SUCCESS || ss != CAIRO_STATUS_SUCCESS) {
      return Status::Internal(std::string("生成 PDF 失败：") +
                              cairo_status_to_string(cs != CAIRO_STATUS_SUCCESS ? cs : ss));
    }
    return pages;
  }
};

}  // namespace

std::shared_ptr<const ports::FormRenderer> MakeCairoFormRenderer() {
  return std::make_shared<CairoFormRenderer>();
}

}  // namespace anpei::adapters
