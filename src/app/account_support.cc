#include "app/account_support.h"

#include <algorithm>

#include "domain/password_policy.h"

namespace anpei::app::account {

std::string At(const AppContext& ctx, int64_t plus_seconds) {
  return domain::FormatTimestamp({ctx.Now().unix_seconds + plus_seconds}, ctx.LocalOffset());
}

bool Future(const AppContext& ctx, const std::optional<std::string>& text) {
  if (!text) return false;
  auto t = domain::ParseTimestamp(*text, "time");
  return t.ok() && t->unix_seconds > ctx.Now().unix_seconds;
}

Actor ActorOf(const domain::User& u) {
  Actor a;
  a.user_id = u.id;
  a.user = u.username;
  a.display_name = u.display_name;
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
         (u.must_change_password ? "must_change" : "") + "\x1f" + std::to_string(u.version);
  return out;
}

Status CheckPassword(const AppContext& ctx, const std::string& password,
                     const std::string& username, const std::string& field) {
  static const domain::CommonPasswords kNone;
  return domain::CheckPasswordPolicy(
      password, username, ctx.reference ? ctx.reference->common_passwords() : kNone, field);
}

std::string ClientAddress(const std::string& remote) {
  if (remote.starts_with('[')) {
    const size_t close = remote.find(']');
    return close == std::string::npos ? remote : remote.substr(1, close - 1);
  }
  const size_t colon = remote.find(':');
  if (colon != std::string::npos && remote.find(':', colon + 1) == std::string::npos) {
    return remote.substr(0, colon);  // IPv4 with a port
  }
  return remote;  // an address alone (IPv4, or IPv6 without brackets)
}

ThrottleKeys KeysOf(const AppContext& ctx, const std::string& username, const std::string& remote) {
  const std::string name = domain::AsciiLower(username.substr(0, 64));
  const std::string address = ClientAddress(remote).substr(0, 64);
  ThrottleKeys k;
  k.keys.emplace_back("na:" + name + "@" + address, &ctx.security.name_at_address);
  k.keys.emplace_back("a:" + address, &ctx.security.address);
  k.keys.emplace_back("n:" + name, &ctx.security.name);
  return k;
}

Result<int64_t> ReserveAttempt(const AppContext& ctx, ports::StoreTx& tx, const ThrottleKeys& k) {
  const int64_t now = ctx.Now().unix_seconds;
  std::vector<domain::ThrottleState> states;
  int64_t until = 0;
  for (const auto& [key, rule] : k.keys) {
    ANPEI_ASSIGN_OR_RETURN(auto s, tx.accounts().LockThrottle(key, now));
    domain::DecayThrottle(s, *rule, now);
    until = std::max(until, domain::ThrottleBlockedUntil(s, *rule, now));
    states.push_back(std::move(s));
  }
  if (until != 0) return until;
  for (auto& s : states) {
    domain::ReserveAttempt(s, now);
    ANPEI_RETURN_IF_ERROR(tx.accounts().SaveThrottle(s));
  }
  return int64_t{0};
}

Result<std::string> FinishAttempt(const AppContext& ctx, ports::StoreTx& tx, const ThrottleKeys& k,
                                  bool good) {
  const int64_t now = ctx.Now().unix_seconds;
  std::string note;
  for (const auto& [key, rule] : k.keys) {
    ANPEI_ASSIGN_OR_RETURN(auto s, tx.accounts().LockThrottle(key, now));
    if (!good) {
      const int64_t before = s.locked_until;
      domain::RecordFailure(s, *rule, now);
      if (s.locked_until != before) {
        note +=
            "；" + key + " 锁定至 " + domain::FormatTimestamp({s.locked_until}, ctx.LocalOffset());
      }
    } else if (key.starts_with("a:")) {
      domain::ReleaseAttempt(s);  // the address keeps its other failures
    } else {
      s = domain::ThrottleState{key, 0, now, 0, 0, now};  // the name proved its password
    }
    ANPEI_RETURN_IF_ERROR(tx.accounts().SaveThrottle(s));
  }
  // Keys quiet for a day are of no use any more.
  ANPEI_RETURN_IF_ERROR(tx.accounts().ForgetThrottles(now - 24 * 3600));
  return note;
}

Status Throttled(const AppContext& ctx, int64_t until, int64_t* retry_after_s) {
  const int64_t now = ctx.Now().unix_seconds;
  if (retry_after_s) *retry_after_s = std::max<int64_t>(1, until - now);
  std::string when = domain::FormatTimestamp({until}, ctx.LocalOffset()).substr(0, 16);
  when[10] = ' ';
  return Status(Code::kResourceExhausted, "登录失败次数过多，已暂时锁定至 " + when +
                                              "，请稍后再试；如忘记密码请联系管理员重设")
      .WithReason("session.throttled");
}

void SpendDummyVerify(const AppContext& ctx, const std::string& password) {
  static const std::string dummy = [&] {
    auto h = ctx.vault->HashPassword("timing-equaliser-not-a-password");
    return h.ok() ? *h : std::string();
  }();
  (void)ctx.vault->VerifyPassword(dummy, password);
}

}  // namespace anpei::app::account
