// Certificates (职业培训结业证书, domain.md §3, 三（一）4) as plain values: the material fields a
// certificate attests, their canonical bytes (what is signed and carried in the QR code), the
// number series, the public verification code and the revocation status list's bits. No I/O, no
// cryptography: the app signs the canonical bytes with the vault (Ed25519) and stores them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anpei::domain {

// The material fields: what the paper says and a verifier compares. The holder's name is masked
// (张*): the certificate's public side never carries personal data beyond that.
struct CertificateFields {
  std::string number;           // QZAB-2026-000001
  std::string holder;           // masked name, 张*
  std::string occupation;       // policy occupation id, security_guard
  std::string occupation_name;  // 保安员
  std::string level;            // 五级/初级工
  std::string institution;      // the institution's name
  std::string class_start;      // YYYY-MM-DD (first session)
  std::string class_end;        // YYYY-MM-DD (last session)
  std::string issued;           // YYYY-MM-DD (issue date, UTC+8)
  std::string policy;           // quanzhou-2021-177
  bool operator==(const CertificateFields&) const = default;
};

// The canonical bytes of the fields, version 1: a JSON object with the keys in this order
// (alphabetical) — class_end, class_start, holder, institution, issued, level, number, occupation,
// occupation_name, policy, v — string values (v the number 1), no spaces, UTF-8 as is, only `"`
// and `\` and control characters escaped (\", \\, \uXXXX lower-case hex). One set of fields has
// exactly one encoding, so a verifier re-encodes nothing: it checks the signature over the bytes.
std::string CanonicalFields(const CertificateFields& fields);
// Parses canonical bytes back; nullopt unless `bytes` is exactly the canonical encoding of some
// fields (so an edited or re-spaced `d` is refused, not silently accepted).
std::optional<CertificateFields> ParseCanonicalFields(std::string_view bytes);

// Each field as {key, Chinese label, value}, in the order the paper and the page show them.
struct LabelledField {
  std::string key, label, value;
};
std::vector<LabelledField> LabelledFields(const CertificateFields& fields);

// PREFIX-YEAR-NNNNNN (at least six digits). The prefix is the policy's (policy file,
// [certificates] number_prefix), the year the issue year, the sequence the policy's series.
std::string CertificateNumber(std::string_view prefix, int year, int64_t sequence);
// A prefix is 2–8 upper-case ASCII letters or digits.
bool IsValidNumberPrefix(std::string_view prefix);

// The public verification code: 16 characters of Crockford's base32 (0-9, A-Z without I L O U),
// 80 bits from `random` (at least 10 bytes; the first 10 used). Carries no personal data.
std::string CertificateCode(std::string_view random);
// A code as a person may type it: case-insensitive, hyphens and spaces ignored, I/L read as 1 and
// O as 0 (Crockford). nullopt unless it is then 16 valid characters.
std::optional<std::string> NormalizeCertificateCode(std::string_view text);

// The revocation status list (W3C Bitstring Status List style): bit i set = the certificate with
// status_index i is revoked; bit 0 is the most significant bit of byte 0. The list is at least
// kMinStatusListBits long (16 KiB), so that it is the same size whichever certificate a verifier
// looks at, and grows in whole multiples of it.
inline constexpr int64_t kMinStatusListBits = 131072;
std::string StatusListBits(int64_t highest_index, const std::vector<int64_t>& revoked);
// Whether bit `index` is set (false past the end).
bool StatusListBit(std::string_view bits, int64_t index);

// The bytes the status list's signature covers: "anpei-status-list/v1\n" + issued_at + "\n" +
// the encoded list (base64url of the gzip).
std::string StatusListSigningInput(std::string_view issued_at, std::string_view encoded_list);

// RFC 4648 §5 base64url without padding, and back (nullopt for anything else, padding included).
std::string Base64Url(std::string_view bytes);
std::optional<std::string> FromBase64Url(std::string_view text);

// Key id of a public key: the first 8 bytes of its SHA-256, lower-case hex (from the hex digest).
std::string KeyIdFromSha256Hex(std::string_view sha256_hex);

// An issued certificate as stored (migration 0026). fields_json is the canonical bytes as signed;
// `fields` their parsed form.
struct Certificate {
  int64_t id = 0;
  std::string number;
  std::string policy_id;
  int64_t class_id = 0;
  int64_t person_id = 0;
  int64_t institution_id = 0;  // read-only, the class's
  std::string district_code;   // read-only, the class's institution's
  std::string class_title;     // read-only, joined
  std::string code;
  std::string fields_json;
  CertificateFields fields;
  std::string signature;  // base64url
  std::string key_id;
  int64_t status_index = 0;
  std::string issued_at;
  int64_t issued_by_user = 0;
  std::optional<std::string> revoked_at;
  std::string revoked_reason;
  std::optional<int64_t> revoked_by_user;
  bool revoked() const { return revoked_at.has_value(); }
};

// A published signing key (certificate_keys).
struct CertificateKey {
  std::string key_id;
  std::string public_key;  // base64url of the 32 bytes
  std::string first_used_at;
};

// The signing context of certificates and of the status list (the vault derives the key pair).
inline constexpr std::string_view kCertificateSigningContext = "certificates.v1";

// Limits of the revocation reason.
inline constexpr size_t kMaxRevokeReasonChars = 500;

}  // namespace anpei::domain
