// Port: the store. One repository per aggregate (registry, enrolments, classes, accounts, audit,
// calendar), reached through the StoreTx of one transaction (Store::Run). One request is one
// transaction: the callback's Status decides commit (OK) or rollback (anything else), so a failed
// request changes nothing.
//
// Personal data (ID numbers, phones) is sealed by the store with the Vault before it is written and
// opened after it is read; callers see plain values only.
//
// Failures: NotFound when a row asked for by id does not exist (field names the id); Conflict for
// a unique constraint (field: the column) and for a stale expected_version (an update lost the
// race, optimistic concurrency); Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ports/account_repository.h"
#include "ports/attendance_exception_repository.h"
#include "ports/attendance_repository.h"
#include "ports/audit_repository.h"
#include "ports/calendar_repository.h"
#include "ports/certificate_repository.h"
#include "ports/change_request_repository.h"
#include "ports/class_repository.h"
#include "ports/completion_repository.h"
#include "ports/enrolment_repository.h"
#include "ports/evidence_repository.h"
#include "ports/fraud_repository.h"
#include "ports/fund_repository.h"
#include "ports/online_repository.h"
#include "ports/page.h"
#include "ports/publicity_repository.h"
#include "ports/registry_repository.h"
#include "ports/report_repository.h"
#include "ports/selfie_repository.h"
#include "ports/signal_repository.h"
#include "ports/spot_check_repository.h"

namespace anpei::ports {

// The repositories of one transaction. Not thread-safe; owned by Store::Run, valid only inside it.
class StoreTx {
 public:
  virtual ~StoreTx() = default;
  virtual RegistryRepository& registry() = 0;
  virtual ClassRepository& classes() = 0;
  virtual EnrolmentRepository& enrolments() = 0;
  virtual AccountRepository& accounts() = 0;
  virtual AuditRepository& audit() = 0;
  virtual CalendarRepository& calendar() = 0;
  virtual ChangeRequestRepository& change_requests() = 0;
  virtual SpotCheckRepository& spot_checks() = 0;
  virtual AttendanceRepository& attendance() = 0;
  virtual SignalRepository& signals() = 0;
  virtual SelfieRepository& selfies() = 0;
  virtual AttendanceExceptionRepository& attendance_exceptions() = 0;
  virtual OnlineRepository& online() = 0;
  virtual EvidenceRepository& evidence() = 0;
  virtual CompletionRepository& completion() = 0;
  virtual CertificateRepository& certificates() = 0;
  virtual FraudRepository& fraud() = 0;
  virtual ReportRepository& reports() = 0;
  virtual PublicityRepository& publicity() = 0;
  virtual FundRepository& funds() = 0;
};

enum class TxMode { kRead, kWrite };

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one transaction: commits when it returns OK, rolls back otherwise, and returns
  // its Status (or the commit's failure). Thread-safe: concurrent calls use separate connections.
  virtual Status Run(TxMode mode, const std::function<Status(StoreTx&)>& work) = 0;
  // OK when the database answers.
  virtual Status Ping() = 0;
  // Calls `visit` with every audit event in seq order, in batches (the whole trail, for
  // verification). Stops at the first error `visit` returns.
  virtual Status ScanAudit(const std::function<Status(const domain::AuditEvent&)>& visit) = 0;
};

}  // namespace anpei::ports
