// Port: online learning (domain/online_learning.h, migration 0024): the platforms and their API
// tokens, the platform a class uses, the accepted learning records and the imports with their
// problems. Valid for one transaction (see Store::Run in ports/store.h); not thread-safe.
// Failures as in store.h: NotFound for a missing id, Conflict for a unique name or a stale
// expected_version, Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/online_learning.h"

namespace anpei::ports {

// An import of a class's 汇总表 and 明细表 (accepted or refused) with its problem count.
struct OnlineImport {
  int64_t id = 0;
  int64_t class_id = 0;
  std::string state;  // accepted / refused
  std::string summary_file, summary_sha256;
  int64_t summary_rows = 0;
  std::string detail_file, detail_sha256;
  int64_t detail_rows = 0;
  int64_t problem_count = 0;
  int64_t created_by_user = 0;
  std::string created_by, created_at;
};

// The platform a class's online sessions use.
struct ClassPlatform {
  int64_t class_id = 0;
  domain::OnlinePlatform platform;
  int64_t chosen_by_user = 0;
  std::string chosen_at;
};

// Per person of a class: accepted online class hours and minutes, and the records' count.
struct OnlineTotals {
  int64_t person_id = 0;
  int64_t class_hours = 0, minutes = 0, records = 0;
};

class OnlineRepository {
 public:
  virtual ~OnlineRepository() = default;

  // Platforms, by name.
  virtual Result<std::vector<domain::OnlinePlatform>> ListPlatforms() = 0;
  virtual Result<domain::OnlinePlatform> GetPlatform(int64_t id) = 0;
  virtual Result<int64_t> InsertPlatform(const domain::OnlinePlatform& p) = 0;
  // Name, approval and active at expected_version; bumps the version.
  virtual Status UpdatePlatform(const domain::OnlinePlatform& p, int64_t expected_version) = 0;

  virtual Result<int64_t> InsertToken(const domain::PlatformToken& t) = 0;
  virtual Result<std::vector<domain::PlatformToken>> ListTokens(int64_t platform_id) = 0;
  virtual Result<domain::PlatformToken> GetToken(int64_t id) = 0;
  virtual Result<std::optional<domain::PlatformToken>> FindToken(const std::string& token_hash) = 0;
  virtual Status RevokeToken(int64_t id, const std::string& at) = 0;
  virtual Status TouchToken(int64_t id, const std::string& at) = 0;

  virtual Result<std::optional<ClassPlatform>> GetClassPlatform(int64_t class_id) = 0;
  virtual Status SetClassPlatform(int64_t class_id, int64_t platform_id, int64_t by_user,
                                  const std::string& at) = 0;
  virtual Status ClearClassPlatform(int64_t class_id) = 0;

  // Inserts records, ignoring those already held (same class, person, course and start);
  // returns how many were new.
  virtual Result<int64_t> InsertRecords(const std::vector<domain::OnlineRecord>& records) = 0;
  // Deletes the class's imported records (before an accepted import replaces them).
  virtual Status DeleteImportedRecords(int64_t class_id) = 0;
  // The class's records (of one source when given), by person and start; at most `limit` when
  // it is positive.
  virtual Result<std::vector<domain::OnlineRecord>> ListRecords(
      int64_t class_id, std::optional<domain::OnlineSource> source, int64_t limit) = 0;
  virtual Result<std::vector<OnlineTotals>> Totals(int64_t class_id) = 0;

  virtual Result<int64_t> InsertImport(const OnlineImport& import) = 0;
  virtual Result<OnlineImport> GetImport(int64_t id) = 0;
  virtual Result<std::vector<OnlineImport>> ListImports(int64_t class_id) = 0;
  virtual Status InsertProblems(int64_t import_id,
                                const std::vector<domain::OnlineProblem>& problems) = 0;
  virtual Result<std::vector<domain::OnlineProblem>> ListProblems(int64_t import_id) = 0;
};

}  // namespace anpei::ports
