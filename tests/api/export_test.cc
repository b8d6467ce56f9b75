// Exports of the lists (XLSX) and the printed 申报表 (PDF), against the real server on SQLite and
// PostgreSQL. Each XLSX is read back with the project's own reader (adapters/sheet): the Chinese
// headers of the page, the rows of the filtered list, masking as the page masks, identifiers as
// text cells, scope isolation between institutions, the audit event and the row bound. The PDF is
// read back with pdftotext (poppler-utils).
#include <unistd.h>

#include <boost/json.hpp>
#include <fstream>

#include "adapters/sheet/sheet_reader.h"
#include "domain/identity.h"
#include "domain/model.h"
#include "support/accounts.h"
#include "support/fixtures.h"
#include "support/pdf_text.h"
#include "support/server_process.h"
#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::NoSpaces;
using testing::PdfText;
using testing::ServerProcess;
using testing::TestDatabase;
using testing::ValidId;
using testing::ValidUscc;

json::value J(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value(nullptr) : v;
}

struct Sheet {
  std::vector<std::vector<ports::Cell>> rows;  // the header first
  std::vector<std::string> Header() const {
    std::vector<std::string> out;
    if (!rows.empty()) {
      for (const auto& c : rows[0]) out.push_back(c.text);
    }
    return out;
  }
  size_t DataRows() const { return rows.empty() ? 0 : rows.size() - 1; }
  // The data column titled `title`.
  std::vector<ports::Cell> Column(const std::string& title) const {
    std::vector<ports::Cell> out;
    const auto h = Header();
    const auto at = std::find(h.begin(), h.end(), title);
    if (at == h.end()) return out;
    const auto c = static_cast<size_t>(at - h.begin());
    for (size_t r = 1; r < rows.size(); ++r) {
      out.push_back(c < rows[r].size() ? rows[r][c] : ports::Cell{});
    }
    return out;
  }
  bool Contains(const std::string& text) const {
    for (const auto& r : rows) {
      for (const auto& c : r) {
        if (c.text.find(text) != std::string::npos) return true;
      }
    }
    return false;
  }
};

