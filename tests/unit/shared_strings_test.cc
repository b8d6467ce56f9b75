// The shared-string table on disk (adapters/sheet/shared_strings.h) and the XLSX reader over it:
// many texts looked up in any order (also ones that share a cache slot), rich-text runs joined
// and phonetic guides left out, a reference to a missing text refused with a clear error, and
// the temporary files gone once the workbook is — after a success and after every error.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "adapters/sheet/shared_strings.h"
#include "adapters/sheet/sheet_reader.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;
using adapters::SharedStringTable;

// Runs each test with $TMPDIR set to a fresh directory of its own, so the temporary files the
// reader makes can be looked for.
class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("anpei-sst-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    const char* old = std::getenv("TMPDIR");
    old_tmpdir_ = old ? old : "";
    had_tmpdir_ = old != nullptr;
    ::setenv("TMPDIR", dir_.c_str(), 1);
  }
  void TearDown() override {
    if (had_tmpdir_) {
      ::setenv("TMPDIR", old_tmpdir_.c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Files of this process open in the directory (by /proc/self/fd), whether named or unlinked.
  int OpenFilesInDir() const {
    int n = 0;
    for (const auto& e : fs::directory_iterator("/proc/self/fd")) {
      std::error_code ec;
      const std::string target = fs::read_symlink(e.path(), ec).string();
      if (!ec && target.starts_with(dir_.string() + "/")) ++n;
    }
    return n;
  }
  // Names left in the directory.
  int NamesInDir() const {
    return static_cast<int>(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }

  fs::path dir_;
  std::string old_tmpdir_;
  bool had_tmpdir_ = false;
};

using SharedStrings = TempDir;

std::string Text(int64_t i) { return "学员" + std::to_string(i) + std::string(i % 7, 'x'); }

TEST_F(SharedStrings, ManyTextsComeBackInAnyOrder) {
  auto table = SharedStringTable::Create(4096);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  constexpr int64_t kCount = 200000;
  for (int64_t i = 0; i < kCount; ++i) {
    // Some texts in several pieces, one empty.
    if (i % 3 == 0) {
      ASSERT_TRUE((*table)->Append("").ok());
      ASSERT_TRUE((*table)->Append(Text(i).substr(0, 3)).ok());
      ASSERT_TRUE((*table)->Append(Text(i).substr(3)).ok());
    } else if (i != 17) {
      ASSERT_TRUE((*table)->Append(Text(i)).ok());
    }
    ASSERT_TRUE((*table)->End().ok());
  }
  EXPECT_EQ((*table)->size(), kCount);
  std::mt19937_64 random(42);
  std::vector<int64_t> order;
  order.reserve(5007);
  for (int i = 0; i < 5000; ++i) order.push_back(static_cast<int64_t>(random() % kCount));
  // Indexes that share a cache slot, alternately; the first and the last; again the first.
  for (int64_t i : std::initializer_list<int64_t>{5, 5 + 1024, 5, 5 + 2 * 1024, 0, kCount - 1, 0}) {
    order.push_back(i);
  }
  for (int64_t i : order) {
    auto got = (*table)->Get(i);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->has_value()) << i;
    EXPECT_EQ(**got, i == 17 ? "" : Text(i)) << i;
  }
  auto empty = (*table)->Get(17);
  ASSERT_TRUE(empty.ok() && empty->has_value());
  EXPECT_EQ(**empty, "");
}

TEST_F(SharedStrings, MissingIndexIsNoTextAndALongTextIsCutPastTheLimit) {
  auto table = SharedStringTable::Create(10);
  ASSERT_TRUE(table.ok());
  ASSERT_TRUE((*table)->Append(std::string(1 << 20, 'a')).ok());
  ASSERT_TRUE((*table)->End().ok());
  for (int64_t i : std::initializer_list<int64_t>{-1, 1, 2, 1 << 30}) {
    auto got = (*table)->Get(i);
    ASSERT_TRUE(got.ok());
    EXPECT_FALSE(got->has_value()) << i;
  }
  auto long_text = (*table)->Get(0);
  ASSERT_TRUE(long_text.ok() && long_text->has_value());
  EXPECT_EQ((*long_text)->size(), 11u);  // enough to be refused, not the megabyte
}

TEST_F(SharedStrings, TemporaryFilesHaveNoNameAndCloseWithTheTable) {
  EXPECT_EQ(OpenFilesInDir(), 0);
  {
    auto table = SharedStringTable::Create(4096);
    ASSERT_TRUE(table.ok());
    ASSERT_TRUE((*table)->Append(std::string(200000, 'z')).ok());  // past the write buffer
    ASSERT_TRUE((*table)->End().ok());
    EXPECT_EQ(OpenFilesInDir(), 2);  // on disk, in $TMPDIR
    EXPECT_EQ(NamesInDir(), 0);      // but already unlinked
  }
  EXPECT_EQ(OpenFilesInDir(), 0);
  EXPECT_EQ(NamesInDir(), 0);
}

TEST_F(SharedStrings, AnUnusableTemporaryDirectoryIsAClearError) {
  ::setenv("TMPDIR", (dir_ / "missing").c_str(), 1);
  auto table = SharedStringTable::Create(4096);
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), Code::kUnavailable);
  EXPECT_NE(table.status().message().find("临时"), std::string::npos) << table.status().message();
}

