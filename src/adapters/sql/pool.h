// A small pool of SQL connections for one database URL. Acquire() hands out an idle connection
// or opens a new one; the handle gives it back when destroyed (or drops it after a connection
// error). Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ports/sql.h"

namespace anpei::adapters {

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
 public:
  explicit ConnectionPool(std::string url) : url_(std::move(url)) {}

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
  std::mutex mu_;
  std::vector<std::unique_ptr<ports::SqlConnection>> idle_;  // GUARDED_BY(mu_)
};

}  // namespace anpei::adapters
