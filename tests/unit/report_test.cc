// The pure part of the reports (domain/report.h): facts merged into rows per group, a total that
// adds every row, institutions ordered by number, months checked.
#include "domain/report.h"

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

TEST(Report, DimensionIdsRoundTripAndUnknownIsRefused) {
  for (auto d : {ReportDimension::kDistrict, ReportDimension::kInstitution,
                 ReportDimension::kOccupation, ReportDimension::kMonth}) {
    EXPECT_EQ(ParseReportDimension(ReportDimensionId(d)), d);
    EXPECT_FALSE(ReportDimensionName(d).empty());
  }
  EXPECT_FALSE(ParseReportDimension("year"));
  EXPECT_FALSE(ParseReportDimension(""));
}

TEST(Report, FactsOfOneGroupMergeIntoOneRowAndTheTotalAddsEveryRow) {
  const std::vector<ReportFact> facts = {
      {"350503", "丰泽区", ReportMeasure::kTrainees, 10},
      {"350582", "晋江市", ReportMeasure::kTrainees, 4},
      {"350503", "丰泽区", ReportMeasure::kCertified, 8},
      {"350503", "丰泽区", ReportMeasure::kPaidCount, 7},
      {"350503", "丰泽区", ReportMeasure::kPaidYuan, 4550},
      {"350582", "晋江市", ReportMeasure::kClawbackDueYuan, 1300},
      {"350582", "晋江市", ReportMeasure::kClawbackRecoveredYuan, 650},
      // A second fact for the same group and measure adds up (e.g. two policies).
      {"350582", "晋江市", ReportMeasure::kTrainees, 1},
  };
  const Report r = BuildReport(ReportDimension::kDistrict, "2021-01", "2021-12", facts);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].key, "350503");
  EXPECT_EQ(r.rows[0].label, "丰泽区");
  EXPECT_EQ(r.rows[0].trainees, 10);
  EXPECT_EQ(r.rows[0].certified, 8);
  EXPECT_EQ(r.rows[0].paid, 7);
  EXPECT_EQ(r.rows[0].paid_yuan, 4550);
  EXPECT_EQ(r.rows[1].trainees, 5);
  EXPECT_EQ(r.rows[1].clawback_outstanding_yuan(), 650);
  EXPECT_EQ(r.total.label, "合计");
  EXPECT_EQ(r.total.trainees, 15);
  EXPECT_EQ(r.total.certified, 8);
  EXPECT_EQ(r.total.paid_yuan, 4550);
  EXPECT_EQ(r.total.clawback_due_yuan, 1300);
  EXPECT_EQ(r.total.clawback_recovered_yuan, 650);
  EXPECT_EQ(r.total.clawback_outstanding_yuan(), 650);
  EXPECT_EQ(r.from_month, "2021-01");
}

TEST(Report, InstitutionsAreOrderedByNumberAndMonthsInTimeOrder) {
  const Report by_inst = BuildReport(ReportDimension::kInstitution, "", "",
                                     {{"10", "十校", ReportMeasure::kTrainees, 1},
                                      {"9", "九校", ReportMeasure::kTrainees, 2},
                                      {"100", "百校", ReportMeasure::kTrainees, 3}});
  ASSERT_EQ(by_inst.rows.size(), 3u);
  EXPECT_EQ(by_inst.rows[0].key, "9");
  EXPECT_EQ(by_inst.rows[1].key, "10");
  EXPECT_EQ(by_inst.rows[2].key, "100");
  const Report by_month = BuildReport(ReportDimension::kMonth, "", "",
                                      {{"2021-11", "2021-11", ReportMeasure::kCertified, 1},
                                       {"2021-02", "2021-02", ReportMeasure::kTrainees, 2}});
  ASSERT_EQ(by_month.rows.size(), 2u);
  EXPECT_EQ(by_month.rows[0].key, "2021-02");
  EXPECT_EQ(by_month.rows[1].key, "2021-11");
}

TEST(Report, NoFactsIsAnEmptyReportWithAZeroTotal) {
  const Report r = BuildReport(ReportDimension::kOccupation, "", "", {});
  EXPECT_TRUE(r.rows.empty());
  EXPECT_EQ(r.total.trainees, 0);
  EXPECT_EQ(r.total.clawback_outstanding_yuan(), 0);
}

TEST(Report, MonthsAreYearDashMonth) {
  EXPECT_TRUE(IsReportMonth("2021-01"));
  EXPECT_TRUE(IsReportMonth("2026-12"));
  EXPECT_FALSE(IsReportMonth("2021-13"));
  EXPECT_FALSE(IsReportMonth("2021-00"));
  EXPECT_FALSE(IsReportMonth("2021-1"));
  EXPECT_FALSE(IsReportMonth("2021/01"));
  EXPECT_FALSE(IsReportMonth("1999-12"));
  EXPECT_FALSE(IsReportMonth("2021-01-01"));
  EXPECT_FALSE(IsReportMonth(""));
}

}  // namespace
}  // namespace anpei::domain