Sheet ReadXlsx(const HttpResult& r) {
  Sheet out;
  EXPECT_EQ(r.status, 200) << r.body.substr(0, 300);
  auto wb = adapters::OpenXlsx(r.body, "export.xlsx", ports::SheetLimits{});
  EXPECT_TRUE(wb.ok()) << wb.status().message();
  if (!wb.ok()) return out;
  Status st = (*wb)->ReadRows(0, [&](const ports::SheetRow& row) -> Result<bool> {
    out.rows.push_back(row.cells);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

// Sessions of a compliant plan in October 2021 (the fixed clock is 2021-09-28): 20 hours, 60 %
// theory, one online session.
std::string Sessions() {
  json::array out;
  for (int i = 0; i < 5; ++i) {
    json::object s{{"date", "2021-10-" + std::to_string(11 + i)},
                   {"start", "08:30"},
                   {"end", "11:30"},
                   {"hours", 4},
                   {"kind", i < 3 ? "theory" : "practical"},
                   {"delivery", "offline"},
                   {"teacher", "t1"}};
    out.push_back(std::move(s));
  }
  return json::serialize(out);
}

class Export : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_EQ(testing::AddUser(*db_, "admin", "police_admin").exit_code, 0);
    Start({});
    Seed();
  }
  void Start(std::vector<std::string> extra) {
    std::vector<std::string> args{"--db",          db_->url(),      "--key-file",
                                  db_->key_file(), "--fixed-clock", "2021-09-28T10:00:00+08:00"};
    args.insert(args.end(), extra.begin(), extra.end());
    server_ = std::make_unique<ServerProcess>(args);
    ASSERT_TRUE(server_->started());
    admin_ = server_->SignIn("admin", testing::kTestPassword);
    ASSERT_FALSE(admin_.empty());
    if (inst_a_id_) {
      inst_a_ = server_->SignIn("inst_a", testing::kTestPassword);
      inst_b_ = server_->SignIn("inst_b", testing::kTestPassword);
    }
  }
  HttpResult Get(const std::map<std::string, std::string>& as, const std::string& path) {
    return server_->Request("GET", "/api/v1" + path, "", as);
  }
  int64_t Post(const std::map<std::string, std::string>& as, const std::string& path,
               const std::string& body) {
    auto r = server_->Request("POST", "/api/v1" + path, body, as);
    EXPECT_TRUE(r.status == 200 || r.status == 201) << path << " " << r.status << " " << r.body;
    json::value v = J(r);
    return v.is_object() && v.as_object().contains("id") ? v.at("id").as_int64() : 0;
  }
  void Seed() {
    Post(admin_, "/districts", R"({"code":"350503","name":"丰泽区"})");
    Post(admin_, "/districts", R"({"code":"350582","name":"晋江市"})");
    inst_a_id_ = Post(admin_, "/institutions",
                      R"({"name":"泉州安盾保安培训学校","uscc":")" + ValidUscc(1) +
                          R"(","district_code":"350503","address":"丰泽区东海街道"})");
    inst_b_id_ = Post(admin_, "/institutions",
                      R"({"name":"晋江乙方保安培训中心","uscc":")" + ValidUscc(2) +
                          R"(","district_code":"350582"})");
    teacher_a_ = Post(admin_, "/teachers",
                      R"({"institution_id":)" + std::to_string(inst_a_id_) +
                          R"(,"name":"陈老师","id_number":")" + ValidId(900, 1975) +
                          R"(","qualification":"保安员（高级）"})");
    for (const auto& [name, inst] : std::vector<std::pair<std::string, int64_t>>{
             {"inst_a", inst_a_id_}, {"inst_b", inst_b_id_}}) {
      Post(admin_, "/users",
           R"({"username":")" + name + R"(","roles":["institution"],"institution_id":)" +
               std::to_string(inst) + R"(,"password":")" + testing::kTestPassword + "\"}");
    }
    inst_a_ = server_->SignIn("inst_a", testing::kTestPassword);
    inst_b_ = server_->SignIn("inst_b", testing::kTestPassword);
    for (int i = 0; i < 3; ++i) {
      a_ids_.push_back(ValidId(i));
      a_trainees_.push_back(Post(inst_a_, "/trainees",
                                 R"({"name":"甲校学员)" + std::to_string(i) + R"(","id_number":")" +
                                     a_ids_.back() +
                                     R"(","phone":"13800001234","group":"security_staff"})"));
    }
    b_id_ = ValidId(50);
    Post(inst_b_, "/trainees",
         R"({"name":"乙校学员","id_number":")" + b_id_ +
             R"(","phone":"13900005678","group":"security_staff"})");
    std::string roster;
    for (int64_t t : a_trainees_) roster += (roster.empty() ? "" : ",") + std::to_string(t);
    class_a_ = Post(inst_a_, "/classes",
                    R"({"institution_id":)" + std::to_string(inst_a_id_) +
                        R"(,"occupation":"security_guard","title":"2021年第一期保安员培训班",)" +
                        R"("venue":{"address":"丰泽区东海街道通港西街168号"},)" +
                        R"("teachers":[{"key":"t1","teacher_id":)" + std::to_string(teacher_a_) +
                        "}]," + R"("sessions":)" + Sessions() + R"(,"roster":[)" + roster + "]}");
  }

  int64_t AuditCount(const std::string& action) {
    auto r = Get(admin_, "/audit-events?action=" + action);
    EXPECT_EQ(r.status, 200) << r.body;
    return J(r).at("total").as_int64();
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> admin_, inst_a_, inst_b_;
  int64_t inst_a_id_ = 0, inst_b_id_ = 0, teacher_a_ = 0, class_a_ = 0;
  std::vector<int64_t> a_trainees_;
  std::vector<std::string> a_ids_;
  std::string b_id_;
};

