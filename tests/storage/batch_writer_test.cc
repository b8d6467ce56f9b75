// The store's one batching writer (adapters/sql/batch_writer.h, issue 13 "the morning peak"), in
// process on both stores: concurrent writes share commits; a unit that fails is rolled back alone
// (its savepoint) while the rest of its batch commits; the audit chain built inside the batches
// verifies; an exception in one unit reaches its own caller only; a write started inside a unit
// runs inline instead of waiting for itself.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/pool.h"
#include "adapters/sql/sql_store.h"
#include "domain/audit.h"
#include "support/test_database.h"

namespace anpei {
namespace {

using testing::TestDatabase;

class BatchWriterTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    ASSERT_TRUE(testing::Migrate(db_->url()).ok());
    ASSERT_TRUE(adapters::SodiumVault::CreateKeyFile(db_->key_file()).ok());
    auto vault = adapters::SodiumVault::FromKeyFile(db_->key_file());
    ASSERT_TRUE(vault.ok()) << vault.status().ToString();
    vault_ = *vault;
    store_ = std::make_shared<adapters::SqlStore>(
        std::make_shared<adapters::ConnectionPool>(db_->url()), vault_);
  }

  static Status Append(ports::StoreTx& tx, const std::string& action) {
    domain::AuditEvent e;
    e.at = "2026-11-30T09:00:00+08:00";
    e.actor = "batch-test";
    e.role = "system";
    e.action = action;
    e.target = "test:1";
    return tx.audit().AppendAudit(e);
  }

  std::vector<domain::AuditEvent> Events() {
    std::vector<domain::AuditEvent> out;
    EXPECT_TRUE(store_
                    ->ScanAudit([&](const domain::AuditEvent& e) {
                      out.push_back(e);
                      return Status::Ok();
                    })
                    .ok());
    return out;
  }

  std::unique_ptr<TestDatabase> db_;
  std::shared_ptr<const ports::Vault> vault_;
  std::shared_ptr<adapters::SqlStore> store_;
};

TEST_P(BatchWriterTest, ConcurrentWritesShareCommitsAndAFailureRollsBackOnlyItself) {
  constexpr int kThreads = 24;
  std::atomic<bool> first_started{false};
  std::vector<Status> results(kThreads);
  std::vector<std::thread> threads;
  // The first unit holds the writer for a moment, so that the others queue into one batch.
  threads.emplace_back([&] {
    results[0] = store_->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
      first_started = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      return Append(tx, "test.ok");
    });
  });
  while (!first_started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  for (int i = 1; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      results[i] = store_->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
        // Every third unit writes, then fails: its event must not survive.
        ANPEI_RETURN_IF_ERROR(Append(tx, i % 3 == 0 ? "test.failed" : "test.ok"));
        if (i % 3 == 0) return Status::Invalid("x", "refused on purpose");
        return Status::Ok();
      });
    });
  }
  for (auto& t : threads) t.join();
  int ok = 0;
  for (int i = 0; i < kThreads; ++i) {
    if (i % 3 == 0 && i != 0) {
      EXPECT_EQ(results[i].code(), Code::kInvalidArgument) << i;
    } else {
      EXPECT_TRUE(results[i].ok()) << i << " " << results[i].ToString();
      ++ok;
    }
  }
  const auto events = Events();
  ASSERT_EQ(static_cast<int>(events.size()), ok);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].action, "test.ok");
    EXPECT_EQ(events[i].seq, static_cast<int64_t>(i + 1)) << "the chain has no gaps";
  }
  EXPECT_FALSE(domain::VerifyChain(events, [&](std::string_view prev, std::string_view record) {
    return vault_->ChainLink(prev, record);
  }));
  const auto stats = store_->WriterStats();
  EXPECT_GT(stats.largest, 1u) << "the queued writes shared a commit";
  EXPECT_LT(stats.batches, static_cast<uint64_t>(kThreads));
}

TEST_P(BatchWriterTest, AnExceptionReachesOnlyItsOwnCaller) {
  std::atomic<bool> first_started{false};
  Status other;
  std::thread slow([&] {
    other = store_->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
      first_started = true;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      return Append(tx, "test.ok");
    });
  });
  while (!first_started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::thread thrower([&] {
    EXPECT_THROW((void)store_->Run(ports::TxMode::kWrite,
                                   [&](ports::StoreTx& tx) -> Status {
                                     (void)Append(tx, "test.threw");
                                     throw std::runtime_error("bug");
                                   }),
                 std::runtime_error);
  });
  Status after;
  std::thread later([&] {
    after = store_->Run(ports::TxMode::kWrite,
                        [&](ports::StoreTx& tx) { return Append(tx, "test.ok"); });
  });
  slow.join();
  thrower.join();
  later.join();
  EXPECT_TRUE(other.ok()) << other.ToString();
  EXPECT_TRUE(after.ok()) << after.ToString();
  const auto events = Events();
  ASSERT_EQ(events.size(), 2u);
  for (const auto& e : events) EXPECT_EQ(e.action, "test.ok");
}

TEST_P(BatchWriterTest, AWriteInsideAWriteRunsInlineAndRollsBackWithIt) {
  Status inner;
  Status outer = store_->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_RETURN_IF_ERROR(Append(tx, "test.outer"));
    inner = store_->Run(ports::TxMode::kWrite,
                        [&](ports::StoreTx& t2) { return Append(t2, "test.inner"); });
    return inner;
  });
  EXPECT_TRUE(outer.ok()) << outer.ToString();
  EXPECT_TRUE(inner.ok()) << inner.ToString();
  EXPECT_EQ(Events().size(), 2u);
  // A failing inner write is undone alone; a failing outer one takes the inner with it.
  Status failed = store_->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_RETURN_IF_ERROR(Append(tx, "test.outer"));
    EXPECT_FALSE(store_
                     ->Run(ports::TxMode::kWrite,
                           [&](ports::StoreTx& t2) {
                             (void)Append(t2, "test.inner");
                             return Status::Invalid("x", "no");
                           })
                     .ok());
    return Status::Invalid("y", "no");
  });
  EXPECT_EQ(failed.code(), Code::kInvalidArgument);
  EXPECT_EQ(Events().size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, BatchWriterTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace anpei
