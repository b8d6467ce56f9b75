// SQL adapter of ports::CertificateRepository: certificates, their number series and the published
// signing keys (migration 0026). Portable SQL; one instance per transaction (see sql_store.h).
#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

using domain::Certificate;

constexpr std::string_view kSelect =
    "SELECT ce.id, ce.number, ce.policy_id, ce.class_id, ce.person_id, cl.institution_id, "
    "i.district_code, cl.title AS class_title, ce.code, ce.fields_json, ce.signature, ce.key_id, "
    "ce.status_index, ce.issued_at, ce.issued_by_user, ce.revoked_at, ce.revoked_reason, "
    "ce.revoked_by_user FROM certificates ce JOIN classes cl ON cl.id = ce.class_id "
    "JOIN institutions i ON i.id = cl.institution_id ";

Result<Certificate> CertificateOf(const RowRef& row) {
  Certificate c;
  c.id = row.Int("id");
  c.number = row.Str("number");
  c.policy_id = row.Str("policy_id");
  c.class_id = row.Int("class_id");
  c.person_id = row.Int("person_id");
  c.institution_id = row.Int("institution_id");
  c.district_code = row.Str("district_code");
  c.class_title = row.Str("class_title");
  c.code = row.Str("code");
  c.fields_json = row.Str("fields_json");
  auto fields = domain::ParseCanonicalFields(c.fields_json);
  if (!fields) {
    return Status(Code::kInternal, "证书 " + c.number + " 的内容字段不是规范格式（数据被改动）");
  }
  c.fields = std::move(*fields);
  c.signature = row.Str("signature");
  c.key_id = row.Str("key_id");
  c.status_index = row.Int("status_index");
  c.issued_at = row.Str("issued_at");
  c.issued_by_user = row.Int("issued_by_user");
  c.revoked_at = row.Opt("revoked_at");
  c.revoked_reason = row.Str("revoked_reason");
  if (row.Opt("revoked_by_user")) c.revoked_by_user = row.Int("revoked_by_user");
  return c;
}

class SqlCertificateRepository final : public ports::CertificateRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<std::pair<std::string, int64_t>> NextNumber(const std::string& policy_id,
                                                     const std::string& prefix) override {
    // The UPDATE takes the series' row lock first, so concurrent issuers queue on it.
    ANPEI_ASSIGN_OR_RETURN(auto u, Q("UPDATE certificate_series SET next_no = next_no + 1 "
                                     "WHERE policy_id = ? RETURNING prefix, next_no",
                                     {Str(policy_id)}));
    if (!u.rows.empty()) {
      const RowRef row = Rows(u).front();
      return std::pair{row.Str("prefix"), row.Int("next_no") - 1};
    }
    ANPEI_RETURN_IF_ERROR(
        Q("INSERT INTO certificate_series (policy_id, prefix, next_no) VALUES (?, ?, 2)",
          {Str(policy_id), Str(prefix)})
            .status());
    return std::pair{prefix, int64_t{1}};
  }

  Result<int64_t> NextStatusIndex() override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT COALESCE(MAX(status_index), -1) + 1 AS next_index FROM certificates"));
    return Rows(r).front().Int("next_index");
  }

  Result<int64_t> InsertCertificate(const Certificate& c) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("INSERT INTO certificates (number, policy_id, class_id, person_id, code, fields_json, "
          "signature, key_id, status_index, issued_at, issued_by_user) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Str(c.number), Str(c.policy_id), Int(c.class_id), Int(c.person_id), Str(c.code),
           Str(c.fields_json), Str(c.signature), Str(c.key_id), Int(c.status_index),
           Str(c.issued_at), Int(c.issued_by_user)}));
    return Rows(r).front().Int("id");
  }

  Result<Certificate> GetCertificate(int64_t id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kSelect) + "WHERE ce.id = ?", {Int(id)}));
    if (r.rows.empty()) return NotFoundId("证书", id);
    return CertificateOf(Rows(r).front());
  }

  Result<std::optional<Certificate>> FindByCode(const std::string& code) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kSelect) + "WHERE ce.code = ?", {Str(code)}));
    if (r.rows.empty()) return std::optional<Certificate>();
    ANPEI_ASSIGN_OR_RETURN(auto c, CertificateOf(Rows(r).front()));
    return std::optional<Certificate>(std::move(c));
  }

  Result<std::vector<Certificate>> ListCertificates(const ports::CertificateFilter& f) override {
    Where w;
    if (f.class_id) w.Add("ce.class_id = ?", Int(*f.class_id));
    if (f.person_id) w.Add("ce.person_id = ?", Int(*f.person_id));
    ANPEI_ASSIGN_OR_RETURN(auto r, Q(std::string(kSelect) + w.sql + " ORDER BY ce.id", w.params));
    std::vector<Certificate> out;
    for (RowRef row : Rows(r)) {
      ANPEI_ASSIGN_OR_RETURN(auto c, CertificateOf(row));
      out.push_back(std::move(c));
    }
    return out;
  }

  Status RevokeCertificate(int64_t id, const std::string& at, const std::string& reason,
                           int64_t by_user) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("UPDATE certificates SET revoked_at = ?, revoked_reason = ?, revoked_by_user = ? "
                  "WHERE id = ? AND revoked_at IS NULL",
                  {Str(at), Str(reason), Int(by_user), Int(id)}));
    if (r.affected > 0) return Status::Ok();
    ANPEI_ASSIGN_OR_RETURN(auto now,
                           Q("SELECT revoked_at FROM certificates WHERE id = ?", {Int(id)}));
    if (now.rows.empty()) return NotFoundId("证书", id);
    return Status(Code::kConflict,
                  "证书已于 " + Rows(now).front().Str("revoked_at") + " 撤销，不能再次撤销",
                  "state")
        .WithReason("certificate.revoked");
  }

  Result<std::pair<int64_t, std::vector<int64_t>>> StatusIndices() override {
    ANPEI_ASSIGN_OR_RETURN(
        auto m, Q("SELECT COALESCE(MAX(status_index), -1) AS highest FROM certificates"));
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT status_index FROM certificates "
                                     "WHERE revoked_at IS NOT NULL ORDER BY status_index"));
    std::vector<int64_t> revoked;
    for (RowRef row : Rows(r)) revoked.push_back(row.Int("status_index"));
    return std::pair{Rows(m).front().Int("highest"), std::move(revoked)};
  }

  Status PublishKey(const domain::CertificateKey& k) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT key_id FROM certificate_keys WHERE key_id = ?", {Str(k.key_id)}));
    if (!r.rows.empty()) return Status::Ok();
    return Q("INSERT INTO certificate_keys (key_id, public_key, first_used_at) VALUES (?, ?, ?)",
             {Str(k.key_id), Str(k.public_key), Str(k.first_used_at)})
        .status();
  }

  Result<std::vector<domain::CertificateKey>> ListKeys() override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT key_id, public_key, first_used_at "
                                     "FROM certificate_keys ORDER BY first_used_at, key_id"));
    std::vector<domain::CertificateKey> out;
    for (RowRef row : Rows(r)) {
      out.push_back({row.Str("key_id"), row.Str("public_key"), row.Str("first_used_at")});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<ports::CertificateRepository> MakeCertificateRepository(ports::SqlConnection& conn,
                                                                        const ports::Vault& vault) {
  return std::make_unique<SqlCertificateRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
