// Port: the one place where text as people type it becomes text the rules can check. Every
// identifier, name and phone on every path (API, spreadsheet import, CLI) goes through it before
// any rule sees it. Implemented with ICU (adapters/icu); thread-safe, immutable.
#pragma once

#include <string>
#include <string_view>

namespace anpei::ports {

class TextNormalizer {
 public:
  virtual ~TextNormalizer() = default;
  // Free text (a name, a title, an address): Unicode NFKC (full-width letters and digits become
  // ASCII, the ideographic and no-break spaces become spaces) except for the full-width
  // punctuation of Chinese writing（，：（）), which stays; invisible characters (zero-width
  // spaces and joiners, byte order marks, bidi marks, soft hyphens, controls) removed, every kind
  // of space trimmed at both ends and runs of spaces inside collapsed to one. Invalid UTF-8 is
  // replaced by U+FFFD.
  virtual std::string Text(std::string_view text) const = 0;
  // An identifier (ID number, credit code, phone): as Text, and no space is kept at all.
  virtual std::string Identifier(std::string_view text) const = 0;
};

}  // namespace anpei::ports
