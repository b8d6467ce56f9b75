#include "adapters/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include "adapters/sql/statement_cache.h"

namespace anpei::adapters {
namespace {

constexpr int kBusyTimeoutMs = 10000;

// Prepared statements kept per connection (see StatementCache): enough for every statement the
// repositories issue, bounded so that generated texts (multi-row INSERTs) cannot grow it.
constexpr size_t kMaxCachedStatements = 128;

class SqliteConnection : public ports::SqlConnection {
 public:
  explicit SqliteConnection(sqlite3* db)
      : db_(db), cache_(kMaxCachedStatements, [](sqlite3_stmt*& s) { sqlite3_finalize(s); }) {}
  ~SqliteConnection() override {
    cache_.Clear();  // statements first: sqlite3_close_v2 would otherwise linger as a zombie
    sqlite3_close_v2(db_);
  }

  Result<ports::SqlResult> Execute(std::string_view sql,
                                   const std::vector<ports::SqlValue>& params) override {
    ANPEI_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepared(sql));
    // Every use ends with the statement reset and its bindings cleared, ready for the next one
    // (and holding no read transaction open).
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      const int rc = params[i]
                         ? sqlite3_bind_text(stmt, idx, params[i]->data(),
                                             static_cast<int>(params[i]->size()), SQLITE_TRANSIENT)
                         : sqlite3_bind_null(stmt, idx);
      if (rc != SQLITE_OK) return Error("bind");
    }
    ports::SqlResult result;
    const int ncol = sqlite3_column_count(stmt);
    for (int c = 0; c < ncol; ++c) result.columns.emplace_back(sqlite3_column_name(stmt, c));
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return Error("step");
      ports::SqlRow row;
      row.values.reserve(static_cast<size_t>(ncol));
      for (int c = 0; c < ncol; ++c) {
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row.values.emplace_back(std::nullopt);
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
          row.values.emplace_back(
              std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
        }
      }
      result.rows.push_back(std::move(row));
    }
    result.affected = sqlite3_changes64(db_);
    return result;
  }

  Status ExecuteScript(std::string_view sql) override {
    // A script may change the schema. SQLite would re-prepare a stale statement by itself, but
    // dropping them keeps the rule the same on both backends: nothing prepared outlives a script.
    cache_.Clear();
    char* err = nullptr;
    const std::string text(sql);
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown error";
      sqlite3_free(err);
      return Status(Code::kInternal, "SQLite 脚本执行失败：" + msg);
    }
    return Status::Ok();
  }

  ports::SqlDialect Dialect() const override { return ports::SqlDialect::kSqlite; }
  size_t CachedStatements() const override { return cache_.size(); }

 private:
  // The cached statement for `sql`, prepared on first use.
  Result<sqlite3_stmt*> Prepared(std::string_view sql) {
    if (sqlite3_stmt** cached = cache_.Find(sql)) return *cached;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return Error("prepare");
    }
    if (stmt == nullptr) return Status(Code::kInternal, "SQLite prepare 失败：空语句");
    return cache_.Insert(std::string(sql), stmt);
  }

  Status Error(const char* stage) const {
    const int code = sqlite3_extended_errcode(db_);
    const std::string msg = sqlite3_errmsg(db_);
    if ((code & 0xff) == SQLITE_CONSTRAINT) {
      return Status(Code::kConflict, "数据冲突：" + msg);
    }
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
      return Status(Code::kUnavailable, "数据库忙，请稍后重试：" + msg);
    }
    return Status(Code::kInternal, std::string("SQLite ") + stage + " 失败：" + msg);
  }

  sqlite3* db_;
  StatementCache<sqlite3_stmt*> cache_;
};

}  // namespace

Result<std::unique_ptr<ports::SqlConnection>> OpenSqlite(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return Status(Code::kUnavailable, "无法打开 SQLite 数据库 " + path + "：" + msg);
  }
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  auto conn = std::make_unique<SqliteConnection>(db);
  Status st = conn->ExecuteScript(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA "
      "secure_delete=ON;");
  if (!st.ok())
    return Status(Code::kUnavailable, "无法配置 SQLite 数据库 " + path + "：" + st.message());
  return std::unique_ptr<ports::SqlConnection>(std::move(conn));
}

}  // namespace anpei::adapters
