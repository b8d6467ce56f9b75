// Certificates (结业证书, 三（一）4; issue 15, Deliver 2): issued for the approved eligible
// trainees of a class whose completion was approved (app/completion.h), each with a number of its
// policy's series, a random public code, and an Ed25519 signature (the vault's key pair for
// domain::kCertificateSigningContext) over its canonical material fields (domain/certificate.h).
// Printed as a PDF whose QR code carries the verification URL with the signed fields, so anyone
// can verify it offline with the published key; verified online at /verify/{code}; revoked with
// a reason; published as a signed revocation status list that every verifier downloads whole.
//
// Authorisation as everywhere (app/authorize.h): 401 unsigned, 404 outside scope (word for word a
// missing class or certificate), 403 for a role that sees it but may not act. Every change is one
// transaction and audited (certificate.issue, certificate.revoke).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/certificate.h"

namespace anpei::app {

// Who issues and revokes: the reviewer of the class's district and the city bureau.
inline constexpr std::initializer_list<std::string_view> kCertificateIssuers = {
    domain::kRoleReviewer, domain::kRolePoliceAdmin};
// Who reads a class's certificates: its institution, the police of its district, the city
// bureau, 人社 and auditors (not 财政).
inline constexpr std::initializer_list<std::string_view> kCertificateReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};

// Issues one certificate per approved eligible trainee of a completion_approved class and moves
// the class to certified, in one transaction (audited as certificate.issue). `version`, when
// given, must be the class's (409 version.stale otherwise). Another state: 409
// class.state_conflict; no approved trainee: 409 certificate.none.
Result<std::vector<domain::Certificate>> IssueCertificates(const AppContext& ctx,
                                                           const Actor& actor, int64_t class_id,
                                                           std::optional<int64_t> version);

Result<std::vector<domain::Certificate>> ListClassCertificates(const AppContext& ctx,
                                                               const Actor& actor,
                                                               int64_t class_id);

// The certificate as a PDF with its QR code. `request_base` is the scheme and host the request
// came to (https://example.org), used when the server has no configured public URL. The PDF
// carries the holder's full name, so each download is audited (certificate.download).
struct CertificateFile {
  std::string pdf;
  std::string file_name;  // 结业证书-QZAB-2026-000001.pdf
};
Result<CertificateFile> CertificatePdf(const AppContext& ctx, const Actor& actor, int64_t id,
                                       const std::string& request_base);

// Revokes with a reason (required, at most 500 characters); audited as certificate.revoke.
// Already revoked: 409 certificate.revoked.
Result<domain::Certificate> RevokeCertificate(const AppContext& ctx, const Actor& actor, int64_t id,
                                              std::string reason);

// The trainee's own certificates (a trainee session, app/attendance.h); 401 otherwise.
Result<std::vector<domain::Certificate>> MyCertificates(const AppContext& ctx, const Actor& actor);

// The verification URL printed in the QR code: BASE/verify/CODE?d=<base64url of the canonical
// fields>&s=<base64url of the signature>. BASE is the configured public URL, else request_base.
std::string VerificationUrl(const AppContext& ctx, const domain::Certificate& certificate,
                            const std::string& request_base);

// Public, no sign-in. What the QR code's d and s say, when given: whether s is a valid signature
// of d by the certificate's published key, whether d is the record's fields byte for byte, and d's
// fields (when d parses) for a field-by-field comparison.
struct QrCheck {
  bool signature_valid = false;
  bool matches_record = false;
  std::optional<domain::CertificateFields> fields;
};
struct PublicCertificate {
  domain::Certificate certificate;
  bool record_signature_valid = false;  // the stored signature over the stored fields
  std::optional<QrCheck> qr;
  std::string policy_document;  // the policy's document number (泉公综〔2021〕177号), for people
};
// NotFound (reason certificate.not_found) for a malformed or unknown code.
Result<PublicCertificate> VerifyCertificate(const AppContext& ctx, const std::string& code,
                                            const std::optional<std::string>& d,
                                            const std::optional<std::string>& s);

// Every published signing key (the current one first published on first use; listed even before).
Result<std::vector<domain::CertificateKey>> CertificateKeys(const AppContext& ctx);

// The revocation status list (domain::StatusListBits), gzip'd and base64url-encoded, with the
// time it was made and an Ed25519 signature over domain::StatusListSigningInput.
struct StatusList {
  std::string issued_at;
  std::string encoded_list;
  int64_t size_bits = 0;
  std::string key_id;
  std::string signature;  // base64url
};
Result<StatusList> CertificateStatusList(const AppContext& ctx);

}  // namespace anpei::app
