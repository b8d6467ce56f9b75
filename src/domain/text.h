// Small pure helpers over text that has already been normalised (NFKC, invisible characters
// removed: see ports/text_normalizer.h): counting characters (never bytes) and the canonical form
// of a mainland mobile phone number as people write it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace anpei::domain {

// `s` without leading and trailing spaces, tabs and line breaks.
std::string_view Trimmed(std::string_view s);

// A required free text of a decision or a record (a reason, a title, a bank reference ...):
// Invalid naming `field` when it is blank ("请填写<label>") or longer than `max_chars` characters.
// `label` is the field's Chinese name as the console shows it.
Status CheckRequiredText(std::string_view text, const std::string& field, std::string_view label,
                         size_t max_chars);

// The number of Unicode code points of UTF-8 text (continuation bytes are not counted).
size_t Utf8Length(std::string_view text);

// "138-0000-1207", "+86 13800001208", "(0086)138 0000 1209", "86-138..." -> "13800001207"...:
// separators (space, '-', '.', '(', ')') dropped and a leading country code +86 / 0086 / 86 taken
// off when 11 digits remain. The result still has to pass IsMobilePhone; nullopt when the text
// holds anything but digits, separators and one leading '+'.
std::optional<std::string> CanonicalMobilePhone(std::string_view text);

// `text` with every byte that is not part of valid UTF-8 (overlong forms, surrogates and code
// points above U+10FFFF included) replaced by U+FFFD.
std::string ValidUtf8(std::string_view text);

// For the audit trail: valid UTF-8 in which control characters (C0, DEL, C1, the line and
// paragraph separators) and bidirectional overrides are written as the six characters \uXXXX,
// so that no stored text can forge a line or reorder what a reader sees (issue "Trust", 7).
std::string PrintableText(std::string_view text);

}  // namespace anpei::domain
