// A fresh database for one test: a temp SQLite file, or a database of its own on the throw-away
// PostgreSQL cluster of scripts/with-postgres.sh ($ANPEI_TEST_PG_URL), dropped again at the end.
// By default it holds the schema and no data (copied from a migrated template built once per
// migrations); Schema::kEmpty for the tests of migrating itself. Test support only (the
// anpei_test_support library).
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "base/status.h"

namespace anpei::testing {

class TestDatabase {
 public:
  enum class Schema { kMigrated, kEmpty };
  // backend: "sqlite" or "postgresql". skipped() is true when PostgreSQL is not available.
  explicit TestDatabase(const std::string& backend, Schema schema = Schema::kMigrated);
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  // The master key file the server uses for this database (created by the server on first start).
  const std::string& key_file() const { return key_file_; }
  const std::string& sqlite_path() const { return path_; }
  bool skipped() const { return skipped_; }
  const std::string& error() const { return error_; }

 private:
  void Remove();
  std::string url_, path_, db_, error_, key_file_;
  bool skipped_ = false;
};

// Applies the source tree's migrations to the database at `url`.
Status Migrate(const std::string& url);

// For TEST_P over backends: the fixture calls this first.
#define ANPEI_REQUIRE_DATABASE(db)                            \
  do {                                                        \
    if ((db).skipped())                                       \
      GTEST_SKIP() << "ANPEI_TEST_PG_URL not set: run under " \
                      "scripts/with-postgres.sh";             \
    ASSERT_TRUE((db).error().empty()) << (db).error();        \
  } while (0)

}  // namespace anpei::testing
