// The Store port over SQL: one implementation in portable SQL for SQLite and PostgreSQL (the
// connection adapters differ, the statements do not). Each Run takes a pooled connection and
// wraps the work in BEGIN/COMMIT (BEGIN IMMEDIATE on SQLite for writes, so two writers queue on
// the busy timeout instead of failing half-way). Thread-safe.
#pragma once

#include <memory>

#include "adapters/sql/pool.h"
#include "ports/store.h"

namespace anpei::adapters {

class SqlStore : public ports::Store {
 public:
  explicit SqlStore(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}
  Status Run(ports::TxMode mode, const std::function<Status(ports::StoreTx&)>& work) override;
  Status Ping() override;

 private:
  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace anpei::adapters
