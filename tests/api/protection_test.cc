// Personal data at rest and the audit trail, on SQLite and PostgreSQL: no stored byte holds a
// citizen's ID number or phone in clear (in any common encoding); every change and every look at
// full personal data leaves an audit event; `anpei audit verify` passes an intact chain and names
// the first altered, missing, inserted or reordered event after direct tampering.
#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "domain/identity.h"
#include "support/accounts.h"
#include "support/server_process.h"
#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace json = boost::json;
using testing::ServerProcess;
using testing::TestDatabase;

constexpr const char* kPhone = "13905951234";

std::string KnownId() {
  const std::string first17 = "35050319880715123";
  return first17 + domain::Mod112CheckChar(first17);
}

std::string Utf16(const std::string& s, bool little) {
  std::string out;
  for (char c : s) {
    if (little) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

std::string HexOf(const std::string& s) {
  static const char* d = "0123456789abcdef";
  std::string out;
  for (unsigned char c : s) {
    out += d[c >> 4];
    out += d[c & 15];
  }
  return out;
}

std::string Base64(const std::string& s) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -6;
  for (unsigned char c : s) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out += t[(val >> bits) & 0x3F];
      bits -= 6;
    }
  }
  if (bits > -6) out += t[((val << 8) >> (bits + 8)) & 0x3F];
  return out;
}

// Every encoding of `secret` we look for.
std::vector<std::string> Encodings(const std::string& secret) {
  std::string upper_hex = HexOf(secret);
  for (char& c : upper_hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  // Base64 of the secret at each of the three alignments, minus the edge characters.
  std::vector<std::string> out = {secret, Utf16(secret, true), Utf16(secret, false), HexOf(secret),
                                  upper_hex};
  for (int shift = 0; shift < 3; ++shift) {
    const std::string b = Base64(std::string(shift, 'A') + secret);
    out.push_back(b.substr(shift == 0 ? 0 : shift + 1, b.size() - (shift + 2) - 2));
  }
  return out;
}

std::string ReadAll(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class Protection : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    ANPEI_REQUIRE_DATABASE(*db_);
    auto admin = testing::AddUser(*db_, "admin", "police_admin");
    ASSERT_EQ(admin.exit_code, 0) << admin.out << admin.err;
    server_ = std::make_unique<ServerProcess>(
        std::vector<std::string>{"--db", db_->url(), "--key-file", db_->key_file()});
    ASSERT_TRUE(server_->started());
    as_ = server_->SignIn("admin", testing::kTestPassword);
    ASSERT_FALSE(as_.empty());
  }
  testing::HttpResult R(const std::string& method, const std::string& path,
                        const std::string& body = {}) {
    return server_->Request(method, path, body, as_);
  }
  int Verify(std::string* out = nullptr) {
    auto r = testing::RunProcess(
        ANPEI_BINARY, {"audit", "verify", "--db", db_->url(), "--key-file", db_->key_file()});
    if (out) *out = r.out + r.err;
    return r.exit_code;
  }
  std::unique_ptr<ports::SqlConnection> Sql() {
    auto c = adapters::OpenDatabase(db_->url());
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? std::move(*c) : nullptr;
  }
  void Exec(ports::SqlConnection& c, const std::string& sql) {
    Status st = c.ExecuteScript(sql);
    ASSERT_TRUE(st.ok()) << sql << ": " << st.ToString();
  }
  // Audit events: the admin account and its sign-in, a district, a trainee, three looks, an edit.
  void MakeEvents() {
    ASSERT_EQ(R("POST", "/api/v1/districts", R"({"code":"350503","name":"丰泽区"})").status, 201);
    auto t = R("POST", "/api/v1/trainees",
               R"({"name":"郑明","id_number":")" + KnownId() + R"(","phone":")" + kPhone +
                   R"(","group":"security_staff"})");
    ASSERT_EQ(t.status, 201) << t.body;
    id_ = json::parse(t.body).at("id").as_int64();
    for (int i = 0; i < 3; ++i) {
      ASSERT_EQ(R("GET", "/api/v1/trainees/" + std::to_string(id_)).status, 200);
    }
    auto e = R("PUT", "/api/v1/trainees/" + std::to_string(id_),
               R"({"name":"郑明","id_number":")" + KnownId() + R"(","phone":")" + kPhone +
                   R"(","group":"auxiliary_police","version":1})");
    ASSERT_EQ(e.status, 200) << e.body;
  }
  void DropAppendOnlyGuards(ports::SqlConnection& c) {
    if (GetParam() == "sqlite") {
      Exec(c, "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete");
    } else {
      Exec(c, "DROP TRIGGER audit_events_no_change ON audit_events");
    }
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::map<std::string, std::string> as_;
  int64_t id_ = 0;
};

