#include "adapters/sql/pool.h"

#include "adapters/sql/migrations.h"

namespace anpei::adapters {

namespace {
// As many as the server's worker threads, so that a busy server does not open and close a
// connection per request.
constexpr size_t kMaxIdle = 64;
}  // namespace

Result<ConnectionPool::Handle> ConnectionPool::Acquire() {
  {
    MutexLock lock(mu_);
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Handle(shared_from_this(), std::move(conn));
    }
  }
  ANPEI_ASSIGN_OR_RETURN(auto conn, opener_ ? opener_() : OpenDatabase(url_));
  return Handle(shared_from_this(), std::move(conn));
}

void ConnectionPool::Release(std::unique_ptr<ports::SqlConnection> conn) {
  MutexLock lock(mu_);
  if (idle_.size() < kMaxIdle) idle_.push_back(std::move(conn));
}

}  // namespace anpei::adapters
