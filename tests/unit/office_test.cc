// The office adapters alone: the XLSX writer (adapters/xlsx) read back by the project's reader
// (adapters/sheet) — text stays text, numbers numbers, 100 000 rows with flat memory — and the
// form renderer (adapters/pdf) read back by pdftotext: Chinese text, a long table paginated with
// its header repeated on every page, page numbers "第 x 页 / 共 y 页".
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "adapters/pdf/cairo_form_renderer.h"
#include "adapters/sheet/sheet_reader.h"
#include "adapters/xlsx/xlsx_writer.h"
#include "support/pdf_text.h"
#include "support/subprocess.h"

namespace anpei {
namespace {

using ports::NumberCell;
using ports::TextCell;
using testing::PdfText;

// Peak resident memory of this process so far (VmHWM), in kB.
int64_t PeakKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6));
  }
  return 0;
}

std::vector<std::vector<ports::Cell>> ReadBack(const std::string& bytes) {
  std::vector<std::vector<ports::Cell>> rows;
  auto wb = adapters::OpenXlsx(bytes, "t.xlsx", ports::SheetLimits{});
  EXPECT_TRUE(wb.ok()) << wb.status().message();
  if (!wb.ok()) return rows;
  EXPECT_EQ((*wb)->sheets().at(0).name, "培训班");
  Status st = (*wb)->ReadRows(0, [&](const ports::SheetRow& r) -> Result<bool> {
    rows.push_back(r.cells);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return rows;
}

TEST(XlsxWriter, IdentifiersStayTextAndNumbersNumbers) {
  auto w = adapters::MakeXlsxWriterFactory()->Create("培训班");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->AddHeader({"身份证号", "课时", "备注"}).ok());
  ASSERT_TRUE((*w)->AddRow({TextCell("35050319900101123X"), NumberCell(20), TextCell("")}).ok());
  ASSERT_TRUE((*w)->AddRow({TextCell("350503199001011234"), NumberCell(0), {}}).ok());
  auto bytes = (*w)->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto rows = ReadBack(*bytes);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0].text, "身份证号");
  EXPECT_EQ(rows[1][0].kind, ports::CellKind::kText);
  EXPECT_EQ(rows[2][0].kind, ports::CellKind::kText);
  EXPECT_EQ(rows[2][0].text, "350503199001011234");  // all 18 digits, as text
  EXPECT_EQ(rows[1][1].kind, ports::CellKind::kNumber);
  EXPECT_EQ(rows[1][1].text, "20");
}

// gcc says __SANITIZE_ADDRESS__ under AddressSanitizer, clang __has_feature(address_sanitizer).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ANPEI_CLANG_ASAN 1
#endif
#endif
#ifndef ANPEI_CLANG_ASAN
#define ANPEI_CLANG_ASAN 0
#endif

TEST(XlsxWriter, AHundredThousandRowsKeepMemoryFlat) {
  const int64_t before = PeakKb();
  auto w = adapters::MakeXlsxWriterFactory()->Create("培训班");
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->AddHeader({"姓名", "身份证号", "手机号", "人员类别", "创建时间"}).ok());
  for (int i = 0; i < 100000; ++i) {
    ASSERT_TRUE(
        (*w)->AddRow({TextCell("张*"), TextCell("3505**********" + std::to_string(1000 + i % 9000)),
                      TextCell("138****5678"), TextCell("安保从业人员"),
                      TextCell("2026-11-30 09:15:00")})
            .ok());
  }
  const int64_t written = PeakKb();
  auto bytes = (*w)->Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  const int64_t after = PeakKb();
  std::cout << "100000 rows: file " << bytes->size() / 1024 << " kB, peak RSS growth while writing "
            << (written - before) << " kB, after Finish " << (after - before) << " kB\n";
  // The rows went to a temporary file: writing them grew the peak by far less than their size
  // (the file itself is then held once, compressed). Under AddressSanitizer freed memory sits in
  // its quarantine, so the peak says nothing there: only the rows are checked.
#if !defined(__SANITIZE_ADDRESS__) && !ANPEI_CLANG_ASAN
  EXPECT_LT(written - before, 16 * 1024);
  EXPECT_LT(after - before, 16 * 1024 + static_cast<int64_t>(bytes->size() / 1024) * 2);
#endif
  auto rows = ReadBack(*bytes);
  EXPECT_EQ(rows.size(), 100001u);
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(FormRenderer, ALongTableBreaksAcrossPagesWithItsHeaderRepeated) {
  ports::FormDocument doc;
  doc.title = "保安培训班申报表";
  doc.subtitle = "依据 泉公综〔2021〕177号";
  ports::FormBlock fields;
  fields.kind = ports::FormBlock::Kind::kFields;
  fields.heading = "基本信息";
  fields.fields = {{"培训班名称", "2021年第一期保安员培训班", true},
                   {"培训机构", "泉州安盾保安培训学校", true},
                   {"总课时", "480 课时"},
                   {"理论课时", "300 课时"}};
  doc.blocks.push_back(fields);
  ports::FormBlock table;
  table.kind = ports::FormBlock::Kind::kTable;
  table.heading = "教学计划";
  table.table.headers = {"序号", "日期", "时间", "课时", "授课教师"};
  for (int i = 1; i <= 120; ++i) {
    table.table.rows.push_back({std::to_string(i), "2021-10-11", "08:30–11:30", "4", "陈老师"});
  }
  doc.blocks.push_back(table);
  doc.signatures = {"培训机构（盖章）", "审核部门意见"};
  doc.verification = "核验：培训班编号 7，计划第 1 版";
  auto pdf = adapters::MakeCairoFormRenderer()->RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);
  EXPECT_NE(text.find("2021年第一期保安员培训班"), std::string::npos) << text.substr(0, 500);
  EXPECT_NE(text.find("泉州安盾保安培训学校"), std::string::npos);
  EXPECT_NE(text.find("480课时"), std::string::npos);
  const size_t pages = Count(text, "\f");  // pdftotext ends every page with a form feed
  ASSERT_GE(pages, 3u) << text;
  const std::string of = "页/共" + std::to_string(pages) + "页";
  EXPECT_NE(text.find("第1" + of), std::string::npos);
  EXPECT_NE(text.find("第" + std::to_string(pages) + of), std::string::npos);
  // The header row on every page the table is on: first page + each continuation.
  EXPECT_EQ(Count(text, "授课教师"), pages) << text;
  EXPECT_GE(Count(text, "教学计划（续）"), pages - 1);
  EXPECT_EQ(Count(text, "核验：培训班编号7"), pages);
  EXPECT_NE(text.find("120"), std::string::npos);
  EXPECT_NE(text.find("培训机构（盖章）"), std::string::npos);
}

}  // namespace
}  // namespace anpei
