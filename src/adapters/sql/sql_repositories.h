// The SQL repositories, one per aggregate, each in its own file on SqlRepositoryBase; the
// transaction runner (sql_store.cc) makes one of each per transaction. Not thread-safe.
#pragma once

#include <memory>
#include <string_view>

#include "adapters/sql/sql_common.h"
#include "domain/audit.h"
#include "ports/store.h"

namespace anpei::adapters::sql {

std::unique_ptr<ports::RegistryRepository> MakeRegistryRepository(ports::SqlConnection& conn,
                                                                  const ports::Vault& vault);
std::unique_ptr<ports::EnrolmentRepository> MakeEnrolmentRepository(ports::SqlConnection& conn,
                                                                    const ports::Vault& vault);
std::unique_ptr<ports::ClassRepository> MakeClassRepository(ports::SqlConnection& conn,
                                                            const ports::Vault& vault);
std::unique_ptr<ports::AccountRepository> MakeAccountRepository(ports::SqlConnection& conn,
                                                                const ports::Vault& vault);
std::unique_ptr<ports::AuditRepository> MakeAuditRepository(ports::SqlConnection& conn,
                                                            const ports::Vault& vault);
std::unique_ptr<ports::CalendarRepository> MakeCalendarRepository(ports::SqlConnection& conn,
                                                                  const ports::Vault& vault);
std::unique_ptr<ports::ChangeRequestRepository> MakeChangeRequestRepository(
    ports::SqlConnection& conn, const ports::Vault& vault);
std::unique_ptr<ports::SpotCheckRepository> MakeSpotCheckRepository(ports::SqlConnection& conn,
                                                                    const ports::Vault& vault);
std::unique_ptr<ports::AttendanceRepository> MakeAttendanceRepository(ports::SqlConnection& conn,
                                                                      const ports::Vault& vault);
std::unique_ptr<ports::SignalRepository> MakeSignalRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault);
std::unique_ptr<ports::SelfieRepository> MakeSelfieRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault);
std::unique_ptr<ports::AttendanceExceptionRepository> MakeAttendanceExceptionRepository(
    ports::SqlConnection& conn, const ports::Vault& vault);
std::unique_ptr<ports::OnlineRepository> MakeOnlineRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault);
std::unique_ptr<ports::EvidenceRepository> MakeEvidenceRepository(ports::SqlConnection& conn,
                                                                  const ports::Vault& vault);
std::unique_ptr<ports::CompletionRepository> MakeCompletionRepository(ports::SqlConnection& conn,
                                                                      const ports::Vault& vault);
std::unique_ptr<ports::CertificateRepository> MakeCertificateRepository(ports::SqlConnection& conn,
                                                                        const ports::Vault& vault);
std::unique_ptr<ports::FraudRepository> MakeFraudRepository(ports::SqlConnection& conn,
                                                            const ports::Vault& vault);
std::unique_ptr<ports::ReportRepository> MakeReportRepository(ports::SqlConnection& conn,
                                                              const ports::Vault& vault);
std::unique_ptr<ports::PublicityRepository> MakePublicityRepository(ports::SqlConnection& conn,
                                                                    const ports::Vault& vault);
std::unique_ptr<ports::FundRepository> MakeFundRepository(ports::SqlConnection& conn,
                                                          const ports::Vault& vault);

// The repositories of one transaction, plus raw access (base()) for whole-store maintenance.
class SqlTx final : public ports::StoreTx {
 public:
  SqlTx(ports::SqlConnection& conn, const ports::Vault& vault);
  ports::RegistryRepository& registry() override { return *registry_; }
  ports::ClassRepository& classes() override { return *classes_; }
  ports::EnrolmentRepository& enrolments() override { return *enrolments_; }
  ports::AccountRepository& accounts() override { return *accounts_; }
  ports::AuditRepository& audit() override { return *audit_; }
  ports::CalendarRepository& calendar() override { return *calendar_; }
  ports::ChangeRequestRepository& change_requests() override { return *change_requests_; }
  ports::SpotCheckRepository& spot_checks() override { return *spot_checks_; }
  ports::AttendanceRepository& attendance() override { return *attendance_; }
  ports::SignalRepository& signals() override { return *signals_; }
  ports::SelfieRepository& selfies() override { return *selfies_; }
  ports::AttendanceExceptionRepository& attendance_exceptions() override {
    return *attendance_exceptions_;
  }
  ports::OnlineRepository& online() override { return *online_; }
  ports::EvidenceRepository& evidence() override { return *evidence_; }
  ports::CompletionRepository& completion() override { return *completion_; }
  ports::CertificateRepository& certificates() override { return *certificates_; }
  ports::FraudRepository& fraud() override { return *fraud_; }
  ports::ReportRepository& reports() override { return *reports_; }
  ports::PublicityRepository& publicity() override { return *publicity_; }
  ports::FundRepository& funds() override { return *funds_; }
  SqlRepositoryBase& base() { return base_; }

 private:
  SqlRepositoryBase base_;
  std::unique_ptr<ports::RegistryRepository> registry_;
  std::unique_ptr<ports::ClassRepository> classes_;
  std::unique_ptr<ports::EnrolmentRepository> enrolments_;
  std::unique_ptr<ports::AccountRepository> accounts_;
  std::unique_ptr<ports::AuditRepository> audit_;
  std::unique_ptr<ports::CalendarRepository> calendar_;
  std::unique_ptr<ports::ChangeRequestRepository> change_requests_;
  std::unique_ptr<ports::SpotCheckRepository> spot_checks_;
  std::unique_ptr<ports::AttendanceRepository> attendance_;
  std::unique_ptr<ports::SignalRepository> signals_;
  std::unique_ptr<ports::SelfieRepository> selfies_;
  std::unique_ptr<ports::AttendanceExceptionRepository> attendance_exceptions_;
  std::unique_ptr<ports::OnlineRepository> online_;
  std::unique_ptr<ports::EvidenceRepository> evidence_;
  std::unique_ptr<ports::CompletionRepository> completion_;
  std::unique_ptr<ports::CertificateRepository> certificates_;
  std::unique_ptr<ports::FraudRepository> fraud_;
  std::unique_ptr<ports::ReportRepository> reports_;
  std::unique_ptr<ports::PublicityRepository> publicity_;
  std::unique_ptr<ports::FundRepository> funds_;
};

// The audit trail's columns and row mapping, shared with key rotation (sql_key_rotation.cc).
inline constexpr std::string_view kAuditColumns =
    "SELECT seq, at, actor, role, action, target, before_digest, after_digest, detail, "
    "prev_link, link, changes FROM audit_events";
domain::AuditEvent AuditEventOf(const RowRef& row);

}  // namespace anpei::adapters::sql
