#include "app/accounts.h"

#include <algorithm>

#include "app/account_support.h"
#include "app/audit_changes.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"

namespace anpei::app {
namespace {

using ports::TxMode;
using namespace account;

// The re-authentication an administrator owes before acting on another administrator: their
// own password, checked (and throttled) like a sign-in.
// `also` requires it for a target that is not (yet) an administrator (granting police_admin).
Status CheckReauth(const AppContext& ctx, const Actor& actor, const domain::User& target,
                   const Reauth& reauth, bool also = false) {
  if ((!target.Has(domain::kRolePoliceAdmin) && !also) || target.id == actor.user_id ||
      actor.Has(domain::kRoleSystem)) {
    return Status::Ok();
  }
  if (reauth.admin_password.empty()) {
    return Status(Code::kPermissionDenied,
                  also ? "授予管理员角色前，请再次输入您自己的密码"
                       : "操作其他管理员账号前，请再次输入您自己的密码",
                  "admin_password")
        .WithReason("reauth.required");
  }
  const ThrottleKeys keys = KeysOf(ctx, actor.user, reauth.remote);
  ANPEI_ASSIGN_OR_RETURN(
      auto me, InTx<domain::User>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(int64_t until, ReserveAttempt(ctx, tx, keys));
        if (until != 0) return Throttled(ctx, until, nullptr);
        ANPEI_ASSIGN_OR_RETURN(out, tx.accounts().GetUser(actor.user_id));
        return Status::Ok();
      }));
  const bool good = ctx.vault->VerifyPassword(me.password_hash, reauth.admin_password);
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(const std::string locked, FinishAttempt(ctx, tx, keys, good));
    if (good) return Status::Ok();
    return Audit(ctx, tx, actor, "user.reauth_failed", "user:" + std::to_string(target.id), "", "",
                 "操作其他管理员前的密码确认错误；来自 " + reauth.remote + locked);
  }));
  if (!good) {
    return Status(Code::kPermissionDenied, "您输入的本人密码不正确", "admin_password")
        .WithReason("reauth.failed");
  }
  return Status::Ok();
}

// The target user, read before an administrator acts on it (for the re-authentication).
Result<domain::User> Target(const AppContext& ctx, int64_t id) {
  return InTx<domain::User>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, domain::User& out) {
    ANPEI_ASSIGN_OR_RETURN(out, tx.accounts().GetUser(id));
    return Status::Ok();
  });
}