TEST_P(Protection, NoStoredByteHoldsAnIdNumberOrPhoneInClear) {
  MakeEvents();
  // The API still finds the trainee by the exact ID number (blind index) and shows it in full.
  auto found = R("GET", "/api/v1/trainees?q=" + KnownId());
  EXPECT_EQ(json::parse(found.body).at("total"), 1) << found.body;
  auto one = R("GET", "/api/v1/trainees/" + std::to_string(id_));
  EXPECT_EQ(json::parse(one.body).at("id_number"), json::value(KnownId()));
  EXPECT_EQ(json::parse(one.body).at("phone"), kPhone);
  server_->Kill(SIGTERM);

  std::string stored;
  if (GetParam() == "sqlite") {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      stored += ReadAll(db_->sqlite_path() + suffix);
    }
    ASSERT_GT(stored.size(), 4096u);
  } else {
    auto c = Sql();
    // Everything as text, table by table ...
    auto tables = c->Execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", {});
    ASSERT_TRUE(tables.ok());
    for (const auto& row : tables->rows) {
      auto dump = c->Execute("SELECT t::text FROM " + *row[0] + " t", {});
      ASSERT_TRUE(dump.ok()) << *row[0];
      for (const auto& r : dump->rows) stored += r[0].value_or("") + "\n";
    }
    // ... and the raw files of the cluster, after a checkpoint.
    Exec(*c, "CHECKPOINT");
    // Only this test's database directory and the write-ahead log: other tests running in
    // parallel create and drop databases of their own, whose files come and go.
    if (const char* data = std::getenv("ANPEI_TEST_PG_DATA")) {
      auto oid = c->Execute("SELECT oid FROM pg_database WHERE datname = current_database()", {});
      ASSERT_TRUE(oid.ok());
      const std::string raw_before = stored;
      for (const std::string& dir : {std::string(data) + "/base/" + oid->rows.at(0)[0].value_or(""),
                                     std::string(data) + "/pg_wal"}) {
        std::error_code ec;
        for (auto it = std::filesystem::directory_iterator(dir, ec);
             !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
          std::error_code size_ec;
          const auto size = it->file_size(size_ec);
          if (!size_ec && it->is_regular_file() && size < (64u << 20))
            stored += ReadAll(it->path());
        }
      }
      ASSERT_GT(stored.size(), raw_before.size() + 8192) << "the raw scan read no table files";
    }
  }
  ASSERT_NE(stored.find("郑明"), std::string::npos) << "the scan did not see the table data";
  for (const std::string& secret : {KnownId(), std::string(kPhone)}) {
    for (const std::string& enc : Encodings(secret)) {
      EXPECT_EQ(stored.find(enc), std::string::npos)
          << "found " << secret << " stored as \"" << HexOf(enc) << "\" (hex of the pattern)";
    }
  }
}

