// Port: the keyed cryptography that protects personal data and the audit trail (domain.md §8).
// One master key (from a key file) yields separate subkeys for sealing, blind indexes and the
// audit chain. Implementations are immutable after construction and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace anpei::ports {

class Vault {
 public:
  virtual ~Vault() = default;
  // Authenticated encryption of a personal-data value; `context` (e.g. "trainees.id_number") is
  // bound to the ciphertext, so a value copied into another column does not open. Text-safe.
  virtual std::string Seal(std::string_view plaintext, std::string_view context) const = 0;
  // Internal when the value was altered, sealed for another context or with another key.
  virtual Result<std::string> Open(std::string_view sealed, std::string_view context) const = 0;
  // A keyed, deterministic index of a value for exact lookup and uniqueness without storing it.
  virtual std::string BlindIndex(std::string_view value, std::string_view context) const = 0;
  // The audit chain's link: a keyed MAC of the previous link and this event's record (hex).
  virtual std::string ChainLink(std::string_view previous, std::string_view record) const = 0;
  // A keyed digest (hex) of a text, for the audit trail's before/after digests: keyed, because the
  // texts include personal data and a plain hash of an ID number can be brute-forced.
  virtual std::string Digest(std::string_view text) const = 0;
  // Argon2id (libsodium crypto_pwhash_str, interactive limits): a self-describing hash string.
  virtual Result<std::string> HashPassword(std::string_view password) const = 0;
  virtual bool VerifyPassword(std::string_view hash, std::string_view password) const = 0;
  // A fresh random token (256 bits, URL-safe text) for sessions, CSRF and API tokens.
  virtual std::string NewToken() const = 0;
  // A fresh random identifier in [2^32, 2^53) (exact in a JavaScript number), for rows whose id
  // an outsider must not be able to place in a sequence: a person's id (issue "Trust": an id taken
  // from one sequence told an institution whether the person it enrolled was already known).
  virtual int64_t NewRecordId() const = 0;
  // The stored form of a session or API token: SHA-256 (hex), unkeyed on purpose — the tokens are
  // 256-bit random, so a plain hash cannot be reversed, and sessions and API tokens survive a
  // rotation of the master key.
  virtual std::string TokenHash(std::string_view token) const = 0;
  // A keyed MAC (libsodium crypto_auth, HMAC-SHA-512-256) of `message` under a subkey derived
  // from the master key for `context` (e.g. "attendance.qr"), as base64url without padding: for
  // short-lived tokens the server signs and later checks (the rotating QR code). VerifyMac
  // compares in constant time.
  virtual std::string Mac(std::string_view message, std::string_view context) const = 0;
  virtual bool VerifyMac(std::string_view message, std::string_view context,
                         std::string_view mac) const = 0;
  // Plain SHA-256 (lower-case hex) of a public text, for values anyone must be able to recompute
  // with any SHA-256 tool: the order of a spot-check draw (domain/spot_check.h).
  virtual std::string PublicSha256(std::string_view text) const = 0;
  // A uniform random integer in [0, upper) (upper >= 1) from the system's CSPRNG (libsodium
  // randombytes_uniform: no modulo bias), for draws nobody may steer (a random roll call).
  virtual uint32_t RandomBelow(uint32_t upper) const = 0;
  // `n` bytes from the system's CSPRNG (a certificate's public code).
  virtual std::string RandomBytes(size_t n) const = 0;
  // Ed25519 (libsodium crypto_sign_detached): the 64-byte signature of `message` with the key
  // pair derived from the master key for `context` (e.g. "certificates.v1"); no private key is
  // ever stored. SigningKey is that pair's 32-byte public key. VerifySignature checks a signature
  // against any public key (the published ones of certificate_keys).
  virtual std::string Sign(std::string_view message, std::string_view context) const = 0;
  virtual std::string SigningKey(std::string_view context) const = 0;
  virtual bool VerifySignature(std::string_view message, std::string_view signature,
                               std::string_view public_key) const = 0;
};

}  // namespace anpei::ports
