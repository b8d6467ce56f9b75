// The `anpei` command line: one function per subcommand, each returning the process exit code.
// Output goes to stdout, diagnostics (in Chinese) to stderr.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "app/reference_data.h"
#include "base/status.h"

namespace anpei::cli {

// Exit codes shared by the subcommands (contract.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the check ran and said no (violations, invalid id)
inline constexpr int kExitUsage = 2;   // unusable input or arguments
inline constexpr int kExitConfig = 3;  // the installation's own data is missing or broken

using Args = std::vector<std::string>;

int RunCalendar(const Args& args);
int RunId(const Args& args);
int RunPlan(const Args& args);
int RunServe(const Args& args);
int RunMigrate(const Args& args);
int RunDemo(const Args& args);

// The store `serve` and `migrate` use when --db is not given.
inline constexpr const char* kDefaultDbUrl = "sqlite:var/anpei.db";
// Applies pending migrations (migrations/ under DataDir()); prints what it did when verbose.
Status MigrateDatabase(const std::string& url, bool verbose);

// Loads the policies and the calendar from the data directory (see DataDir); on failure prints
// the reason and returns null.
std::shared_ptr<const app::ReferenceData> LoadReferenceOrReport();

// Where policies/ and data/calendar/ are: $ANPEI_DATA_DIR, else the directory above the binary
// (build/anpei -> the checkout), else the source tree the binary was built from, else
// /usr/share/anpei.
std::string DataDir();

void PrintError(const Status& status);

// Where the master key comes from: --key-file if given, else the key itself in $ANPEI_MASTER_KEY
// (64 hex characters; returned as "env:ANPEI_MASTER_KEY"), else the file $ANPEI_KEY_FILE, else
// PATH.key beside a SQLite file, else var/anpei.key.
std::string KeyFileFor(const std::string& db_url, const std::string& key_flag);

// Where uploads go: --blob-dir (`flag`), else $ANPEI_BLOB_DIR, else PATH.blobs beside a SQLite
// file, else var/blobs (docs/operations.md). serve and demo use the same.
std::string BlobDirFor(const std::string& db_url, const std::string& flag);

// The app over the store at `url` (migrated first, legacy personal data sealed) with the given
// clock: what serve and demo run. A missing key file is created only for a store that holds no
// keyed data yet; otherwise it is an error (the data would be unreadable).
Result<std::shared_ptr<app::AppContext>> OpenApp(const std::string& url,
                                                 const std::string& key_file,
                                                 std::shared_ptr<const app::ReferenceData> ref,
                                                 std::shared_ptr<const ports::Clock> clock);
int RunAudit(const Args& args);
int RunUser(const Args& args);
int RunKey(const Args& args);

// The store options several subcommands share: --db URL and --key-file PATH.
struct StoreFlags {
  std::string url = kDefaultDbUrl;
  std::string key_flag;  // as given; KeyFile() resolves the default
  bool db_given = false;
  std::string KeyFile() const { return KeyFileFor(url, key_flag); }
};
// When args[i] is --db or --key-file with a value: takes both (advancing i) and returns true.
bool TakeStoreFlag(const Args& args, size_t& i, StoreFlags& flags);
// args[from…] when they hold only store flags; otherwise prints the unknown one and `usage` and
// returns nullopt (exit kExitUsage).
std::optional<StoreFlags> ParseStoreFlags(const Args& args, size_t from, std::string_view usage);

// OpenApp for a command that only reads: an SQLite file that does not exist is refused
// (InvalidArgument on --db) instead of being created.
Result<std::shared_ptr<app::AppContext>> OpenExistingApp(
    const StoreFlags& flags, std::shared_ptr<const app::ReferenceData> ref);
// The exit code for a failure to open the store: 2 for a bad --db, else 3.
int OpenFailed(const Status& status);

}  // namespace anpei::cli
