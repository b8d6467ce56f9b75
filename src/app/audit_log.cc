#include "app/audit_log.h"

#include <map>

#include "app/authorize.h"
#include "domain/account.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

// Fields separated by the ASCII unit separator, which no validated field contains.
template <typename... T>
std::string Join(const T&... parts) {
  std::string out;
  ((out += parts, out += '\x1f'), ...);
  return out;
}

}  // namespace

std::string Canon(const domain::District& d) { return Join(d.code, d.name); }

std::string Canon(const domain::Institution& i) {
  return Join(std::to_string(i.id), i.name, i.uscc, i.district_code, i.address,
              i.blacklisted_at.value_or(""), domain::UsccStatusId(i.uscc_status), i.uscc_note,
              std::to_string(i.version));
}

std::string Canon(const domain::Teacher& t) {
  return Join(std::to_string(t.id), std::to_string(t.institution_id), t.name, t.id_number,
              t.qualification, std::to_string(t.version));
}

std::string Canon(const domain::Trainee& t) {
  return Join(std::to_string(t.id), t.name, t.id_number, t.phone, t.group,
              std::to_string(t.version));
}

std::string Canon(const domain::TrainingClass& c) {
  std::string out = Join(
      std::to_string(c.id), std::to_string(c.institution_id), c.policy_id, c.occupation, c.title,
      c.venue.address, c.venue.lat ? std::to_string(*c.venue.lat) : "",
      c.venue.lng ? std::to_string(*c.venue.lng) : "", std::string(domain::ClassStateId(c.state)),
      c.declared_at.value_or(""), std::to_string(c.version));
  for (const auto& t : c.teachers) out += Join(t.key, std::to_string(t.teacher_id));
  for (const auto& s : c.sessions) {
    out += Join(s.date.ToString(), std::to_string(s.start_minute), std::to_string(s.end_minute),
                std::to_string(s.hours), std::to_string(static_cast<int>(s.kind)),
                std::to_string(static_cast<int>(s.delivery)), s.teacher.value_or(""), s.content);
  }
  for (const auto& r : c.roster) out += Join(std::to_string(r.trainee_id));
  return out;
}

std::string Canon(const domain::Enrolment& e) {
  std::string text = Join(std::to_string(e.institution_id), std::to_string(e.trainee_id), e.phone,
                          e.group, std::to_string(e.version));
  // The name the institution gave while unconfirmed (absent in records before migration 0012).
  if (!e.given_name.empty()) text += Join("", e.given_name, e.unconfirmed ? "1" : "0");
  return text;
}

std::string Canon(const domain::HeldEnrolment& h) {
  return Join(std::to_string(h.id), std::to_string(h.institution_id),
              h.class_id ? std::to_string(*h.class_id) : "", std::to_string(h.trainee_id),
              h.given_name, h.phone, h.group, std::string(domain::HeldStateId(h.state)), h.reason,
              std::to_string(h.version));
}

Status Audit(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor, std::string action,
             const std::string& target, std::string_view before, std::string_view after,
             const std::string& detail, std::vector<domain::AuditChange> changes) {
  domain::AuditEvent e;
  e.at = ctx.NowText();
  // Names typed by unauthenticated callers end up here: no control character is stored.
  e.actor = domain::PrintableText(actor.user);
  e.role = actor.RoleText();
  e.action = std::move(action);
  e.target = domain::PrintableText(target);
  e.before_digest = before.empty() ? "" : ctx.vault->Digest(before);
  e.after_digest = after.empty() ? "" : ctx.vault->Digest(after);
  e.detail = domain::PrintableText(detail);
  for (auto& c : changes) {
    c.before = domain::PrintableText(c.before);
    c.after = domain::PrintableText(c.after);
  }
  e.changes = std::move(changes);
  return tx.audit().AppendAudit(e);
}

Result<ports::PageOf<domain::AuditEvent>> ListAuditEvents(const AppContext& ctx, const Actor& actor,
                                                          const ports::AuditFilter& filter,
                                                          ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAuditReaders));
  ports::PageOf<domain::AuditEvent> out;
  Status st = ctx.store->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.audit().ListAudit(filter, page));
    out = std::move(r);
    // The actors' display names, once per name on the page ("系统" for the operator's tools).
    std::map<std::string, std::string> names;
    for (auto& e : out.items) {
      auto it = names.find(e.actor);
      if (it == names.end()) {
        std::string name;
        if (e.role == domain::kRoleSystem) {
          name = "系统";
        } else {
          ANPEI_ASSIGN_OR_RETURN(auto user, tx.accounts().FindUserByName(e.actor));
          if (user) name = user->display_name;
        }
        it = names.emplace(e.actor, std::move(name)).first;
      }
      e.actor_name = it->second;
    }
    return Audit(
        ctx, tx, actor, "audit.read", "audit", "", "",
        page.after ? std::string("按游标翻页") : "第 " + std::to_string(page.page) + " 页");
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<domain::AuditEvent>> ExportAuditEvents(const AppContext& ctx, const Actor& actor,
                                                          const ports::AuditFilter& filter) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAuditReaders));
  std::vector<domain::AuditEvent> out;
  Status st = ctx.store->Run(ports::TxMode::kWrite, [&](ports::StoreTx& tx) {
    ports::AuditFilter f = filter;
    f.newest_first = false;  // the export pages forward by seq
    while (static_cast<int64_t>(out.size()) < kMaxAuditExport) {
      ANPEI_ASSIGN_OR_RETURN(auto page, tx.audit().ListAudit(f, {1, 1000}));
      if (page.items.empty()) break;
      f.after_seq = page.items.back().seq;
      for (auto& e : page.items) out.push_back(std::move(e));
    }
    return Audit(ctx, tx, actor, "audit.export", "audit", "", "",
                 "导出 " + std::to_string(out.size()) + " 条");
  });
  if (!st.ok()) return st;
  return out;
}

}  // namespace anpei::app
