#include "app/reports.h"

#include <utility>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "ports/sheet_writer.h"

namespace anpei::app {
namespace {

// The request checked and narrowed to the actor's scope.
Result<ports::ReportQuery> QueryOf(const Actor& actor, ReportRequest r) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kReportReaders));
  ports::ReportQuery q;
  auto dimension = domain::ParseReportDimension(r.by);
  if (!dimension) {
    return Status::Invalid("by",
                           "统计维度 by 应为 district（区县）、institution（培训机构）、"
                           "occupation（职业）或 month（月份）");
  }
  q.dimension = *dimension;
  if (!r.from.empty() && !domain::IsReportMonth(r.from)) {
    return Status::Invalid("from", "起始月份 from 应为 YYYY-MM，如 2021-10");
  }
  if (!r.to.empty() && !domain::IsReportMonth(r.to)) {
    return Status::Invalid("to", "截止月份 to 应为 YYYY-MM，如 2021-12");
  }
  if (!r.from.empty() && !r.to.empty() && r.from > r.to) {
    return Status::Invalid("to", "截止月份 to 不能早于起始月份 from");
  }
  q.from_month = std::move(r.from);
  q.to_month = std::move(r.to);
  q.district_code = std::move(r.district_code);
  q.institution_id = r.institution_id;
  // A filter outside the actor's scope is replaced by the scope: it then counts only what the
  // actor may see (nothing, when the filter named another district).
  const auto asked_district = q.district_code;
  const auto asked_institution = q.institution_id;
  NarrowToScope(actor, q.institution_id, q.district_code);
  if (asked_district && q.district_code != asked_district) q.district_code = "-";
  if (asked_institution && q.institution_id != asked_institution) q.institution_id = 0;
  return q;
}

Result<domain::Report> Compute(const AppContext& ctx, ports::StoreTx& tx,
                               const ports::ReportQuery& q) {
  ANPEI_ASSIGN_OR_RETURN(auto facts, tx.reports().Facts(q));
  if (q.dimension == domain::ReportDimension::kOccupation) {
    // The store keys occupations by their policy id; the label is the policy's name.
    for (auto& f : facts) {
      for (const auto& [id, policy] : ctx.reference->policies()) {
        for (const auto& o : policy.occupations) {
          if (o.id == f.key) f.label = o.name;
        }
      }
    }
  }
  return domain::BuildReport(q.dimension, q.from_month, q.to_month, facts);
}

}  // namespace

Result<domain::Report> GetReport(const AppContext& ctx, const Actor& actor, ReportRequest request) {
  ANPEI_ASSIGN_OR_RETURN(auto q, QueryOf(actor, std::move(request)));
  return InTx<domain::Report>(ctx, ports::TxMode::kRead,
                              [&](ports::StoreTx& tx, domain::Report& out) -> Status {
                                ANPEI_ASSIGN_OR_RETURN(out, Compute(ctx, tx, q));
                                return Status::Ok();
                              });
}

Result<ExportFile> ExportReport(const AppContext& ctx, const Actor& actor, ReportRequest request) {
  ANPEI_ASSIGN_OR_RETURN(auto q, QueryOf(actor, std::move(request)));
  if (!ctx.sheet_writers) return Status::Internal("本服务未配置 XLSX 导出");
  ExportFile out;
  domain::Report report;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(ports::TxMode::kRead, [&](ports::StoreTx& tx) -> Status {
    ANPEI_ASSIGN_OR_RETURN(report, Compute(ctx, tx, q));
    return Status::Ok();
  }));
  ANPEI_ASSIGN_OR_RETURN(auto writer, ctx.sheet_writers->Create("统计报表"));
  std::vector<std::string> headers = {std::string(domain::ReportDimensionName(q.dimension))};
  for (auto m : domain::kReportMeasures) headers.emplace_back(domain::ReportMeasureName(m));
  headers.emplace_back("待追回金额（元）");
  ANPEI_RETURN_IF_ERROR(writer->AddHeader(headers));
  auto add = [&](const domain::ReportRow& row) {
    std::vector<ports::Cell> cells = {ports::TextCell(row.label)};
    for (auto m : domain::kReportMeasures) cells.push_back(ports::NumberCell(row.Get(m)));
    cells.push_back(ports::NumberCell(row.clawback_outstanding_yuan()));
    return writer->AddRow(cells);
  };
  for (const auto& row : report.rows) ANPEI_RETURN_IF_ERROR(add(row));
  ANPEI_RETURN_IF_ERROR(add(report.total));
  ANPEI_ASSIGN_OR_RETURN(out.bytes, writer->Finish());
  out.rows = static_cast<int64_t>(report.rows.size()) + 1;
  const std::string note = std::string("按") +
                           std::string(domain::ReportDimensionName(q.dimension)) + "，月份 " +
                           (q.from_month.empty() ? "不限" : q.from_month) + " 至 " +
                           (q.to_month.empty() ? "不限" : q.to_month) + "，" +
                           std::to_string(report.rows.size()) + " 行";
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    return Audit(ctx, tx, actor, "report.export",
                 "report:" + std::string(domain::ReportDimensionId(q.dimension)), "", "", note);
  }));
  out.file_name = "统计报表_" + ctx.Today().ToString() + ".xlsx";
  return out;
}

}  // namespace anpei::app
