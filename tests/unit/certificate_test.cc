// Certificates (issue 15, Deliver 2) below the server: the canonical material fields (one encoding,
// parsed back strictly), the number format, the public code (Crockford base32), the status list's
// bits, base64url; the vault's Ed25519 key pair (derived, stable, verifies, refuses an edit); the
// gzip; and the printed certificate — its text read back with pdftotext and its QR code read back
// from a rendering of the page with pdftoppm + zbarimg (zbar-tools).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/pdf/cairo_certificate_renderer.h"
#include "adapters/sodium/sodium_vault.h"
#include "adapters/zlib/zlib_compressor.h"
#include "domain/certificate.h"
#include "support/pdf_text.h"
#include "support/subprocess.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;
using domain::CertificateFields;

CertificateFields Sample() {
  CertificateFields f;
  f.number = "QZAB-2021-000001";
  f.holder = "张*";
  f.occupation = "security_guard";
  f.occupation_name = "保安员";
  f.level = "五级/初级工";
  f.institution = "泉州市\"安盾\"保安培训学校";
  f.class_start = "2021-10-11";
  f.class_end = "2021-10-15";
  f.issued = "2021-10-20";
  f.policy = "quanzhou-2021-177";
  return f;
}

TEST(CertificateFields, CanonicalBytesAreFixedAndParseBack) {
  const std::string bytes = domain::CanonicalFields(Sample());
  EXPECT_EQ(
      bytes,
      R"({"class_end":"2021-10-15","class_start":"2021-10-11","holder":"张*",)"
      R"("institution":"泉州市\"安盾\"保安培训学校","issued":"2021-10-20","level":"五级/初级工",)"
      R"("number":"QZAB-2021-000001","occupation":"security_guard","occupation_name":"保安员",)"
      R"("policy":"quanzhou-2021-177","v":1})");
  auto back = domain::ParseCanonicalFields(bytes);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, Sample());
  CertificateFields ctl = Sample();
  ctl.institution = "a\nb\\c";
  EXPECT_EQ(domain::ParseCanonicalFields(domain::CanonicalFields(ctl)), ctl);
}

TEST(CertificateFields, AnythingButTheCanonicalEncodingIsRefused) {
  const std::string bytes = domain::CanonicalFields(Sample());
  std::string spaced = bytes;
  spaced.insert(1, " ");
  EXPECT_FALSE(domain::ParseCanonicalFields(spaced));
  std::string edited = bytes;
  edited.replace(edited.find("张*"), std::string("张*").size(), "李*");
  EXPECT_TRUE(domain::ParseCanonicalFields(edited));  // well-formed: only the signature fails it
  EXPECT_FALSE(domain::ParseCanonicalFields(bytes.substr(0, bytes.size() - 1)));
  EXPECT_FALSE(domain::ParseCanonicalFields(bytes + " "));
  EXPECT_FALSE(domain::ParseCanonicalFields(R"({"v":1})"));
  std::string v2 = bytes;
  v2.replace(v2.find("\"v\":1"), 5, "\"v\":2");
  EXPECT_FALSE(domain::ParseCanonicalFields(v2));
  // The same character escaped another way is another encoding: refused.
  std::string escaped = bytes;
  escaped.replace(escaped.find("QZAB"), 1, "\\u0051");
  EXPECT_FALSE(domain::ParseCanonicalFields(escaped));
  EXPECT_FALSE(domain::ParseCanonicalFields(""));
}

TEST(CertificateNumber, PrefixYearAndSixDigits) {
  EXPECT_EQ(domain::CertificateNumber("QZAB", 2026, 1), "QZAB-2026-000001");
  EXPECT_EQ(domain::CertificateNumber("QZAB", 2026, 123456), "QZAB-2026-123456");
  EXPECT_EQ(domain::CertificateNumber("QZAB", 2027, 1234567), "QZAB-2027-1234567");
  EXPECT_TRUE(domain::IsValidNumberPrefix("QZAB"));
  EXPECT_TRUE(domain::IsValidNumberPrefix("Q2"));
  EXPECT_FALSE(domain::IsValidNumberPrefix("Q"));
  EXPECT_FALSE(domain::IsValidNumberPrefix("qzab"));
  EXPECT_FALSE(domain::IsValidNumberPrefix("QZAB-1"));
  EXPECT_FALSE(domain::IsValidNumberPrefix("ABCDEFGHI"));
}

