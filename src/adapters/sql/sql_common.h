// Shared by the SQL repositories (one file per aggregate) and the transaction runner: parameter
// and cell conversions, WHERE building, paging (keyset or page numbers, bounded totals), and
// RowRef, which reads a cell by its column name (the name or lower-case alias in the SELECT list),
// never by position. Not thread-safe: one SqlRepositoryBase serves one transaction on one
// connection.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// How a list is ordered: by one unique integer column (the keyset a cursor continues from).
struct ListOrder {
  std::string_view key;  // e.g. "t.id"
  bool descending = false;
};

// Drops the extra row a page query fetched (LIMIT page_size + 1) and records the key the next
// page starts after; `key` gives an item's sort key.
template <typename T, typename Key>
void FinishPage(ports::PageOf<T>& out, Key&& key) {
  const auto size = static_cast<size_t>(out.page.page_size);
  if (out.items.size() <= size) return;
  out.items.erase(out.items.begin() + static_cast<std::ptrdiff_t>(size), out.items.end());
  out.next = key(out.items.back());
}

// Context names for sealed personal data and blind indexes (the Vault's `context`).
inline constexpr std::string_view kTraineeId = "trainees.id_number";
inline constexpr std::string_view kTraineePhone = "trainees.phone";
inline constexpr std::string_view kTeacherId = "teachers.id_number";
// The phone in an institution's own record of a person, and in a held enrolment (migration 0008).
inline constexpr std::string_view kEnrolmentPhone = "enrolments.phone";
inline constexpr std::string_view kHeldPhone = "held_enrolments.phone";
// An exclusion list's ID number and name (migration 0025); the list is matched on
// exclusion_entries.id_blind, the blind index with the context kTraineeId.
inline constexpr std::string_view kExclusionId = "exclusion_entries.id_number";
inline constexpr std::string_view kExclusionName = "exclusion_entries.name";
inline constexpr std::string_view kObjectionContact = "objections.contact";
// A fund line's payee account number (migration 0029).
inline constexpr std::string_view kPayeeAccount = "fund_lines.account";

// A sealed value is bound to its cell: the AEAD context names the table and column and the row's
// id ("trainees.id_number#42"), so a ciphertext copied or swapped into another row or column does
// not open (issue "Trust", Deliver 5). Blind indexes keep the column context alone (a lookup does
// not know the row).
std::string RowContext(std::string_view context, int64_t row_id);

// Every sealed column of the store, for key rotation, the binding upgrade and `anpei key check`.
// A new sealed column is listed here and written with SqlRepositoryBase::Seal(value, context,
// row id) — after the INSERT that gives the row its id — and read with Open(cell, context, id).
// `legacy`: the column-bound (scheme 1) context of cells written before the upgrade, when it is
// not `context` (migration 0008 copied the people's phones into the institutions' records).
struct SealedColumn {
  std::string_view table, column, context, legacy = {};
};
inline constexpr SealedColumn kSealedColumns[] = {
    {"trainees", "id_number_enc", kTraineeId},
    {"trainees", "phone_enc", kTraineePhone},
    {"teachers", "id_number_enc", kTeacherId},
    {"enrolments", "phone_enc", kEnrolmentPhone, kTraineePhone},
    {"held_enrolments", "phone_enc", kHeldPhone},
    {"exclusion_entries", "id_sealed", kExclusionId},
    {"exclusion_entries", "name_sealed", kExclusionName},
    {"objections", "contact", kObjectionContact},
    {"fund_lines", "account_sealed", kPayeeAccount},
};

// What every repository of a transaction shares: the connection, the vault and the helpers that
// turn a missed update into NotFound or Conflict.
class SqlRepositoryBase {
 public:
  SqlRepositoryBase(ports::SqlConnection& conn, const ports::Vault& vault)
      : conn_(conn), vault_(vault) {}

  Result<SqlResult> Q(std::string_view sql, const Params& params = {}) {
    return conn_.Execute(sql, params);
  }
  // Opens the sealed cell of row `row_id`; an empty or NULL cell is the empty string. Internal
  // (naming the cell) when it was altered or belongs to another row or column.
  Result<std::string> Open(const SqlValue& sealed, std::string_view context, int64_t row_id) const;
  // Seals a value for the cell of row `row_id` (see RowContext).
  std::string Seal(std::string_view plain, std::string_view context, int64_t row_id) const;
  // NotFound or Conflict after an update that matched no row.
  Status Missed(std::string_view table, std::string_view what, int64_t id);
  static Status NotFoundId(std::string_view what, int64_t id);
  // One page of a list: `select` (the SELECT list and FROM clause) with the filters `where`,
  // ordered by `order`, page_size + 1 rows (see FinishPage). With a cursor (page.after) the page
  // starts after that key through the index on it; without one, by OFFSET (page numbers).
  // LIMIT, OFFSET and the key are parameters, so every page reuses one prepared statement.
  Result<SqlResult> SelectPage(std::string_view select, const Where& where, ListOrder order,
                               ports::Page page);
  // The list's total, counted only up to ports::kTotalCountLimit rows (or the end of the
  // requested page, if further): sets out.total and out.total_exact. `from` is the FROM clause;
  // `row` what each counted row selects ("DISTINCT t.id" when a join may repeat a row).
  template <typename T>
  Status CountPage(std::string_view from, const Where& where, ports::PageOf<T>& out,
                   std::string_view row = "1 AS one") {
    ANPEI_ASSIGN_OR_RETURN(auto counted, CountUpTo(from, where, out.page, row));
    out.total = counted.first;
    out.total_exact = counted.second;
    return Status::Ok();
  }
  // Inserts rows of `width` values with one multi-row INSERT per chunk of rows.
  Status InsertRows(std::string_view head, size_t width, const std::vector<Params>& rows);

  ports::SqlConnection& conn() { return conn_; }
  const ports::Vault& vault() const { return vault_; }

 protected:
  // {total, exact} for CountPage.
  Result<std::pair<int64_t, bool>> CountUpTo(std::string_view from, const Where& where,
                                             ports::Page page, std::string_view row);

  ports::SqlConnection& conn_;
  const ports::Vault& vault_;
};

}  // namespace anpei::adapters::sql
