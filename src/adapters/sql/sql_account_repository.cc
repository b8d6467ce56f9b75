// SQL adapter of ports::AccountRepository: users and roles, sign-in sessions, API tokens.
// Portable SQL for SQLite and PostgreSQL; one instance per transaction (see sql_store.h).
#include <algorithm>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

class SqlAccountRepository final : public ports::AccountRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  static constexpr std::string_view kUserColumns =
      "SELECT id, username, display_name, password_hash, institution_id, district_code, "
      "disabled_at, failed_logins, locked_until, must_change_password, version, created_at FROM "
      "users";
  Result<domain::User> UserOf(const RowRef& r) {
    domain::User u;
    u.id = r.Int("id");
    u.username = r.Str("username");
    u.display_name = r.Str("display_name");
    u.password_hash = r.Str("password_hash");
    if (r.Opt("institution_id")) u.institution_id = r.Int("institution_id");
    u.district_code = r.Opt("district_code");
    u.disabled_at = r.Opt("disabled_at");
    u.failed_logins = r.Int("failed_logins");
    u.locked_until = r.Opt("locked_until");
    u.must_change_password = r.Int("must_change_password") != 0;
    u.version = r.Int("version");
    u.created_at = r.Str("created_at");
    ANPEI_ASSIGN_OR_RETURN(
        auto roles, Q("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {Int(u.id)}));
    for (RowRef row : Rows(roles)) u.roles.push_back(row.Str("role"));
    return u;
  }
  Result<std::optional<domain::User>> FindUserByName(std::string_view username) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q(std::string(kUserColumns) + " WHERE lower(username) = lower(?)", {Str(username)}));
    if (r.rows.empty()) return std::optional<domain::User>();
    ANPEI_ASSIGN_OR_RETURN(auto u, UserOf(Rows(r).front()));
    return std::optional<domain::User>(std::move(u));
  }
  Result<domain::User> GetUser(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kUserColumns) + " WHERE id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("用户", id);
    return UserOf(Rows(r).front());
  }
  Result<ports::PageOf<domain::User>> ListUsers(const ports::UserFilter& f,
                                                ports::Page page) override {
    Where w;
    if (f.q) {
      w.AddTwo("(username LIKE ? ESCAPE '\\' OR display_name LIKE ? ESCAPE '\\')",
               LikePattern(*f.q), LikePattern(*f.q));
    }
    ports::PageOf<domain::User> out;
    out.page = page;
    ANPEI_RETURN_IF_ERROR(CountPage("FROM users", w, out));
    ANPEI_ASSIGN_OR_RETURN(auto r, SelectPage(kUserColumns, w, {"id"}, page));
    for (RowRef row : Rows(r)) {
      ANPEI_ASSIGN_OR_RETURN(auto u, UserOf(row));
      out.items.push_back(std::move(u));
    }
    FinishPage(out, [](const domain::User& u) { return u.id; });
    return out;
  }
  Result<int64_t> InsertUser(const domain::User& u) override {
    auto r =
        Q("INSERT INTO users (username, display_name, password_hash, institution_id, "
          "district_code, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
          {Str(u.username), Str(u.display_name), Str(u.password_hash),
           u.institution_id ? Int(*u.institution_id) : SqlValue(), OptStr(u.district_code),
           Str(u.created_at)});
    if (!r.ok()) {
      if (r.status().code() == Code::kConflict) {
        return Status(Code::kConflict, "用户名「" + u.username + "」已被使用（不区分大小写）",
                      "username")
            .WithReason("username.taken");
      }
      return r.status();
    }
    const int64_t id = Rows(*r).front().Int("id");
    std::vector<Params> roles;
    for (const auto& role : u.roles) roles.push_back({Int(id), Str(role)});
    ANPEI_RETURN_IF_ERROR(InsertRows("INSERT INTO user_roles (user_id, role)", 2, roles));
    return id;
  }
  Status UpdateUserSecurity(const domain::User& u) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE users SET password_hash = ?, disabled_at = ?, failed_logins = ?, "
                  "locked_until = ?, must_change_password = ?, version = version + 1 WHERE id = ?",
                  {Str(u.password_hash), OptStr(u.disabled_at), Int(u.failed_logins),
                   OptStr(u.locked_until), Int(u.must_change_password ? 1 : 0), Int(u.id)}));
    if (r.affected == 0) return NotFoundId("用户", u.id);
    return Status::Ok();
  }
  Status UpdateUserRoles(const domain::User& u, int64_t expected) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE users SET institution_id = ?, district_code = ?, version = version + 1 "
                  "WHERE id = ? AND version = ?",
                  {u.institution_id ? Int(*u.institution_id) : SqlValue(), OptStr(u.district_code),
                   Int(u.id), Int(expected)}));
    if (r.affected == 0) return Missed("users", "用户", u.id);
    ANPEI_RETURN_IF_ERROR(Q("DELETE FROM user_roles WHERE user_id = ?", {Int(u.id)}).status());
    std::vector<Params> roles;
    for (const auto& role : u.roles) roles.push_back({Int(u.id), Str(role)});
    return InsertRows("INSERT INTO user_roles (user_id, role)", 2, roles);
  }
  Status InsertSession(const domain::Session& x) override {
    return Q("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
             "last_seen_unix) VALUES (?, ?, ?, ?, ?, ?)",
             {Str(x.token_hash), Int(x.user_id), Str(x.csrf_token), Str(x.created_at),
              Str(x.expires_at), Int(x.last_seen_unix)})
        .status();
  }
  Result<std::optional<domain::Session>> FindSession(std::string_view token_hash) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT token_hash, user_id, csrf_token, created_at, expires_at, revoked_at, "
                  "last_seen_unix FROM sessions WHERE token_hash = ?",
                  {Str(token_hash)}));
    if (r.rows.empty()) return std::optional<domain::Session>();
    const RowRef row = Rows(r).front();
    return std::optional<domain::Session>(domain::Session{
        row.Str("token_hash"), row.Int("user_id"), row.Str("csrf_token"), row.Str("created_at"),
        row.Str("expires_at"), row.Opt("revoked_at"), row.Int("last_seen_unix")});
  }
  Status RevokeSession(std::string_view token_hash, std::string_view at) override {
    return Q("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
             {Str(at), Str(token_hash)})
        .status();
  }
  Status RevokeUserSessions(int64_t user_id, std::string_view at) override {
    return Q("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
             {Str(at), Int(user_id)})
        .status();
  }
  Status InsertApiToken(const domain::ApiToken& t) override {
    return Q("INSERT INTO api_tokens (token_hash, public_id, user_id, name, created_at) VALUES "
             "(?, ?, ?, ?, ?)",
             {Str(t.token_hash), Str(t.token_hash.substr(0, 16)), Int(t.user_id), Str(t.name),
              Str(t.created_at)})
        .status();
  }
  static constexpr std::string_view kTokenColumns =
      "SELECT t.token_hash, t.public_id, t.user_id, t.name, t.created_at, t.revoked_at, "
      "u.username FROM api_tokens t JOIN users u ON u.id = t.user_id";
  static domain::ApiToken TokenOf(const RowRef& row) {
    domain::ApiToken t;
    t.id = row.Str("public_id");
    t.token_hash = row.Str("token_hash");
    t.user_id = row.Int("user_id");
    t.name = row.Str("name");
    t.created_at = row.Str("created_at");
    t.revoked_at = row.Opt("revoked_at");
    t.username = row.Str("username");
    return t;
  }
  Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) override {
    // One table only (the owner's name is not needed to authenticate): a plain lookup by key.
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q("SELECT token_hash, public_id, user_id, name, created_at, revoked_at, "
                             "CAST('' AS TEXT) AS username FROM api_tokens WHERE token_hash = ?",
                             {Str(token_hash)}));
    if (r.rows.empty()) return std::optional<domain::ApiToken>();
    return std::optional<domain::ApiToken>(TokenOf(Rows(r).front()));
  }
  Result<std::vector<domain::ApiToken>> ListApiTokens(std::optional<int64_t> user_id) override {
    Params params;
    std::string sql(kTokenColumns);
    if (user_id) {
      sql += " WHERE t.user_id = ?";
      params.push_back(Int(*user_id));
    }
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(sql + " ORDER BY t.created_at DESC, t.public_id", params));
    std::vector<domain::ApiToken> out;
    for (RowRef row : Rows(r)) out.push_back(TokenOf(row));
    return out;
  }
  Result<domain::ApiToken> GetApiToken(std::string_view public_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kTokenColumns) + " WHERE t.public_id = ?", {Str(public_id)}));
    if (r.rows.empty()) {
      return Status::NotFound("API 令牌「" + std::string(public_id) + "」不存在", "id");
    }
    return TokenOf(Rows(r).front());
  }
  Status RevokeApiToken(std::string_view public_id, std::string_view at) override {
    return Q("UPDATE api_tokens SET revoked_at = ? WHERE public_id = ? AND revoked_at IS NULL",
             {Str(at), Str(public_id)})
        .status();
  }
  Status TouchSession(std::string_view token_hash, int64_t unix_seconds) override {
    return Q("UPDATE sessions SET last_seen_unix = ? WHERE token_hash = ?",
             {Int(unix_seconds), Str(token_hash)})
        .status();
  }
  Status RevokeOtherSessions(int64_t user_id, std::string_view keep, std::string_view at) override {
    return Q("UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND token_hash <> ? AND "
             "revoked_at IS NULL",
             {Str(at), Int(user_id), Str(keep)})
        .status();
  }
  Result<domain::ThrottleState> LockThrottle(std::string_view key, int64_t now) override {
    // Create the row if new, then take its lock (a no-op update) before reading it.
    ANPEI_RETURN_IF_ERROR(Q("INSERT INTO sign_in_throttle (throttle_key, window_start, last_at) "
                            "VALUES (?, ?, ?) ON CONFLICT (throttle_key) DO NOTHING",
                            {Str(key), Int(now), Int(now)})
                              .status());
    ANPEI_RETURN_IF_ERROR(
        Q("UPDATE sign_in_throttle SET attempts = attempts WHERE throttle_key = ?", {Str(key)})
            .status());
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT throttle_key, attempts, window_start, strikes, "
                                     "locked_until, last_at FROM sign_in_throttle WHERE "
                                     "throttle_key = ?",
                                     {Str(key)}));
    if (r.rows.empty()) return Status(Code::kUnavailable, "登录限流记录丢失，请重试");
    const RowRef row = Rows(r).front();
    return domain::ThrottleState{row.Str("throttle_key"), row.Int("attempts"),
                                 row.Int("window_start"), row.Int("strikes"),
                                 row.Int("locked_until"), row.Int("last_at")};
  }
  Status SaveThrottle(const domain::ThrottleState& s) override {
    return Q("UPDATE sign_in_throttle SET attempts = ?, window_start = ?, strikes = ?, "
             "locked_until = ?, last_at = ? WHERE throttle_key = ?",
             {Int(s.attempts), Int(s.window_start), Int(s.strikes), Int(s.locked_until),
              Int(s.last_at), Str(s.key)})
        .status();
  }
  Status ClearThrottlesOf(std::string_view name) override {
    const std::string pair = "na:" + std::string(name) + "@";
    return Q("DELETE FROM sign_in_throttle WHERE throttle_key = ? OR substr(throttle_key, 1, ?) = "
             "?",
             {Str("n:" + std::string(name)), Int(static_cast<int64_t>(pair.size())), Str(pair)})
        .status();
  }
  Result<std::vector<domain::ThrottleState>> ListThrottles(int64_t since, int64_t limit) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT throttle_key, attempts, window_start, strikes, "
                                     "locked_until, last_at FROM sign_in_throttle WHERE "
                                     "last_at >= ? OR locked_until > ? ORDER BY throttle_key "
                                     "LIMIT ?",
                                     {Int(since), Int(since), Int(limit)}));
    std::vector<domain::ThrottleState> out;
    for (RowRef row : Rows(r)) {
      out.push_back(domain::ThrottleState{row.Str("throttle_key"), row.Int("attempts"),
                                          row.Int("window_start"), row.Int("strikes"),
                                          row.Int("locked_until"), row.Int("last_at")});
    }
    return out;
  }
  Status ForgetThrottles(int64_t before) override {
    return Q("DELETE FROM sign_in_throttle WHERE last_at < ? AND locked_until < ?",
             {Int(before), Int(before)})
        .status();
  }
};

}  // namespace

std::unique_ptr<ports::AccountRepository> MakeAccountRepository(ports::SqlConnection& conn,
                                                                const ports::Vault& vault) {
  return std::make_unique<SqlAccountRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
