// Sealed cells bound to their rows: the one-time upgrade from column-bound ciphertexts (scheme 1)
// and the check that every sealed cell opens in its place (`anpei key check`).
#include <string>
#include <vector>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"
#include "adapters/sql/sql_store.h"

namespace anpei::adapters {

using sql::kSealedColumns;
using sql::RowContext;
using sql::RowRef;
using sql::Rows;
using sql::SqlTx;

namespace {

std::string SelectSealed(const sql::SealedColumn& c) {
  return "SELECT id, " + std::string(c.column) + " AS sealed FROM " + std::string(c.table) +
         " WHERE " + std::string(c.column) + " IS NOT NULL AND " + std::string(c.column) +
         " <> '' ORDER BY id";
}

}  // namespace

Result<int64_t> SqlStore::BindSealsToRows() {
  int64_t bound = 0;
  Status st = Run(ports::TxMode::kWrite, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base).base();
    ANPEI_ASSIGN_OR_RETURN(auto scheme, tx.Q("SELECT scheme FROM sealing WHERE id = 1"));
    if (scheme.rows.empty() || Rows(scheme).front().Int("scheme") >= 2) return Status::Ok();
    for (const sql::SealedColumn& c : kSealedColumns) {
      ANPEI_ASSIGN_OR_RETURN(auto rows, tx.Q(SelectSealed(c)));
      for (RowRef row : Rows(rows)) {
        const int64_t id = row.Int("id");
        const std::string sealed = row.Str("sealed");
        // Written by this version already (a row added since the migration): leave it.
        if (tx.vault().Open(sealed, RowContext(c.context, id)).ok()) continue;
        // A cell that opens neither way was altered: left as it is, for `anpei key check` to
        // report and every read of it to refuse.
        auto plain = tx.vault().Open(sealed, c.legacy.empty() ? c.context : c.legacy);
        if (!plain.ok()) continue;
        ANPEI_RETURN_IF_ERROR(
            tx.Q("UPDATE " + std::string(c.table) + " SET " + std::string(c.column) +
                     " = ? WHERE id = ?",
                 {tx.vault().Seal(*plain, RowContext(c.context, id)), row.Cell("id")}));
        ++bound;
      }
    }
    return tx.Q("UPDATE sealing SET scheme = 2 WHERE id = 1").status();
  });
  if (!st.ok()) return st;
  return bound;
}

Result<std::vector<SqlStore::SealFault>> SqlStore::CheckSeals() {
  std::vector<SealFault> faults;
  Status st = Run(ports::TxMode::kRead, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base).base();
    for (const sql::SealedColumn& c : kSealedColumns) {
      ANPEI_ASSIGN_OR_RETURN(auto rows, tx.Q(SelectSealed(c)));
      for (RowRef row : Rows(rows)) {
        const int64_t id = row.Int("id");
        if (!tx.vault().Open(row.Str("sealed"), RowContext(c.context, id)).ok()) {
          faults.push_back({std::string(c.table), std::string(c.column), id});
        }
      }
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return faults;
}

}  // namespace anpei::adapters
