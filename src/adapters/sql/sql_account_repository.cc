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
      "disabled_at, failed_logins, locked_until, version, created_at FROM users";
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
    u.version = r.Int("version");
    u.created_at = r.Str("created_at");
    ANPEI_ASSIGN_OR_RETURN(
        auto roles, Q("SELECT role FROM user_roles WHERE user_id = ? ORDER BY role", {Int(u.id)}));
    for (RowRef row : Rows(roles)) u.roles.push_back(row.Str("role"));
    return u;
  }
  Result<std::optional<domain::User>> FindUserByName(std::string_view username) override {
    ANPEI_ASSIGN_OR_RETURN(auto r,
                           Q(std::string(kUserColumns) + " WHERE username = ?", {Str(username)}));
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
        return Status(Code::kConflict, "用户名「" + u.username + "」已被使用", "username");
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
                  "locked_until = ?, version = version + 1 WHERE id = ?",
                  {Str(u.password_hash), OptStr(u.disabled_at), Int(u.failed_logins),
                   OptStr(u.locked_until), Int(u.id)}));
    if (r.affected == 0) return NotFoundId("用户", u.id);
    return Status::Ok();
  }
  Status InsertSession(const domain::Session& x) override {
    return Q("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {Str(x.token_hash), Int(x.user_id), Str(x.csrf_token), Str(x.created_at),
              Str(x.expires_at)})
        .status();
  }
  Result<std::optional<domain::Session>> FindSession(std::string_view token_hash) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT token_hash, user_id, csrf_token, created_at, expires_at, revoked_at "
                  "FROM sessions WHERE token_hash = ?",
                  {Str(token_hash)}));
    if (r.rows.empty()) return std::optional<domain::Session>();
    const RowRef row = Rows(r).front();
    return std::optional<domain::Session>(
        domain::Session{row.Str("token_hash"), row.Int("user_id"), row.Str("csrf_token"),
                        row.Str("created_at"), row.Str("expires_at"), row.Opt("revoked_at")});
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
    return Q("INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)",
             {Str(t.token_hash), Int(t.user_id), Str(t.name), Str(t.created_at)})
        .status();
  }
  Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT token_hash, user_id, name, created_at, revoked_at FROM api_tokens "
                  "WHERE token_hash = ?",
                  {Str(token_hash)}));
    if (r.rows.empty()) return std::optional<domain::ApiToken>();
    const RowRef row = Rows(r).front();
    return std::optional<domain::ApiToken>(
        domain::ApiToken{row.Str("token_hash"), row.Int("user_id"), row.Str("name"),
                         row.Str("created_at"), row.Opt("revoked_at")});
  }
};

}  // namespace

std::unique_ptr<ports::AccountRepository> MakeAccountRepository(ports::SqlConnection& conn,
                                                                const ports::Vault& vault) {
  return std::make_unique<SqlAccountRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
