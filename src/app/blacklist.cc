#include "app/blacklist.h"

#include "app/audit_log.h"
#include "app/authorize.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using ports::TxMode;

std::string EntryText(const domain::BlacklistEntry& e) {
  return "institution=" + std::to_string(e.institution_id) + "|listed=" + e.listed_at +
         "|until=" + e.period_until + "|ack=" + e.acknowledged_at.value_or("") +
         "|lifted=" + e.lifted_at.value_or("") + "|reason=" + e.reason +
         "|lift_reason=" + e.lift_reason.value_or("");
}

// The entry as the actor may see it, or the 404 of a missing one.
Result<domain::BlacklistEntry> EntryFor(ports::StoreTx& tx, const Actor& actor, int64_t id) {
  auto e = tx.fraud().GetBlacklistEntry(id);
  if (!e.ok()) {
    if (e.status().code() == Code::kNotFound) return Hidden("黑名单记录", id);
    return e.status();
  }
  if (!InScope(actor, e->institution_id, e->district_code)) return Hidden("黑名单记录", id);
  return e;
}

// institutions.blacklisted_at follows the entries in force: the earliest listed_at, or none.
Status SyncInstitution(const AppContext& ctx, ports::StoreTx& tx, int64_t institution_id) {
  ANPEI_ASSIGN_OR_RETURN(auto entries, tx.fraud().EntriesOf(institution_id));
  std::optional<std::string> since;
  for (const auto& e : entries) {
    if (!e.lifted_at && (!since || e.listed_at < *since)) since = e.listed_at;
  }
  ANPEI_ASSIGN_OR_RETURN(auto inst, tx.registry().GetInstitution(institution_id));
  if (inst.blacklisted_at == since) return Status::Ok();
  domain::Institution next = inst;
  next.blacklisted_at = since;
  next.updated_at = ctx.NowText();
  return tx.registry().UpdateInstitution(next, inst.version);
}

}  // namespace

Result<ports::PageOf<domain::BlacklistEntry>> ListBlacklist(const AppContext& ctx,
                                                            const Actor& actor, bool in_force_only,
                                                            ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kBlacklistReaders));
  ports::BlacklistFilter f;
  f.in_force_only = in_force_only;
  NarrowToScope(actor, f.institution_id, f.district_code);
  return InTx<ports::PageOf<domain::BlacklistEntry>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::BlacklistEntry>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.fraud().ListBlacklist(f, page));
        return Status::Ok();
      });
}

Result<domain::BlacklistEntry> GetBlacklistEntry(const AppContext& ctx, const Actor& actor,
                                                 int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kBlacklistReaders));
  return InTx<domain::BlacklistEntry>(ctx, TxMode::kRead,
                                      [&](ports::StoreTx& tx, domain::BlacklistEntry& out) {
                                        ANPEI_ASSIGN_OR_RETURN(out, EntryFor(tx, actor, id));
                                        return Status::Ok();
                                      });
}

Result<domain::BlacklistEntry> AcknowledgeBlacklistEntry(const AppContext& ctx, const Actor& actor,
                                                         int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kBlacklistKeepers));
  return InTx<domain::BlacklistEntry>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::BlacklistEntry& out) {
        ANPEI_ASSIGN_OR_RETURN(auto e, EntryFor(tx, actor, id));
        if (e.acknowledged_at) {
          return Status(Code::kConflict, "人社部门已于 " + *e.acknowledged_at + " 确认该记录", "id")
              .WithReason("blacklist.acknowledged");
        }
        domain::BlacklistEntry next = e;
        next.acknowledged_at = ctx.NowText();
        next.acknowledged_by_name = actor.Name();
        ANPEI_RETURN_IF_ERROR(tx.fraud().UpdateBlacklistEntry(next));
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "blacklist.acknowledge",
                                    "blacklist:" + std::to_string(id), EntryText(e),
                                    EntryText(next), "培训机构「" + e.institution_name + "」"));
        out = std::move(next);
        return Status::Ok();
      });
}

Result<domain::BlacklistEntry> LiftBlacklistEntry(const AppContext& ctx, const Actor& actor,
                                                  int64_t id, std::string reason) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kBlacklistKeepers));
  ANPEI_RETURN_IF_ERROR(
      domain::CheckRequiredText(reason, "reason", "解除理由", domain::kMaxCaseTextChars));
  return InTx<domain::BlacklistEntry>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::BlacklistEntry& out) {
        ANPEI_ASSIGN_OR_RETURN(auto e, EntryFor(tx, actor, id));
        if (e.lifted_at) {
          return Status(Code::kConflict, "该记录已于 " + *e.lifted_at + " 解除", "id")
              .WithReason("blacklist.lifted");
        }
        domain::BlacklistEntry next = e;
        next.lifted_at = ctx.NowText();
        next.lifted_at_unix = ctx.Now().unix_seconds;
        next.lifted_by_name = actor.Name();
        next.lift_reason = reason;
        ANPEI_RETURN_IF_ERROR(tx.fraud().UpdateBlacklistEntry(next));
        ANPEI_RETURN_IF_ERROR(SyncInstitution(ctx, tx, e.institution_id));
        ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "blacklist.lift",
                                    "blacklist:" + std::to_string(id), EntryText(e),
                                    EntryText(next),
                                    "培训机构「" + e.institution_name + "」，期限至 " +
                                        e.period_until + "；理由：" + reason));
        out = std::move(next);
        return Status::Ok();
      });
}

Result<std::optional<domain::BlacklistEntry>> BlacklistedAt(ports::StoreTx& tx,
                                                            int64_t institution_id, int64_t t) {
  ANPEI_ASSIGN_OR_RETURN(auto entries, tx.fraud().EntriesOf(institution_id));
  for (auto& e : entries) {
    if (domain::InForceAt(e, t)) return std::optional<domain::BlacklistEntry>(std::move(e));
  }
  return std::optional<domain::BlacklistEntry>();
}

Result<domain::BlacklistEntry> AddBlacklistEntry(const AppContext& ctx, ports::StoreTx& tx,
                                                 const Actor& actor, domain::BlacklistEntry entry) {
  ANPEI_ASSIGN_OR_RETURN(entry.id, tx.fraud().InsertBlacklistEntry(entry));
  ANPEI_RETURN_IF_ERROR(SyncInstitution(ctx, tx, entry.institution_id));
  ANPEI_ASSIGN_OR_RETURN(auto stored, tx.fraud().GetBlacklistEntry(entry.id));
  ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "blacklist.add",
                              "blacklist:" + std::to_string(entry.id), "", EntryText(stored),
                              "培训机构「" + stored.institution_name + "」列入信用黑名单，期限至 " +
                                  stored.period_until + "，已抄送人社部门（四（三））"));
  return stored;
}

}  // namespace anpei::app
