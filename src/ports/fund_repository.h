// Port: fund requests (拨付申请), their lines and clawbacks (追回) (domain/funds.h, migration
// 0029). Valid for one transaction (Store::Run); failures as in store.h: NotFound for a missing id,
// Conflict when a row changed since it was read (its version or status) and for the unique claim
// that a trainee is paid at most once per class (a second live line of the same class and person:
// reason funds.already_claimed), Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ports/page.h"

namespace anpei::ports {

struct FundRequestRecord {
  int64_t id = 0;
  std::string state;                         // domain::FundRequestState id
  std::optional<std::string> district_code;  // when every class is of one district
  int64_t created_by = 0;
  std::string created_by_name, created_at;
  std::optional<std::string> hrss_by_name, hrss_at, finance_by_name, finance_at;
  std::optional<std::string> return_reason, returned_by_name, returned_at;
  std::optional<std::string> exported_at;
  int64_t export_count = 0;
  int64_t version = 1;
  // Read-only, from the lines: count and the sum of the lines not cancelled (yuan).
  int64_t class_count = 0;
  int64_t line_count = 0;
  int64_t requested_yuan = 0;
};

struct FundLineRecord {
  int64_t id = 0;
  int64_t request_id = 0;
  int64_t class_id = 0;
  std::string class_title;  // read-only, joined
  int64_t institution_id = 0;
  std::string institution_name, district_code;  // read-only, joined
  int64_t person_id = 0;
  std::string person_name;  // read-only, joined (the full name: callers mask)
  int64_t amount_yuan = 0;
  std::string account_kind;  // domain::PayeeAccountKind id
  std::string account;       // digits, opened by the store; "" when not known yet
  std::string status;        // domain::FundLineStatus id
  int64_t attempt = 1;
  std::optional<std::string> bank_reference, paid_on, failure_reason;
  std::string updated_at;
  int64_t version = 1;
};

struct FundRequestFilter {
  std::optional<std::string> state;
  std::optional<std::string> district_code;  // a reviewer's scope
  bool oldest_first = false;                 // work queues; lists are newest first
};

struct ClawbackRecord {
  int64_t id = 0;
  int64_t line_id = 0;
  int64_t class_id = 0;
  std::string class_title;  // read-only, joined
  int64_t institution_id = 0;
  std::string institution_name, district_code;  // read-only, joined
  int64_t person_id = 0;
  std::string person_name;  // read-only, joined
  std::optional<int64_t> case_id;
  int64_t due_yuan = 0, recovered_yuan = 0;
  std::string state;  // domain::ClawbackState id
  std::string created_at;
  int64_t version = 1;
};

struct ClawbackRecovery {
  int64_t id = 0;
  int64_t clawback_id = 0;
  int64_t amount_yuan = 0;
  std::string recovered_on;  // YYYY-MM-DD
  std::string reference;
  int64_t by_user = 0;
  std::string by_name, at;
};

struct ClawbackFilter {
  std::optional<std::string> state;
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;
  bool oldest_first = false;
};

// Totals of clawbacks (yuan): all, and per institution.
struct ClawbackTotals {
  int64_t institution_id = 0;  // 0 for the grand total
  std::string institution_name;
  int64_t count = 0, due_yuan = 0, recovered_yuan = 0;
};

class FundRepository {
 public:
  virtual ~FundRepository() = default;

  virtual Result<int64_t> InsertRequest(const FundRequestRecord& r) = 0;
  virtual Result<FundRequestRecord> GetRequest(int64_t id) = 0;
  virtual Result<PageOf<FundRequestRecord>> ListRequests(const FundRequestFilter& f, Page page) = 0;
  // Writes the state and the optional step fields when the stored version is `version` (then
  // version + 1); Conflict otherwise.
  virtual Status UpdateRequest(const FundRequestRecord& r, int64_t version) = 0;

  // Inserts a line (account sealed). Conflict (reason funds.already_claimed) when the person
  // already has a live (pending, failed or paid) line of the class.
  virtual Result<int64_t> InsertLine(const FundLineRecord& line) = 0;
  virtual Result<FundLineRecord> GetLine(int64_t id) = 0;
  virtual Result<std::vector<FundLineRecord>> LinesOfRequest(int64_t request_id) = 0;
  virtual Result<std::vector<FundLineRecord>> LinesOfClass(int64_t class_id) = 0;
  // Writes status, attempt, account, bank fields and updated_at when the stored version is
  // `version` (then version + 1); Conflict otherwise.
  virtual Status UpdateLine(const FundLineRecord& line, int64_t version) = 0;

  virtual Result<int64_t> InsertClawback(const ClawbackRecord& c) = 0;
  virtual Result<ClawbackRecord> GetClawback(int64_t id) = 0;
  virtual Result<PageOf<ClawbackRecord>> ListClawbacks(const ClawbackFilter& f, Page page) = 0;
  // Adds `amount` to recovered and settles at zero outstanding, when the stored version is
  // `version`; Conflict otherwise.
  virtual Status AddRecovery(const ClawbackRecovery& r, int64_t version) = 0;
  virtual Result<std::vector<ClawbackRecovery>> RecoveriesOf(int64_t clawback_id) = 0;
  // The grand total first, then one row per institution (by name), within the filter.
  virtual Result<std::vector<ClawbackTotals>> ClawbackSums(const ClawbackFilter& f) = 0;
};

}  // namespace anpei::ports
