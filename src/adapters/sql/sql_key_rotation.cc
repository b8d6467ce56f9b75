// Whole-store maintenance on the SQL store: sealing rows written before sealing existed, and
// master key rotation (re-seal, re-index, re-link the audit chain) in one transaction each.
#include <string>
#include <vector>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"
#include "adapters/sql/sql_store.h"
#include "domain/account.h"
#include "domain/audit.h"

namespace anpei::adapters {

using sql::AuditEventOf;
using sql::Int;
using sql::kAuditColumns;
using sql::kTeacherId;
using sql::kTraineeId;
using sql::kTraineePhone;
using sql::RowRef;
using sql::Rows;
using sql::SqlTx;
using sql::SqlValue;

Result<int64_t> SqlStore::SealLegacyRows() {
  int64_t sealed = 0;
  Status st = Run(ports::TxMode::kWrite, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base).base();
    ANPEI_ASSIGN_OR_RETURN(
        auto trainees,
        tx.Q("SELECT id, id_number, phone FROM trainees WHERE id_number NOT LIKE 'bi1:%'"));
    for (RowRef row : Rows(trainees)) {
      const std::string idn = row.Str("id_number"), phone = row.Str("phone");
      ANPEI_RETURN_IF_ERROR(
          tx.Q("UPDATE trainees SET id_number = ?, id_number_enc = ?, phone = '', "
               "phone_enc = ? WHERE id = ?",
               {tx.vault().BlindIndex(idn, kTraineeId), tx.Seal(idn, kTraineeId, row.Int("id")),
                tx.Seal(phone, kTraineePhone, row.Int("id")), row.Cell("id")}));
      ++sealed;
    }
    ANPEI_ASSIGN_OR_RETURN(
        auto teachers, tx.Q("SELECT id, id_number FROM teachers WHERE id_number NOT LIKE 'bi1:%'"));
    for (RowRef row : Rows(teachers)) {
      const std::string idn = row.Str("id_number");
      ANPEI_RETURN_IF_ERROR(
          tx.Q("UPDATE teachers SET id_number = ?, id_number_enc = ? WHERE id = ?",
               {tx.vault().BlindIndex(idn, kTeacherId), tx.Seal(idn, kTeacherId, row.Int("id")),
                row.Cell("id")}));
      ++sealed;
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return sealed;
}

namespace {
// The institutions' own records and the held enrolments keep phones (migration 0008).
template <typename Reseal>
Status ResealRecordPhones(sql::SqlRepositoryBase& tx, Reseal& reseal) {
  ANPEI_ASSIGN_OR_RETURN(auto records, tx.Q("SELECT id, phone_enc FROM enrolments"));
  for (RowRef row : Rows(records)) {
    ANPEI_ASSIGN_OR_RETURN(auto phone,
                           reseal(row.Cell("phone_enc"), sql::kEnrolmentPhone, row.Int("id")));
    ANPEI_RETURN_IF_ERROR(
        tx.Q("UPDATE enrolments SET phone_enc = ? WHERE id = ?", {phone, row.Cell("id")}));
  }
  ANPEI_ASSIGN_OR_RETURN(auto held, tx.Q("SELECT id, phone_enc FROM held_enrolments"));
  for (RowRef row : Rows(held)) {
    ANPEI_ASSIGN_OR_RETURN(auto phone,
                           reseal(row.Cell("phone_enc"), sql::kHeldPhone, row.Int("id")));
    ANPEI_RETURN_IF_ERROR(
        tx.Q("UPDATE held_enrolments SET phone_enc = ? WHERE id = ?", {phone, row.Cell("id")}));
  }
  return Status::Ok();
}

// Exclusion lists (migration 0025): matched on the trainees' blind index, so re-indexed too.
template <typename Reseal>
Status ReindexExclusions(sql::SqlRepositoryBase& tx, const ports::Vault& next, Reseal& reseal) {
  ANPEI_ASSIGN_OR_RETURN(auto excluded,
                         tx.Q("SELECT id, id_sealed, name_sealed FROM exclusion_entries"));
  for (RowRef row : Rows(excluded)) {
    const int64_t id = row.Int("id");
    ANPEI_ASSIGN_OR_RETURN(auto idn, tx.Open(row.Cell("id_sealed"), sql::kExclusionId, id));
    ANPEI_ASSIGN_OR_RETURN(auto name, reseal(row.Cell("name_sealed"), sql::kExclusionName, id));
    ANPEI_RETURN_IF_ERROR(tx.Q(
        "UPDATE exclusion_entries SET id_blind = ?, id_sealed = ?, name_sealed = ? "
        "WHERE id = ?",
        {next.BlindIndex(idn, kTraineeId), next.Seal(idn, sql::RowContext(sql::kExclusionId, id)),
         name.empty() ? SqlValue() : SqlValue(name), row.Cell("id")}));
  }
  return Status::Ok();
}

// Payee account numbers of fund lines (migration 0029).
template <typename Reseal>
Status ResealPayeeAccounts(sql::SqlRepositoryBase& tx, Reseal& reseal) {
  ANPEI_ASSIGN_OR_RETURN(auto lines, tx.Q("SELECT id, account_sealed FROM fund_lines"));
  for (RowRef row : Rows(lines)) {
    ANPEI_ASSIGN_OR_RETURN(auto account,
                           reseal(row.Cell("account_sealed"), sql::kPayeeAccount, row.Int("id")));
    ANPEI_RETURN_IF_ERROR(tx.Q("UPDATE fund_lines SET account_sealed = ? WHERE id = ?",
                               {account.empty() ? SqlValue() : SqlValue(account), row.Cell("id")}));
  }
  return Status::Ok();
}
}  // namespace

Result<SqlStore::Rotation> SqlStore::RotateKey(const ports::Vault& next, const std::string& actor,
                                               const std::string& at) {
  Rotation done;
  Status st = Run(ports::TxMode::kWrite, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base).base();
    const ports::Vault& old = tx.vault();
    auto reseal = [&](const SqlValue& v, std::string_view context,
                      int64_t id) -> Result<std::string> {
      if (!v || v->empty()) return std::string();
      ANPEI_ASSIGN_OR_RETURN(auto plain, tx.Open(v, context, id));
      return next.Seal(plain, sql::RowContext(context, id));
    };
    ANPEI_ASSIGN_OR_RETURN(auto trainees,
                           tx.Q("SELECT id, id_number_enc, phone_enc FROM trainees"));
    for (RowRef row : Rows(trainees)) {
      const int64_t id = row.Int("id");
      ANPEI_ASSIGN_OR_RETURN(auto idn, tx.Open(row.Cell("id_number_enc"), kTraineeId, id));
      ANPEI_ASSIGN_OR_RETURN(auto phone, reseal(row.Cell("phone_enc"), kTraineePhone, id));
      ANPEI_RETURN_IF_ERROR(
          tx.Q("UPDATE trainees SET id_number = ?, id_number_enc = ?, phone_enc = ? "
               "WHERE id = ?",
               {next.BlindIndex(idn, kTraineeId), next.Seal(idn, sql::RowContext(kTraineeId, id)),
                phone, row.Cell("id")}));
      ++done.trainees;
    }
    ANPEI_RETURN_IF_ERROR(ResealRecordPhones(tx, reseal));
    ANPEI_RETURN_IF_ERROR(ReindexExclusions(tx, next, reseal));
    ANPEI_RETURN_IF_ERROR(ResealPayeeAccounts(tx, reseal));
    ANPEI_ASSIGN_OR_RETURN(auto teachers, tx.Q("SELECT id, id_number_enc FROM teachers"));
    for (RowRef row : Rows(teachers)) {
      const int64_t id = row.Int("id");
      ANPEI_ASSIGN_OR_RETURN(auto idn, tx.Open(row.Cell("id_number_enc"), kTeacherId, id));
      ANPEI_RETURN_IF_ERROR(
          tx.Q("UPDATE teachers SET id_number = ?, id_number_enc = ? WHERE id = ?",
               {next.BlindIndex(idn, kTeacherId), next.Seal(idn, sql::RowContext(kTeacherId, id)),
                row.Cell("id")}));
      ++done.teachers;
    }
    // The chain: verify with the old key, then re-link with the new one. The append-only guard
    // is lifted for this transaction only.
    ANPEI_ASSIGN_OR_RETURN(auto events, tx.Q(std::string(kAuditColumns) + " ORDER BY seq"));
    std::vector<domain::AuditEvent> chain;
    for (RowRef row : Rows(events)) chain.push_back(AuditEventOf(row));
    auto broken = domain::VerifyChain(
        chain, [&](std::string_view p, std::string_view r) { return old.ChainLink(p, r); });
    if (broken) {
      return Status(Code::kFailedPrecondition,
                    "审计链已被篡改（第 " + std::to_string(broken->seq) + " 条，" +
                        std::string(domain::ChainFaultName(broken->fault)) +
                        "），拒绝换密钥；请先调查");
    }
    // The append-only guard (migrations 0003, 0006) lets these updates through while the permit
    // row exists; it is removed again before the transaction commits.
    ANPEI_RETURN_IF_ERROR(tx.Q("INSERT INTO audit_relink_permit (id) VALUES (1)"));
    std::string prev;
    for (auto& e : chain) {
      e.prev_link = prev;
      e.link = next.ChainLink(prev, domain::AuditRecord(e));
      ANPEI_RETURN_IF_ERROR(tx.Q("UPDATE audit_events SET prev_link = ?, link = ? WHERE seq = ?",
                                 {e.prev_link, e.link, Int(e.seq)}));
      prev = e.link;
      ++done.audit_events;
    }
    ANPEI_RETURN_IF_ERROR(tx.Q("DELETE FROM audit_relink_permit"));
    // The rotation itself, linked with the new key.
    domain::AuditEvent e;
    e.at = at;
    e.actor = actor;
    e.role = std::string(domain::kRoleSystem);
    e.action = "key.rotate";
    e.target = "store";
    e.detail = "重新加密 " + std::to_string(done.trainees + done.teachers) + " 条个人信息，" +
               "重新链接 " + std::to_string(done.audit_events) + " 条审计事件";
    return sql::MakeAuditRepository(tx.conn(), next)->AppendAudit(e);
  });
  if (!st.ok()) return st;
  return done;
}

Result<bool> SqlStore::HoldsKeyedData() {
  bool holds = false;
  Status st = Run(ports::TxMode::kRead, [&](ports::StoreTx& base) {
    auto& tx = static_cast<SqlTx&>(base).base();
    ANPEI_ASSIGN_OR_RETURN(
        auto r, tx.Q("SELECT (SELECT COUNT(*) FROM audit_events) + "
                     "(SELECT COUNT(*) FROM trainees WHERE id_number LIKE 'bi1:%') + "
                     "(SELECT COUNT(*) FROM teachers WHERE id_number LIKE 'bi1:%') AS n"));
    holds = Rows(r).front().Int("n") > 0;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return holds;
}

}  // namespace anpei::adapters
