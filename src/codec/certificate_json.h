// JSON of certificates (docs/openapi.yaml, "Certificate", "PublicCertificate",
// "CertificateKeys", "CertificateStatusList"; issue 15 Deliver 2) and of the requests that change
// them (issue: an optional version; revoke: the reason).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/certificates.h"

namespace anpei::codec {

std::string CertificatesToJson(const std::vector<domain::Certificate>& items);
std::string CertificateToJson(const domain::Certificate& certificate);
std::string PublicCertificateToJson(const app::PublicCertificate& view);
std::string CertificateKeysToJson(const std::vector<domain::CertificateKey>& keys);
std::string StatusListToJson(const app::StatusList& list);

// {"version":N} or an empty body: the class version the reviewer saw, when given.
Result<std::optional<int64_t>> ParseIssueCertificates(std::string_view body);
// {"reason":"…"}: the reason (checked by the use case).
Result<std::string> ParseRevokeCertificate(std::string_view body);

}  // namespace anpei::codec
