#include "support/test_database.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/sql/migrations.h"

namespace anpei::testing {
namespace {

namespace fs = std::filesystem;

// A name for the current migrations: a template built from other migrations is never used.
std::string MigrationsFingerprint() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(std::string(ANPEI_SOURCE_DIR) + "/migrations")) {
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    all += f.filename().string() + "\n" + text.str();
  }
  std::ostringstream hex;
  hex << std::hex << std::hash<std::string>{}(all);
  return hex.str();
}

// The URL of database `name` on the cluster of `base` ($ANPEI_TEST_PG_URL); empty when `base` is
// not shaped as scripts/with-postgres.sh makes it.
std::string PgUrl(const std::string& base, const std::string& name) {
  const size_t slash = base.find("/postgres?");
  if (slash == std::string::npos) return "";
  return base.substr(0, slash) + "/" + name + base.substr(slash + 9);
}

// An SQLite file with every migration applied, built once (under a file lock, since tests run in
// parallel processes) and copied for each test: migrating a fresh store for each of several
// hundred tests cost more than the tests.
Result<std::string> SqliteTemplate() {
  static const std::string path =
      ::testing::TempDir() + "/anpei-template-" + MigrationsFingerprint() + ".db";
  if (fs::exists(path)) return path;
  const int lock = open((path + ".lock").c_str(), O_CREAT | O_RDWR, 0600);
  if (lock < 0) return Status::Internal("cannot create " + path + ".lock");
  flock(lock, LOCK_EX);
  Status st = Status::Ok();
  if (!fs::exists(path)) {
    const std::string building = path + ".building";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(building + suffix);
    st = Migrate("sqlite:" + building);  // the connection closes: the WAL is folded back in
    if (st.ok()) fs::rename(building, path);
  }
  flock(lock, LOCK_UN);
  close(lock);
  if (!st.ok()) return st;
  return path;
}

// The same on PostgreSQL: a migrated template database, built once under an advisory lock; each
// test's database is created from it (CREATE DATABASE … TEMPLATE copies it file by file).
Result<std::string> PgTemplate(ports::SqlConnection& admin, const std::string& base) {
  static const std::string name = "anpei_template_" + MigrationsFingerprint();
  ANPEI_RETURN_IF_ERROR(admin.Execute("SELECT pg_advisory_lock(7274201)", {}).status());
  auto built = [&]() -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           admin.Execute("SELECT 1 FROM pg_database WHERE datname = ?", {name}));
    if (!r.rows.empty()) return Status::Ok();
    const std::string building = name + "_building";
    (void)admin.ExecuteScript("DROP DATABASE IF EXISTS " + building);
    ANPEI_RETURN_IF_ERROR(admin.ExecuteScript("CREATE DATABASE " + building));
    ANPEI_RETURN_IF_ERROR(Migrate(PgUrl(base, building)));
    return admin.ExecuteScript("ALTER DATABASE " + building + " RENAME TO " + name);
  }();
  (void)admin.Execute("SELECT pg_advisory_unlock(7274201)", {});
  if (!built.ok()) return built;
  return name;
}

}  // namespace

TestDatabase::TestDatabase(const std::string& backend, Schema schema) {
  static std::atomic<int> counter{0};
  const std::string tag = std::to_string(getpid()) + "_" + std::to_string(counter++);
  key_file_ = ::testing::TempDir() + "/anpei-test-" + tag + ".key";
  std::filesystem::remove(key_file_);
  if (backend == "sqlite") {
    path_ = ::testing::TempDir() + "/anpei-test-" + tag + ".db";
    Remove();
    url_ = "sqlite:" + path_;
    if (schema == Schema::kMigrated) {
      auto tmpl = SqliteTemplate();
      if (!tmpl.ok()) {
        error_ = tmpl.status().ToString();
        return;
      }
      fs::copy_file(*tmpl, path_);
    }
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
  if (PgUrl(base, db_).empty()) {
    error_ = "expected the URL of scripts/with-postgres.sh, got " + base;
    return;
  }
  std::string from;
  if (schema == Schema::kMigrated) {
    auto tmpl = PgTemplate(**admin, base);
    if (!tmpl.ok()) {
      error_ = tmpl.status().ToString();
      return;
    }
    from = " TEMPLATE " + *tmpl;
  }
  (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + db_);
  if (Status st = (*admin)->ExecuteScript("CREATE DATABASE " + db_ + from); !st.ok()) {
    error_ = st.ToString();
    return;
  }
  url_ = PgUrl(base, db_);
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