TEST(CertificateCode, EightyBitsOfCrockfordBase32) {
  const std::string zeros(10, '\0'), ones(10, '\xff');
  EXPECT_EQ(domain::CertificateCode(zeros), "0000000000000000");
  EXPECT_EQ(domain::CertificateCode(ones), "ZZZZZZZZZZZZZZZZ");
  EXPECT_EQ(domain::CertificateCode(std::string("\x08\x42\x10\x84\x21\x08\x42\x10\x84\x21", 10)),
            "1111111111111111");
  EXPECT_EQ(domain::NormalizeCertificateCode("abcd-efgh-jkmn-pqrs"), "ABCDEFGHJKMNPQRS");
  EXPECT_EQ(domain::NormalizeCertificateCode("IL00 oo00 0000 0000"), "1100000000000000");
  EXPECT_FALSE(domain::NormalizeCertificateCode("ABCDEFGHJKMNPQRU"));  // U is not in the alphabet
  EXPECT_FALSE(domain::NormalizeCertificateCode("ABCDEFGHJKMNPQR"));
  EXPECT_FALSE(domain::NormalizeCertificateCode("ABCDEFGHJKMNPQRST"));
  EXPECT_FALSE(domain::NormalizeCertificateCode("../../etc/passwd"));
}

TEST(StatusList, SixteenKibibytesAtLeastMostSignificantBitFirst) {
  std::string bits = domain::StatusListBits(-1, {});
  EXPECT_EQ(bits.size(), 16384u);
  EXPECT_EQ(bits.find_first_not_of('\0'), std::string::npos);
  bits = domain::StatusListBits(10, {0, 9});
  EXPECT_EQ(static_cast<unsigned char>(bits[0]), 0x80);
  EXPECT_EQ(static_cast<unsigned char>(bits[1]), 0x40);
  EXPECT_TRUE(domain::StatusListBit(bits, 0));
  EXPECT_FALSE(domain::StatusListBit(bits, 1));
  EXPECT_TRUE(domain::StatusListBit(bits, 9));
  EXPECT_FALSE(domain::StatusListBit(bits, 200000));
  bits = domain::StatusListBits(domain::kMinStatusListBits, {domain::kMinStatusListBits});
  EXPECT_EQ(bits.size(), 2 * 16384u);
  EXPECT_TRUE(domain::StatusListBit(bits, domain::kMinStatusListBits));
}

TEST(Base64Url, RoundTripsAndRefusesOtherSpellings) {
  for (const std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "\xff\xfe\xfd"}) {
    EXPECT_EQ(domain::FromBase64Url(domain::Base64Url(s)), s);
  }
  EXPECT_EQ(domain::Base64Url("\xfb\xff"), "-_8");
  EXPECT_FALSE(domain::FromBase64Url("Zg=="));  // padding
  EXPECT_FALSE(domain::FromBase64Url("Zh"));    // non-zero leftover bits
  EXPECT_FALSE(domain::FromBase64Url("Z+8"));
  EXPECT_FALSE(domain::FromBase64Url("Z"));
}

class Signing : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("anpei-cert-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    ASSERT_TRUE(adapters::SodiumVault::CreateKeyFile((dir_ / "a.key").string()).ok());
    ASSERT_TRUE(adapters::SodiumVault::CreateKeyFile((dir_ / "b.key").string()).ok());
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::shared_ptr<adapters::SodiumVault> Vault(const std::string& name) {
    auto v = adapters::SodiumVault::FromKeyFile((dir_ / name).string());
    EXPECT_TRUE(v.ok());
    return v.ok() ? *v : nullptr;
  }
  fs::path dir_;
};

