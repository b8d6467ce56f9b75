#include "support/faulty_sql.h"

#include "adapters/sql/migrations.h"

namespace anpei::testing {

Result<ports::SqlResult> FaultyConnection::Execute(std::string_view sql,
                                                   const std::vector<ports::SqlValue>& params) {
  const int64_t n = ++faults_->seen;
  const int64_t at = faults_->fail_at.load();
  if (at > 0 && n == at) {
    faults_->fail_at = 0;
    ++faults_->injected;
    return Status(Code::kUnavailable, "injected fault at statement " + std::to_string(n));
  }
  if (sql == "COMMIT" && faults_->fail_commit.exchange(false)) {
    ++faults_->injected;
    // The transaction is still open on the real connection; the store rolls it back.
    return Status(Code::kUnavailable, "injected fault at COMMIT");
  }
  return real_->Execute(sql, params);
}

Status FaultyConnection::ExecuteScript(std::string_view sql) { return real_->ExecuteScript(sql); }

std::shared_ptr<adapters::ConnectionPool> FaultyPool(const std::string& url,
                                                     std::shared_ptr<Faults> faults) {
  return std::make_shared<adapters::ConnectionPool>(
      url, [url, faults]() -> Result<std::unique_ptr<ports::SqlConnection>> {
        ANPEI_ASSIGN_OR_RETURN(auto real, adapters::OpenDatabase(url));
        return std::unique_ptr<ports::SqlConnection>(
            std::make_unique<FaultyConnection>(std::move(real), faults));
      });
}

}  // namespace anpei::testing
