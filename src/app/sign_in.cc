// Sign-in, sessions and the user's own password (issue 9): throttled attempts counted before the
// password is checked, the same answer and Argon2 effort for unknown names, idle timeout and
// absolute lifetime, forced change after a reset.
#include "app/account_support.h"
#include "app/accounts.h"
#include "app/audit_log.h"

namespace anpei::app {
namespace {

using ports::TxMode;
using namespace account;

Status BadCredentials() {
  return Status(Code::kUnauthenticated, "用户名或密码错误").WithReason("session.bad_credentials");
}

// One attempt's first transaction: the throttle's verdict and the account, if usable.
struct Attempt {
  int64_t blocked_until = 0;
  std::optional<domain::User> user;  // absent for an unknown name or a disabled account
  bool disabled = false;
};

Result<Attempt> Begin(const AppContext& ctx, const ThrottleKeys& keys, const std::string& username,
                      const std::string& remote) {
  return InTx<Attempt>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, Attempt& out) {
    ANPEI_ASSIGN_OR_RETURN(out.blocked_until, ReserveAttempt(ctx, tx, keys));
    if (out.blocked_until != 0) {
      Actor attempt;
      attempt.user = username.substr(0, 64);
      return Audit(ctx, tx, attempt, "session.sign_in_throttled", "user:" + attempt.user, "", "",
                   "登录尝试过多，暂不校验密码；来自 " + remote);
    }
    ANPEI_ASSIGN_OR_RETURN(auto found, tx.accounts().FindUserByName(username));
    out.disabled = found && found->disabled_at;
    if (found && !out.disabled) out.user = std::move(found);
    return Status::Ok();
  });
}

// Opens a session for `u` in `tx` into `out`.
Status OpenSession(const AppContext& ctx, ports::StoreTx& tx, domain::User u, SignedIn& out) {
  u.failed_logins = 0;
  u.locked_until.reset();
  ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
  out.token = ctx.vault->NewToken();
  out.csrf_token = ctx.vault->NewToken();
  out.expires_at = At(ctx, ctx.security.session_lifetime_s);
  domain::Session session{ctx.vault->TokenHash(out.token),
                          u.id,
                          out.csrf_token,
                          ctx.NowText(),
                          out.expires_at,
                          std::nullopt,
                          ctx.Now().unix_seconds};
  ANPEI_RETURN_IF_ERROR(tx.accounts().InsertSession(session));
  out.user = std::move(u);
  return Status::Ok();
}

}  // namespace

Result<SignedIn> SignIn(const AppContext& ctx, const std::string& username,
                        const std::string& password, const std::string& remote,
                        int64_t* retry_after_s) {
  if (username.empty()) return Status::Invalid("username", "请填写用户名");
  if (password.empty()) return Status::Invalid("password", "请填写密码");
  const ThrottleKeys keys = KeysOf(ctx, username, remote);
  // Count the attempt first (so parallel guesses cannot pass the limit), then verify outside any
  // transaction (Argon2id takes a while and must not hold the store's write lock), then record.
  ANPEI_ASSIGN_OR_RETURN(Attempt a, Begin(ctx, keys, username, remote));
  if (a.blocked_until != 0) return Throttled(ctx, a.blocked_until, retry_after_s);
  bool good = false;
  if (a.user) {
    good = ctx.vault->VerifyPassword(a.user->password_hash, password);
  } else {
    SpendDummyVerify(ctx, password);
  }
  SignedIn out;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(const std::string locked, FinishAttempt(ctx, tx, keys, good));
    if (!good) {
      Actor attempt;
      attempt.user = a.user ? a.user->username : username.substr(0, 64);
      const std::string why = a.user ? "密码错误" : a.disabled ? "账号已停用" : "无此用户名";
      const std::string target =
          a.user ? "user:" + std::to_string(a.user->id) : "user:" + attempt.user;
      return Audit(ctx, tx, attempt, "session.sign_in_failed", target, "", "",
                   why + "；来自 " + remote + locked);
    }
    // The account as it is now, not as read before hashing.
    ANPEI_ASSIGN_OR_RETURN(domain::User u, tx.accounts().GetUser(a.user->id));
    ANPEI_RETURN_IF_ERROR(OpenSession(ctx, tx, std::move(u), out));
    return Audit(ctx, tx, ActorOf(out.user), "session.sign_in",
                 "user:" + std::to_string(out.user.id), "", "", "来自 " + remote);
  }));
  if (!good) return BadCredentials();
  return out;
}

