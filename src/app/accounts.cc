#include "app/accounts.h"

#include <algorithm>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/registry.h"

namespace anpei::app {
namespace {

using ports::TxMode;

std::string At(const AppContext& ctx, int64_t plus_seconds) {
  return domain::FormatTimestamp({ctx.Now().unix_seconds + plus_seconds}, ctx.LocalOffset());
}

// Whether the RFC 3339 time `text` is still in the future.
bool Future(const AppContext& ctx, const std::optional<std::string>& text) {
  if (!text) return false;
  auto t = domain::ParseTimestamp(*text, "time");
  return t.ok() && t->unix_seconds > ctx.Now().unix_seconds;
}

Actor ActorOf(const domain::User& u) {
  Actor a;
  a.user_id = u.id;
  a.user = u.username;
  a.roles = u.roles;
  a.institution_id = u.institution_id;
  a.district_code = u.district_code;
  return a;
}

std::string Canon(const domain::User& u) {
  std::string out = std::to_string(u.id) + "\x1f" + u.username + "\x1f" + u.display_name + "\x1f";
  for (const auto& r : u.roles) out += r + ",";
  out += "\x1f" + (u.institution_id ? std::to_string(*u.institution_id) : "") + "\x1f" +
         u.district_code.value_or("") + "\x1f" + u.disabled_at.value_or("") + "\x1f" +
         std::to_string(u.version);
  return out;
}

Status BadCredentials() { return Status(Code::kUnauthenticated, "用户名或密码错误"); }

Status CheckPassword(const std::string& password) {
  size_t chars = 0;
  for (unsigned char c : password) chars += (c & 0xC0) != 0x80;
  if (chars < kMinPasswordChars) {
    return Status::Invalid("password", "密码至少 " + std::to_string(kMinPasswordChars) + " 个字符");
  }
  if (password.size() > 256) return Status::Invalid("password", "密码过长（最多 256 字节）");
  return Status::Ok();
}

// Records a failed sign-in for a name that has no usable account, after spending the same
// Argon2 effort as for a real one, so timing does not tell which names exist.
Status RecordNoAccount(const AppContext& ctx, const std::string& who, const std::string& password,
                       bool disabled, const std::string& remote) {
  static const std::string dummy = [&] {
    auto h = ctx.vault->HashPassword("timing-equaliser");
    return h.ok() ? *h : std::string();
  }();
  (void)ctx.vault->VerifyPassword(dummy, password);
  Actor attempt;
  attempt.user = who;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    return Audit(ctx, tx, attempt, "session.sign_in_failed", "user:" + who, "", "",
                 std::string(disabled ? "账号已停用" : "无此用户名") + "；来自 " + remote);
  }));
  return BadCredentials();
}

// Records an attempt on a locked account and answers 429 with the time it opens again.
Status RecordLocked(const AppContext& ctx, const domain::User& user, const std::string& remote) {
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    Actor as_user;
    as_user.user = user.username;
    return Audit(ctx, tx, as_user, "session.sign_in_locked", "user:" + std::to_string(user.id), "",
                 "", "账号锁定中仍尝试登录；来自 " + remote);
  }));
  return Status(Code::kResourceExhausted, "登录失败次数过多，账号已锁定至 " +
                                              user.locked_until->substr(0, 16).replace(10, 1, " ") +
                                              "，请稍后再试或联系管理员");
}

// In one transaction: counts a wrong password (locking after kMaxFailedSignIns), or resets the
// counters and opens a session into `out`; audited either way.
Status RecordAttempt(const AppContext& ctx, int64_t user_id, bool good, const std::string& remote,
                     SignedIn& out) {
  return ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    // The counters as they are now, not as read before hashing.
    ANPEI_ASSIGN_OR_RETURN(domain::User u, tx.accounts().GetUser(user_id));
    const Actor as_user = ActorOf(u);
    if (!good) {
      ++u.failed_logins;
      std::string detail =
          "密码错误（连续第 " + std::to_string(u.failed_logins) + " 次）；来自 " + remote;
      if (u.failed_logins >= kMaxFailedSignIns) {
        u.locked_until = At(ctx, kLockMinutes * 60);
        u.failed_logins = 0;
        detail += "；账号锁定至 " + *u.locked_until;
      }
      ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
      return Audit(ctx, tx, as_user, "session.sign_in_failed", "user:" + std::to_string(u.id), "",
                   "", detail);
    }
    u.failed_logins = 0;
    u.locked_until.reset();
    ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
    out.token = ctx.vault->NewToken();
    out.csrf_token = ctx.vault->NewToken();
    out.expires_at = At(ctx, kSessionHours * 3600);
    domain::Session session{ctx.vault->TokenHash(out.token),
                            u.id,
                            out.csrf_token,
                            ctx.NowText(),
                            out.expires_at,
                            std::nullopt};
    ANPEI_RETURN_IF_ERROR(tx.accounts().InsertSession(session));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, as_user, "session.sign_in", "user:" + std::to_string(u.id),
                                "", "", "来自 " + remote));
    out.user = std::move(u);
    return Status::Ok();
  });
}

}  // namespace