// Loads user `id`, applies `change`, writes its security fields and audits `action`.
template <typename F>
Result<domain::User> ChangeUser(const AppContext& ctx, const Actor& actor, int64_t id,
                                const std::string& action, F&& change) {
  return InTx<domain::User>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::User& out) {
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(id));
    const domain::User old = u;
    ANPEI_RETURN_IF_ERROR(change(tx, u));
    ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().GetUser(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, action, "user:" + std::to_string(id), Canon(old),
                                Canon(r), "", Changes(ctx, old, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

// Roles whose scope is the whole city: only an administrator not bound to a district grants them.
bool CityWide(std::string_view role) {
  return role == domain::kRolePoliceAdmin || role == domain::kRoleHrss ||
         role == domain::kRoleFinance || role == domain::kRoleAuditor ||
         role == domain::kRolePlatform;
}

// Known roles, each once; the binding each needs (an institution, a district), the others
// cleared.
Status CheckRoleList(std::vector<std::string>& roles, std::optional<int64_t>& institution_id,
                     std::optional<std::string>& district_code) {
  if (roles.empty()) return Status::Invalid("roles", "至少需要一个角色");
  for (size_t i = 0; i < roles.size(); ++i) {
    if (!domain::IsKnownRole(roles[i])) {
      return Status::Invalid("roles[" + std::to_string(i) + "]", "未知角色「" + roles[i] + "」");
    }
    if (std::find(roles.begin(), roles.begin() + static_cast<std::ptrdiff_t>(i), roles[i]) !=
        roles.begin() + static_cast<std::ptrdiff_t>(i)) {
      return Status::Invalid("roles[" + std::to_string(i) + "]", "角色「" + roles[i] + "」重复");
    }
  }
  const bool institution =
      std::find(roles.begin(), roles.end(), domain::kRoleInstitution) != roles.end();
  const bool reviewer = std::find(roles.begin(), roles.end(), domain::kRoleReviewer) != roles.end();
  if (institution && !institution_id) {
    return Status::Invalid("institution_id", "培训机构账号须绑定所属机构");
  }
  if (reviewer && !district_code) {
    return Status::Invalid("district_code", "区县审核员账号须绑定所辖区县");
  }
  if (!institution) institution_id.reset();
  if (!reviewer) district_code.reset();
  return Status::Ok();
}

// The bindings exist (in `tx`).
Status CheckBindings(ports::StoreTx& tx, const std::optional<int64_t>& institution_id,
                     const std::optional<std::string>& district_code) {
  if (institution_id && !tx.registry().GetInstitution(*institution_id).ok()) {
    return Status::Invalid("institution_id",
                           "培训机构 " + std::to_string(*institution_id) + " 不存在");
  }
  if (district_code && !tx.registry().GetDistrict(*district_code).ok()) {
    return Status::Invalid("district_code", "行政区划 " + *district_code + " 未登记");
  }
  return Status::Ok();
}

// Least privilege: an administrator bound to a district (actor.district_code) grants no city-wide
// role, binds only to its own district or an institution in it, and changes only users whose
// current roles are within it. Administrators of the whole city (and the operator's tools) may
// grant every role.
Status CheckGrant(ports::StoreTx& tx, const Actor& actor, const domain::User& target,
                  const RoleChange& change) {
  if (actor.Has(domain::kRoleSystem) || !actor.district_code) return Status::Ok();
  const std::string& mine = *actor.district_code;
  auto outside = [&](const std::vector<std::string>& roles, std::optional<int64_t> inst,
                     const std::optional<std::string>& district) -> bool {
    for (const auto& r : roles) {
      if (CityWide(r)) return true;
    }
    if (district && *district != mine) return true;
    if (inst) {
      auto i = tx.registry().GetInstitution(*inst);
      if (!i.ok() || i->district_code != mine) return true;
    }
    return false;
  };
  if (outside(target.roles, target.institution_id, target.district_code)) {
    return Status(Code::kPermissionDenied, "该用户不在您所辖区县的管理范围内")
        .WithReason("role.out_of_scope");
  }
  for (size_t i = 0; i < change.roles.size(); ++i) {
    if (CityWide(change.roles[i])) {
      return Status(Code::kPermissionDenied,
                    "区县管理员不能授予全市范围的角色「" + change.roles[i] + "」",
                    "roles[" + std::to_string(i) + "]")
          .WithReason("role.out_of_scope");
    }
  }
  if (outside({}, change.institution_id, change.district_code)) {
    return Status(Code::kPermissionDenied, "只能绑定您所辖区县及其培训机构",
                  change.institution_id ? "institution_id" : "district_code")
        .WithReason("role.out_of_scope");
  }
  return Status::Ok();
}

}  // namespace

Result<domain::User> CreateUser(const AppContext& ctx, const Actor& actor, NewUser in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, in.username, "username", "用户名", 64, true));
  for (char c : in.username) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.')) {
      return Status::Invalid("username", "用户名只能含字母、数字和 _ - .");
    }
  }
  if (in.display_name.empty()) in.display_name = in.username;
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, in.display_name, "display_name", "姓名", 50, true));
  ANPEI_RETURN_IF_ERROR(CheckRoleList(in.roles, in.institution_id, in.district_code));
  ANPEI_RETURN_IF_ERROR(CheckPassword(ctx, in.password, in.username));
  ANPEI_ASSIGN_OR_RETURN(auto hash, ctx.vault->HashPassword(in.password));
  return InTx<domain::User>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::User& out) {
    ANPEI_RETURN_IF_ERROR(CheckBindings(tx, in.institution_id, in.district_code));
    domain::User u;
    u.username = in.username;
    u.display_name = in.display_name;
    u.roles = in.roles;
    u.institution_id = in.institution_id;
    u.district_code = in.district_code;
    u.password_hash = hash;
    u.created_at = ctx.NowText();
    ANPEI_ASSIGN_OR_RETURN(auto id, tx.accounts().InsertUser(u));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().GetUser(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "user.create", "user:" + std::to_string(id), "",
                                Canon(r), "", Created(ctx, r)));
    out = std::move(r);
    return Status::Ok();
  });
}

Result<ports::PageOf<domain::User>> ListUsers(const AppContext& ctx, const Actor& actor,
                                              const ports::UserFilter& filter, ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<ports::PageOf<domain::User>>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
    ANPEI_ASSIGN_OR_RETURN(out, ListUsersIn(ctx, tx, actor, filter, page));
    return Status::Ok();
  });
}

Result<ports::PageOf<domain::User>> ListUsersIn(const AppContext& /*ctx*/, ports::StoreTx& tx,
                                                const Actor& actor, const ports::UserFilter& filter,
                                                ports::Page page) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return tx.accounts().ListUsers(filter, page);
}

Result<domain::User> FindUser(const AppContext& ctx, const Actor& actor,
                              const std::string& username) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<domain::User>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, domain::User& out) {
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().FindUserByName(username));
    if (!r) return Status(Code::kNotFound, "用户「" + username + "」不存在", "username");
    out = std::move(*r);
    return Status::Ok();
  });
}

