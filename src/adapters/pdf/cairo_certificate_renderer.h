// The CertificateRenderer (ports/certificate_renderer.h) over Cairo's PDF surface and Pango (the
// forms' font, Noto Sans CJK SC), with the QR code encoded by libqrencode (level M, 8-bit mode)
// and drawn as vector squares: one A4 portrait page in a double frame, the title, the statement,
// the fields as a table, the QR code with its caption, and the footer.
#pragma once

#include <memory>

#include "ports/certificate_renderer.h"

namespace anpei::adapters {

std::shared_ptr<const ports::CertificateRenderer> MakeCairoCertificateRenderer();

}  // namespace anpei::adapters
