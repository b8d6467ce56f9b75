#include "app/calendar.h"

#include <map>

#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"

namespace anpei::app {
namespace {

using ports::TxMode;

// "cn-2027.toml" (any directory before it) -> 2027.
std::optional<int> YearOfFileName(std::string_view origin) {
  const size_t slash = origin.find_last_of("/\\");
  if (slash != std::string_view::npos) origin.remove_prefix(slash + 1);
  if (origin.size() != 12 || !origin.starts_with("cn-") || !origin.ends_with(".toml")) {
    return std::nullopt;
  }
  int year = 0;
  for (char c : origin.substr(3, 4)) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  return year;
}

// The TOML reader's error as a fault of the year: "ORIGIN: holiday[0]: off.from" becomes the
// field "holiday[0].off.from"; a syntax error ("ORIGIN:12:3") the field "toml" with its place.
domain::CalendarFault ParseFault(const Status& st, std::string_view origin) {
  std::string field = st.field();
  std::string message = st.message();
  const std::string prefix = std::string(origin) + ":";
  if (field.starts_with(prefix)) {
    field.erase(0, prefix.size());
    if (!field.empty() && field[0] >= '0' && field[0] <= '9') {
      const size_t colon = field.find(':');
      message = "第 " + field.substr(0, colon) + " 行" +
                (colon == std::string::npos ? "" : "第 " + field.substr(colon + 1) + " 列") + "：" +
                message;
      field = "toml";
    }
  }
  while (!field.empty() && field[0] == ' ') field.erase(0, 1);
  for (size_t at = field.find(": "); at != std::string::npos; at = field.find(": ")) {
    field.replace(at, 2, ".");
  }
  return {field.empty() ? "toml" : field, message, "calendar.unreadable"};
}

// The shipped years with the stored ones in their place.
std::vector<domain::CalendarYear> Merged(const AppContext& ctx,
                                         const std::vector<domain::CalendarYear>& stored) {
  std::map<int, domain::CalendarYear> by_year;
  for (const auto& y : ctx.reference->shipped_years()) by_year[y.year] = y;
  for (const auto& y : stored) by_year[y.year] = y;
  std::vector<domain::CalendarYear> out;
  out.reserve(by_year.size());
  for (auto& [year, y] : by_year) out.push_back(std::move(y));
  return out;
}

Result<std::vector<domain::CalendarYear>> ParseStored(
    const AppContext& ctx, const std::vector<ports::StoredCalendarYear>& rows) {
  std::vector<domain::CalendarYear> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    auto y = ctx.parse_calendar(row.toml, "calendar_years " + std::to_string(row.revision));
    if (!y.ok()) return Status::Internal("数据库中的工作日历无法读取：" + y.status().message());
    out.push_back(std::move(*y));
  }
  return out;
}

const domain::CalendarYear* ShippedYear(const AppContext& ctx, int year) {
  for (const auto& y : ctx.reference->shipped_years()) {
    if (y.year == year) return &y;
  }
  return nullptr;
}

// Parses and checks the request; faults go to `out`. The year with its neighbours must build.
Status CheckImport(const AppContext& ctx, ports::StoreTx& tx, const CalendarImportRequest& req,
                   CalendarImportOutcome& out) {
  auto parsed = ctx.parse_calendar(req.toml, req.origin);
  if (!parsed.ok()) {
    if (parsed.status().code() != Code::kInvalidArgument) return parsed.status();
    out.faults.push_back(ParseFault(parsed.status(), req.origin));
    return Status::Ok();
  }
  out.year = std::move(*parsed);
  out.faults = domain::ValidateCalendarYear(out.year, YearOfFileName(req.origin));
  if (!out.faults.empty()) return Status::Ok();
  ANPEI_ASSIGN_OR_RETURN(auto rows, tx.calendar().CurrentYears(std::nullopt));
  ANPEI_ASSIGN_OR_RETURN(auto stored, ParseStored(ctx, rows));
  std::erase_if(stored, [&](const domain::CalendarYear& y) { return y.year == out.year.year; });
  stored.push_back(out.year);
  auto built = domain::WorkCalendar::Build(Merged(ctx, stored));
  if (!built.ok()) {
    out.faults.push_back({"holiday", built.status().message(), "calendar.conflict"});
  }
  return Status::Ok();
}

}  // namespace

