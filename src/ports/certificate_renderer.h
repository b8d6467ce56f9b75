// Port: the printed certificate (职业培训结业证书, issue 15) — the material fields, and a QR code
// that carries the verification URL with the signed fields — laid out on one A4 page as PDF
// (adapters/pdf: Cairo + Pango with the forms' CJK font, the QR code by libqrencode); and the
// gzip the revocation status list is published in (adapters/zlib).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace anpei::ports {

struct CertificateDocument {
  std::string title;      // 职业培训结业证书
  std::string subtitle;   // the policy's document number
  std::string statement;  // the sentence above the fields: "兹证明……"
  std::vector<std::pair<std::string, std::string>> fields;  // label, value (in print order)
  std::string qr_text;     // encoded in the QR code (the verification URL)
  std::string qr_caption;  // under the QR code: the public code
  std::string footer;      // how to verify it
  std::string author;      // PDF metadata
};

class CertificateRenderer {
 public:
  virtual ~CertificateRenderer() = default;
  // The PDF's bytes; Internal when the renderer fails (a QR payload beyond what a QR code holds).
  virtual Result<std::string> RenderPdf(const CertificateDocument& doc) const = 0;
};

class Compressor {
 public:
  virtual ~Compressor() = default;
  // RFC 1952 gzip of `bytes` (maximum compression, no file name, mtime 0: the same input gives
  // the same output).
  virtual std::string Gzip(std::string_view bytes) const = 0;
  // The inverse; Invalid for anything that is not one gzip member.
  virtual Result<std::string> Gunzip(std::string_view bytes) const = 0;
};

}  // namespace anpei::ports
