// Port: fraud cases and the credit blacklist (四（三）; domain/fraud_case.h, migrations 0018 and
// 0027). Valid for one transaction (Store::Run); failures as in store.h: NotFound for a missing
// id (field names it), Conflict when a case or an entry changed since it was read (its version or
// state), Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/fraud_case.h"
#include "domain/spot_check.h"
#include "ports/page.h"

namespace anpei::ports {

struct CaseFilter {
  std::optional<std::string> district_code;  // a reviewer's scope
  std::optional<int64_t> institution_id;     // an institution's own (investigating or decided)
  std::optional<int64_t> class_id;
  std::optional<std::string> state;
  bool oldest_first = false;  // work queues; lists are newest first
};

struct BlacklistFilter {
  std::optional<std::string> district_code;  // a reviewer's scope
  std::optional<int64_t> institution_id;     // an institution's own
  bool in_force_only = false;                // not lifted
  bool unacknowledged_only = false;          // not yet taken in by 人社
  bool oldest_first = false;
};

class FraudRepository {
 public:
  virtual ~FraudRepository() = default;

  // A case opened from a signal or a report: its source_id is its own id (a spot-check case
  // carries the visit's id and is inserted by the spot-check repository).
  virtual Result<int64_t> InsertCase(const domain::CaseRecord& c) = 0;
  virtual Result<domain::CaseRecord> GetCase(int64_t id) = 0;
  virtual Result<PageOf<domain::CaseRecord>> ListCases(const CaseFilter& filter, Page page) = 0;
  // Writes state and response_due when the stored version is `version` (then version + 1);
  // Conflict otherwise.
  virtual Status UpdateCase(const domain::CaseRecord& c, int64_t version) = 0;
  virtual Result<int64_t> InsertStep(const domain::CaseStep& step) = 0;
  virtual Result<std::vector<domain::CaseStep>> ListSteps(int64_t case_id) = 0;

  virtual Result<int64_t> InsertBlacklistEntry(const domain::BlacklistEntry& e) = 0;
  virtual Result<domain::BlacklistEntry> GetBlacklistEntry(int64_t id) = 0;
  // Newest first unless the filter says otherwise.
  virtual Result<PageOf<domain::BlacklistEntry>> ListBlacklist(const BlacklistFilter& filter,
                                                               Page page) = 0;
  // The entries of an institution, oldest first (all of them: few).
  virtual Result<std::vector<domain::BlacklistEntry>> EntriesOf(int64_t institution_id) = 0;
  // Records 人社's acknowledgement or the lifting (the optional fields of `e`).
  virtual Status UpdateBlacklistEntry(const domain::BlacklistEntry& e) = 0;
};

}  // namespace anpei::ports