// ---- through the XLSX reader ----------------------------------------------------------------

// A workbook of one sheet with the given shared-string table and sheet data, as bytes.
std::string Xlsx(const fs::path& dir, const std::string& sst, const std::string& sheet_data) {
  const std::string ns = "http://schemas.openxmlformats.org/";
  const std::map<std::string, std::string> parts = {
      {"[Content_Types].xml", "<Types xmlns=\"" + ns +
                                  "package/2006/content-types\"><Default Extension=\"xml\" "
                                  "ContentType=\"application/xml\"/></Types>"},
      {"xl/workbook.xml", "<workbook xmlns=\"" + ns + "spreadsheetml/2006/main\" xmlns:r=\"" + ns +
                              "officeDocument/2006/relationships\"><sheets><sheet name=\"花名册\" "
                              "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       "<Relationships xmlns=\"" + ns +
           "package/2006/relationships\"><Relationship Id=\"rId1\" "
           "Type=\"" +
           ns +
           "officeDocument/2006/relationships/worksheet\" "
           "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" +
           ns +
           "officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
           "</Relationships>"},
      {"xl/sharedStrings.xml", sst},
      {"xl/worksheets/sheet1.xml", "<worksheet xmlns=\"" + ns +
                                       "spreadsheetml/2006/main\">"
                                       "<sheetData>" +
                                       sheet_data + "</sheetData></worksheet>"}};
  const std::string path = (dir / "book.xlsx").string();
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    EXPECT_GE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8), 0) << name;
  }
  EXPECT_EQ(zip_close(z), 0);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  fs::remove(path);
  return bytes.str();
}

std::string Sst(const std::string& items) {
  return "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + items +
         "</sst>";
}

std::string SharedCell(const std::string& ref, int64_t index) {
  return "<c r=\"" + ref + "\" t=\"s\"><v>" + std::to_string(index) + "</v></c>";
}

using SharedStringsXlsx = TempDir;

