// SQLite backend of ports::SqlConnection (SQLite 3.40 C API): WAL journal, foreign keys on,
// synchronous=FULL (an acknowledged commit survives a crash), busy timeout so concurrent writers
// wait instead of failing. One connection per thread.
#pragma once

#include <memory>
#include <string>

#include "ports/sql.h"

namespace anpei::adapters {

// Opens (creating if needed) the database file at `path`; its directory must exist.
Result<std::unique_ptr<ports::SqlConnection>> OpenSqlite(const std::string& path);

}  // namespace anpei::adapters
