// A small pool of SQL connections for one database URL. Acquire() hands out an idle connection
// or opens a new one; the handle gives it back when destroyed (or drops it after a connection
// error). Thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "ports/sql.h"

namespace anpei::adapters {

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
 public:
  // Opens a new connection; the default opens `url` (adapters/sql/migrations.h OpenDatabase).
  // Tests pass one that wraps the real connection to inject faults.
  using Opener = std::function<Result<std::unique_ptr<ports::SqlConnection>>()>;
  explicit ConnectionPool(std::string url, Opener opener = nullptr)
      : url_(std::move(url)), opener_(std::move(opener)) {}

  class Handle {
   public:
    Handle(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<ports::SqlConnection> conn)
        : pool_(std::move(pool)), conn_(std::move(conn)) {}
    Handle(Handle&&) = default;
    ~Handle() {
      if (conn_ && !broken_) pool_->Release(std::move(conn_));
    }
    ports::SqlConnection& operator*() { return *conn_; }
    ports::SqlConnection* operator->() { return conn_.get(); }
    void MarkBroken() { broken_ = true; }

   private:
    std::shared_ptr<ConnectionPool> pool_;
    std::unique_ptr<ports::SqlConnection> conn_;
    bool broken_ = false;
  };

  Result<Handle> Acquire();
  const std::string& url() const { return url_; }

 private:
  void Release(std::unique_ptr<ports::SqlConnection> conn);

  const std::string url_;
  const Opener opener_;
  Mutex mu_;
  std::vector<std::unique_ptr<ports::SqlConnection>> idle_ GUARDED_BY(mu_);
};

}  // namespace anpei::adapters
