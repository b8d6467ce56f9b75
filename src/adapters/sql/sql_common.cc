#include "adapters/sql/sql_common.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace anpei::adapters::sql {

SqlValue Str(std::string_view s) { return std::string(s); }
SqlValue Int(int64_t v) { return std::to_string(v); }
SqlValue OptStr(const std::optional<std::string>& s) { return s; }
SqlValue OptDouble(const std::optional<double>& d) {
  if (!d) return std::nullopt;
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
  (void)ec;
  return std::string(buf, end);
}

int64_t AsInt(const SqlValue& v) {
  if (!v) return 0;
  int64_t out = 0;
  std::from_chars(v->data(), v->data() + v->size(), out);
  return out;
}
std::string AsStr(const SqlValue& v) { return v.value_or(""); }
std::optional<double> AsOptDouble(const SqlValue& v) {
  if (!v) return std::nullopt;
  return std::strtod(v->c_str(), nullptr);
}

std::string LikePattern(std::string_view q) {
  std::string out = "%";
  for (char c : q) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

const SqlValue& RowRef::Cell(std::string_view column) const {
  const auto& cols = result_->columns;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i] == column) return row_->values.at(i);
  }
  std::fprintf(stderr, "anpei: bug: the query has no column \"%.*s\"\n",
               static_cast<int>(column.size()), column.data());
  std::abort();
}

void Where::Add(std::string_view condition, SqlValue value) {
  sql += sql.empty() ? " WHERE " : " AND ";
  sql += condition;
  params.push_back(std::move(value));
}

void Where::AddTwo(std::string_view condition, SqlValue a, SqlValue b) {
  sql += sql.empty() ? " WHERE " : " AND ";
  sql += condition;
  params.push_back(std::move(a));
  params.push_back(std::move(b));
}

std::string RowContext(std::string_view context, int64_t row_id) {
  return std::string(context) + "#" + std::to_string(row_id);
}

Result<std::string> SqlRepositoryBase::Open(const SqlValue& sealed, std::string_view context,
                                            int64_t row_id) const {
  if (!sealed || sealed->empty()) return std::string();
  auto plain = vault_.Open(*sealed, RowContext(context, row_id));
  if (plain.ok()) return plain;
  return Status::Internal("个人信息密文校验失败（" + std::string(context) + "，第 " +
                          std::to_string(row_id) +
                          " 行）：可能被篡改或挪用自其他记录；请运行 anpei key check 排查")
      .WithReason("store.sealed_mismatch");
}

std::string SqlRepositoryBase::Seal(std::string_view plain, std::string_view context,
                                    int64_t row_id) const {
  return vault_.Seal(plain, RowContext(context, row_id));
}

Status SqlRepositoryBase::Missed(std::string_view table, std::string_view what, int64_t id) {
  ANPEI_ASSIGN_OR_RETURN(
      auto r, Q("SELECT version FROM " + std::string(table) + " WHERE id = ?", {Int(id)}));
  if (r.rows.empty()) return NotFoundId(what, id);
  return Status(Code::kConflict,
                std::string(what) + "已被他人修改（当前版本 " + AsStr(r.rows[0][0]) +
                    "），请刷新后再改",
                "version")
      .WithReason("version.stale");
}

Result<SqlResult> SqlRepositoryBase::SelectPage(std::string_view select, const Where& where,
                                                ListOrder order, ports::Page page) {
  Where w = where;
  if (page.after) {
    w.Add(std::string(order.key) + (order.descending ? " < ?" : " > ?"), Int(*page.after));
  }
  std::string sql = std::string(select) + w.sql + " ORDER BY " + std::string(order.key) +
                    (order.descending ? " DESC" : "") + " LIMIT ?";
  w.params.push_back(Int(page.page_size + 1));
  if (!page.after) {
    sql += " OFFSET ?";
    w.params.push_back(Int((page.page - 1) * page.page_size));
  }
  return Q(sql, w.params);
}

// Counts the matching rows up to a limit: SELECT COUNT(*) over a LIMITed subquery stops reading
// there, so a list of 100 000 rows costs no more to total than one of 1 000.
Result<std::pair<int64_t, bool>> SqlRepositoryBase::CountUpTo(std::string_view from,
                                                              const Where& where, ports::Page page,
                                                              std::string_view row) {
  int64_t limit = ports::kTotalCountLimit;
  if (!page.after) limit = std::max(limit, page.page * page.page_size);
  Params params = where.params;
  params.push_back(Int(limit + 1));
  ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT COUNT(*) AS n FROM (SELECT " + std::string(row) + " " +
                                       std::string(from) + where.sql + " LIMIT ?) counted",
                                   params));
  const int64_t n = Rows(r).front().Int("n");
  if (n > limit) return std::pair<int64_t, bool>(limit, false);
  return std::pair<int64_t, bool>(n, true);
}

Status SqlRepositoryBase::NotFoundId(std::string_view what, int64_t id) {
  return Status(Code::kNotFound, std::string(what) + " " + std::to_string(id) + " 不存在", "id")
      .WithReason("id.not_found");
}

// Inserts rows of `width` values with one multi-row INSERT per chunk: a roster of 300 costs a
// few round trips instead of 300 (portable, unlike libpq's pipeline mode, and as effective
// here).
Status SqlRepositoryBase::InsertRows(std::string_view head, size_t width,
                                     const std::vector<Params>& rows) {
  constexpr size_t kRowsPerStatement = 200;  // far below SQLite's 32766 parameters
  for (size_t begin = 0; begin < rows.size(); begin += kRowsPerStatement) {
    const size_t end = std::min(rows.size(), begin + kRowsPerStatement);
    std::string sql(head);
    std::string tuple = "(";
    for (size_t i = 0; i < width; ++i) tuple += i ? ", ?" : "?";
    tuple += ")";
    Params params;
    for (size_t r = begin; r < end; ++r) {
      sql += (r == begin ? " VALUES " : ", ") + tuple;
      params.insert(params.end(), rows[r].begin(), rows[r].end());
    }
    ANPEI_RETURN_IF_ERROR(Q(sql, params));
  }
  return Status::Ok();
}

}  // namespace anpei::adapters::sql
