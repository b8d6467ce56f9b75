// PostgreSQL backend of ports::SqlConnection (libpq). Parameters are sent separately from the SQL
// text (prepared once per connection with PQprepare, then PQexecPrepared), never interpolated.
// One connection per thread.
#pragma once

#include <memory>
#include <string>

#include "ports/sql.h"

namespace anpei::adapters {

// Connects with a libpq URL ("postgresql://user@host:port/db" or a key=value string).
Result<std::unique_ptr<ports::SqlConnection>> OpenPostgres(const std::string& url);

// Rewrites `?` placeholders outside quotes to $1, $2, ... (exposed for tests).
std::string NumberPlaceholders(std::string_view sql);

}  // namespace anpei::adapters
