#include "adapters/postgres/postgres_connection.h"

#include <libpq-fe.h>

namespace anpei::adapters {
namespace {

class PostgresConnection : public ports::SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }

  Result<ports::SqlResult> Execute(std::string_view sql,
                                   const std::vector<ports::SqlValue>& params) override {
    const std::string text = NumberPlaceholders(sql);
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    PGresult* res = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0);
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    const ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error(res);
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

  Status ExecuteScript(std::string_view sql) override {
    const std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    const ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return Error(res);
    return Status::Ok();
  }

  ports::SqlDialect Dialect() const override { return ports::SqlDialect::kPostgres; }

 private:
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
