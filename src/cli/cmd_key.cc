// anpei key rotate --db URL --key-file CURRENT --new-key-file NEW: re-keys personal data and the
// audit chain in one transaction (see SqlStore::RotateKey). The new key file is written first and
// removed again if the rotation fails, so the store is always readable with exactly one of them.
// anpei key check --db URL [--key-file KEY]: every sealed cell must open in its own row and
// column with this key (exit 0); otherwise each one that does not is named (exit 1).
#include <filesystem>
#include <iostream>

#include "adapters/sodium/sodium_vault.h"
#include "adapters/sql/migrations.h"
#include "adapters/sql/sql_store.h"
#include "cli/cli.h"
#include "domain/date.h"

namespace anpei::cli {

namespace {

constexpr std::string_view kUsage =
    "用法：anpei key rotate --db URL --key-file 当前主密钥 --new-key-file 新主密钥文件\n"
    "      anpei key check --db URL [--key-file 主密钥]\n"
    "  rotate：新主密钥文件不能已存在；成功后请改用新文件启动服务，并妥善保存（旧文件可销毁）。\n"
    "  check：逐项核对个人信息密文能否在其所在记录解开（发现被篡改或在记录间挪动的密文）。\n";

int RunKeyCheck(const Args& args) {
  const auto flags = ParseStoreFlags(args, 1, kUsage);
  if (!flags) return kExitUsage;
  const std::string& url = flags->url;
  auto vault = adapters::SodiumVault::FromKeyFile(flags->KeyFile());
  if (!vault.ok()) {
    PrintError(vault.status());
    return kExitConfig;
  }
  if (Status st = MigrateDatabase(url, false); !st.ok()) {
    PrintError(st);
    return kExitConfig;
  }
  adapters::SqlStore store(std::make_shared<adapters::ConnectionPool>(url), *vault);
  auto bound = store.BindSealsToRows();  // what any start does first
  auto faults = bound.ok() ? store.CheckSeals() : bound.status();
  if (!faults.ok()) {
    PrintError(faults.status());
    return kExitConfig;
  }
  for (const auto& f : *faults) {
    std::cout << f.table << "." << f.column << " 第 " << f.row_id
              << " 行：密文无法在本记录解开（被篡改、挪自其他记录，或不是用此主密钥加密的）\n";
  }
  if (!faults->empty()) {
    std::cout << "密文校验失败：" << faults->size() << " 项\n";
    return kExitFailed;
  }
  std::cout << "密文校验通过：每项个人信息都在其所在记录解开\n";
  return kExitOk;
}

}  // namespace

int RunKey(const Args& args) {
  if (!args.empty() && args[0] == "check") return RunKeyCheck(args);
  if (args.empty() || args[0] != "rotate") {
    std::cerr << kUsage;
    return kExitUsage;
  }
  StoreFlags store_flags;
  std::string new_key;
  for (size_t i = 1; i < args.size(); ++i) {
    if (TakeStoreFlag(args, i, store_flags)) continue;
    if (args[i] == "--new-key-file" && i + 1 < args.size()) {
      new_key = args[++i];
    } else {
      std::cerr << "未知参数 " << args[i] << "\n" << kUsage;
      return kExitUsage;
    }
  }
  if (new_key.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string& url = store_flags.url;
  auto current = adapters::SodiumVault::FromKeyFile(store_flags.KeyFile());
  if (!current.ok()) {
    PrintError(current.status());
    return kExitConfig;
  }
  if (Status st = MigrateDatabase(url, false); !st.ok()) {
    PrintError(st);
    return kExitConfig;
  }
  if (Status st = adapters::SodiumVault::CreateKeyFile(new_key); !st.ok()) {
    PrintError(st);
    return kExitUsage;
  }
  auto next = adapters::SodiumVault::FromKeyFile(new_key);
  if (!next.ok()) {
    PrintError(next.status());
    std::filesystem::remove(new_key);
    return kExitConfig;
  }
  adapters::SqlStore store(std::make_shared<adapters::ConnectionPool>(url), *current);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  auto reference = LoadReferenceOrReport();
  if (!reference) return kExitConfig;
  auto done = store.RotateKey(**next, "anpei-cli",
                              domain::FormatTimestamp({now}, reference->local_offset_minutes()));
  if (!done.ok()) {
    std::filesystem::remove(new_key);
    PrintError(done.status());
    return done.status().code() == Code::kFailedPrecondition ? kExitFailed : kExitConfig;
  }
  std::cout << "已换用新主密钥 " << new_key << "：重新加密学员 " << done->trainees << " 人、教师 "
            << done->teachers << " 人，重新链接审计事件 " << done->audit_events << " 条。\n"
            << "请改用 --key-file " << new_key << " 启动服务。\n";
  return kExitOk;
}

}  // namespace anpei::cli
