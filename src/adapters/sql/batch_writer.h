// Group commit: one writer thread runs every write transaction of a store, several at a time in
// one database transaction (issue 13, "the morning peak"). Concurrent callers of Run queue their
// work; the writer takes everything queued (up to a bound), opens one transaction (BEGIN
// IMMEDIATE on SQLite), runs each unit of work inside its own SAVEPOINT — a unit that fails is
// rolled back to its savepoint alone and answered with its error, the others go on — and commits
// once. Every caller is answered only after that COMMIT has returned (durable: WAL +
// synchronous=FULL on SQLite, fsync at commit on PostgreSQL), so an acknowledged write is never
// lost and a failed one never half-written. A batch of one runs exactly as before (BEGIN, the
// work, COMMIT), without a savepoint.
//
// Why: on SQLite every writer competed for the one write lock (BEGIN IMMEDIATE on its own
// connection, the busy handler sleeping between tries) and paid one fsync per commit; on
// PostgreSQL the audit chain's advisory lock was held from the append to the commit, so audited
// commits went one fsync at a time. One writer hands the audit chain its events in order, takes
// the advisory lock once per batch, and shares each fsync between everything in the batch.
//
// The writer keeps one pooled connection (its prepared statements stay warm) and replaces it
// when it breaks. Work that returns Unavailable, a failed SAVEPOINT/RELEASE, or a failed COMMIT
// fails the whole batch (rolled back, the connection dropped): units that had run get the
// error, units that had not yet run go into the next batch. A write started from inside a unit
// (on the writer's own thread) runs inline in a nested savepoint instead of waiting for itself.
// Exceptions thrown by work are rethrown in the caller's thread. Thread-safe.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "adapters/sql/pool.h"
#include "ports/store.h"
#include "ports/vault.h"

namespace anpei::adapters {

class BatchWriter {
 public:
  using Work = std::function<Status(ports::StoreTx&)>;
  BatchWriter(std::shared_ptr<ConnectionPool> pool, std::shared_ptr<const ports::Vault> vault,
              size_t max_batch);
  ~BatchWriter();
  BatchWriter(const BatchWriter&) = delete;
  BatchWriter& operator=(const BatchWriter&) = delete;

  // Runs `work` in a write transaction shared with other concurrent callers; returns once it is
  // committed (OK) or rolled back (its error, or the batch's).
  Status Run(const Work& work);

  // Counters since start (for the benchmark and tests).
  struct Stats {
    uint64_t batches = 0, units = 0, largest = 0;
  };
  Stats stats() const;

 private:
  struct Unit {
    const Work* work = nullptr;
    Status status;
    std::exception_ptr error;
    bool done = false;           // guarded by mu_
    std::condition_variable cv;  // signalled when done
  };
  void Loop();
  // Runs one batch on the writer's connection; returns the units it answered and leaves in
  // `batch` those it did not run.
  std::vector<Unit*> RunBatch(std::deque<Unit*>& batch);
  // Runs the batch's units one by one in the open transaction, each in its own savepoint unless
  // it is alone; returns the failure that loses the whole transaction (OK when none did).
  Status RunUnits(ports::SqlConnection& conn, std::deque<Unit*>& batch, std::vector<Unit*>& ran,
                  std::vector<Unit*>& completed);
  // One unit's work (an exception is kept for its caller).
  Status RunWork(ports::SqlConnection& conn, Unit& u);
  void DropConnection();
  Status RunInline(const Work& work);

  const std::shared_ptr<ConnectionPool> pool_;
  const std::shared_ptr<const ports::Vault> vault_;
  const size_t max_batch_;
  std::optional<ConnectionPool::Handle> conn_;  // the writer thread's only

  mutable std::mutex mu_;
  std::condition_variable wake_;  // the writer: work queued or stopping
  std::condition_variable done_;  // callers: a unit completed
  std::deque<Unit*> queue_;       // guarded by mu_
  bool stop_ = false;             // guarded by mu_
  Stats stats_;                   // guarded by mu_
  std::thread thread_;
};

}  // namespace anpei::adapters
