// The Vault over libsodium: XChaCha20-Poly1305 (IETF) for sealing, HMAC-SHA-256 for blind indexes
// and the audit chain, subkeys derived from the 32-byte master key with crypto_kdf. The key file
// holds the master key as 64 hex characters; it is created with mode 0600.
#pragma once

#include <array>
#include <memory>
#include <string>

#include "ports/vault.h"

namespace anpei::adapters {

class SodiumVault : public ports::Vault {
 public:
  // Reads the key file — or, for "env:NAME", the environment variable NAME — holding the key as
  // 64 hex characters. Unavailable naming the source when it is missing or unreadable,
  // InvalidArgument when it does not hold exactly one 32-byte key.
  static Result<std::shared_ptr<SodiumVault>> FromKeyFile(const std::string& path);
  // Writes a fresh random key to `path` (refuses to overwrite one).
  static Status CreateKeyFile(const std::string& path);

  std::string Seal(std::string_view plaintext, std::string_view context) const override;
  Result<std::string> Open(std::string_view sealed, std::string_view context) const override;
  std::string BlindIndex(std::string_view value, std::string_view context) const override;
  std::string ChainLink(std::string_view previous, std::string_view record) const override;
  std::string Digest(std::string_view text) const override;
  Result<std::string> HashPassword(std::string_view password) const override;
  bool VerifyPassword(std::string_view hash, std::string_view password) const override;
  std::string NewToken() const override;
  int64_t NewRecordId() const override;
  std::string TokenHash(std::string_view token) const override;
  std::string Mac(std::string_view message, std::string_view context) const override;
  bool VerifyMac(std::string_view message, std::string_view context,
                 std::string_view mac) const override;
  std::string PublicSha256(std::string_view text) const override { return TokenHash(text); }
  uint32_t RandomBelow(uint32_t upper) const override;
  std::string RandomBytes(size_t n) const override;
  std::string Sign(std::string_view message, std::string_view context) const override;
  std::string SigningKey(std::string_view context) const override;
  bool VerifySignature(std::string_view message, std::string_view signature,
                       std::string_view public_key) const override;

  ~SodiumVault() override;

 private:
  SodiumVault() = default;
  std::array<unsigned char, 32> seal_key_{};
  std::array<unsigned char, 32> index_key_{};
  std::array<unsigned char, 32> chain_key_{};
  std::array<unsigned char, 32> mac_key_{};   // subkeys per context for Mac
  std::array<unsigned char, 32> sign_key_{};  // Ed25519 seeds per context for Sign
};

}  // namespace anpei::adapters
