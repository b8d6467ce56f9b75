#include "adapters/sodium/sodium_vault.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <vector>

namespace anpei::adapters {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'a', 'n', 'p', 'e', 'i', 'k', 'e', 'y'};
constexpr std::string_view kSealPrefix = "s1:";  // format version of sealed values
constexpr std::string_view kIndexPrefix = "bi1:";

std::string Hex(const unsigned char* data, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

void Hmac(const std::array<unsigned char, 32>& key, std::initializer_list<std::string_view> parts,
          unsigned char out[crypto_auth_hmacsha256_BYTES]) {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, key.data(), key.size());
  for (std::string_view p : parts) {
    // Length-prefixed, so ("ab","c") and ("a","bc") differ.
    const uint64_t len = p.size();
    unsigned char len_bytes[8];
    for (int i = 0; i < 8; ++i) len_bytes[i] = static_cast<unsigned char>(len >> (8 * i));
    crypto_auth_hmacsha256_update(&st, len_bytes, sizeof len_bytes);
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(p.data()), p.size());
  }
  crypto_auth_hmacsha256_final(&st, out);
}

}  // namespace

SodiumVault::~SodiumVault() {
  sodium_memzero(seal_key_.data(), seal_key_.size());
  sodium_memzero(index_key_.data(), index_key_.size());
  sodium_memzero(chain_key_.data(), chain_key_.size());
  sodium_memzero(mac_key_.data(), mac_key_.size());
  sodium_memzero(sign_key_.data(), sign_key_.size());
}

Status SodiumVault::CreateKeyFile(const std::string& path) {
  if (sodium_init() < 0) return Status(Code::kInternal, "libsodium 初始化失败");
  unsigned char key[32];
  randombytes_buf(key, sizeof key);
  const std::string hex = Hex(key, sizeof key) + "\n";
  sodium_memzero(key, sizeof key);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) {
    return Status(Code::kUnavailable, "无法创建主密钥文件 " + path + "：" + std::strerror(errno),
                  "--key-file");
  }
  const bool ok =
      ::write(fd, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status(Code::kUnavailable, "写入主密钥文件 " + path + " 失败", "--key-file");
  return Status::Ok();
}

