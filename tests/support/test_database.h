// A fresh, empty database for one test: a temp SQLite file, or a database of its own on the
// throw-away PostgreSQL cluster of scripts/with-postgres.sh ($ANPEI_TEST_PG_URL), dropped again at
// the end. Test support only.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "adapters/sql/migrations.h"

namespace anpei::testing {

class TestDatabase {
 public:
  // backend: "sqlite" or "postgresql". skipped() is true when PostgreSQL is not available.
  explicit TestDatabase(const std::string& backend) {
    static std::atomic<int> counter{0};
    const std::string tag = std::to_string(getpid()) + "_" + std::to_string(counter++);
    key_file_ = ::testing::TempDir() + "/anpei-test-" + tag + ".key";
    std::filesystem::remove(key_file_);
    if (backend == "sqlite") {
      path_ = ::testing::TempDir() + "/anpei-test-" + tag + ".db";
      Remove();
      url_ = "sqlite:" + path_;
      return;
    }
    const char* pg = std::getenv("ANPEI_TEST_PG_URL");
    if (!pg) {
      skipped_ = true;
      return;
    }
    const std::string base = pg;
    db_ = "anpei_t" + tag;
    auto admin = adapters::OpenDatabase(base);
    if (!admin.ok()) {
      error_ = admin.status().ToString();
      return;
    }
    (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + db_);
    if (Status st = (*admin)->ExecuteScript("CREATE DATABASE " + db_); !st.ok()) {
      error_ = st.ToString();
      return;
    }
    const size_t slash = base.find("/postgres?");
    if (slash == std::string::npos) {
      error_ = "expected the URL of scripts/with-postgres.sh, got " + base;
      return;
    }
    url_ = base.substr(0, slash) + "/" + db_ + base.substr(slash + 9);
  }
  ~TestDatabase() {
    if (!db_.empty()) {
      if (auto admin = adapters::OpenDatabase(std::getenv("ANPEI_TEST_PG_URL")); admin.ok()) {
        (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
      }
    }
    if (!path_.empty()) Remove();
    std::filesystem::remove(key_file_);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  const std::string& url() const { return url_; }
  // The master key file the server uses for this database (created by the server on first start).
  const std::string& key_file() const { return key_file_; }
  const std::string& sqlite_path() const { return path_; }
  bool skipped() const { return skipped_; }
  const std::string& error() const { return error_; }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string url_, path_, db_, error_, key_file_;
  bool skipped_ = false;
};

// For TEST_P over backends: the fixture calls this first.
#define ANPEI_REQUIRE_DATABASE(db)                            \
  do {                                                        \
    if ((db).skipped())                                       \
      GTEST_SKIP() << "ANPEI_TEST_PG_URL not set: run under " \
                      "scripts/with-postgres.sh";             \
    ASSERT_TRUE((db).error().empty()) << (db).error();        \
  } while (0)

}  // namespace anpei::testing
