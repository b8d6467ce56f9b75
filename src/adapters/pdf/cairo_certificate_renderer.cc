#include "adapters/pdf/cairo_certificate_renderer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>

namespace anpei::adapters {
namespace {

constexpr double kPageWidth = 595.28;
constexpr double kPageHeight = 841.89;
constexpr double kFrame = 36;  // outer frame inset
constexpr const char* kFontFamily = "Noto Sans CJK SC";
constexpr double kQrSize = 190;  // points, quiet zone included
constexpr int kQuietModules = 4;

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Draws `text` at (x, y) `width` wide; returns its height.
double Text(cairo_t* cr, PangoLayout* layout, const std::string& text, double size, bool bold,
            double x, double y, double width, PangoAlignment align) {
  PangoFontDescription* fd = pango_font_description_new();
  pango_font_description_set_family(fd, kFontFamily);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout, fd);
  pango_font_description_free(fd);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, align);
  pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

void Frame(cairo_t* cr) {
  cairo_set_source_rgb(cr, 0.55, 0.12, 0.10);
  cairo_set_line_width(cr, 2.4);
  cairo_rectangle(cr, kFrame, kFrame, kPageWidth - 2 * kFrame, kPageHeight - 2 * kFrame);
  cairo_stroke(cr);
  cairo_set_line_width(cr, 0.8);
  cairo_rectangle(cr, kFrame + 6, kFrame + 6, kPageWidth - 2 * kFrame - 12,
                  kPageHeight - 2 * kFrame - 12);
  cairo_stroke(cr);
}

// The QR code of `text` at (x, y), kQrSize square with its quiet zone; false when it does not fit
// in a QR code.
bool Qr(cairo_t* cr, const std::string& text, double x, double y) {
  std::unique_ptr<QRcode, void (*)(QRcode*)> qr(
      QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
  if (!qr) return false;
  const int n = qr->width;
  const double module = kQrSize / (n + 2 * kQuietModules);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, kQrSize, kQrSize);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) {
      if (qr->data[r * n + c] & 1) {
        cairo_rectangle(cr, x + (c + kQuietModules) * module, y + (r + kQuietModules) * module,
                        module, module);
      }
    }
  }
  cairo_fill(cr);
  return true;
}

class CairoCertificateRenderer final : public ports::CertificateRenderer {
 public:
  Result<std::string> RenderPdf(const ports::CertificateDocument& doc) const override {
    std::string bytes;
    cairo_surface_t* surface =
        cairo_pdf_surface_create_for_stream(AppendBytes, &bytes, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, doc.author.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "AnPei");
    cairo_t* cr = cairo_create(surface);
    bool qr_ok = true;
    {
      PangoLayout* layout = pango_cairo_create_layout(cr);
      cairo_font_options_t* fo = cairo_font_options_create();
      cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options(pango_layout_get_context(layout), fo);
      cairo_font_options_destroy(fo);
      pango_layout_context_changed(layout);
      qr_ok = Draw(cr, layout, doc);
      g_object_unref(layout);
    }
    cairo_show_page(cr);
    const cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t ss = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (!qr_ok) return Status::Internal("核验二维码内容过长，无法生成二维码");
    if (cs != CAIRO_STATUS_SUCCESS || ss != CAIRO_STATUS_SUCCESS) {
      return Status::Internal(std::string("生成证书 PDF 失败：") +
                              cairo_status_to_string(cs != CAIRO_STATUS_SUCCESS ? cs : ss));
    }
    return bytes;
  }

 private:
  static bool Draw(cairo_t* cr, PangoLayout* layout, const ports::CertificateDocument& doc) {
    Frame(cr);
    const double left = kFrame + 40, width = kPageWidth - 2 * (kFrame + 40);
    double y = kFrame + 56;
    cairo_set_source_rgb(cr, 0.55, 0.12, 0.10);
    y += Text(cr, layout, doc.title, 30, true, left, y, width, PANGO_ALIGN_CENTER) + 8;
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    if (!doc.subtitle.empty()) {
      y += Text(cr, layout, doc.subtitle, 10, false, left, y, width, PANGO_ALIGN_CENTER) + 22;
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    y += Text(cr, layout, doc.statement, 13, false, left, y, width, PANGO_ALIGN_LEFT) + 20;
    // The fields: label column and value column, a hairline under each row.
    const double label_w = 120;
    for (const auto& [label, value] : doc.fields) {
      cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
      const double h1 = Text(cr, layout, label, 12, false, left, y, label_w, PANGO_ALIGN_LEFT);
      cairo_set_source_rgb(cr, 0, 0, 0);
      const double h2 =
          Text(cr, layout, value, 13, true, left + label_w, y, width - label_w, PANGO_ALIGN_LEFT);
      y += std::max(h1, h2) + 6;
      cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
      cairo_set_line_width(cr, 0.5);
      cairo_move_to(cr, left, y);
      cairo_line_to(cr, left + width, y);
      cairo_stroke(cr);
      y += 8;
    }
    // The QR code, bottom right, with its caption; the footer, bottom left.
    const double qr_x = left + width - kQrSize, qr_y = kPageHeight - kFrame - 40 - kQrSize - 30;
    const bool ok = Qr(cr, doc.qr_text, qr_x, qr_y);
    cairo_set_source_rgb(cr, 0, 0, 0);
    Text(cr, layout, doc.qr_caption, 10, false, qr_x, qr_y + kQrSize + 4, kQrSize,
         PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    Text(cr, layout, doc.footer, 9, false, left, qr_y + 40, width - kQrSize - 24, PANGO_ALIGN_LEFT);
    return ok;
  }
};

}  // namespace

std::shared_ptr<const ports::CertificateRenderer> MakeCairoCertificateRenderer() {
  return std::make_shared<CairoCertificateRenderer>();
}

}  // namespace anpei::adapters
