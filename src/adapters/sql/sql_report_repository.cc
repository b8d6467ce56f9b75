// SQL adapter of ports::ReportRepository: one GROUP BY query per measure over the tables that
// record its events (class_roster + class_sessions, certificates, ...), each grouped by the
// report's dimension and filtered by the month of its own event. Dates are stored as local
// (UTC+8) ISO text, so the month is the text's first seven characters on both backends.
#include <string>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

using domain::ReportDimension;
using domain::ReportMeasure;

// The source of one measure: FROM (ending in classes c; institutions i and districts dd are joined
// after it), the event's date
// expression, the value expression (COUNT or SUM) and the rows it counts.
struct MeasureSource {
  ReportMeasure measure;
  std::string_view from;
  std::string_view date;
  std::string_view value;
  std::string_view where;
};

// States of a class that was reviewed and approved on the platform (四（二）).
constexpr std::string_view kApprovedStates =
    "c.state NOT IN ('draft', 'declared', 'returned', 'rejected')";

constexpr MeasureSource kSources[] = {
    {ReportMeasure::kTrainees,
     "FROM class_roster r JOIN classes c ON c.id = r.class_id "
     "JOIN (SELECT class_id, MIN(date) AS first_date FROM class_sessions GROUP BY class_id) fs "
     "ON fs.class_id = c.id",
     "fs.first_date", "COUNT(*)", kApprovedStates},
    {ReportMeasure::kCertified, "FROM certificates e JOIN classes c ON c.id = e.class_id",
     "e.issued_at", "COUNT(*)", "e.revoked_at IS NULL"},
    // Payments registered paid by the bank (fund_lines, migration 0029), on the day paid.
    {ReportMeasure::kPaidCount, "FROM fund_lines f JOIN classes c ON c.id = f.class_id",
     "f.paid_on", "COUNT(*)", "f.status = 'paid'"},
    {ReportMeasure::kPaidYuan, "FROM fund_lines f JOIN classes c ON c.id = f.class_id", "f.paid_on",
     "CAST(SUM(f.amount_yuan) AS BIGINT)", "f.status = 'paid'"},
    // Clawbacks (追回) from the day they arose, and each recovery on the day it was registered.
    {ReportMeasure::kClawbackDueYuan, "FROM clawbacks k JOIN classes c ON c.id = k.class_id",
     "k.created_at", "CAST(SUM(k.due_yuan) AS BIGINT)", "k.due_yuan > 0"},
    {ReportMeasure::kClawbackRecoveredYuan,
     "FROM clawback_recoveries r JOIN clawbacks k ON k.id = r.clawback_id "
     "JOIN classes c ON c.id = k.class_id",
     "r.recovered_on", "CAST(SUM(r.amount_yuan) AS BIGINT)", "r.amount_yuan > 0"},
};

std::string GroupKey(ReportDimension d, std::string_view date) {
  switch (d) {
    case ReportDimension::kDistrict:
      return "i.district_code";
    case ReportDimension::kInstitution:
      return "CAST(i.id AS TEXT)";
    case ReportDimension::kOccupation:
      return "c.occupation";
    case ReportDimension::kMonth:
      return "SUBSTR(" + std::string(date) + ", 1, 7)";
  }
  return "i.district_code";
}

std::string GroupLabel(ReportDimension d, std::string_view date) {
  switch (d) {
    case ReportDimension::kDistrict:
      return "dd.name";
    case ReportDimension::kInstitution:
      return "i.name";
    default:
      return GroupKey(d, date);
  }
}

class SqlReportRepository final : public ports::ReportRepository, private SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<std::vector<domain::ReportFact>> Facts(const ports::ReportQuery& q) override {
    std::vector<domain::ReportFact> out;
    for (const MeasureSource& src : kSources) {
      ANPEI_RETURN_IF_ERROR(Count(src, q, out));
    }
    return out;
  }

 private:
  Status Count(const MeasureSource& src, const ports::ReportQuery& q,
               std::vector<domain::ReportFact>& out) {
    const std::string date(src.date);
    const std::string month = "SUBSTR(" + date + ", 1, 7)";
    Where where;
    where.sql = " WHERE " + std::string(src.where) + " AND " + date + " IS NOT NULL";
    if (q.district_code) where.Add("i.district_code = ?", Str(*q.district_code));
    if (q.institution_id) where.Add("i.id = ?", Int(*q.institution_id));
    if (!q.from_month.empty()) where.Add(month + " >= ?", Str(q.from_month));
    if (!q.to_month.empty()) where.Add(month + " <= ?", Str(q.to_month));
    const std::string key = GroupKey(q.dimension, src.date);
    const std::string sql = "SELECT " + key + " AS k, MIN(" + GroupLabel(q.dimension, src.date) +
                            ") AS label, " + std::string(src.value) + " AS v " +
                            std::string(src.from) +
                            " JOIN institutions i ON i.id = c.institution_id JOIN districts dd ON "
                            "dd.code = i.district_code" +
                            where.sql + " GROUP BY " + key;
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(sql, where.params));
    for (RowRef row : Rows(r)) {
      out.push_back({row.Str("k"), row.Str("label"), src.measure, row.Int("v")});
    }
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::ReportRepository> MakeReportRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault) {
  return std::make_unique<SqlReportRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
