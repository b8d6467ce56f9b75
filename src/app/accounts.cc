#include "app/accounts.h"

#include <algorithm>

#include "app/account_support.h"
#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"

namespace anpei::app {
namespace {

using ports::TxMode;
using namespace account;

// The re-authentication an administrator owes before acting on another administrator: their
// own password, checked (and throttled) like a sign-in.
Status CheckReauth(const AppContext& ctx, const Actor& actor, const domain::User& target,
                   const Reauth& reauth) {
  if (!target.Has(domain::kRolePoliceAdmin) || target.id == actor.user_id ||
      actor.Has(domain::kRoleSystem)) {
    return Status::Ok();
  }
  if (reauth.admin_password.empty()) {
    return Status(Code::kPermissionDenied, "操作其他管理员账号前，请再次输入您自己的密码",
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
    const std::string before = Canon(u);
    ANPEI_RETURN_IF_ERROR(change(tx, u));
    ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().GetUser(id));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, action, "user:" + std::to_string(id), before, Canon(r)));
    out = std::move(r);
    return Status::Ok();
  });
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
  if (in.roles.empty()) return Status::Invalid("roles", "至少需要一个角色");
  for (size_t i = 0; i < in.roles.size(); ++i) {
    if (!domain::IsKnownRole(in.roles[i])) {
      return Status::Invalid("roles[" + std::to_string(i) + "]", "未知角色「" + in.roles[i] + "」");
    }
  }
  const bool institution =
      std::find(in.roles.begin(), in.roles.end(), domain::kRoleInstitution) != in.roles.end();
  const bool reviewer =
      std::find(in.roles.begin(), in.roles.end(), domain::kRoleReviewer) != in.roles.end();
  if (institution && !in.institution_id) {
    return Status::Invalid("institution_id", "培训机构账号须绑定所属机构");
  }
  if (reviewer && !in.district_code) {
    return Status::Invalid("district_code", "区县审核员账号须绑定所辖区县");
  }
  if (!institution) in.institution_id.reset();
  if (!reviewer) in.district_code.reset();
  ANPEI_RETURN_IF_ERROR(CheckPassword(ctx, in.password, in.username));
  ANPEI_ASSIGN_OR_RETURN(auto hash, ctx.vault->HashPassword(in.password));
  return InTx<domain::User>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::User& out) {
    if (in.institution_id) {
      auto inst = tx.registry().GetInstitution(*in.institution_id);
      if (!inst.ok()) {
        return Status::Invalid("institution_id",
                               "培训机构 " + std::to_string(*in.institution_id) + " 不存在");
      }
    }
    if (in.district_code) {
      auto d = tx.registry().GetDistrict(*in.district_code);
      if (!d.ok())
        return Status::Invalid("district_code", "行政区划 " + *in.district_code + " 未登记");
    }
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
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, "user.create", "user:" + std::to_string(id), "", Canon(r)));
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