Result<SignedIn> SignIn(const AppContext& ctx, const std::string& username,
                        const std::string& password, const std::string& remote) {
  if (username.empty()) return Status::Invalid("username", "请填写用户名");
  if (password.empty()) return Status::Invalid("password", "请填写密码");
  // Read, then verify the password outside any transaction (Argon2id takes a while and must not
  // hold the store's write lock), then record the outcome.
  ANPEI_ASSIGN_OR_RETURN(
      auto found,
      InTx<std::optional<domain::User>>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.accounts().FindUserByName(username));
        return Status::Ok();
      }));
  if (!found || found->disabled_at) {
    return RecordNoAccount(ctx, username.substr(0, 64), password, found.has_value(), remote);
  }
  const domain::User& user = *found;
  if (Future(ctx, user.locked_until)) return RecordLocked(ctx, user, remote);
  const bool good = ctx.vault->VerifyPassword(user.password_hash, password);
  SignedIn out;
  ANPEI_RETURN_IF_ERROR(RecordAttempt(ctx, user.id, good, remote, out));
  if (!good) return BadCredentials();
  return out;
}

Result<Authenticated> AuthenticateSession(const AppContext& ctx, const std::string& token) {
  if (token.empty()) return Status(Code::kUnauthenticated, "请先登录");
  return InTx<Authenticated>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Authenticated& out) {
    ANPEI_ASSIGN_OR_RETURN(auto s, tx.accounts().FindSession(ctx.vault->TokenHash(token)));
    if (!s || (s)->revoked_at || !Future(ctx, (s)->expires_at)) {
      return Status(Code::kUnauthenticated, "登录已失效，请重新登录");
    }
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser((s)->user_id));
    if (u.disabled_at) return Status(Code::kUnauthenticated, "账号已停用");
    out.actor = ActorOf(u);
    out.csrf_token = (s)->csrf_token;
    return Status::Ok();
  });
}

Result<Authenticated> AuthenticateToken(const AppContext& ctx, const std::string& token) {
  if (token.empty()) return Status(Code::kUnauthenticated, "请先登录");
  return InTx<Authenticated>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Authenticated& out) {
    ANPEI_ASSIGN_OR_RETURN(auto t, tx.accounts().FindApiToken(ctx.vault->TokenHash(token)));
    if (!t || (t)->revoked_at) return Status(Code::kUnauthenticated, "API 令牌无效或已撤销");
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser((t)->user_id));
    if (u.disabled_at) return Status(Code::kUnauthenticated, "账号已停用");
    out.actor = ActorOf(u);
    return Status::Ok();
  });
}

Status SignOut(const AppContext& ctx, const Actor& actor, const std::string& token) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  return ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_RETURN_IF_ERROR(tx.accounts().RevokeSession(ctx.vault->TokenHash(token), ctx.NowText()));
    return Audit(ctx, tx, actor, "session.sign_out", "user:" + std::to_string(actor.user_id), "",
                 "");
  });
}

Status SignOutEverywhere(const AppContext& ctx, const Actor& actor) {
  if (!actor.SignedIn()) return Status(Code::kUnauthenticated, "请先登录");
  return ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_RETURN_IF_ERROR(tx.accounts().RevokeUserSessions(actor.user_id, ctx.NowText()));
    return Audit(ctx, tx, actor, "session.sign_out_everywhere",
                 "user:" + std::to_string(actor.user_id), "", "");
  });
}

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
  ANPEI_RETURN_IF_ERROR(CheckPassword(in.password));
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
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().ListUsers(filter, page));
    out = std::move(r);
    return Status::Ok();
  });
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

Result<domain::User> DisableUser(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  if (id == actor.user_id) return Status(Code::kFailedPrecondition, "不能停用自己的账号", "id");
  return InTx<domain::User>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::User& out) {
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(id));
    const std::string before = Canon(u);
    if (!u.disabled_at) u.disabled_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
    ANPEI_RETURN_IF_ERROR(tx.accounts().RevokeUserSessions(id, ctx.NowText()));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().GetUser(id));
    ANPEI_RETURN_IF_ERROR(
        Audit(ctx, tx, actor, "user.disable", "user:" + std::to_string(id), before, Canon(r)));
    out = std::move(r);
    return Status::Ok();
  });
}

Result<domain::User> ResetPassword(const AppContext& ctx, const Actor& actor, int64_t id,
                                   const std::string& password) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kAdministrators));
  ANPEI_RETURN_IF_ERROR(CheckPassword(password));
  ANPEI_ASSIGN_OR_RETURN(auto hash, ctx.vault->HashPassword(password));
  return InTx<domain::User>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, domain::User& out) {
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(id));
    const std::string before = Canon(u);
    u.password_hash = hash;
    u.failed_logins = 0;
    u.locked_until.reset();
    ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
    ANPEI_RETURN_IF_ERROR(tx.accounts().RevokeUserSessions(id, ctx.NowText()));
    ANPEI_ASSIGN_OR_RETURN(auto r, tx.accounts().GetUser(id));
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "user.reset_password", "user:" + std::to_string(id),
                                before, Canon(r)));
    out = std::move(r);
    return Status::Ok();
  });
}

Result<std::string> CreateApiToken(const AppContext& ctx, const Actor& actor, int64_t user_id,
                                   const std::string& name) {
  if (!actor.Has(domain::kRoleSystem)) {
    return Status(Code::kPermissionDenied, "API 令牌只能由运维人员用 anpei user token 签发");
  }
  const std::string token = ctx.vault->NewToken();
  Status st = ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(user_id));
    ANPEI_RETURN_IF_ERROR(tx.accounts().InsertApiToken(
        {ctx.vault->TokenHash(token), user_id, name, ctx.NowText(), std::nullopt}));
    return Audit(ctx, tx, actor, "user.api_token", "user:" + std::to_string(user_id), "", "",
                 "签发 API 令牌：" + name);
  });
  if (!st.ok()) return st;
  return token;
}

}  // namespace anpei::app
