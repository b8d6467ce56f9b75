// The spreadsheet reader on files as offices make them (tests/cases/inputs, tests/cases/sheets):
// cell types kept, the spreadsheet's own row numbers, every sheet with its name and visibility,
// CSV in UTF-8 (with or without BOM), UTF-16 LE/BE and GB18030, and hostile archives refused.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "adapters/sheet/sheet_reader.h"

namespace anpei {
namespace {

using ports::CellKind;

std::string ReadFile(const std::string& rel) {
  std::ifstream in(std::string(ANPEI_SOURCE_DIR) + "/tests/cases/" + rel, std::ios::binary);
  EXPECT_TRUE(in) << rel;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Read {
  std::vector<ports::SheetInfo> sheets;
  std::vector<ports::SheetRow> rows;
};

Result<Read> ReadAll(const std::string& rel, size_t sheet = 0, ports::SheetLimits limits = {}) {
  ANPEI_ASSIGN_OR_RETURN(auto wb, adapters::MakeSheetReader()->Open(ReadFile(rel), rel, limits));
  Read out;
  out.sheets = wb->sheets();
  ANPEI_RETURN_IF_ERROR(wb->ReadRows(sheet, [&](const ports::SheetRow& r) -> Result<bool> {
    out.rows.push_back(r);
    return true;
  }));
  return out;
}

TEST(Xlsx, KeepsTheNumberTypeOfAnIdCell) {
  auto r = ReadAll("inputs/roster-id-stored-as-number.xlsx");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->sheets.size(), 1u);
  EXPECT_EQ(r->sheets[0].name, "名单");
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[0].cells[1].text, "身份证号码");
  EXPECT_EQ(r->rows[0].cells[1].kind, CellKind::kText);
  EXPECT_EQ(r->rows[1].number, 2);
  EXPECT_EQ(r->rows[1].cells[1].kind, CellKind::kNumber);
  EXPECT_EQ(r->rows[1].cells[1].text, "350503199001019000");
}

TEST(Xlsx, TitleRowAboveTheHeaderKeepsItsRowNumbers) {
  auto r = ReadAll("inputs/roster-title-row-above-header.xlsx");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].number, 1);
  EXPECT_EQ(r->rows[0].cells.size(), 1u);  // the merged title: empty cells are dropped
  EXPECT_EQ(r->rows[2].number, 3);
  EXPECT_EQ(r->rows[2].cells[1].text, "350503199001022015");
  EXPECT_EQ(r->rows[2].cells[1].kind, CellKind::kText);
}

TEST(Xlsx, ListsEverySheetWithVisibilityAndSkipsMissingRows) {
  auto r = ReadAll("sheets/office-roster.xlsx", 2);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->sheets.size(), 3u);
  EXPECT_EQ(r->sheets[0].name, "填表说明");
  EXPECT_FALSE(r->sheets[1].visible);
  EXPECT_TRUE(r->sheets[2].visible);
  std::vector<int64_t> numbers;
  for (const auto& row : r->rows) numbers.push_back(row.number);
  EXPECT_EQ(numbers, (std::vector<int64_t>{1, 2, 4, 5, 6, 8}));
  EXPECT_EQ(r->rows[3].cells[3].kind, CellKind::kNumber);  // the phone typed as a number
}

TEST(Xlsx, ReadsInlineStrings) {
  auto r = ReadAll("sheets/inline-strings.xlsx");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[1].cells[0].text, "测试四");
}

TEST(Xlsx, ZipBombIsRefusedWithAClearMessage) {
  for (const char* f : {"sheets/zip-bomb.xlsx", "sheets/zip-bomb-lying.xlsx"}) {
    ports::SheetLimits limits;
    limits.max_inflated_bytes = 8 << 20;
    auto r = ReadAll(f, 0, limits);
    ASSERT_FALSE(r.ok()) << f;
    EXPECT_EQ(r.status().field(), "file");
    EXPECT_EQ(r.status().reason(), "sheet.too_large") << f << " " << r.status().ToString();
    EXPECT_NE(r.status().message().find("压缩炸弹"), std::string::npos);
  }
}

TEST(Xlsx, LimitsOnRowsAndCellsHold) {
  ports::SheetLimits limits;
  limits.max_rows = 2;
  auto rows = ReadAll("sheets/office-roster.xlsx", 2, limits);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().reason(), "sheet.too_many_rows");
  limits = {};
  limits.max_cell_bytes = 8;
  auto cells = ReadAll("inputs/roster-title-row-above-header.xlsx", 0, limits);
  ASSERT_FALSE(cells.ok());
  EXPECT_EQ(cells.status().reason(), "sheet.cell_too_long");
}

TEST(Xlsx, GarbageIsRefusedNeverCrashes) {
  std::string bytes = ReadFile("inputs/roster-title-row-above-header.xlsx");
  for (size_t cut : {size_t{10}, bytes.size() / 2, bytes.size() - 30}) {
    auto r = adapters::MakeSheetReader()->Open(bytes.substr(0, cut), "x.xlsx", {});
    if (r.ok()) {
      auto st = (*r)->ReadRows(0, [](const ports::SheetRow&) -> Result<bool> { return true; });
      (void)st;
    } else {
      EXPECT_EQ(r.status().field(), "file");
    }
  }
  auto xls = adapters::MakeSheetReader()->Open(
      std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "x", "a.xls", {});
  ASSERT_FALSE(xls.ok());
  EXPECT_EQ(xls.status().reason(), "sheet.legacy_xls");
}

class CsvEncodings : public ::testing::TestWithParam<const char*> {};

TEST_P(CsvEncodings, ReadAsTheSameRows) {
  auto r = ReadAll(std::string("sheets/") + GetParam());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 3u);
  EXPECT_EQ(r->rows[0].cells[0].text, "姓名");
  EXPECT_EQ(r->rows[1].cells[0].text, "测试五甲");
  EXPECT_EQ(r->rows[2].cells[0].text, "测试五乙");
  EXPECT_EQ(r->rows[2].cells[2].text, "138-0000-5002");
  EXPECT_EQ(r->rows[2].cells[3].text, "辅警");
  EXPECT_EQ(r->rows[2].number, 3);
}

INSTANTIATE_TEST_SUITE_P(Sheet, CsvEncodings,
                         ::testing::Values("roster-utf8-bom.csv", "roster-gb18030.csv",
                                           "roster-utf16le.txt", "roster-utf16be.csv"));

TEST(Csv, QuotedFieldsMayHoldSeparatorsQuotesAndLineBreaks) {
  auto wb = adapters::OpenCsv("a,\"b,\"\"c\"\"\r\nd\"\r\n\r\nx,y\n", "t.csv", {});
  ASSERT_TRUE(wb.ok());
  std::vector<ports::SheetRow> rows;
  ASSERT_TRUE((*wb)
                  ->ReadRows(0,
                             [&](const ports::SheetRow& r) -> Result<bool> {
                               rows.push_back(r);
                               return true;
                             })
                  .ok());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].cells[1].text, "b,\"c\"\r\nd");
  EXPECT_EQ(rows[1].number, 3);  // the blank line is counted, as Excel shows it
  EXPECT_EQ(rows[1].cells[1].text, "y");
}

}  // namespace
}  // namespace anpei
