// Numbered SQL migrations (migrations/NNNN_name.sql, portable, with {{id_column}} expanded per
// dialect; NNNN_name.<dialect>.sql where a backend needs its own text). Each is applied once, in
// order, inside its own transaction, and recorded in schema_migrations; a failed migration leaves
// the database as it was.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "ports/sql.h"

namespace anpei::adapters {

struct Migration {
  int version = 0;
  std::string name;
  std::string sql;
};

// Reads the migrations for `dialect` from `dir`, sorted by version. InvalidArgument naming the
// file for a bad name or a version given twice.
Result<std::vector<Migration>> LoadMigrations(const std::filesystem::path& dir,
                                              ports::SqlDialect dialect);

// Applies the pending ones; returns the versions applied now.
Result<std::vector<int>> ApplyMigrations(ports::SqlConnection& conn,
                                         const std::vector<Migration>& migrations);

// Opens a connection for a URL "sqlite:PATH" or "postgresql://..." / "postgres://...".
Result<std::unique_ptr<ports::SqlConnection>> OpenDatabase(const std::string& url);

}  // namespace anpei::adapters
