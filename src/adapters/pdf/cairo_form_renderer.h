// The FormRenderer (ports/form_renderer.h) over Cairo's PDF surface and Pango (text shaping,
// line breaking, CJK through fontconfig: Noto Sans CJK SC from fonts-noto-cjk). A4 portrait;
// the model is laid out twice, first to count the pages ("第 x 页 / 共 y 页"), then to draw.
// The PDF embeds the font subset with its Unicode map, so pdftotext and a screen reader read the
// Chinese text back.
#pragma once

#include <memory>

#include "ports/form_renderer.h"

namespace anpei::adapters {

std::shared_ptr<const ports::FormRenderer> MakeCairoFormRenderer();

}  // namespace anpei::adapters
