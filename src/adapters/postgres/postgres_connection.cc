#include "adapters/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include "adapters/sql/statement_cache.h"

namespace anpei::adapters {
namespace {

// Server-side prepared statements kept per connection (see StatementCache); bounded, because
// each costs memory in the server's backend process.
constexpr size_t kMaxCachedStatements = 128;

class PostgresConnection : public ports::SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn)
      : conn_(conn),
        cache_(kMaxCachedStatements, [this](std::string& name) { Deallocate(std::move(name)); }) {}
  ~PostgresConnection() override {
    closing_ = true;  // the server forgets the connection's prepared statements with it
    cache_.Clear();
    PQfinish(conn_);
  }

  Result<ports::SqlResult> Execute(std::string_view sql,
                                   const std::vector<ports::SqlValue>& params) override {
    ANPEI_ASSIGN_OR_RETURN(std::string name, Prepared(sql, params.size()));
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* res = PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()),
                                   values.data(), nullptr, nullptr, 0);
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    const ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      // The statement is gone (26000) or its result shape changed under it (0A000, "cached plan
      // must not change result type"): prepare it again next time.
      const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
      if (state && (std::string_view(state) == "26000" || std::string_view(state) == "0A000")) {
        cache_.Erase(sql);
      }
      return Error(res);
    }
    return ResultOf(res);
  }

  Status ExecuteScript(std::string_view sql) override {
    // A script may change the schema (migrations): no prepared statement outlives it.
    cache_.Clear();
    const std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    const ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error(res);
    return Status::Ok();
  }

  ports::SqlDialect Dialect() const override { return ports::SqlDialect::kPostgres; }
  size_t CachedStatements() const override { return cache_.size(); }

 private:
  // The server-side name of the prepared statement for `sql`, prepared on first use under a name
  // never used before on this connection (so a statement whose DEALLOCATE is still pending cannot
  // collide with a new one).
  Result<std::string> Prepared(std::string_view sql, size_t nparams) {
    if (std::string* name = cache_.Find(sql)) return *name;
    FlushDeallocations();
    std::string name = "anpei_" + std::to_string(++statements_);
    const std::string text = NumberPlaceholders(sql);
    PGresult* res =
        PQprepare(conn_, name.c_str(), text.c_str(), static_cast<int>(nparams), nullptr);
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) return Error(res);
    return cache_.Insert(std::string(sql), std::move(name));
  }

  // An evicted statement is deallocated at once, unless the transaction has failed (every
  // command but ROLLBACK would fail too): then it waits for the next prepare after the rollback.
  void Deallocate(std::string name) {
    if (closing_) return;
    unused_.push_back(std::move(name));
    FlushDeallocations();
  }
  void FlushDeallocations() {
    if (unused_.empty() || PQstatus(conn_) != CONNECTION_OK) return;
    const PGTransactionStatusType tx = PQtransactionStatus(conn_);
    if (tx != PQTRANS_IDLE && tx != PQTRANS_INTRANS) return;
    for (const std::string& name : unused_) {
      PQclear(PQexec(conn_, ("DEALLOCATE " + name).c_str()));
    }
    unused_.clear();
  }

  static ports::SqlResult ResultOf(PGresult* res) {
    ports::SqlResult result;
    const int ncol = PQnfields(res), nrow = PQntuples(res);
    for (int c = 0; c < ncol; ++c) result.columns.emplace_back(PQfname(res, c));
    result.rows.reserve(static_cast<size_t>(nrow));
    for (int r = 0; r < nrow; ++r) {
      ports::SqlRow row;
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.values.emplace_back(std::nullopt);
        } else {
          row.values.emplace_back(
              std::string(PQgetvalue(res, r, c), static_cast<size_t>(PQgetlength(res, r, c))));
        }
      }
      result.rows.push_back(std::move(row));
    }
    const char* affected = PQcmdTuples(res);
    result.affected = (affected && *affected) ? std::stoll(affected) : 0;
    return result;
  }

  Status Error(PGresult* res) const {
    if (PQstatus(conn_) != CONNECTION_OK) {
      return Status(Code::kUnavailable,
                    std::string("PostgreSQL 连接中断：") + PQerrorMessage(conn_));
    }
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    const std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
    if (state && std::string_view(state).substr(0, 2) == "23") {
      const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
      return Status(Code::kConflict, "数据冲突：" + msg, constraint ? constraint : "");
    }
    if (state && (std::string_view(state) == "40001" || std::string_view(state) == "40P01")) {
      return Status(Code::kConflict, "并发冲突，请重试：" + msg);
    }
    return Status(Code::kInternal, "PostgreSQL 执行失败：" + msg);
  }

  PGconn* conn_;
  bool closing_ = false;
  uint64_t statements_ = 0;          // names handed out so far
  std::vector<std::string> unused_;  // evicted, DEALLOCATE pending
  StatementCache<std::string> cache_;
};

}  // namespace

std::string NumberPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<ports::SqlConnection>> OpenPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    return Status(Code::kUnavailable, "无法连接 PostgreSQL：" + msg);
  }
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return std::unique_ptr<ports::SqlConnection>(std::make_unique<PostgresConnection>(conn));
}

}  // namespace anpei::adapters
