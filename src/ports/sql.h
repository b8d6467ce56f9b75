// Port: a connection to a SQL database, the seam between the repositories (written once, in
// portable SQL) and the backends (adapters/sqlite, adapters/postgres). Parameters are positional
// `?` placeholders; the PostgreSQL adapter rewrites them to $1, $2, ... Values travel as text or
// NULL, with integers formatted in decimal, so both backends see the same thing.
// A connection is used by one thread at a time; a pool hands connections out. Connections prepare
// each distinct SQL text once and keep the prepared statement (a bounded LRU per connection), so
// repositories should keep values in parameters, not in the SQL text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace anpei::ports {

using SqlValue = std::optional<std::string>;  // nullopt = NULL

struct SqlRow {
  std::vector<SqlValue> values;
  const SqlValue& operator[](size_t i) const { return values.at(i); }
};

struct SqlResult {
  std::vector<std::string> columns;
  std::vector<SqlRow> rows;
  int64_t affected = 0;
};

// The SQL dialects the adapters speak; DialectName gives the spelling used in migration file
// names (NNNN_name.<dialect>.sql).
enum class SqlDialect { kSqlite, kPostgres };
constexpr std::string_view DialectName(SqlDialect d) {
  return d == SqlDialect::kSqlite ? "sqlite" : "postgresql";
}

class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  // Runs one statement. Constraint violations are Conflict (field: the constraint or column when
  // the backend names it); a lost or unusable connection is Unavailable.
  virtual Result<SqlResult> Execute(std::string_view sql, const std::vector<SqlValue>& params) = 0;
  // Runs a script of several statements without parameters (migrations). A script may change the
  // schema, so it also drops the connection's cached prepared statements.
  virtual Status ExecuteScript(std::string_view sql) = 0;
  // Selects per-backend migration files and the few statements that are not portable.
  virtual SqlDialect Dialect() const = 0;
  // How many prepared statements the connection keeps for reuse (bounded; for tests).
  virtual size_t CachedStatements() const { return 0; }
};

// Opens connections for a database URL: "sqlite:PATH" or "postgresql://...".
class SqlConnector {
 public:
  virtual ~SqlConnector() = default;
  virtual Result<std::unique_ptr<SqlConnection>> Connect() = 0;
};

}  // namespace anpei::ports
