#include "adapters/sql/sql_store.h"

#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters {

namespace sql {

SqlTx::SqlTx(ports::SqlConnection& conn, const ports::Vault& vault)
    : base_(conn, vault),
      registry_(MakeRegistryRepository(conn, vault)),
      classes_(MakeClassRepository(conn, vault)),
      enrolments_(MakeEnrolmentRepository(conn, vault)),
      accounts_(MakeAccountRepository(conn, vault)),
      audit_(MakeAuditRepository(conn, vault)),
      calendar_(MakeCalendarRepository(conn, vault)),
      change_requests_(MakeChangeRequestRepository(conn, vault)),
      spot_checks_(MakeSpotCheckRepository(conn, vault)),
      attendance_(MakeAttendanceRepository(conn, vault)),
      signals_(MakeSignalRepository(conn, vault)),
      selfies_(MakeSelfieRepository(conn, vault)),
      attendance_exceptions_(MakeAttendanceExceptionRepository(conn, vault)),
      online_(MakeOnlineRepository(conn, vault)),
      evidence_(MakeEvidenceRepository(conn, vault)),
      completion_(MakeCompletionRepository(conn, vault)),
      certificates_(MakeCertificateRepository(conn, vault)),
      fraud_(MakeFraudRepository(conn, vault)),
      reports_(MakeReportRepository(conn, vault)),
      publicity_(MakePublicityRepository(conn, vault)),
      funds_(MakeFundRepository(conn, vault)) {}

}  // namespace sql

Status SqlStore::Run(ports::TxMode mode, const std::function<Status(ports::StoreTx&)>& work) {
  if (mode == ports::TxMode::kWrite) return writer_.Run(work);
  ANPEI_ASSIGN_OR_RETURN(auto handle, pool_->Acquire());
  ports::SqlConnection& conn = *handle;
  const bool sqlite = conn.Dialect() == ports::SqlDialect::kSqlite;
  std::string_view begin = "BEGIN";
  if (!sqlite) begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  auto b = conn.Execute(begin, {});
  if (!b.ok()) {
    if (b.status().code() == Code::kUnavailable) handle.MarkBroken();
    return b.status();
  }
  sql::SqlTx tx(conn, *vault_);
  Status st = work(tx);
  if (st.ok()) {
    auto c = conn.Execute("COMMIT", {});
    if (c.ok()) return Status::Ok();
    st = c.status();
  }
  auto rb = conn.Execute("ROLLBACK", {});
  if (!rb.ok() || st.code() == Code::kUnavailable) handle.MarkBroken();
  return st;
}

Status SqlStore::Ping() {
  ANPEI_ASSIGN_OR_RETURN(auto handle, pool_->Acquire());
  auto r = (handle)->Execute("SELECT 1", {});
  if (!r.ok()) {
    handle.MarkBroken();
    return r.status();
  }
  return Status::Ok();
}

Status SqlStore::ScanAudit(const std::function<Status(const domain::AuditEvent&)>& visit) {
  int64_t after = 0;
  while (true) {
    std::vector<domain::AuditEvent> batch;
    Status st = Run(ports::TxMode::kRead, [&](ports::StoreTx& tx) {
      ports::AuditFilter f;
      f.after_seq = after;
      ANPEI_ASSIGN_OR_RETURN(auto page, tx.audit().ListAudit(f, {1, 1000}));
      batch = std::move(page.items);
      return Status::Ok();
    });
    if (!st.ok()) return st;
    if (batch.empty()) return Status::Ok();
    for (const auto& e : batch) ANPEI_RETURN_IF_ERROR(visit(e));
    after = batch.back().seq;
  }
}

}  // namespace anpei::adapters