TEST_P(Protection, ChangesAndRevealsAreAuditedAndTheChainVerifies) {
  MakeEvents();
  auto c = Sql();
  auto r = c->Execute("SELECT action, target, actor FROM audit_events ORDER BY seq", {});
  ASSERT_TRUE(r.ok());
  std::vector<std::string> actions;
  for (const auto& row : r->rows) actions.push_back(*row[0]);
  EXPECT_EQ(actions, (std::vector<std::string>{"user.create", "session.sign_in", "district.create",
                                               "trainee.create", "trainee.reveal", "trainee.reveal",
                                               "trainee.reveal", "trainee.update"}));
  std::string out;
  EXPECT_EQ(Verify(&out), 0) << out;
  EXPECT_NE(out.find("共 8 条"), std::string::npos) << out;
  // The edit's change list: field by field, in words, nothing personal in clear.
  auto changes = c->Execute("SELECT changes FROM audit_events WHERE seq = 8", {});
  ASSERT_TRUE(changes.ok());
  const std::string stored = changes->rows.at(0)[0].value_or("");
  EXPECT_NE(stored.find("人员类别"), std::string::npos) << stored;
  EXPECT_NE(stored.find("辅警"), std::string::npos) << stored;
  EXPECT_EQ(stored.find("郑明"), std::string::npos) << stored;
  EXPECT_EQ(stored.find(KnownId()), std::string::npos) << stored;
  EXPECT_EQ(stored.find(kPhone), std::string::npos) << stored;
  // The reads and the sign-in have none.
  auto none = c->Execute(
      "SELECT COUNT(*) FROM audit_events WHERE changes = '' AND action IN ('trainee.reveal', "
      "'session.sign_in')",
      {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->rows.at(0)[0].value_or(""), "4");
  // The application itself cannot rewrite history.
  EXPECT_FALSE(c->ExecuteScript("UPDATE audit_events SET actor = 'x' WHERE seq = 2").ok());
  EXPECT_FALSE(c->ExecuteScript("DELETE FROM audit_events WHERE seq = 2").ok());
}

struct Tamper {
  const char* name;
  const char* sql;  // run with the append-only guards dropped
  const char* fault;
  int seq;
};

TEST_P(Protection, VerifyNamesEachKindOfTampering) {
  MakeEvents();
  server_->Kill(SIGTERM);
  const Tamper cases[] = {
      {"altered", "UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3", "altered", 3},
      {"missing", "DELETE FROM audit_events WHERE seq = 3", "missing", 4},
      {"inserted",
       "UPDATE audit_events SET seq = seq + 100 WHERE seq >= 3;"
       "UPDATE audit_events SET seq = seq - 99 WHERE seq >= 100;"
       "INSERT INTO audit_events SELECT 3, at, 'forger', role, action, target, before_digest, "
       "after_digest, detail, link, "
       "'0000000000000000000000000000000000000000000000000000000000000000', changes "
       "FROM audit_events WHERE seq = 2",
       "inserted", 3},
      {"reordered",
       "UPDATE audit_events SET seq = -1 WHERE seq = 3;"
       "UPDATE audit_events SET seq = 3 WHERE seq = 4;"
       "UPDATE audit_events SET seq = 4 WHERE seq = -1",
       "reordered", 3},
      // The change list (migration 0013) is covered by the chain: edited, emptied or added.
      {"changes edited",
       "UPDATE audit_events SET changes = replace(changes, '辅警', '保安员') WHERE seq = 8",
       "altered", 8},
      {"changes emptied", "UPDATE audit_events SET changes = '' WHERE seq = 8", "altered", 8},
      {"changes added", "UPDATE audit_events SET changes = 'c1;1:x;0:;1:y;' WHERE seq = 5",
       "altered", 5},
  };
  auto c = Sql();
  DropAppendOnlyGuards(*c);
  // Keep the intact trail to restore between cases.
  Exec(*c, "CREATE TABLE audit_backup AS SELECT * FROM audit_events");
  for (const Tamper& t : cases) {
    SCOPED_TRACE(t.name);
    Exec(*c, "DELETE FROM audit_events; INSERT INTO audit_events SELECT * FROM audit_backup");
    ASSERT_EQ(Verify(), 0);
    Exec(*c, t.sql);
    std::string out;
    EXPECT_EQ(Verify(&out), 1) << out;
    EXPECT_NE(out.find(std::string("（") + t.fault + "）"), std::string::npos) << out;
    EXPECT_NE(out.find("第 " + std::to_string(t.seq) + " 条"), std::string::npos) << out;
  }
}

TEST_P(Protection, ANewKeyIsRefusedForDataSealedWithAnother) {
  MakeEvents();
  server_->Kill(SIGTERM);
  std::filesystem::rename(db_->key_file(), db_->key_file() + ".moved");
  auto r = testing::RunProcess(ANPEI_BINARY, {"serve", "--listen", "127.0.0.1:0", "--db",
                                              db_->url(), "--key-file", db_->key_file()});
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_NE(r.err.find("--key-file"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db_->key_file()));  // no stray new key left behind
  std::filesystem::rename(db_->key_file() + ".moved", db_->key_file());
  EXPECT_EQ(Verify(), 0);
}

TEST_P(Protection, TheKeyMayComeFromTheEnvironment) {
  MakeEvents();
  std::string key = ReadAll(db_->key_file());
  while (!key.empty() && key.back() == '\n') key.pop_back();
  auto r = testing::RunProcess(ANPEI_BINARY, {"audit", "verify", "--db", db_->url()}, "",
                               std::chrono::seconds(30), {"ANPEI_MASTER_KEY=" + key});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  auto bad = testing::RunProcess(ANPEI_BINARY, {"audit", "verify", "--db", db_->url()}, "",
                                 std::chrono::seconds(30), {"ANPEI_MASTER_KEY=00"});
  EXPECT_EQ(bad.exit_code, 3) << bad.out << bad.err;
}

TEST_P(Protection, KeyRotationResealsDataAndRelinksTheChain) {
  MakeEvents();
  server_->Kill(SIGTERM);
  const std::string next = db_->key_file() + ".next";
  std::filesystem::remove(next);
  auto r = testing::RunProcess(
      ANPEI_BINARY,
      {"key", "rotate", "--db", db_->url(), "--key-file", db_->key_file(), "--new-key-file", next},
      "", std::chrono::seconds(60));
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto verify = [&](const std::string& key) {
    return testing::RunProcess(ANPEI_BINARY,
                               {"audit", "verify", "--db", db_->url(), "--key-file", key});
  };
  auto with_new = verify(next);
  EXPECT_EQ(with_new.exit_code, 0) << with_new.out;
  EXPECT_NE(with_new.out.find("共 9 条"), std::string::npos) << with_new.out;  // + key.rotate
  EXPECT_EQ(verify(db_->key_file()).exit_code, 1) << "the old key no longer verifies the chain";
  // The server reads the re-sealed data with the new key; the admin's session survived.
  ServerProcess again({"--db", db_->url(), "--key-file", next});
  ASSERT_TRUE(again.started());
  auto one = again.Request("GET", "/api/v1/trainees/" + std::to_string(id_), "", as_);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(json::parse(one.body).at("id_number"), json::value(KnownId()));
  auto found = again.Request("GET", "/api/v1/trainees?q=" + KnownId(), "", as_);
  EXPECT_EQ(json::parse(found.body).at("total"), 1) << "blind index recomputed";
  std::filesystem::remove(next);
}

// Finding 7 / Deliver 5: a sealed cell is bound to its row. Swapping two trainees' sealed ID
// numbers in the database (without the key) must not hand one person's identity to the other:
// both rows refuse to open, and `anpei key check` names each cell.
TEST_P(Protection, SealedDataSwappedBetweenRowsFailsToOpenAndIsReported) {
  auto add = [&](const std::string& name, const std::string& first17) {
    auto t = R("POST", "/api/v1/trainees",
               R"({"name":")" + name + R"(","id_number":")" + first17 +
                   domain::Mod112CheckChar(first17) +
                   R"(","phone":"13905950001","group":"security_staff"})");
    EXPECT_EQ(t.status, 201) << t.body;
    return json::parse(t.body).at("id").as_int64();
  };
  const int64_t a = add("甲", "35050319880715111"), b = add("乙", "35050319900101222");
  auto check = [&] {
    return testing::RunProcess(ANPEI_BINARY,
                               {"key", "check", "--db", db_->url(), "--key-file", db_->key_file()});
  };
  auto clean = check();
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  {
    auto c = Sql();
    ASSERT_TRUE(c);
    // People's ids are random (issue "Trust"): a and b come in either order.
    auto rows = c->Execute("SELECT id, id_number_enc FROM trainees WHERE id IN (?, ?) ORDER BY id",
                           {std::to_string(std::min(a, b)), std::to_string(std::max(a, b))});
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->rows.size(), 2u);
    ASSERT_TRUE(c->Execute("UPDATE trainees SET id_number_enc = ? WHERE id = ?",
                           {rows->rows[1][1], rows->rows[0][0]})
                    .ok());
    ASSERT_TRUE(c->Execute("UPDATE trainees SET id_number_enc = ? WHERE id = ?",
                           {rows->rows[0][1], rows->rows[1][0]})
                    .ok());
  }
  auto one = R("GET", "/api/v1/trainees/" + std::to_string(a));
  EXPECT_EQ(one.status, 500) << one.body;
  EXPECT_EQ(one.body.find("35050319900101222"), std::string::npos) << "B's identity shown as A's";
  auto found = check();
  EXPECT_EQ(found.exit_code, 1) << found.out << found.err;
  EXPECT_NE(found.out.find("trainees.id_number_enc 第 " + std::to_string(a) + " 行"),
            std::string::npos)
      << found.out;
  EXPECT_NE(found.out.find("trainees.id_number_enc 第 " + std::to_string(b) + " 行"),
            std::string::npos)
      << found.out;
}