Result<CalendarInUse> CalendarAt(const AppContext& ctx, ports::StoreTx& tx,
                                 std::optional<int64_t> revision) {
  CalendarInUse out;
  ANPEI_ASSIGN_OR_RETURN(out.revision, tx.calendar().LatestRevision());
  if (revision && *revision < out.revision) out.revision = *revision;
  ANPEI_ASSIGN_OR_RETURN(auto rows, tx.calendar().CurrentYears(out.revision));
  if (rows.empty()) {
    // The shipped calendar, shared with the reference data (no copy).
    out.calendar =
        std::shared_ptr<const domain::WorkCalendar>(ctx.reference, &ctx.reference->calendar());
    return out;
  }
  ANPEI_ASSIGN_OR_RETURN(auto stored, ParseStored(ctx, rows));
  auto built = domain::WorkCalendar::Build(Merged(ctx, stored));
  if (!built.ok()) return Status::Internal("工作日历无法合并：" + built.status().message());
  out.calendar = std::make_shared<const domain::WorkCalendar>(std::move(*built));
  return out;
}

Result<CalendarInUse> CalendarInForce(const AppContext& ctx) {
  return InTx<CalendarInUse>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, CalendarInUse& out) {
    ANPEI_ASSIGN_OR_RETURN(out, CalendarAt(ctx, tx));
    return Status::Ok();
  });
}

Result<CalendarImportOutcome> ImportCalendarYear(const AppContext& ctx, const Actor& actor,
                                                 const CalendarImportRequest& req) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<CalendarImportOutcome>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, CalendarImportOutcome& out) {
        ANPEI_RETURN_IF_ERROR(CheckImport(ctx, tx, req, out));
        if (!out.faults.empty()) return Status::Ok();  // nothing written
        auto& s = out.stored;
        s.year = out.year.year;
        s.notice = domain::NoticeNumber(out.year.source).value_or("");
        s.source = out.year.source;
        s.toml = req.toml;
        s.imported_by = actor.Name();
        s.imported_at = ctx.NowText();
        s.note = ctx.text->Text(req.note);
        if (req.dry_run) return Status::Ok();
        ANPEI_ASSIGN_OR_RETURN(auto before, tx.calendar().YearVersions(s.year));
        ANPEI_RETURN_IF_ERROR(tx.calendar().InsertCalendarYear(s));
        auto shown = [](const ports::StoredCalendarYear& y) -> ShownFields {
          return {{"版本", std::to_string(y.version)},
                  {"文号", y.notice},
                  {"来源", y.source},
                  {"说明", y.note}};
        };
        return Audit(ctx, tx, actor, "calendar.import", "calendar:" + std::to_string(s.year),
                     before.empty() ? "" : before.front().toml, s.toml,
                     "版本 " + std::to_string(s.version) + "，日历修订号 " +
                         std::to_string(s.revision) + "，文号 " + s.notice,
                     Diff(before.empty() ? ShownFields{} : shown(before.front()), shown(s)));
      });
}

Result<std::vector<CalendarYearRow>> ListCalendarYears(const AppContext& ctx, const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<std::vector<CalendarYearRow>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, std::vector<CalendarYearRow>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, ListCalendarYearsIn(ctx, tx, actor));
        return Status::Ok();
      });
}

Result<std::vector<CalendarYearRow>> ListCalendarYearsIn(const AppContext& ctx, ports::StoreTx& tx,
                                                         const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  std::map<int, CalendarYearRow> rows;
  for (const auto& y : ctx.reference->shipped_years()) {
    auto& r = rows[y.year];
    r.year = y.year;
    r.shipped = true;
    r.shipped_notice = domain::NoticeNumber(y.source).value_or("");
  }
  ANPEI_ASSIGN_OR_RETURN(auto stored, tx.calendar().CurrentYears(std::nullopt));
  for (auto& s : stored) {
    auto& r = rows[s.year];
    r.year = s.year;
    s.toml.clear();
    r.stored = std::move(s);
  }
  std::vector<CalendarYearRow> out;
  out.reserve(rows.size());
  for (auto& [year, r] : rows) out.push_back(std::move(r));
  return out;
}

Result<CalendarYearDetail> GetCalendarYear(const AppContext& ctx, const Actor& actor, int year) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<CalendarYearDetail>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, CalendarYearDetail& out) {
        ANPEI_ASSIGN_OR_RETURN(out.versions, tx.calendar().YearVersions(year));
        const domain::CalendarYear* shipped = ShippedYear(ctx, year);
        if (!shipped && out.versions.empty()) {
          return Status::NotFound("没有 " + std::to_string(year) + " 年的工作日历", "year")
              .WithReason("calendar.year_unknown");
        }
        out.row.year = year;
        if (shipped) {
          out.row.shipped = true;
          out.row.shipped_notice = domain::NoticeNumber(shipped->source).value_or("");
          out.in_force = *shipped;
        }
        if (!out.versions.empty()) {
          out.row.stored = out.versions.front();
          ANPEI_ASSIGN_OR_RETURN(auto parsed, ParseStored(ctx, {out.versions.front()}));
          out.in_force = std::move(parsed.front());
        }
        return Status::Ok();
      });
}

}  // namespace anpei::app