Result<domain::User> DisableUser(const AppContext& ctx, const Actor& actor, int64_t id,
                                 const Reauth& reauth) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  if (id == actor.user_id) return Status(Code::kFailedPrecondition, "不能停用自己的账号", "id");
  ANPEI_ASSIGN_OR_RETURN(auto target, Target(ctx, id));
  ANPEI_RETURN_IF_ERROR(CheckReauth(ctx, actor, target, reauth));
  return ChangeUser(ctx, actor, id, "user.disable", [&](ports::StoreTx& tx, domain::User& u) {
    if (!u.disabled_at) u.disabled_at = ctx.NowText();
    return tx.accounts().RevokeUserSessions(id, ctx.NowText());
  });
}

Result<domain::User> EnableUser(const AppContext& ctx, const Actor& actor, int64_t id,
                                const Reauth& reauth) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  ANPEI_ASSIGN_OR_RETURN(auto target, Target(ctx, id));
  ANPEI_RETURN_IF_ERROR(CheckReauth(ctx, actor, target, reauth));
  return ChangeUser(ctx, actor, id, "user.enable", [&](ports::StoreTx&, domain::User& u) {
    u.disabled_at.reset();
    return Status::Ok();
  });
}

Result<domain::User> ResetPassword(const AppContext& ctx, const Actor& actor, int64_t id,
                                   const std::string& password, const Reauth& reauth) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  ANPEI_ASSIGN_OR_RETURN(auto target, Target(ctx, id));
  ANPEI_RETURN_IF_ERROR(CheckPassword(ctx, password, target.username));
  ANPEI_RETURN_IF_ERROR(CheckReauth(ctx, actor, target, reauth));
  ANPEI_ASSIGN_OR_RETURN(auto hash, ctx.vault->HashPassword(password));
  return ChangeUser(
      ctx, actor, id, "user.reset_password", [&](ports::StoreTx& tx, domain::User& u) {
        u.password_hash = hash;
        u.failed_logins = 0;
        u.locked_until.reset();
        // The user chooses their own password at the next sign-in (unless they reset their own).
        u.must_change_password = id != actor.user_id;
        ANPEI_RETURN_IF_ERROR(tx.accounts().ClearThrottlesOf(domain::AsciiLower(u.username)));
        return tx.accounts().RevokeUserSessions(id, ctx.NowText());
      });
}

Result<domain::User> ChangeUserRole(const AppContext& ctx, const Actor& actor, int64_t id,
                                    RoleChange change, const Reauth& reauth) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  if (!change.version) {
    return Status::Invalid("version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）");
  }
  if (id == actor.user_id) {
    return Status(Code::kFailedPrecondition, "不能修改自己的角色，请由其他管理员操作", "id")
        .WithReason("role.self");
  }
  ANPEI_ASSIGN_OR_RETURN(auto target, Target(ctx, id));
  // The input first (400s change nothing and need no password), then the re-authentication.
  ANPEI_RETURN_IF_ERROR(CheckRoleList(change.roles, change.institution_id, change.district_code));
  ANPEI_RETURN_IF_ERROR(InTx<bool>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, bool&) {
                          ANPEI_RETURN_IF_ERROR(
                              CheckBindings(tx, change.institution_id, change.district_code));
                          return CheckGrant(tx, actor, target, change);
                        }).status());
  const bool grants_admin = std::find(change.roles.begin(), change.roles.end(),
                                      domain::kRolePoliceAdmin) != change.roles.end();
  ANPEI_RETURN_IF_ERROR(CheckReauth(ctx, actor, target, reauth, grants_admin));
  return InTx<domain::User>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::User& out) {
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(id));
    if (u.version != *change.version) {
      return Status(
                 Code::kConflict,
                 "该用户已被他人修改（当前版本 " + std::to_string(u.version) + "），请刷新后再改",
                 "version")
          .WithReason("version.stale");
    }
    // Checked again in this transaction: what was read before the password may have changed.
    ANPEI_RETURN_IF_ERROR(CheckBindings(tx, change.institution_id, change.district_code));
    ANPEI_RETURN_IF_ERROR(CheckGrant(tx, actor, u, change));
    const std::string before = Canon(u);
    std::string from;
    for (const auto& r : u.roles) from += (from.empty() ? "" : ",") + r;
    u.roles = change.roles;
    u.institution_id = change.institution_id;
    u.district_code = change.district_code;
    ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserRoles(u, *change.version));
    ANPEI_RETURN_IF_ERROR(tx.accounts().RevokeUserSessions(id, ctx.NowText()));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().GetUser(id));
    std::string to;
    for (const auto& x : r.roles) to += (to.empty() ? "" : ",") + x;
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "user.role_change", "user:" + std::to_string(id),
                                before, Canon(r),
                                "角色 " + from + " → " + to + "；该用户的会话已全部注销"));
    out = std::move(r);
    return Status::Ok();
  });
}