TEST_P(Export, ClassesExportHasThePageColumnsAndTheFilteredRows) {
  auto r = Get(admin_, "/classes/export.xlsx?state=draft");
  EXPECT_EQ(r.headers["content-type"],
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  // RFC 5987: 培训班_2021-09-28.xlsx in UTF-8, and an ASCII fallback.
  EXPECT_NE(r.headers["content-disposition"].find(
                "filename*=UTF-8''%E5%9F%B9%E8%AE%AD%E7%8F%AD_2021-09-28.xlsx"),
            std::string::npos)
      << r.headers["content-disposition"];
  EXPECT_EQ(r.headers["cache-control"], "no-store");
  Sheet s = ReadXlsx(r);
  EXPECT_EQ(s.Header(),
            (std::vector<std::string>{"班级名称", "培训机构", "辖区", "职业（工种）", "状态",
                                      "开班日期", "总课时", "课次", "学员", "更新时间"}));
  const auto list = J(Get(admin_, "/classes?state=draft"));
  ASSERT_EQ(s.DataRows(), static_cast<size_t>(list.at("total").as_int64()));
  ASSERT_EQ(s.DataRows(), 1u);
  EXPECT_EQ(s.rows[1][0].text, "2021年第一期保安员培训班");
  EXPECT_EQ(s.rows[1][2].text, "丰泽区");
  EXPECT_EQ(s.rows[1][3].text, "保安员");
  EXPECT_EQ(s.rows[1][4].text, "草稿");
  EXPECT_EQ(s.rows[1][5].text, "2021-10-11");
  EXPECT_EQ(s.rows[1][6].kind, ports::CellKind::kNumber);
  EXPECT_EQ(s.rows[1][6].text, "20");
  // Another filter, another row set: none declared yet.
  EXPECT_EQ(ReadXlsx(Get(admin_, "/classes/export.xlsx?state=declared")).DataRows(), 0u);
  // A bad filter is refused as the list refuses it.
  auto bad = Get(admin_, "/classes/export.xlsx?state=nonsense");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(J(bad).at("error").at("field"), "state");
}

TEST_P(Export, TraineesAreMaskedAsThePageMasksThemWithIdentifiersAsText) {
  Sheet s = ReadXlsx(Get(inst_a_, "/trainees/export.xlsx"));
  EXPECT_EQ(s.Header(),
            (std::vector<std::string>{"姓名", "身份证号", "手机号", "人员类别", "创建时间"}));
  const auto list = J(Get(inst_a_, "/trainees?page_size=100"));
  ASSERT_EQ(s.DataRows(), list.at("items").as_array().size());
  ASSERT_EQ(s.DataRows(), 3u);
  const auto ids = s.Column("身份证号");
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(ids[i].kind, ports::CellKind::kText);  // never a number: Excel would corrupt it
    EXPECT_EQ(ids[i].text, std::string(list.at("items").at(i).at("id_number").as_string()));
    EXPECT_NE(ids[i].text.find("**********"), std::string::npos) << ids[i].text;
  }
  for (const auto& id : a_ids_) EXPECT_FALSE(s.Contains(id)) << "full ID number " << id;
  EXPECT_FALSE(s.Contains("13800001234"));
  EXPECT_TRUE(s.Contains("138****1234"));
  // Names as the list shows them: the institution's own trainees in full (app::NameFor).
  const auto names = s.Column("姓名");
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(names[i].text, std::string(list.at("items").at(i).at("name").as_string()));
  }
  EXPECT_TRUE(s.Contains("甲校学员0"));
  EXPECT_EQ(s.Column("人员类别")[0].text, "安保从业人员");
  // Institution B sees only its own trainee; none of A's.
  Sheet b = ReadXlsx(Get(inst_b_, "/trainees/export.xlsx"));
  ASSERT_EQ(b.DataRows(), 1u);
  EXPECT_EQ(b.Column("身份证号")[0].text, domain::MaskIdNumber(b_id_));
  for (const auto& id : a_ids_) EXPECT_FALSE(b.Contains(domain::MaskIdNumber(id)));
}

