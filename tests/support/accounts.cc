#include "support/accounts.h"

namespace anpei::testing {

ProcessResult AddUser(const TestDatabase& db, const std::string& username, const std::string& role,
                      std::vector<std::string> extra) {
  std::vector<std::string> args = {
      "user", "add",    username,     "--role",      role,
      "--db", db.url(), "--key-file", db.key_file(), "--password-stdin"};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunProcess(ANPEI_BINARY, args, std::string(kTestPassword) + "\n",
                    std::chrono::seconds(60));
}

}  // namespace anpei::testing