Result<std::vector<ThrottleView>> ListSignInThrottles(const AppContext& ctx, const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  const auto& sec = ctx.security;
  const int64_t now = ctx.Now().unix_seconds;
  const int64_t since =
      now - std::max({sec.name.forget_s, sec.address.forget_s, sec.name_at_address.forget_s});
  return InTx<std::vector<ThrottleView>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, std::vector<ThrottleView>& out) {
        ANPEI_ASSIGN_OR_RETURN(auto states, tx.accounts().ListThrottles(since, 500));
        for (auto& s : states) {
          ThrottleView v;
          const domain::ThrottleRule* rule = nullptr;
          if (s.key.starts_with("na:")) {
            const size_t at = s.key.rfind('@');
            v.kind = "account_at_address";
            v.username = s.key.substr(3, at == std::string::npos ? std::string::npos : at - 3);
            v.address = at == std::string::npos ? "" : s.key.substr(at + 1);
            rule = &sec.name_at_address;
          } else if (s.key.starts_with("n:")) {
            v.kind = "account";
            v.username = s.key.substr(2);
            rule = &sec.name;
          } else if (s.key.starts_with("a:")) {
            v.kind = "address";
            v.address = s.key.substr(2);
            rule = &sec.address;
          } else {
            continue;
          }
          domain::DecayThrottle(s, *rule, now);
          const bool locked = s.locked_until > now;
          if (s.attempts == 0 && !locked) continue;
          v.failures = s.attempts;
          v.locks = s.strikes;
          if (locked) v.locked_until = At(ctx, s.locked_until - now);
          if (!v.username.empty()) {
            ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().FindUserByName(v.username));
            if (u) v.user_id = u->id;
          }
          out.push_back(std::move(v));
        }
        return Status::Ok();
      });
}

Result<domain::User> UnlockUser(const AppContext& ctx, const Actor& actor, int64_t id,
                                const Reauth& reauth) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  ANPEI_ASSIGN_OR_RETURN(auto target, Target(ctx, id));
  ANPEI_RETURN_IF_ERROR(CheckReauth(ctx, actor, target, reauth));
  return ChangeUser(ctx, actor, id, "user.unlock", [&](ports::StoreTx& tx, domain::User& u) {
    u.failed_logins = 0;
    u.locked_until.reset();
    return tx.accounts().ClearThrottlesOf(domain::AsciiLower(u.username));
  });
}

std::string GeneratePassword(const AppContext& ctx, const std::string& username) {
  for (;;) {
    std::string p = ctx.vault->NewToken().substr(0, 16);
    if (CheckPassword(ctx, p, username).ok()) return p;
  }
}

Result<std::string> CreateApiToken(const AppContext& ctx, const Actor& actor, int64_t user_id,
                                   const std::string& name) {
  if (!actor.Has(domain::kRoleSystem)) {
    return Status(Code::kPermissionDenied, "API 令牌只能由运维人员用 anpei user token 签发");
  }
  const std::string token = ctx.vault->NewToken();
  Status st = ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(user_id));
    domain::ApiToken t;
    t.token_hash = ctx.vault->TokenHash(token);
    t.user_id = u.id;
    t.name = name;
    t.created_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.accounts().InsertApiToken(t));
    return Audit(ctx, tx, actor, "user.api_token", "user:" + std::to_string(user_id), "", "",
                 "签发 API 令牌：" + name);
  });
  if (!st.ok()) return st;
  return token;
}

Result<std::vector<domain::ApiToken>> ListApiTokens(const AppContext& ctx, const Actor& actor,
                                                    bool all) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  if (all) ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  return InTx<std::vector<domain::ApiToken>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(
            out, tx.accounts().ListApiTokens(all ? std::nullopt : std::optional(actor.user_id)));
        return Status::Ok();
      });
}

Result<domain::ApiToken> RevokeApiToken(const AppContext& ctx, const Actor& actor,
                                        const std::string& id) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  const bool admin = NeedRole(actor, kAdministrators).ok();
  return InTx<domain::ApiToken>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, auto& out) {
    auto t = tx.accounts().GetApiToken(id);
    // Someone else's token is answered like a missing one.
    if (!t.ok() || (!admin && t->user_id != actor.user_id)) {
      return Status::NotFound("API 令牌「" + id + "」不存在", "id");
    }
    ANPEI_RETURN_IF_ERROR(tx.accounts().RevokeApiToken(id, ctx.NowText()));
    ANPEI_ASSIGN_OR_RETURN(out, tx.accounts().GetApiToken(id));
    return Audit(ctx, tx, actor, "user.api_token_revoke", "user:" + std::to_string(out.user_id), "",
                 "", "撤销 API 令牌 " + id + "（" + out.name + "）");
  });
}

}  // namespace anpei::app