TEST_F(Signing, Ed25519FromTheMasterKeyVerifiesAndRefusesAnEdit) {
  auto a = Vault("a.key");
  auto again = Vault("a.key");
  auto b = Vault("b.key");
  ASSERT_TRUE(a && again && b);
  const std::string ctx(domain::kCertificateSigningContext);
  const std::string pk = a->SigningKey(ctx);
  EXPECT_EQ(pk.size(), 32u);
  EXPECT_EQ(again->SigningKey(ctx), pk);  // derived, not stored: the same key every start
  EXPECT_NE(b->SigningKey(ctx), pk);      // another master key, another pair
  EXPECT_NE(a->SigningKey("other.v1"), pk);
  const std::string msg = domain::CanonicalFields(Sample());
  const std::string sig = a->Sign(msg, ctx);
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_TRUE(b->VerifySignature(msg, sig, pk));  // anyone with the public key
  std::string edited = msg;
  edited.replace(edited.find("2021-10-15"), 10, "2021-10-16");
  EXPECT_FALSE(a->VerifySignature(edited, sig, pk));
  EXPECT_FALSE(a->VerifySignature(msg, sig, b->SigningKey(ctx)));
  EXPECT_FALSE(a->VerifySignature(msg, sig.substr(1), pk));
  // key_id: the first 8 bytes of SHA-256 of the key, hex.
  const std::string id = domain::KeyIdFromSha256Hex(a->PublicSha256(pk));
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a->RandomBytes(10).size(), 10u);
  EXPECT_NE(a->RandomBytes(10), a->RandomBytes(10));
}

TEST(Gzip, RoundTripsTheStatusList) {
  auto z = adapters::MakeZlibCompressor();
  const std::string bits = domain::StatusListBits(5, {3});
  const std::string gz = z->Gzip(bits);
  ASSERT_GE(gz.size(), 18u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  EXPECT_LT(gz.size(), 200u);  // 16 KiB of almost nothing
  EXPECT_EQ(z->Gzip(bits), gz);
  auto back = z->Gunzip(gz);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, bits);
  EXPECT_FALSE(z->Gunzip("not gzip").ok());
}

TEST(CertificatePdf, TextAndQrCodeReadBack) {
  ports::CertificateDocument doc;
  doc.title = "职业培训结业证书";
  doc.subtitle = "依据 泉公综〔2021〕177号";
  doc.statement = "兹证明 张* 参加培训，经考核合格，准予结业。";
  for (const auto& f : domain::LabelledFields(Sample())) doc.fields.emplace_back(f.label, f.value);
  const std::string fields = domain::Base64Url(domain::CanonicalFields(Sample()));
  doc.qr_text = "https://anpei.example.org/verify/ABCDEFGHJKMNPQRS?d=" + fields +
                "&s=" + domain::Base64Url(std::string(64, '\x5a'));
  doc.qr_caption = "扫码核验 · 核验码 ABCDEFGHJKMNPQRS";
  doc.footer = "核验：扫描右侧二维码。";
  auto pdf = adapters::MakeCairoCertificateRenderer()->RenderPdf(doc);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  const std::string text = testing::PdfText(*pdf);
  for (const char* want : {"职业培训结业证书", "QZAB-2021-000001", "五级/初级工", "保安员",
                           "2021-10-11", "ABCDEFGHJKMNPQRS"}) {
    EXPECT_NE(text.find(testing::NoSpaces(want)), std::string::npos) << want << "\n" << text;
  }
  const fs::path dir = fs::path(::testing::TempDir()) / ("anpei-qr-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "c.pdf", std::ios::binary) << *pdf;
  auto png = testing::RunProcess(
      "/usr/bin/pdftoppm",
      {"-r", "150", "-png", "-singlefile", (dir / "c.pdf").string(), (dir / "c").string()});
  ASSERT_EQ(png.exit_code, 0) << png.err;
  auto qr = testing::RunProcess("/usr/bin/zbarimg", {"--raw", "-q", (dir / "c.png").string()});
  fs::remove_all(dir);
  ASSERT_EQ(qr.exit_code, 0) << qr.err;
  std::string got = qr.out;
  while (!got.empty() && (got.back() == '\n' || got.back() == '\r')) got.pop_back();
  EXPECT_EQ(got, doc.qr_text);
}

}  // namespace
}  // namespace anpei
