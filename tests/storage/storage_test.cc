// One storage suite, run against every backend (as Drogon's db_test runs one scenario on each):
// SQLite on a temp file, and PostgreSQL on the throw-away cluster of scripts/with-postgres.sh
// ($ANPEI_TEST_PG_URL). Without that variable the PostgreSQL half is skipped, loudly.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "adapters/postgres/postgres_connection.h"
#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "adapters/sql/pool.h"
#include "adapters/sql/sql_store.h"

namespace anpei::adapters {
namespace {

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

class Storage : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      path_ = ::testing::TempDir() + "/storage-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
      std::filesystem::remove(path_);
      url_ = "sqlite:" + path_;
    } else {
      const char* pg = std::getenv("ANPEI_TEST_PG_URL");
      if (!pg) GTEST_SKIP() << "ANPEI_TEST_PG_URL not set: run under scripts/with-postgres.sh";
      // A database of its own per test process, so tests run in parallel without sharing.
      const std::string base = pg;
      db_ = "anpei_t" + std::to_string(getpid());
      auto admin = OpenDatabase(base);
      ASSERT_TRUE(admin.ok()) << admin.status().ToString();
      (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + db_);
      ASSERT_TRUE((*admin)->ExecuteScript("CREATE DATABASE " + db_).ok());
      const size_t slash = base.find("/postgres?");
      ASSERT_NE(slash, std::string::npos) << "expected the URL of scripts/with-postgres.sh";
      url_ = base.substr(0, slash) + "/" + db_ + base.substr(slash + 9);
    }
  }
  void TearDown() override {
    if (!db_.empty()) {
      if (auto admin = OpenDatabase(std::getenv("ANPEI_TEST_PG_URL")); admin.ok()) {
        (void)(*admin)->ExecuteScript("DROP DATABASE IF EXISTS " + db_ + " WITH (FORCE)");
      }
    }
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    }
  }

  std::unique_ptr<ports::SqlConnection> Connect() {
    auto conn = OpenDatabase(url_);
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    return conn.ok() ? std::move(*conn) : nullptr;
  }

  std::vector<Migration> Shipped(ports::SqlConnection& c) {
    auto m = LoadMigrations(std::string(ANPEI_SOURCE_DIR) + "/migrations", c.Dialect());
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? *m : std::vector<Migration>{};
  }

  std::string url_, path_, db_;
};

TEST_P(Storage, MigrationsApplyOnceAndAreRecorded) {
  auto c = Connect();
  ASSERT_TRUE(c);
  const auto migrations = Shipped(*c);
  ASSERT_FALSE(migrations.empty());
  auto first = ApplyMigrations(*c, migrations);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->size(), migrations.size());
  auto again = ApplyMigrations(*c, migrations);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  auto rows = c->Execute("SELECT version, name FROM schema_migrations ORDER BY version", {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->rows.size(), migrations.size());
  EXPECT_EQ(*rows->rows[0][0], "1");
  EXPECT_EQ(*rows->rows[0][1], "core");
}

TEST_P(Storage, AFailedMigrationChangesNothing) {
  auto c = Connect();
  ASSERT_TRUE(c);
  std::vector<Migration> bad = {
      {1, "good", "CREATE TABLE a (x INTEGER);"},
      {2, "bad", "CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);"}};
  auto r = ApplyMigrations(*c, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("2_bad"), std::string::npos) << r.status().message();
  EXPECT_TRUE(c->Execute("SELECT x FROM a", {}).ok()) << "migration 1 stays";
  EXPECT_FALSE(c->Execute("SELECT x FROM b", {}).ok()) << "migration 2 rolled back whole";
  auto versions = c->Execute("SELECT version FROM schema_migrations", {});
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->rows.size(), 1u);
}

TEST_P(Storage, ParametersRoundTripTextNullAndUnicode) {
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(ApplyMigrations(*c, Shipped(*c)).ok());
  ASSERT_TRUE(c->Execute("INSERT INTO districts (code, name) VALUES (?, ?)",
                         {std::string("350503"), std::string("丰泽区 'quoted' ?")})
                  .ok());
  auto r = c->Execute("SELECT name, NULL FROM districts WHERE code = ?", {std::string("350503")});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(*r->rows[0][0], "丰泽区 'quoted' ?");
  EXPECT_FALSE(r->rows[0][1].has_value());
}

