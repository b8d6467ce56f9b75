#include "support/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "adapters/sql/migrations.h"

namespace anpei::testing {

TestDatabase::TestDatabase(const std::string& backend) {
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

TestDatabase::~TestDatabase() {
  if (!db_.empty()) {
    if (auto admin = adapters::OpenDatabase(std::getenv("ANPEI_TEST_PG_URL")); admin.ok()) {
      (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
    }
  }
  if (!path_.empty()) Remove();
  std::filesystem::remove(key_file_);
}

Status Migrate(const std::string& url) {
  ANPEI_ASSIGN_OR_RETURN(auto conn, adapters::OpenDatabase(url));
  ANPEI_ASSIGN_OR_RETURN(
      auto migrations,
      adapters::LoadMigrations(std::string(ANPEI_SOURCE_DIR) + "/migrations", conn->Dialect()));
  return adapters::ApplyMigrations(*conn, migrations).status();
}

void TestDatabase::Remove() {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
}

}  // namespace anpei::testing
