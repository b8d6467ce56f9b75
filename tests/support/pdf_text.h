// The text of a PDF as pdftotext (poppler-utils) reads it, for the tests of the printed forms.
#pragma once

#include <string>

namespace anpei::testing {

// The PDF's text without spaces: pdftotext guesses word spaces from glyph positions (between a
// digit and a CJK character it may drop one), so compare against NoSpaces(expected). Pages end
// with a form feed. Fails the current test when pdftotext cannot read it.
std::string PdfText(const std::string& pdf);
std::string NoSpaces(const std::string& text);

}  // namespace anpei::testing
