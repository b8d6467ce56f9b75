#include "adapters/icu/icu_text_normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <memory>

namespace anpei::adapters {
namespace {

// Zero-width spaces and joiners, bidi marks, soft hyphens, byte order marks, variation selectors
// (Default_Ignorable_Code_Point), format characters and controls: nothing a reader can see.
bool Invisible(UChar32 c) {
  if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return true;
  const int8_t type = u_charType(c);
  return type == U_FORMAT_CHAR || (type == U_CONTROL_CHAR && !u_isUWhiteSpace(c));
}

// Every kind of space and line break (White_Space), including the ideographic space U+3000.
bool Space(UChar32 c) { return u_isUWhiteSpace(c); }

// Full-width punctuation（，：（）) is how Chinese text is written: free text keeps it, while
// full-width letters and digits become ASCII. Identifiers get plain NFKC.
constexpr const char16_t* kCjkPunctuation =
    u"[\\uFF01-\\uFF0F\\uFF1A-\\uFF20\\uFF3B-\\uFF40\\uFF5B-\\uFF65]";

class IcuTextNormalizer final : public ports::TextNormalizer {
 public:
  IcuTextNormalizer(const icu::Normalizer2* nfkc, std::unique_ptr<icu::UnicodeSet> keep)
      : nfkc_(nfkc), keep_(std::move(keep)), text_nfkc_(*nfkc_, *keep_) {}

  std::string Text(std::string_view text) const override { return Clean(text, true, text_nfkc_); }
  std::string Identifier(std::string_view text) const override {
    return Clean(text, false, *nfkc_);
  }

 private:
  static std::string Clean(std::string_view text, bool keep_inner_spaces,
                           const icu::Normalizer2& nfkc) {
    if (IsPlainAscii(text, keep_inner_spaces)) return std::string(text);
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString norm = nfkc.normalize(in, status);
    if (U_FAILURE(status)) norm = in;
    icu::UnicodeString out;
    bool pending_space = false;
    for (int32_t i = 0; i < norm.length();) {
      const UChar32 c = norm.char32At(i);
      i += U16_LENGTH(c);
      if (Space(c)) {
        pending_space = keep_inner_spaces && !out.isEmpty();
        continue;
      }
      if (Invisible(c)) continue;
      if (pending_space) out.append(static_cast<UChar>(u' '));
      pending_space = false;
      out.append(c);
    }
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
  }

  // The common case costs no conversion: printable ASCII, no space at either end, no double
  // space (and none at all for an identifier).
  static bool IsPlainAscii(std::string_view text, bool keep_inner_spaces) {
    if (text.empty()) return true;
    if (text.front() == ' ' || text.back() == ' ') return false;
    char prev = 0;
    for (char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if (c < 0x21 && !(c == ' ' && keep_inner_spaces && prev != ' ')) return false;
      if (c >= 0x7F) return false;
      prev = ch;
    }
    return true;
  }

  const icu::Normalizer2* nfkc_;           // owned by ICU, immutable and thread-safe
  std::unique_ptr<icu::UnicodeSet> keep_;  // frozen: thread-safe
  icu::FilteredNormalizer2 text_nfkc_;     // NFKC outside kCjkPunctuation's complement
};

}  // namespace

Result<std::shared_ptr<const ports::TextNormalizer>> MakeIcuTextNormalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || nfkc == nullptr) {
    return Status(Code::kInternal,
                  std::string("无法加载 ICU 的 NFKC 数据：") + u_errorName(status));
  }
  // The set the free-text normaliser applies to: everything but full-width punctuation.
  auto set = std::make_unique<icu::UnicodeSet>(icu::UnicodeString(kCjkPunctuation), status);
  if (U_FAILURE(status)) return Status(Code::kInternal, "ICU 字符集无效");
  set->complement().freeze();
  return std::shared_ptr<const ports::TextNormalizer>(
      std::make_shared<IcuTextNormalizer>(nfkc, std::move(set)));
}

}  // namespace anpei::adapters
