#include "adapters/sql/batch_writer.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters {
namespace {

// The writer thread's connection while it runs a unit, so that a write started from inside the
// unit runs inline (see RunInline) instead of queueing behind itself.
thread_local ports::SqlConnection* tl_writer_conn = nullptr;

struct WriterScope {
  explicit WriterScope(ports::SqlConnection& c) { tl_writer_conn = &c; }
  ~WriterScope() { tl_writer_conn = nullptr; }
  WriterScope(const WriterScope&) = delete;
  WriterScope& operator=(const WriterScope&) = delete;
};

}  // namespace

BatchWriter::BatchWriter(std::shared_ptr<ConnectionPool> pool,
                         std::shared_ptr<const ports::Vault> vault, size_t max_batch)
    : pool_(std::move(pool)), vault_(std::move(vault)), max_batch_(max_batch == 0 ? 1 : max_batch) {
  thread_ = std::thread([this] { Loop(); });
}

BatchWriter::~BatchWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

BatchWriter::Stats BatchWriter::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

Status BatchWriter::Run(const Work& work) {
  if (tl_writer_conn != nullptr) return RunInline(work);
  Unit unit;
  unit.work = &work;
  {
    std::unique_lock<std::mutex> lock(mu_);
    queue_.push_back(&unit);
    wake_.notify_one();
    unit.cv.wait(lock, [&] { return unit.done; });
  }
  if (unit.error) std::rethrow_exception(unit.error);
  return unit.status;
}

Status BatchWriter::RunInline(const Work& work) {
  ports::SqlConnection& conn = *tl_writer_conn;
  ANPEI_RETURN_IF_ERROR(conn.Execute("SAVEPOINT anpei_nested", {}).status());
  Status st;
  {
    sql::SqlTx tx(conn, *vault_);
    st = work(tx);  // an exception propagates to the enclosing unit, which rolls back
  }
  if (st.ok()) return conn.Execute("RELEASE SAVEPOINT anpei_nested", {}).status();
  auto rb = conn.Execute("ROLLBACK TO SAVEPOINT anpei_nested", {});
  if (rb.ok()) rb = conn.Execute("RELEASE SAVEPOINT anpei_nested", {});
  return st;
}

void BatchWriter::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    std::deque<Unit*> batch;
    while (!queue_.empty() && batch.size() < max_batch_) {
      batch.push_back(queue_.front());
      queue_.pop_front();
    }
    stats_.batches++;
    stats_.largest = std::max<uint64_t>(stats_.largest, batch.size());
    lock.unlock();
    std::vector<Unit*> completed = RunBatch(batch);
    lock.lock();
    stats_.units += completed.size();
    for (Unit* u : completed) {
      u->done = true;
      u->cv.notify_one();
    }
    // Units that did not run (the batch broke before them) go first into the next batch.
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(*it);
  }
}

std::vector<BatchWriter::Unit*> BatchWriter::RunBatch(std::deque<Unit*>& batch) {
  std::vector<Unit*> completed;
  auto fail_all = [&](const Status& st) {
    for (Unit* u : batch) {
      u->status = st;
      completed.push_back(u);
    }
    batch.clear();
  };
  if (!conn_) {
    auto h = pool_->Acquire();
    if (!h.ok()) {
      fail_all(h.status());
      return completed;
    }
    conn_.emplace(std::move(*h));
  }
  ports::SqlConnection& conn = **conn_;
  const bool sqlite = conn.Dialect() == ports::SqlDialect::kSqlite;
  auto b = conn.Execute(sqlite ? "BEGIN IMMEDIATE" : "BEGIN", {});
  if (!b.ok()) {
    if (b.status().code() == Code::kUnavailable) DropConnection();
    fail_all(b.status());
    return completed;
  }
  std::vector<Unit*> ran;  // succeeded, waiting for the COMMIT
  Status broken = RunUnits(conn, batch, ran, completed);
  if (broken.ok()) {
    auto c = conn.Execute("COMMIT", {});
    if (c.ok()) {
      for (Unit* u : ran) {
        u->status = Status::Ok();
        completed.push_back(u);
      }
      return completed;
    }
    broken = c.status();
  }
  // Everything this transaction did is lost: roll back, answer those that had succeeded with
  // the batch's failure; the units that never ran stay in `batch` for the next one.
  auto rb = conn.Execute("ROLLBACK", {});
  if (!rb.ok() || broken.code() == Code::kUnavailable) DropConnection();
  for (Unit* u : ran) {
    u->status = broken;
    completed.push_back(u);
  }
  return completed;
}

void BatchWriter::DropConnection() {
  conn_->MarkBroken();
  conn_.reset();
}

Status BatchWriter::RunUnits(ports::SqlConnection& conn, std::deque<Unit*>& batch,
                             std::vector<Unit*>& ran, std::vector<Unit*>& completed) {
  // A batch of one needs no savepoint: its failure rolls back the whole transaction.
  const bool single = batch.size() == 1;
  while (!batch.empty()) {
    Unit* u = batch.front();
    batch.pop_front();
    if (!single) {
      auto sp = conn.Execute("SAVEPOINT anpei_unit", {});
      if (!sp.ok()) {
        u->status = sp.status();  // answered, so that a savepoint that always fails cannot loop
        completed.push_back(u);
        return sp.status();
      }
    }
    Status st = RunWork(conn, *u);
    if (st.ok()) {
      ran.push_back(u);
      if (single) continue;
      auto rel = conn.Execute("RELEASE SAVEPOINT anpei_unit", {});
      if (!rel.ok()) return rel.status();
      continue;
    }
    u->status = st;
    completed.push_back(u);
    if (single || st.code() == Code::kUnavailable) return st;
    auto rb = conn.Execute("ROLLBACK TO SAVEPOINT anpei_unit", {});
    if (rb.ok()) rb = conn.Execute("RELEASE SAVEPOINT anpei_unit", {});
    if (!rb.ok()) return rb.status();
  }
  return Status::Ok();
}

Status BatchWriter::RunWork(ports::SqlConnection& conn, Unit& u) {
  WriterScope scope(conn);
  sql::SqlTx tx(conn, *vault_);
  try {
    return (*u.work)(tx);
  } catch (...) {
    u.error = std::current_exception();
    return Status(Code::kInternal, "unit of work threw");
  }
}

}  // namespace anpei::adapters
