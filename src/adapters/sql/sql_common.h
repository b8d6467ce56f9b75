// Shared by the SQL repositories (one file per aggregate) and the transaction runner: parameter
// and cell conversions, WHERE building, paging, and RowRef, which reads a cell by its column name
// (the name or lower-case alias in the SELECT list), never by position.
// Not thread-safe: one SqlRepositoryBase serves one transaction on one connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ports/page.h"
#include "ports/sql.h"
#include "ports/vault.h"

namespace anpei::adapters::sql {

using ports::SqlResult;
using ports::SqlRow;
using ports::SqlValue;
using Params = std::vector<SqlValue>;

SqlValue Str(std::string_view s);
SqlValue Int(int64_t v);
SqlValue OptStr(const std::optional<std::string>& s);
SqlValue OptDouble(const std::optional<double>& d);

int64_t AsInt(const SqlValue& v);
std::string AsStr(const SqlValue& v);
std::optional<double> AsOptDouble(const SqlValue& v);

// "%q%" with LIKE's wildcards escaped (used with ESCAPE '\').
std::string LikePattern(std::string_view q);
// " LIMIT n OFFSET m" for a 1-based page.
std::string Limit(ports::Page page);

// One row of a result, read by column name. A name the SELECT did not produce is a bug in the
// repository (not input), so it aborts with the name rather than returning a value.
class RowRef {
 public:
  RowRef(const SqlResult& result, const SqlRow& row) : result_(&result), row_(&row) {}
  const SqlValue& Cell(std::string_view column) const;
  std::string Str(std::string_view column) const { return AsStr(Cell(column)); }
  int64_t Int(std::string_view column) const { return AsInt(Cell(column)); }
  std::optional<std::string> Opt(std::string_view column) const { return Cell(column); }
  std::optional<double> OptDouble(std::string_view column) const {
    return AsOptDouble(Cell(column));
  }

 private:
  const SqlResult* result_;
  const SqlRow* row_;
};

// The rows of a result as RowRefs: `for (RowRef row : Rows(result))`.
class Rows {
 public:
  explicit Rows(const SqlResult& result) : result_(result) {}
  class Iterator {
   public:
    Iterator(const SqlResult& r, size_t i) : r_(r), i_(i) {}
    RowRef operator*() const { return RowRef(r_, r_.rows[i_]); }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const SqlResult& r_;
    size_t i_;
  };
  Iterator begin() const { return {result_, 0}; }
  Iterator end() const { return {result_, result_.rows.size()}; }
  bool empty() const { return result_.rows.empty(); }
  RowRef front() const { return RowRef(result_, result_.rows.front()); }

 private:
  const SqlResult& result_;
};

// A WHERE clause built from the filters that are present, so that no parameter is ever untyped
// (PostgreSQL cannot infer the type of "? IS NULL").
struct Where {
  std::string sql;
  Params params;
  void Add(std::string_view condition, SqlValue value);
  void AddTwo(std::string_view condition, SqlValue a, SqlValue b);
};

// Context names for sealed personal data and blind indexes (the Vault's `context`).
inline constexpr std::string_view kTraineeId = "trainees.id_number";
inline constexpr std::string_view kTraineePhone = "trainees.phone";
inline constexpr std::string_view kTeacherId = "teachers.id_number";

// What every repository of a transaction shares: the connection, the vault and the helpers that
// turn a missed update into NotFound or Conflict.
class SqlRepositoryBase {
 public:
  SqlRepositoryBase(ports::SqlConnection& conn, const ports::Vault& vault)
      : conn_(conn), vault_(vault) {}

  Result<SqlResult> Q(std::string_view sql, const Params& params = {}) {
    return conn_.Execute(sql, params);
  }
  // Opens a sealed cell; an empty or NULL cell is the empty string.
  Result<std::string> Open(const SqlValue& sealed, std::string_view context) const;
  // NotFound or Conflict after an update that matched no row.
  Status Missed(std::string_view table, std::string_view what, int64_t id);
  static Status NotFoundId(std::string_view what, int64_t id);
  // Inserts rows of `width` values with one multi-row INSERT per chunk of rows.
  Status InsertRows(std::string_view head, size_t width, const std::vector<Params>& rows);

  ports::SqlConnection& conn() { return conn_; }
  const ports::Vault& vault() const { return vault_; }

 protected:
  ports::SqlConnection& conn_;
  const ports::Vault& vault_;
};

}  // namespace anpei::adapters::sql
