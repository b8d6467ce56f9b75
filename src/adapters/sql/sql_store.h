// The Store port over SQL: one implementation in portable SQL for SQLite and PostgreSQL (the
// connection adapters differ, the statements do not). A read Run takes a pooled connection and
// wraps the work in BEGIN/COMMIT (REPEATABLE READ READ ONLY on PostgreSQL); a write Run goes to
// the store's one writer (batch_writer.h), which shares one transaction and one COMMIT between
// concurrent writes, each in its own savepoint. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "adapters/sql/batch_writer.h"
#include "adapters/sql/pool.h"
#include "ports/store.h"
#include "ports/vault.h"

namespace anpei::adapters {

class SqlStore : public ports::Store {
 public:
  // At most this many units of work share one commit.
  static constexpr size_t kMaxBatch = 256;
  SqlStore(std::shared_ptr<ConnectionPool> pool, std::shared_ptr<const ports::Vault> vault)
      : pool_(pool), vault_(vault), writer_(std::move(pool), std::move(vault), kMaxBatch) {}
  Status Run(ports::TxMode mode, const std::function<Status(ports::StoreTx&)>& work) override;
  Status Ping() override;
  Status ScanAudit(const std::function<Status(const domain::AuditEvent&)>& visit) override;

  // Seals personal data written before migration 0002 (plain ID numbers and phones); returns how
  // many rows it sealed. Idempotent.
  Result<int64_t> SealLegacyRows();
  // Re-seals column-bound personal data (sealing scheme 1, before migration 0011) bound to its
  // row, once: afterwards the store records scheme 2 and the pass does nothing. Returns how many
  // cells it re-sealed. Cells that open neither way are left for CheckSeals to report.
  Result<int64_t> BindSealsToRows();
  // Every sealed cell that does not open in its own row and column (altered, swapped between
  // rows, or sealed with another key).
  struct SealFault {
    std::string table, column;
    int64_t row_id = 0;
  };
  Result<std::vector<SealFault>> CheckSeals();
  struct Rotation {
    int64_t trainees = 0, teachers = 0, audit_events = 0;
  };
  // Re-keys the store from this store's vault to `next` in one transaction: personal data is
  // opened and sealed again, blind indexes recomputed, and the audit chain — verified with the old
  // key first — re-linked with the new one, followed by a key.rotate event. Sessions and API
  // tokens are unaffected. FailedPrecondition when the chain is already broken (nothing changes).
  Result<Rotation> RotateKey(const ports::Vault& next, const std::string& actor,
                             const std::string& at);

  // Whether the store holds anything sealed with a key (personal data or audit events): a store
  // that does must not be opened with a new key.
  Result<bool> HoldsKeyedData();

  BatchWriter::Stats WriterStats() const { return writer_.stats(); }

 private:
  std::shared_ptr<ConnectionPool> pool_;
  std::shared_ptr<const ports::Vault> vault_;
  BatchWriter writer_;
};

}  // namespace anpei::adapters