TEST_P(Export, ScopeIsTheListsScope) {
  Sheet b = ReadXlsx(Get(inst_b_, "/classes/export.xlsx"));
  EXPECT_EQ(b.DataRows(), 0u);
  EXPECT_FALSE(b.Contains("2021年第一期保安员培训班"));
  Sheet a = ReadXlsx(Get(inst_a_, "/classes/export.xlsx"));
  EXPECT_EQ(a.DataRows(), 1u);
  // Institution B asking for A's classes by filter still gets only its own.
  EXPECT_EQ(
      ReadXlsx(Get(inst_b_, "/classes/export.xlsx?institution_id=" + std::to_string(inst_a_id_)))
          .DataRows(),
      0u);
  Sheet teachers_b = ReadXlsx(Get(inst_b_, "/teachers/export.xlsx"));
  EXPECT_EQ(teachers_b.DataRows(), 0u);
  Sheet teachers = ReadXlsx(Get(admin_, "/teachers/export.xlsx"));
  EXPECT_EQ(teachers.Header(),
            (std::vector<std::string>{"姓名", "身份证号", "资质证书", "创建时间"}));
  ASSERT_EQ(teachers.DataRows(), 1u);
  EXPECT_EQ(teachers.Column("身份证号")[0].text, domain::MaskIdNumber(ValidId(900, 1975)));
  Sheet insts = ReadXlsx(Get(inst_a_, "/institutions/export.xlsx"));
  ASSERT_EQ(insts.DataRows(), 1u);
  EXPECT_EQ(insts.Column("统一社会信用代码")[0].text, ValidUscc(1));
  EXPECT_EQ(insts.Column("统一社会信用代码")[0].kind, ports::CellKind::kText);
  // Roles that may not read the list may not export it.
  EXPECT_EQ(Get(inst_a_, "/users/export.xlsx").status, 403);
  EXPECT_EQ(server_->Request("GET", "/api/v1/classes/export.xlsx").status, 401);
  Sheet users = ReadXlsx(Get(admin_, "/users/export.xlsx"));
  EXPECT_EQ(users.Header(),
            (std::vector<std::string>{"用户名", "姓名", "角色", "数据范围", "状态", "创建时间"}));
  EXPECT_EQ(users.DataRows(), 3u);
  EXPECT_TRUE(users.Contains("泉州安盾保安培训学校"));
  EXPECT_TRUE(users.Contains("市公安局管理员"));
  Sheet years = ReadXlsx(Get(admin_, "/calendar/years/export.xlsx"));
  EXPECT_EQ(years.Header()[0], "年份");
  EXPECT_GE(years.DataRows(), 1u);
}

TEST_P(Export, EachExportIsOneAuditEventWithoutPersonalData) {
  const int64_t before = AuditCount("trainee.export");
  // A search by a whole ID number: the note records that a search was given, not what.
  Sheet s = ReadXlsx(Get(inst_a_, "/trainees/export.xlsx?q=" + a_ids_[1]));
  EXPECT_EQ(s.DataRows(), 1u);
  EXPECT_EQ(AuditCount("trainee.export"), before + 1);
  auto events = J(Get(admin_, "/audit-events?action=trainee.export"));
  const auto& e = events.at("items").as_array().back();
  EXPECT_EQ(e.at("actor"), "inst_a");
  const std::string detail = json::serialize(e.at("detail"));
  EXPECT_NE(detail.find("导出 1 行"), std::string::npos) << detail;
  EXPECT_EQ(detail.find(a_ids_[1]), std::string::npos) << detail;
  EXPECT_NE(detail.find("q="), std::string::npos) << detail;
  ReadXlsx(Get(admin_, "/classes/export.xlsx?state=draft"));
  auto cls = J(Get(admin_, "/audit-events?action=class.export")).at("items").as_array();
  ASSERT_EQ(cls.size(), 1u);
  EXPECT_NE(json::serialize(cls[0].at("detail")).find("state=draft"), std::string::npos);
  // The audit trail itself exports as XLSX too, with the page's columns.
  Sheet audit = ReadXlsx(Get(admin_, "/audit-events.xlsx?action=class.export"));
  EXPECT_EQ(audit.Header(), (std::vector<std::string>{"序号", "时间", "操作人", "角色", "操作",
                                                      "对象", "详情", "变更摘要"}));
  ASSERT_EQ(audit.DataRows(), 1u);
  EXPECT_EQ(audit.rows[1][2].text, "admin");
  EXPECT_EQ(audit.rows[1][3].text, "市公安局管理员");
}