Result<std::shared_ptr<SodiumVault>> SodiumVault::FromKeyFile(const std::string& path) {
  if (sodium_init() < 0) return Status(Code::kInternal, "libsodium 初始化失败");
  std::string text;
  if (path.starts_with("env:")) {
    const char* v = std::getenv(path.substr(4).c_str());
    if (!v)
      return Status(Code::kUnavailable, "环境变量 " + path.substr(4) + " 未设置", "--key-file");
    text = v;
  } else {
    std::ifstream in(path);
    if (!in) {
      return Status(Code::kUnavailable, "无法读取主密钥文件 " + path, "--key-file");
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  unsigned char master[crypto_kdf_KEYBYTES];
  size_t len = 0;
  if (text.size() != 64 ||
      sodium_hex2bin(master, sizeof master, text.data(), text.size(), nullptr, &len, nullptr) !=
          0 ||
      len != sizeof master) {
    return Status::Invalid("--key-file",
                           "主密钥文件 " + path + " 应只含 64 个十六进制字符（32 字节）");
  }
  std::shared_ptr<SodiumVault> v(new SodiumVault());
  crypto_kdf_derive_from_key(v->seal_key_.data(), v->seal_key_.size(), 1, kKdfContext, master);
  crypto_kdf_derive_from_key(v->index_key_.data(), v->index_key_.size(), 2, kKdfContext, master);
  crypto_kdf_derive_from_key(v->chain_key_.data(), v->chain_key_.size(), 3, kKdfContext, master);
  crypto_kdf_derive_from_key(v->mac_key_.data(), v->mac_key_.size(), 4, kKdfContext, master);
  crypto_kdf_derive_from_key(v->sign_key_.data(), v->sign_key_.size(), 5, kKdfContext, master);
  sodium_memzero(master, sizeof master);
  return v;
}

std::string SodiumVault::Seal(std::string_view plaintext, std::string_view context) const {
  std::vector<unsigned char> buf(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = buf.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(context.data()), context.size(), nullptr, nonce,
      seal_key_.data());
  const size_t n = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + clen;
  std::string b64(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(b64.data(), b64.size(), buf.data(), n,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  b64.pop_back();  // the terminating NUL
  return std::string(kSealPrefix) + b64;
}

Result<std::string> SodiumVault::Open(std::string_view sealed, std::string_view context) const {
  if (!sealed.starts_with(kSealPrefix)) {
    return Status(Code::kInternal, "个人信息密文格式无效（" + std::string(context) + "）");
  }
  sealed.remove_prefix(kSealPrefix.size());
  std::vector<unsigned char> buf(sealed.size());
  size_t n = 0;
  if (sodium_base642bin(buf.data(), buf.size(), sealed.data(), sealed.size(), nullptr, &n, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      n < crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
              crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Status(Code::kInternal, "个人信息密文格式无效（" + std::string(context) + "）");
  }
  std::string out(
      n - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES - crypto_aead_xchacha20poly1305_ietf_ABYTES,
      '\0');
  unsigned long long mlen = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &mlen, nullptr,
          buf.data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          n - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          reinterpret_cast<const unsigned char*>(context.data()), context.size(), buf.data(),
          seal_key_.data()) != 0) {
    return Status(Code::kInternal,
                  "个人信息密文无法解密（" + std::string(context) + "）：数据被改动或主密钥不符");
  }
  out.resize(mlen);
  return out;
}

std::string SodiumVault::BlindIndex(std::string_view value, std::string_view context) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  Hmac(index_key_, {context, value}, mac);
  return std::string(kIndexPrefix) + Hex(mac, sizeof mac);
}

namespace {
// crypto_auth of `message` with the subkey BLAKE2b(key = mac_key, context).
void ContextMac(const std::array<unsigned char, 32>& mac_key, std::string_view message,
                std::string_view context, unsigned char out[crypto_auth_BYTES]) {
  unsigned char sub[crypto_auth_KEYBYTES];
  crypto_generichash(sub, sizeof sub, reinterpret_cast<const unsigned char*>(context.data()),
                     context.size(), mac_key.data(), mac_key.size());
  crypto_auth(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(), sub);
  sodium_memzero(sub, sizeof sub);
}
}  // namespace

std::string SodiumVault::Mac(std::string_view message, std::string_view context) const {
  unsigned char mac[crypto_auth_BYTES];
  ContextMac(mac_key_, message, context, mac);
  char text[sodium_base64_ENCODED_LEN(crypto_auth_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
  sodium_bin2base64(text, sizeof text, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  return text;
}

bool SodiumVault::VerifyMac(std::string_view message, std::string_view context,
                            std::string_view mac) const {
  unsigned char given[crypto_auth_BYTES];
  size_t len = 0;
  if (sodium_base642bin(given, sizeof given, mac.data(), mac.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      len != sizeof given) {
    return false;
  }
  unsigned char want[crypto_auth_BYTES];
  ContextMac(mac_key_, message, context, want);
  return sodium_memcmp(given, want, sizeof want) == 0;
}

std::string SodiumVault::ChainLink(std::string_view previous, std::string_view record) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  Hmac(chain_key_, {previous, record}, mac);
  return Hex(mac, sizeof mac);
}

std::string SodiumVault::Digest(std::string_view text) const {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  Hmac(index_key_, {"audit.digest", text}, mac);
  return Hex(mac, sizeof mac);
}

Result<std::string> SodiumVault::HashPassword(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Status(Code::kUnavailable, "密码哈希失败（内存不足）");
  }
  return std::string(out);
}

bool SodiumVault::VerifyPassword(std::string_view hash, std::string_view password) const {
  const std::string h(hash);  // crypto_pwhash_str_verify wants a NUL-terminated string
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

int64_t SodiumVault::NewRecordId() const {
  uint64_t raw = 0;
  randombytes_buf(&raw, sizeof raw);
  constexpr uint64_t kLow = uint64_t{1} << 32, kHigh = uint64_t{1} << 53;
  return static_cast<int64_t>(kLow + raw % (kHigh - kLow));  // bias below 2^-10, harmless here
}

uint32_t SodiumVault::RandomBelow(uint32_t upper) const {
  return upper <= 1 ? 0 : randombytes_uniform(upper);
}

std::string SodiumVault::RandomBytes(size_t n) const {
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

namespace {
// The Ed25519 key pair of `context`: seed = BLAKE2b(key = sign_key, context).
void SigningPair(const std::array<unsigned char, 32>& sign_key, std::string_view context,
                 unsigned char pk[crypto_sign_PUBLICKEYBYTES],
                 unsigned char sk[crypto_sign_SECRETKEYBYTES]) {
  unsigned char seed[crypto_sign_SEEDBYTES];
  crypto_generichash(seed, sizeof seed, reinterpret_cast<const unsigned char*>(context.data()),
                     context.size(), sign_key.data(), sign_key.size());
  crypto_sign_seed_keypair(pk, sk, seed);
  sodium_memzero(seed, sizeof seed);
}
}  // namespace

std::string SodiumVault::Sign(std::string_view message, std::string_view context) const {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  SigningPair(sign_key_, context, pk, sk);
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(), sk);
  sodium_memzero(sk, sizeof sk);
  return sig;
}

std::string SodiumVault::SigningKey(std::string_view context) const {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  SigningPair(sign_key_, context, pk, sk);
  sodium_memzero(sk, sizeof sk);
  return std::string(reinterpret_cast<const char*>(pk), sizeof pk);
}

bool SodiumVault::VerifySignature(std::string_view message, std::string_view signature,
                                  std::string_view public_key) const {
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return false;
  }
  return crypto_sign_verify_detached(
             reinterpret_cast<const unsigned char*>(signature.data()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(),
             reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string SodiumVault::NewToken() const {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string b64(sodium_base64_ENCODED_LEN(sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(b64.data(), b64.size(), raw, sizeof raw,
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  b64.pop_back();
  return b64;
}

std::string SodiumVault::TokenHash(std::string_view token) const {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return Hex(h, sizeof h);
}

}  // namespace anpei::adapters
