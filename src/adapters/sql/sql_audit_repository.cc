// SQL adapter of ports::AuditRepository: the append-only, hash-chained audit trail.
// Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include <algorithm>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"
#include "domain/audit.h"

namespace anpei::adapters::sql {
namespace {

// Serialises audit appends on PostgreSQL (SQLite writers are serialised by BEGIN IMMEDIATE).
constexpr std::string_view kAuditLockKey = "7707177";

}  // namespace

domain::AuditEvent AuditEventOf(const RowRef& r) {
  domain::AuditEvent e;
  e.seq = r.Int("seq");
  e.at = r.Str("at");
  e.actor = r.Str("actor");
  e.role = r.Str("role");
  e.action = r.Str("action");
  e.target = r.Str("target");
  e.before_digest = r.Str("before_digest");
  e.after_digest = r.Str("after_digest");
  e.detail = r.Str("detail");
  e.prev_link = r.Str("prev_link");
  e.link = r.Str("link");
  // A malformed list (only tampering makes one) is read as one entry holding the raw text, which
  // no longer matches the record the link covers: `anpei audit verify` names the event.
  if (auto changes = domain::DecodeChanges(r.Str("changes"))) {
    e.changes = std::move(*changes);
  } else {
    e.changes = {{"（变更记录无法读取）", "", r.Str("changes")}};
  }
  return e;
}

namespace {

class SqlAuditRepository final : public ports::AuditRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Status AppendAudit(domain::AuditEvent& e) override {
    if (conn_.Dialect() == ports::SqlDialect::kPostgres) {
      ANPEI_RETURN_IF_ERROR(Q("SELECT pg_advisory_xact_lock(" + std::string(kAuditLockKey) + ")"));
    }
    ANPEI_ASSIGN_OR_RETURN(auto last,
                           Q("SELECT seq, link FROM audit_events ORDER BY seq DESC LIMIT 1"));
    e.seq = last.rows.empty() ? 1 : Rows(last).front().Int("seq") + 1;
    e.prev_link = last.rows.empty() ? "" : Rows(last).front().Str("link");
    e.link = vault_.ChainLink(e.prev_link, domain::AuditRecord(e));
    return Q("INSERT INTO audit_events (seq, at, actor, role, action, target, before_digest, "
             "after_digest, detail, prev_link, link, changes) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             {Int(e.seq), Str(e.at), Str(e.actor), Str(e.role), Str(e.action), Str(e.target),
              Str(e.before_digest), Str(e.after_digest), Str(e.detail), Str(e.prev_link),
              Str(e.link), Str(domain::EncodeChanges(e.changes))})
        .status();
  }

  Result<ports::PageOf<domain::AuditEvent>> ListAudit(const ports::AuditFilter& f,
                                                      ports::Page page) override {
    Where w;
    if (f.actor) w.Add("actor = ?", Str(*f.actor));
    if (f.action) w.Add("action = ?", Str(*f.action));
    if (f.target) w.Add("target = ?", Str(*f.target));
    if (f.target_type) {
      // "type:" <= target < "type;" (';' follows ':'), compared as bytes.
      w.AddTwo(conn_.Dialect() == ports::SqlDialect::kPostgres
                   ? "target COLLATE \"C\" >= ? AND target COLLATE \"C\" < ?"
                   : "target >= ? AND target < ?",
               Str(*f.target_type + ":"), Str(*f.target_type + ";"));
    }
    if (f.at_from) w.Add("at >= ?", Str(*f.at_from));
    if (f.at_before) w.Add("at < ?", Str(*f.at_before));
    if (f.after_seq) w.Add("seq > ?", Int(*f.after_seq));
    ports::PageOf<domain::AuditEvent> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage("FROM audit_events", w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(kAuditColumns, w, {"seq", f.newest_first}, page));
    for (RowRef row : Rows(r)) out.items.push_back(AuditEventOf(row));
    FinishPage(out, [](const domain::AuditEvent& e) { return e.seq; });
    return out;
  }

  ports::SqlConnection& conn() { return conn_; }
  const ports::Vault& vault() { return vault_; }
};

}  // namespace

std::unique_ptr<ports::AuditRepository> MakeAuditRepository(ports::SqlConnection& conn,
                                                            const ports::Vault& vault) {
  return std::make_unique<SqlAuditRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
