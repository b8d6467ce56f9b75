// Port: certificates (结业证书, issue 15 Deliver 2), their number series and the published signing
// keys. Valid for one transaction (see Store::Run in ports/store.h); not thread-safe. Failures as
// in store.h: NotFound for a missing id, Conflict for a unique constraint (a second certificate
// for one trainee of a class) or a certificate already revoked, Unavailable when the database
// cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/certificate.h"

namespace anpei::ports {

struct CertificateFilter {
  std::optional<int64_t> class_id;
  std::optional<int64_t> person_id;
};

class CertificateRepository {
 public:
  virtual ~CertificateRepository() = default;

  // The next number of the policy's series (1, 2, …), creating the series with `prefix` on first
  // use; returns the series' prefix (a prefix changed in the policy file later applies from then).
  virtual Result<std::pair<std::string, int64_t>> NextNumber(const std::string& policy_id,
                                                             const std::string& prefix) = 0;
  // The next free position in the status list (0, 1, …).
  virtual Result<int64_t> NextStatusIndex() = 0;
  // Inserts; returns the id. The read-only and revocation fields are ignored.
  virtual Result<int64_t> InsertCertificate(const domain::Certificate& certificate) = 0;
  virtual Result<domain::Certificate> GetCertificate(int64_t id) = 0;
  // By the public code (normalised); nullopt when there is none.
  virtual Result<std::optional<domain::Certificate>> FindByCode(const std::string& code) = 0;
  // Ordered by id.
  virtual Result<std::vector<domain::Certificate>> ListCertificates(
      const CertificateFilter& filter) = 0;
  // Records the revocation; Conflict (reason certificate.revoked) when already revoked.
  virtual Status RevokeCertificate(int64_t id, const std::string& at, const std::string& reason,
                                   int64_t by_user) = 0;
  // The status list: the highest index in use (-1 when none) and the revoked ones.
  virtual Result<std::pair<int64_t, std::vector<int64_t>>> StatusIndices() = 0;
  // Publishes a key (no-op when its id is already there) and lists the published ones.
  virtual Status PublishKey(const domain::CertificateKey& key) = 0;
  virtual Result<std::vector<domain::CertificateKey>> ListKeys() = 0;
};

}  // namespace anpei::ports