TEST_P(Storage, UniqueConstraintsAreConflicts) {
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(ApplyMigrations(*c, Shipped(*c)).ok());
  const std::vector<ports::SqlValue> row = {std::string("350503"), std::string("丰泽区")};
  ASSERT_TRUE(c->Execute("INSERT INTO districts (code, name) VALUES (?, ?)", row).ok());
  auto dup = c->Execute("INSERT INTO districts (code, name) VALUES (?, ?)", row);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Code::kConflict);
}

TEST_P(Storage, RollbackDiscardsAndCommitKeeps) {
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(ApplyMigrations(*c, Shipped(*c)).ok());
  ASSERT_TRUE(c->ExecuteScript("BEGIN").ok());
  ASSERT_TRUE(
      c->Execute("INSERT INTO districts (code, name) VALUES ('350502', '鲤城区')", {}).ok());
  ASSERT_TRUE(c->ExecuteScript("ROLLBACK").ok());
  ASSERT_TRUE(c->ExecuteScript("BEGIN").ok());
  ASSERT_TRUE(
      c->Execute("INSERT INTO districts (code, name) VALUES ('350503', '丰泽区')", {}).ok());
  ASSERT_TRUE(c->ExecuteScript("COMMIT").ok());
  auto other = Connect();  // a second connection sees only committed data
  auto r = other->Execute("SELECT code FROM districts ORDER BY code", {});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(*r->rows[0][0], "350503");
}

TEST_P(Storage, PoolReusesConnections) {
  auto pool = std::make_shared<ConnectionPool>(url_);
  for (int i = 0; i < 3; ++i) {
    auto h = pool->Acquire();
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    EXPECT_TRUE((*h)->Execute("SELECT 1", {}).ok());
  }
}

// The Store: a failing unit of work leaves nothing behind, even after writes that succeeded;
// a stale version is a Conflict; reads see what a committed Run wrote.
TEST_P(Storage, StoreRunRollsBackAFailedUnitOfWork) {
  {
    auto c = Connect();
    ASSERT_TRUE(ApplyMigrations(*c, Shipped(*c)).ok());
  }
  const std::string key =
      path_.empty() ? ::testing::TempDir() + "/storage-" + db_ + ".key" : path_ + ".key";
  std::filesystem::remove(key);
  ASSERT_TRUE(SodiumVault::CreateKeyFile(key).ok());
  auto vault = SodiumVault::FromKeyFile(key);
  ASSERT_TRUE(vault.ok());
  SqlStore store(std::make_shared<ConnectionPool>(url_), *vault);
  domain::Institution inst;
  inst.name = "甲";
  inst.uscc = "91350100M000100Y43";
  inst.district_code = "350503";
  inst.created_at = inst.updated_at = "2021-09-28T10:00:00+08:00";
  Status st = store.Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    EXPECT_TRUE(tx.registry().InsertDistrict({"350503", "丰泽区"}).ok());
    auto id = tx.registry().InsertInstitution(inst);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return Status(Code::kInvalidArgument, "a later step failed", "x");
  });
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  // A constraint failure half-way rolls back the first insert too.
  st = store.Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    EXPECT_TRUE(tx.registry().InsertDistrict({"350582", "晋江市"}).ok());
    return tx.registry().InsertDistrict({"350582", "晋江市"});
  });
  EXPECT_EQ(st.code(), Code::kConflict);
  st = store.Run(ports::TxMode::kRead, [&](ports::StoreTx& tx) {
    auto d = tx.registry().ListDistricts();
    EXPECT_TRUE(d.ok());
    EXPECT_TRUE(d->empty());
    auto i = tx.registry().ListInstitutions({}, {});
    EXPECT_EQ(i->total, 0);
    return Status::Ok();
  });
  EXPECT_TRUE(st.ok()) << st.ToString();

  ASSERT_TRUE(store
                  .Run(ports::TxMode::kWrite,
                       [&](ports::StoreTx& tx) {
                         ANPEI_RETURN_IF_ERROR(tx.registry().InsertDistrict({"350503", "丰泽区"}));
                         auto id = tx.registry().InsertInstitution(inst);
                         if (id.ok())
                           inst.id = *id;  // PostgreSQL's sequence skipped the rolled-back id
                         return id.status();
                       })
                  .ok());
  st = store.Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    inst.name = "乙";
    EXPECT_TRUE(tx.registry().UpdateInstitution(inst, 1).ok());
    return tx.registry().UpdateInstitution(inst, 1);  // version is 2 now
  });
  EXPECT_EQ(st.code(), Code::kConflict);
  EXPECT_EQ(st.field(), "version");
  EXPECT_TRUE(store.Ping().ok());
}

