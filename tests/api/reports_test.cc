// Reports (统计报表, issue 15 Deliver 6) through the real server on SQLite and PostgreSQL: the
// numbers by district, institution, occupation and month for the city (city bureau, 人社, 财政);
// a district's reviewer and an institution see only their own, whatever filter they name; a class
// not approved on the platform counts nowhere; months filter by the event's month; bad queries
// are 400 naming the field; the XLSX export holds the same rows and its total, and is audited.
#include <boost/json.hpp>

#include "adapters/sheet/sheet_reader.h"
#include "support/api_world.h"
#include "support/fixtures.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::HttpResult;
using testing::J;
using testing::Reason;
using testing::Str;
using testing::ValidId;

class Reports : public testing::ApiWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    User("finance", "finance", "");
    const int64_t p1 = Id(Post("inst_a", "/trainees", Person("张三", ValidId(21))));
    const int64_t p2 = Id(Post("inst_a", "/trainees", Person("李四", ValidId(22))));
    const int64_t p3 = Id(Post("inst_b", "/trainees", Person("王五", ValidId(23))));
    const int64_t p4 = Id(Post("inst_a", "/trainees", Person("赵六", ValidId(24))));
    const int64_t a = Class("inst_a", inst_a_, "保安员初级班（甲）", {p1, p2});
    Declare("inst_a", a);
    Approve("reviewer_a", a);
    const int64_t b = Class("inst_b", inst_b_, "保安员初级班（乙）", {p3});
    Declare("inst_b", b);
    Approve("reviewer_b", b);
    // Declared, never approved: counted nowhere (四（二）).
    const int64_t c = Class("inst_a", inst_a_, "保安员初级班（待审）", {p4});
    Declare("inst_a", c);
  }

  // The report's rows as {key: trainees}, and the total's trainees.
  std::map<std::string, int64_t> Trainees(const std::string& who, const std::string& query,
                                          int64_t* total = nullptr) {
    auto r = Get(who, "/reports" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, int64_t> out;
    if (r.status != 200) return out;
    const json::value body = J(r);
    for (const json::value& row : body.at("rows").as_array()) {
      out[Str(row.at("key"))] = row.at("trainees").as_int64();
    }
    if (total) *total = body.at("total").at("trainees").as_int64();
    return out;
  }
};

TEST_P(Reports, CountsTheCityByDistrictInstitutionOccupationAndMonth) {
  int64_t total = 0;
  auto by_district = Trainees("admin", "", &total);
  EXPECT_EQ(by_district, (std::map<std::string, int64_t>{{"350503", 2}, {"350582", 1}}));
  EXPECT_EQ(total, 3);
  auto r = Get("hrss", "/reports?by=district");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value body = J(r);
  EXPECT_EQ(Str(body.at("by")), "district");
  EXPECT_EQ(Str(body.at("rows").at(0).at("label")), "丰泽区");
  EXPECT_EQ(body.at("rows").at(0).at("certified").as_int64(), 0);
  EXPECT_EQ(body.at("measures").as_array().size(), 6u);
  EXPECT_EQ(
      Trainees("finance", "?by=institution"),
      (std::map<std::string, int64_t>{{std::to_string(inst_a_), 2}, {std::to_string(inst_b_), 1}}));
  auto occ = Get("auditor", "/reports?by=occupation");
  ASSERT_EQ(occ.status, 200) << occ.body;
  const json::value occ_body = J(occ);
  ASSERT_EQ(occ_body.at("rows").as_array().size(), 1u);
  EXPECT_EQ(Str(occ_body.at("rows").at(0).at("label")), "保安员");
  EXPECT_EQ(occ_body.at("rows").at(0).at("trainees").as_int64(), 3);
  // The classes start on 2021-10-11: every trainee in October.
  EXPECT_EQ(Trainees("admin", "?by=month"), (std::map<std::string, int64_t>{{"2021-10", 3}}));
  EXPECT_EQ(Trainees("admin", "?by=month&from=2021-10&to=2021-10").size(), 1u);
  EXPECT_TRUE(Trainees("admin", "?by=month&from=2021-11").empty());
  EXPECT_TRUE(Trainees("admin", "?by=month&to=2021-09").empty());
  EXPECT_EQ(Trainees("admin", "?district_code=350582"),
            (std::map<std::string, int64_t>{{"350582", 1}}));
}

TEST_P(Reports, AReviewerAndAnInstitutionSeeOnlyTheirOwn) {
  EXPECT_EQ(Trainees("reviewer_a", ""), (std::map<std::string, int64_t>{{"350503", 2}}));
  // Naming another district does not widen the scope: it counts nothing.
  EXPECT_TRUE(Trainees("reviewer_a", "?district_code=350582").empty());
  EXPECT_TRUE(
      Trainees("reviewer_a", "?by=institution&institution_id=" + std::to_string(inst_b_)).empty());
  EXPECT_EQ(Trainees("inst_b", "?by=institution"),
            (std::map<std::string, int64_t>{{std::to_string(inst_b_), 1}}));
  EXPECT_TRUE(
      Trainees("inst_b", "?by=institution&institution_id=" + std::to_string(inst_a_)).empty());
  EXPECT_EQ(server_->Request("GET", "/api/v1/reports", "", testing::Headers{}).status, 401);
}

TEST_P(Reports, BadQueriesAre400NamingTheField) {
  auto field = [&](const std::string& query) {
    auto r = Get("admin", "/reports" + query);
    EXPECT_EQ(r.status, 400) << query << " " << r.body;
    return r.status == 400 ? Str(J(r).at("error").at("field")) : std::string();
  };
  EXPECT_EQ(field("?by=year"), "by");
  EXPECT_EQ(field("?from=2021-13"), "from");
  EXPECT_EQ(field("?to=21-01"), "to");
  EXPECT_EQ(field("?from=2021-12&to=2021-01"), "to");
  EXPECT_EQ(field("?institution_id=abc"), "institution_id");
  EXPECT_EQ(field("/export.xlsx?by=week"), "by");
}

TEST_P(Reports, TheXlsxExportHoldsTheRowsAndTheTotalAndIsAudited) {
  auto r = Get("finance", "/reports/export.xlsx?by=district");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 300);
  auto wb = adapters::OpenXlsx(r.body, "report.xlsx", ports::SheetLimits{});
  ASSERT_TRUE(wb.ok()) << wb.status().message();
  std::vector<std::vector<std::string>> rows;
  Status st = (*wb)->ReadRows(0, [&](const ports::SheetRow& row) -> Result<bool> {
    std::vector<std::string> cells;
    for (const auto& c : row.cells) cells.push_back(c.text);
    rows.push_back(std::move(cells));
    return true;
  });
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(rows.size(), 4u);  // header, 丰泽区, 晋江市, 合计
  EXPECT_EQ(rows[0][0], "区县");
  EXPECT_EQ(rows[0][1], "培训人数");
  EXPECT_EQ(rows[1][0], "丰泽区");
  EXPECT_EQ(rows[1][1], "2");
  EXPECT_EQ(rows[3][0], "合计");
  EXPECT_EQ(rows[3][1], "3");
  auto audit = Get("admin", "/audit-events?action=report.export");
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(J(audit).at("items").as_array().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Reports, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