// Data sealed before the binding (column context only, sealing scheme 1) is re-sealed bound to
// its row at the next start, once; a column-bound ciphertext copied in afterwards (say, from an
// old backup) is not legitimised by a later start.
TEST_P(Protection, ColumnBoundDataIsReboundToItsRowOnceAtStart) {
  MakeEvents();
  server_->Kill(SIGTERM);
  auto vault = adapters::SodiumVault::FromKeyFile(db_->key_file());
  ASSERT_TRUE(vault.ok()) << vault.status().ToString();
  const std::string old_style = (*vault)->Seal(KnownId(), "trainees.id_number");
  auto c = Sql();
  ASSERT_TRUE(c);
  auto put_old_style = [&] {
    ASSERT_TRUE(c->Execute("UPDATE trainees SET id_number_enc = ? WHERE id = ?",
                           {old_style, std::to_string(id_)})
                    .ok());
  };
  put_old_style();
  ASSERT_TRUE(c->Execute("UPDATE sealing SET scheme = 1", {}).ok());
  {
    ServerProcess again({"--db", db_->url(), "--key-file", db_->key_file()});
    ASSERT_TRUE(again.started());
    auto one = again.Request("GET", "/api/v1/trainees/" + std::to_string(id_), "", as_);
    ASSERT_EQ(one.status, 200) << one.body;
    EXPECT_EQ(json::parse(one.body).at("id_number"), json::value(KnownId()));
    again.Kill(SIGTERM);
  }
  auto scheme = c->Execute("SELECT scheme FROM sealing", {});
  ASSERT_TRUE(scheme.ok());
  EXPECT_EQ(scheme->rows.at(0)[0].value_or(""), "2");
  auto cell = c->Execute("SELECT id_number_enc FROM trainees WHERE id = ?", {std::to_string(id_)});
  ASSERT_TRUE(cell.ok());
  EXPECT_NE(cell->rows.at(0)[0].value_or(""), old_style) << "re-sealed bound to the row";
  // Copied in again after the upgrade: not re-bound, refused and reported.
  put_old_style();
  ServerProcess later({"--db", db_->url(), "--key-file", db_->key_file()});
  ASSERT_TRUE(later.started());
  EXPECT_EQ(later.Request("GET", "/api/v1/trainees/" + std::to_string(id_), "", as_).status, 500);
  auto found = testing::RunProcess(
      ANPEI_BINARY, {"key", "check", "--db", db_->url(), "--key-file", db_->key_file()});
  EXPECT_EQ(found.exit_code, 1) << found.out << found.err;
}

std::string Backend(const ::testing::TestParamInfo<std::string>& info) { return info.param; }
INSTANTIATE_TEST_SUITE_P(Backends, Protection, ::testing::Values("sqlite", "postgresql"), Backend);

}  // namespace
}  // namespace anpei