// Statements are prepared once per connection and kept in a bounded LRU: reused with new
// parameters, evicted beyond the bound (and, on PostgreSQL, deallocated on the server), dropped by
// every script (a migration may change the schema), and gone with a connection the pool drops.
TEST_P(Storage, PreparedStatementsAreReusedBoundedAndDroppedWithSchemaChanges) {
  auto c = Connect();
  ASSERT_TRUE(c);
  ASSERT_TRUE(ApplyMigrations(*c, Shipped(*c)).ok());
  EXPECT_EQ(c->CachedStatements(), 0u) << "the migration scripts leave nothing prepared";
  for (const char* code : {"350502", "350503", "350504"}) {
    ASSERT_TRUE(c->Execute("INSERT INTO districts (code, name) VALUES (?, ?)",
                           {std::string(code), std::string("区")})
                    .ok());
  }
  EXPECT_EQ(c->CachedStatements(), 1u) << "one text, prepared once, reused";
  auto one = c->Execute("SELECT name FROM districts WHERE code = ?", {std::string("350503")});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->rows.size(), 1u);
  for (int i = 0; i < 300; ++i) {
    ASSERT_TRUE(c->Execute("SELECT " + std::to_string(i) + " AS n", {}).ok());
  }
  EXPECT_LE(c->CachedStatements(), 128u) << "bounded";
  if (c->Dialect() == ports::SqlDialect::kPostgres) {
    auto n = c->Execute("SELECT COUNT(*) FROM pg_prepared_statements", {});
    ASSERT_TRUE(n.ok());
    EXPECT_LE(std::stoi(*n->rows[0][0]), 129) << "evicted statements are deallocated";
  }
  // A schema change through a script: the next use prepares against the new schema.
  ASSERT_TRUE(
      c->Execute("SELECT code, name FROM districts WHERE code = ?", {std::string("350503")}).ok());
  ASSERT_TRUE(c->ExecuteScript("ALTER TABLE districts ADD COLUMN note TEXT").ok());
  EXPECT_EQ(c->CachedStatements(), 0u);
  auto after = c->Execute("SELECT * FROM districts WHERE code = ?", {std::string("350503")});
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->columns.size(), 3u);
  // A failed statement (in a failed transaction on PostgreSQL) leaves the cache usable.
  ASSERT_TRUE(c->ExecuteScript("BEGIN").ok());
  EXPECT_FALSE(c->Execute("SELECT nothing FROM districts", {}).ok());
  ASSERT_TRUE(c->Execute("ROLLBACK", {}).ok());
  EXPECT_TRUE(
      c->Execute("SELECT name FROM districts WHERE code = ?", {std::string("350503")}).ok());
}

TEST_P(Storage, APooledConnectionMarkedBrokenTakesItsStatementsWithIt) {
  {
    auto c = Connect();
    ASSERT_TRUE(c);
    ASSERT_TRUE(ApplyMigrations(*c, Shipped(*c)).ok());
  }
  auto pool = std::make_shared<ConnectionPool>(url_);
  {
    auto h = pool->Acquire();
    ASSERT_TRUE(h.ok());
    ASSERT_TRUE((*h)->Execute("SELECT code FROM districts", {}).ok());
    EXPECT_EQ((*h)->CachedStatements(), 1u);
    h->MarkBroken();
  }
  auto next = pool->Acquire();
  ASSERT_TRUE(next.ok());
  EXPECT_EQ((*next)->CachedStatements(), 0u) << "a fresh connection, nothing prepared";
  {
    auto kept = std::move(*next);
    ASSERT_TRUE(kept->Execute("SELECT code FROM districts", {}).ok());
  }
  auto again = pool->Acquire();  // a healthy connection goes back with its statements
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->CachedStatements(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, Storage, ::testing::Values("sqlite", "postgresql"), Backend);

TEST(Postgres, PlaceholdersAreNumberedOutsideQuotes) {
  EXPECT_EQ(NumberPlaceholders("SELECT ? , '?', \"a?\", ?"), "SELECT $1 , '?', \"a?\", $2");
}

TEST(Database, UnknownUrlNamesTheFlag) {
  auto c = OpenDatabase("mysql://x");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().field(), "--db");
  EXPECT_FALSE(OpenDatabase("sqlite:/proc/no/x.db").ok());
}

}  // namespace
}  // namespace anpei::adapters
