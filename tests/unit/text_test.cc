// Text as people type it: the ICU normaliser (NFKC, invisible characters, every kind of space),
// character counts in the identity checks, and phone numbers with +86, dashes and spaces.
#include <gtest/gtest.h>

#include "adapters/icu/icu_text_normalizer.h"
#include "domain/identity.h"
#include "domain/model.h"
#include "domain/text.h"

namespace anpei {
namespace {

const domain::Date kToday{2026, 11, 28};

const ports::TextNormalizer& Norm() {
  static auto n = adapters::MakeIcuTextNormalizer();
  EXPECT_TRUE(n.ok());
  return **n;
}

// Reasons, titles and references (funds, publicity, fraud cases): blank is refused naming the
// field in its Chinese words; the bound counts characters, not bytes.
TEST(RequiredText, BlankOrTooLongIsRefusedNamingTheField) {
  const Status blank = domain::CheckRequiredText(" \n\t", "reason", "处理理由", 10);
  EXPECT_EQ(blank.code(), Code::kInvalidArgument);
  EXPECT_EQ(blank.field(), "reason");
  EXPECT_EQ(blank.message(), "请填写处理理由");
  EXPECT_TRUE(domain::CheckRequiredText("十个字十个字十个字十", "reason", "处理理由", 10).ok());
  const Status long_text =
      domain::CheckRequiredText("十个字十个字十个字十一", "text", "异议内容", 10);
  EXPECT_EQ(long_text.field(), "text");
  EXPECT_EQ(long_text.message(), "异议内容过长：最多 10 个字");
  EXPECT_FALSE(domain::CheckRequiredText(std::string(1001, 'x'), "text", "异议内容", 1000).ok());
  EXPECT_EQ(domain::Trimmed(" \t 材料不全\r\n"), "材料不全");
  EXPECT_EQ(domain::Trimmed(" \n "), "");
}

TEST(TextNormalizer, FullWidthDigitsBecomeAsciiAndTheIdIsValid) {
  const std::string id = Norm().Identifier("３５０５０３１９９００１１２２０１６");
  EXPECT_EQ(id, "350503199001122016");
  EXPECT_TRUE(domain::CheckPersonId(id, kToday).ok());
}

TEST(TextNormalizer, InvisibleCharactersAreRemovedWherever_TheyAre) {
  // zero-width space, zero-width joiner, BOM, soft hyphen, left-to-right mark, word joiner
  for (const char* mark : {"\u200B", "\u200D", "\uFEFF", "\u00AD", "\u200E", "\u2060"}) {
    const std::string typed = std::string(mark) + "3505031990" + mark + "01122024" + mark;
    EXPECT_EQ(Norm().Identifier(typed), "350503199001122024") << mark;
  }
}

TEST(TextNormalizer, EverySpaceIsTrimmedAndNoneKeptInAnIdentifier) {
  // no-break space, ideographic space, en space, tab, narrow no-break space
  EXPECT_EQ(Norm().Identifier("\u00A0138 0000\u30001207\u2002\t"), "13800001207");
  EXPECT_EQ(Norm().Text("\u3000 张三\u00A0"), "张三");
  EXPECT_EQ(Norm().Text("阿依古丽\u3000\u3000·\u202F买买提"), "阿依古丽 · 买买提");
  EXPECT_EQ(Norm().Text("ｚｈａｎｇ"), "zhang");
  EXPECT_EQ(Norm().Text("plain ascii"), "plain ascii");
  EXPECT_EQ(Norm().Text(""), "");
}

TEST(TextNormalizer, ChinesePunctuationStaysInTextButNotInIdentifiers) {
  EXPECT_EQ(Norm().Text("泉州安盾保安培训学校（新）"), "泉州安盾保安培训学校（新）");
  EXPECT_EQ(Norm().Text("Ａ栋，３楼：１号"), "A栋，3楼：1号");
  EXPECT_EQ(Norm().Identifier("１３８－００００－１２０７"), "138-0000-1207");
}

TEST(TextNormalizer, InvalidUtf8NeverCrashes) {
  const std::string out = Norm().Text(std::string("\xFF\xFE\xC3", 3));
  EXPECT_FALSE(out.empty());  // replacement characters
}

TEST(IdentityLength, CountsCharactersNotBytes) {
  // 17 full-width digits: 51 bytes, 17 characters.
  const auto r = domain::CheckPersonId("３５０５０３１９９００１１２２０１", kToday);
  EXPECT_EQ(r.error, domain::IdError::kLength);
  EXPECT_NE(r.detail.find("17 个字符"), std::string::npos) << r.detail;
  EXPECT_EQ(r.detail.find("字节"), std::string::npos) << r.detail;
  // 18 characters, not all ASCII digits: the fault is the characters, not the length.
  const auto c = domain::CheckPersonId("35050319900112201６", kToday);
  EXPECT_EQ(c.error, domain::IdError::kCharacters) << c.detail;
  EXPECT_EQ(domain::CheckUscc("９1350100MA2XXXXX0X").error, domain::IdError::kCharacters);
}

TEST(Phone, WrittenWithCountryCodeDashesAndSpacesIsNormalised) {
  for (const char* typed :
       {"138-0000-1207", "+86 13800001207", "+86-138-0000-1207", "0086 138 0000 1207",
        "(+86)13800001207", "86 13800001207", "138 0000 1207", "13800001207"}) {
    auto p = domain::CanonicalMobilePhone(typed);
    ASSERT_TRUE(p.has_value()) << typed;
    EXPECT_EQ(*p, "13800001207") << typed;
    EXPECT_TRUE(domain::IsMobilePhone(*p));
  }
  EXPECT_FALSE(domain::CanonicalMobilePhone("+1 415 555 0100").has_value());
  EXPECT_FALSE(domain::CanonicalMobilePhone("138x0000x1207").has_value());
  EXPECT_FALSE(domain::IsMobilePhone(*domain::CanonicalMobilePhone("0595-2222-3333")));
}

TEST(Utf8Length, CountsCodePoints) {
  EXPECT_EQ(domain::Utf8Length("张三"), 2u);
  EXPECT_EQ(domain::Utf8Length("a张😀"), 3u);
  EXPECT_EQ(domain::Utf8Length(""), 0u);
}

TEST(PrintableText, ControlCharactersAndBidiOverridesBecomeVisibleEscapes) {
  EXPECT_EQ(domain::PrintableText("张三 admin"), "张三 admin");
  EXPECT_EQ(domain::PrintableText("evil\nfake line"), "evil\\u000afake line");
  EXPECT_EQ(domain::PrintableText("a\rb\tc\x1b[31m"), "a\\u000db\\u0009c\\u001b[31m");
  EXPECT_EQ(domain::PrintableText("x\x7f"), "x\\u007f");
  EXPECT_EQ(domain::PrintableText("\xc2\x85"), "\\u0085");                        // NEL (C1)
  EXPECT_EQ(domain::PrintableText("ab\xe2\x80\xaeJPG.exe"), "ab\\u202eJPG.exe");  // RLO
  EXPECT_EQ(domain::PrintableText("l\xe2\x80\xa8s"), "l\\u2028s");
  EXPECT_EQ(domain::PrintableText("bad\xff\xc0\xafz"), "bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_EQ(domain::ValidUtf8("\xed\xa0\x80"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

}  // namespace
}  // namespace anpei