Result<Authenticated> AuthenticateSession(const AppContext& ctx, const std::string& token) {
  if (token.empty()) return Status(Code::kUnauthenticated, "请先登录");
  const int64_t now = ctx.Now().unix_seconds;
  const std::string hash = ctx.vault->TokenHash(token);
  bool touch = false;
  ANPEI_ASSIGN_OR_RETURN(
      auto out, InTx<Authenticated>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, auto& out) {
        ANPEI_ASSIGN_OR_RETURN(auto s, tx.accounts().FindSession(hash));
        if (!s || s->revoked_at || !Future(ctx, s->expires_at)) {
          return Status(Code::kUnauthenticated, "登录已失效，请重新登录")
              .WithReason("session.expired");
        }
        if (s->last_seen_unix > 0 && now - s->last_seen_unix >= ctx.security.session_idle_s) {
          return Status(Code::kUnauthenticated,
                        "已超过 " + std::to_string(ctx.security.session_idle_s / 60) +
                            " 分钟未操作，已自动退出，请重新登录")
              .WithReason("session.idle_timeout");
        }
        ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(s->user_id));
        if (u.disabled_at) return Status(Code::kUnauthenticated, "账号已停用");
        out.actor = ActorOf(u);
        out.csrf_token = s->csrf_token;
        out.must_change_password = u.must_change_password;
        touch = now - s->last_seen_unix >= 60;  // written at most once a minute
        return Status::Ok();
      }));
  if (touch) {
    ANPEI_RETURN_IF_ERROR(ctx.store->Run(
        TxMode::kWrite, [&](ports::StoreTx& tx) { return tx.accounts().TouchSession(hash, now); }));
  }
  return out;
}

Result<Authenticated> AuthenticateToken(const AppContext& ctx, const std::string& token) {
  if (token.empty()) return Status(Code::kUnauthenticated, "请先登录");
  return InTx<Authenticated>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Authenticated& out) {
    ANPEI_ASSIGN_OR_RETURN(auto t, tx.accounts().FindApiToken(ctx.vault->TokenHash(token)));
    if (!t || t->revoked_at) {
      return Status(Code::kUnauthenticated, "API 令牌无效或已撤销").WithReason("token.revoked");
    }
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(t->user_id));
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

Status ChangeOwnPassword(const AppContext& ctx, const Actor& actor, const std::string& token,
                         const std::string& current, const std::string& next,
                         const std::string& remote, int64_t* retry_after_s) {
  if (!actor.SignedIn() || token.empty()) return Status(Code::kUnauthenticated, "请先登录");
  if (current.empty()) return Status::Invalid("current_password", "请填写当前密码");
  ANPEI_RETURN_IF_ERROR(CheckPassword(ctx, next, actor.user, "new_password"));
  if (next == current) {
    return Status::Invalid("new_password", "新密码不能与当前密码相同")
        .WithReason("password.unchanged");
  }
  const ThrottleKeys keys = KeysOf(ctx, actor.user, remote);
  ANPEI_ASSIGN_OR_RETURN(Attempt a, Begin(ctx, keys, actor.user, remote));
  if (a.blocked_until != 0) return Throttled(ctx, a.blocked_until, retry_after_s);
  if (!a.user) return Status(Code::kUnauthenticated, "账号已停用");
  const bool good = ctx.vault->VerifyPassword(a.user->password_hash, current);
  std::string hash;
  if (good) {
    ANPEI_ASSIGN_OR_RETURN(hash, ctx.vault->HashPassword(next));
  }
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(const std::string locked, FinishAttempt(ctx, tx, keys, good));
    const std::string target = "user:" + std::to_string(actor.user_id);
    if (!good) {
      return Audit(ctx, tx, actor, "user.change_password_failed", target, "", "",
                   "当前密码错误；来自 " + remote + locked);
    }
    ANPEI_ASSIGN_OR_RETURN(auto u, tx.accounts().GetUser(actor.user_id));
    const std::string before = Canon(u);
    u.password_hash = hash;
    u.must_change_password = false;
    ANPEI_RETURN_IF_ERROR(tx.accounts().UpdateUserSecurity(u));
    ANPEI_RETURN_IF_ERROR(tx.accounts().RevokeOtherSessions(
        actor.user_id, ctx.vault->TokenHash(token), ctx.NowText()));
    ANPEI_ASSIGN_OR_RETURN(auto after, tx.accounts().GetUser(actor.user_id));
    return Audit(ctx, tx, actor, "user.change_password", target, before, Canon(after),
                 "本人修改密码，其他会话已注销；来自 " + remote);
  }));
  if (!good) {
    return Status::Invalid("current_password", "当前密码不正确")
        .WithReason("password.current_wrong");
  }
  return Status::Ok();
}

}  // namespace anpei::app