TEST_F(SharedStringsXlsx, RichTextRunsOutOfOrderReferencesAndNoFileLeft) {
  // 0: plain; 1: rich text in three runs with a phonetic guide; 2: empty; 3: spaces kept.
  const std::string sst =
      Sst("<si><t>姓名</t></si>"
          "<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space=\"preserve\">三</t></r>"
          "<rPh sb=\"0\" eb=\"1\"><t>ちょう</t></rPh><r><t>丰</t></r></si>"
          "<si/>"
          "<si><t xml:space=\"preserve\"> 身份证号 </t></si>");
  const std::string data = "<row r=\"1\">" + SharedCell("A1", 3) + SharedCell("B1", 0) + "</row>" +
                           "<row r=\"2\">" + SharedCell("A2", 1) + SharedCell("B2", 3) +
                           SharedCell("C2", 1) + "</row>";
  auto wb = adapters::MakeSheetReader()->Open(Xlsx(dir_, sst, data), "book.xlsx", {});
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  EXPECT_EQ(OpenFilesInDir(), 2);
  EXPECT_EQ(NamesInDir(), 0);
  std::vector<ports::SheetRow> rows;
  ASSERT_TRUE((*wb)
                  ->ReadRows(0,
                             [&](const ports::SheetRow& r) -> Result<bool> {
                               rows.push_back(r);
                               return true;
                             })
                  .ok());
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].cells.size(), 2u);
  EXPECT_EQ(rows[0].cells[0].text, " 身份证号 ");
  EXPECT_EQ(rows[0].cells[1].text, "姓名");
  ASSERT_EQ(rows[1].cells.size(), 3u);
  EXPECT_EQ(rows[1].cells[0].text, "张三丰");
  EXPECT_EQ(rows[1].cells[0].kind, ports::CellKind::kText);
  EXPECT_EQ(rows[1].cells[1].text, " 身份证号 ");
  EXPECT_EQ(rows[1].cells[2].text, "张三丰");
  wb->reset();
  EXPECT_EQ(OpenFilesInDir(), 0);
  EXPECT_EQ(NamesInDir(), 0);
}

TEST_F(SharedStringsXlsx, AReferenceToAMissingTextIsRefusedNamingTheRow) {
  const std::string sst = Sst("<si><t>姓名</t></si><si><t>张三</t></si>");
  const std::string data = "<row r=\"1\">" + SharedCell("A1", 0) + "</row><row r=\"7\">" +
                           SharedCell("A7", 1) + SharedCell("B7", 2) + "</row>";
  auto wb = adapters::MakeSheetReader()->Open(Xlsx(dir_, sst, data), "book.xlsx", {});
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  int rows = 0;
  Status st = (*wb)->ReadRows(0, [&](const ports::SheetRow&) -> Result<bool> {
    ++rows;
    return true;
  });
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_EQ(st.field(), "file");
  EXPECT_EQ(st.reason(), "sheet.damaged");
  EXPECT_NE(st.message().find("第 7 行"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("序号 2"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("共 2 条"), std::string::npos) << st.message();
  wb->reset();
  EXPECT_EQ(OpenFilesInDir(), 0);
  EXPECT_EQ(NamesInDir(), 0);
}

TEST_F(SharedStringsXlsx, ATextOverTheCellLimitIsRefused) {
  const std::string sst = Sst("<si><t>" + std::string(5000, 'a') + "</t></si>");
  ports::SheetLimits limits;
  limits.max_cell_bytes = 4096;
  auto wb = adapters::MakeSheetReader()->Open(
      Xlsx(dir_, sst, "<row r=\"3\">" + SharedCell("A3", 0) + "</row>"), "book.xlsx", limits);
  ASSERT_TRUE(wb.ok()) << wb.status().ToString();
  Status st = (*wb)->ReadRows(0, [](const ports::SheetRow&) -> Result<bool> { return true; });
  EXPECT_EQ(st.reason(), "sheet.cell_too_long");
  EXPECT_NE(st.message().find("第 3 行"), std::string::npos) << st.message();
}

TEST_F(SharedStringsXlsx, ATableDamagedHalfWayLeavesNoFile) {
  // Not well-formed after the first text: the open fails half-way through the table.
  auto damaged = adapters::MakeSheetReader()->Open(
      Xlsx(dir_, Sst("<si><t>姓名</t></si><si><t>张</si>"), "<row r=\"1\"/>"), "book.xlsx", {});
  ASSERT_FALSE(damaged.ok());
  EXPECT_EQ(damaged.status().reason(), "sheet.damaged");
  EXPECT_EQ(OpenFilesInDir(), 0);
  EXPECT_EQ(NamesInDir(), 0);
}

}  // namespace
}  // namespace anpei
