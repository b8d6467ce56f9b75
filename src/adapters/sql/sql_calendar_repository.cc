// SQL adapter of ports::CalendarRepository: imported working-day calendar years, append-only.
// Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, year, version, notice, source, toml, imported_by, imported_at, note "
    "FROM calendar_years";

ports::StoredCalendarYear YearOf(const RowRef& r) {
  ports::StoredCalendarYear y;
  y.revision = r.Int("id");
  y.year = static_cast<int>(r.Int("year"));
  y.version = r.Int("version");
  y.notice = r.Str("notice");
  y.source = r.Str("source");
  y.toml = r.Str("toml");
  y.imported_by = r.Str("imported_by");
  y.imported_at = r.Str("imported_at");
  y.note = r.Str("note");
  return y;
}

class SqlCalendarRepository final : public ports::CalendarRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<int64_t> LatestRevision() override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT COALESCE(MAX(id), 0) AS n FROM calendar_years"));
    return Rows(r).front().Int("n");
  }

  Result<std::vector<ports::StoredCalendarYear>> CurrentYears(
      std::optional<int64_t> up_to) override {
    std::string bound;
    Params params;
    if (up_to) {
      bound = " WHERE c2.id <= ?";
      params = {Int(*up_to)};
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kColumns) + " WHERE id IN (SELECT MAX(c2.id) FROM calendar_years c2" +
                      bound + " GROUP BY c2.year) ORDER BY year",
                  params));
    std::vector<ports::StoredCalendarYear> out;
    for (RowRef row : Rows(r)) out.push_back(YearOf(row));
    return out;
  }

  Result<std::vector<ports::StoredCalendarYear>> YearVersions(int year) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kColumns) + " WHERE year = ? ORDER BY version DESC", {Int(year)}));
    std::vector<ports::StoredCalendarYear> out;
    for (RowRef row : Rows(r)) out.push_back(YearOf(row));
    return out;
  }

  Status InsertCalendarYear(ports::StoredCalendarYear& y) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto v, Q("SELECT COALESCE(MAX(version), 0) AS n FROM calendar_years WHERE year = ?",
                  {Int(y.year)}));
    y.version = Rows(v).front().Int("n") + 1;
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO calendar_years (year, version, notice, source, toml, imported_by, "
                  "imported_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {Int(y.year), Int(y.version), Str(y.notice), Str(y.source), Str(y.toml),
                   Str(y.imported_by), Str(y.imported_at), Str(y.note)}));
    y.revision = Rows(r).front().Int("id");
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::CalendarRepository> MakeCalendarRepository(ports::SqlConnection& conn,
                                                                  const ports::Vault& vault) {
  return std::make_unique<SqlCalendarRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
