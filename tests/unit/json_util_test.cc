// The codec's text hygiene: valid UTF-8 in every response, log fields that cannot forge a line,
// CSV cells that a spreadsheet cannot run as formulas (issue "Trust", edge findings).
#include <gtest/gtest.h>

#include "codec/account_json.h"
#include "codec/json_util.h"
#include "codec/plan_json.h"

namespace anpei::codec {
namespace {

bool IsValidUtf8(const std::string& s) { return ValidUtf8(s) == s; }

TEST(ValidUtf8, KeepsValidTextAndReplacesEveryMalformedSequence) {
  EXPECT_EQ(ValidUtf8("培训班 ok"), "培训班 ok");
  EXPECT_EQ(ValidUtf8("a\xFF"
                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(ValidUtf8("\xE5\x9F"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // a cut-off character
  EXPECT_EQ(ValidUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");  // an overlong '/'
  EXPECT_EQ(ValidUtf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST(ErrorToJson, NeverEchoesInvalidUtf8) {
  const std::string body =
      ErrorToJson(Status::Invalid("na\xFFme", "没有这个接口：GET /api/v1/\xFF\xFE"));
  EXPECT_TRUE(IsValidUtf8(body)) << body;
  EXPECT_NE(body.find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(EscapeForLog, NewlinesQuotesAndControlCharactersCannotForgeALine) {
  EXPECT_EQ(EscapeForLog("/a\nGET /forged"), "/a\\nGET /forged");
  EXPECT_EQ(EscapeForLog("x\"y\\z"), "x\\\"y\\\\z");
  EXPECT_EQ(EscapeForLog(std::string("t\x01\x7F")), "t\\u0001\\u007f");
  EXPECT_EQ(EscapeForLog("\xFF"), "\xEF\xBF\xBD");
  EXPECT_EQ(EscapeForLog("丰泽区"), "丰泽区");
}

TEST(AuditCsv, CellsThatWouldBeFormulasStayText) {
  std::vector<domain::AuditEvent> events(1);
  events[0].seq = 1;
  events[0].actor = "=HYPERLINK(\"http://x\")";
  events[0].action = "\t=1+1";
  events[0].target = "\r@SUM(A1)";
  events[0].detail = "-2+3";
  const std::string csv = AuditCsv(events);
  EXPECT_NE(csv.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'\t=1+1\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'\r@SUM(A1)\""), std::string::npos) << csv;
  EXPECT_NE(csv.find("\"'-2+3\""), std::string::npos) << csv;
}

}  // namespace
}  // namespace anpei::codec