TEST_P(Export, TheRowBoundIsEnforcedAndNothingIsAudited) {
  Start({"--max-export-rows", "2"});
  const int64_t before = AuditCount("trainee.export");
  auto r = Get(inst_a_, "/trainees/export.xlsx");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(J(r).at("error").at("reason"), "export.too_many_rows");
  EXPECT_NE(r.body.find("缩小范围"), std::string::npos) << r.body;
  EXPECT_EQ(AuditCount("trainee.export"), before);
  // Two rows are within the bound.
  EXPECT_EQ(ReadXlsx(Get(inst_a_, "/trainees/export.xlsx?q=" + a_ids_[0])).DataRows(), 1u);
}

TEST_P(Export, RosterExportIsTheClassPagesRosterAndHiddenOutsideScope) {
  const std::string path = "/classes/" + std::to_string(class_a_) + "/roster.xlsx";
  Sheet s = ReadXlsx(Get(inst_a_, path));
  EXPECT_EQ(s.Header(), (std::vector<std::string>{"序号", "姓名", "身份证号", "人员类别"}));
  ASSERT_EQ(s.DataRows(), 3u);
  const auto cls = J(Get(inst_a_, "/classes/" + std::to_string(class_a_)));
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(s.rows[i + 1][1].text, std::string(cls.at("roster").at(i).at("name").as_string()));
    EXPECT_EQ(s.rows[i + 1][2].text,
              std::string(cls.at("roster").at(i).at("id_number").as_string()));
  }
  for (const auto& id : a_ids_) EXPECT_FALSE(s.Contains(id));
  auto other = Get(inst_b_, path);
  auto missing = Get(inst_b_, "/classes/99999/roster.xlsx");
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(missing.status, 404);
  auto strip = [](std::string body, const std::string& id) {
    for (size_t at = body.find(id); at != std::string::npos; at = body.find(id)) {
      body.replace(at, id.size(), "N");
    }
    return body;
  };
  EXPECT_EQ(strip(other.body, std::to_string(class_a_)), strip(missing.body, "99999"));
}

TEST_P(Export, DeclarationFormIsPrintedForADeclaredClass) {
  const std::string path = "/classes/" + std::to_string(class_a_) + "/declaration-form.pdf";
  auto draft = Get(inst_a_, path);
  EXPECT_EQ(draft.status, 409) << draft.body;
  EXPECT_EQ(J(draft).at("error").at("reason"), "form.not_declared");
  EXPECT_NE(draft.body.find("尚未申报"), std::string::npos);
  auto declared =
      server_->Request("POST", "/api/v1/classes/" + std::to_string(class_a_) + "/declare",
                       R"({"version":1})", inst_a_);
  ASSERT_EQ(declared.status, 200) << declared.body;

  auto pdf = Get(inst_a_, path);
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_EQ(pdf.body.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.headers["content-disposition"].find("inline"), std::string::npos);
  if (const char* out = std::getenv("ANPEI_FORM_OUT")) {  // to look at it: pdftoppm -png
    std::ofstream(out, std::ios::binary) << pdf.body;
  }
  const std::string text = PdfText(pdf.body);
  for (const std::string& want : std::vector<std::string>{
           "保安培训班申报表", "2021年第一期保安员培训班", "泉州安盾保安培训学校", ValidUscc(1),
           "丰泽区", "保安员", "20 课时", "12 课时", "8 课时", "2021-10-11", "2021-10-15",
           "08:30–11:30", "陈老师", "3 人", "2021-09-28 10:00:00", "第 1 版", "第 1 页 / 共"}) {
    EXPECT_NE(text.find(NoSpaces(want)), std::string::npos) << "missing 「" << want << "」 in\n"
                                                            << text;
  }
  // Teachers' ID numbers masked; no trainee is named or identified.
  EXPECT_EQ(text.find(ValidId(900, 1975)), std::string::npos);
  for (const auto& id : a_ids_) EXPECT_EQ(text.find(id), std::string::npos);
  EXPECT_EQ(text.find("甲校学员"), std::string::npos);
  // The reviewer of the district and the city bureau may print it; another institution gets
  // the answer of a missing class.
  EXPECT_EQ(Get(admin_, path).status, 200);
  auto other = Get(inst_b_, path);
  EXPECT_EQ(other.status, 404);
  auto missing = Get(inst_b_, "/classes/99999/declaration-form.pdf");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(J(other).at("error").at("reason"), J(missing).at("error").at("reason"));
  EXPECT_GE(AuditCount("class.print_declaration"), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, Export, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
