// anpei audit verify --db URL [--key-file PATH]: walks the audit chain; exit 0 when intact, exit 1
// naming the first altered, missing, inserted or reordered event (contract.md).
#include <iostream>

#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "adapters/sql/sql_store.h"
#include "cli/cli.h"
#include "domain/audit.h"

namespace anpei::cli {

int RunAudit(const Args& args) {
  constexpr std::string_view kUsage =
      "用法：anpei audit verify --db sqlite:PATH|postgresql://… [--key-file PATH]\n";
  if (args.empty() || args[0] != "verify") {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const auto flags = ParseStoreFlags(args, 1, kUsage);
  if (!flags) return kExitUsage;
  const std::string& url = flags->url;
  auto vault = adapters::SodiumVault::FromKeyFile(flags->KeyFile());
  if (!vault.ok()) {
    PrintError(vault.status());
    return kExitConfig;
  }
  if (auto probe = adapters::OpenDatabase(url); !probe.ok()) {
    PrintError(probe.status());
    return probe.status().code() == Code::kInvalidArgument ? kExitUsage : kExitConfig;
  }
  adapters::SqlStore store(std::make_shared<adapters::ConnectionPool>(url), *vault);
  std::vector<domain::AuditEvent> events;
  Status st = store.ScanAudit([&](const domain::AuditEvent& e) {
    events.push_back(e);
    return Status::Ok();
  });
  if (!st.ok()) {
    PrintError(st);
    return kExitConfig;
  }
  auto problem = domain::VerifyChain(events, [&](std::string_view prev, std::string_view record) {
    return (*vault)->ChainLink(prev, record);
  });
  if (problem) {
    std::cout << "审计链被篡改：第 " << problem->seq << " 条事件（"
              << domain::ChainFaultName(problem->fault) << "）：" << problem->message << "\n";
    return kExitFailed;
  }
  std::cout << "审计链完整：共 " << events.size() << " 条事件";
  if (!events.empty())
    std::cout << "，最后一条 #" << events.back().seq << " " << events.back().link;
  std::cout << "\n";
  return kExitOk;
}

}  // namespace anpei::cli
