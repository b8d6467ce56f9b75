// Certificates (issue 15, Deliver 2) through the real server on SQLite and PostgreSQL: a class
// whose completion was approved gets one certificate per approved trainee (numbered QZAB-2021-…,
// the class certified, a second issue refused); the public JSON shows every material field and
// `valid`; the signature verifies with the published key and an edited `d` fails; the PDF's QR
// code (rendered with pdftoppm, read with zbarimg) carries the verification URL with the signed
// fields; revocation shows in the JSON and in the signed status list; who may do what (other
// institution or district: 404, 财政: 403, a trainee only their own); unknown codes are 404 and
// lookups are rate-limited per address.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "adapters/sodium/sodium_vault.h"
#include "adapters/zlib/zlib_compressor.h"
#include "domain/certificate.h"
#include "support/api_world.h"
#include "support/completion_world.h"
#include "support/fixtures.h"
#include "support/pdf_text.h"
#include "support/subprocess.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using testing::Headers;
using testing::HttpResult;
using testing::J;
using testing::Reason;
using testing::Str;
using testing::ValidId;

class Certificates : public testing::CompletionWorldTest {
 protected:
  void SetUp() override {
    BuildWorld();
    if (HasFatalFailure() || IsSkipped()) return;
    User("finance", "finance", "");
    p1_ = Id(Post("inst_a", "/trainees", Person("张三", ValidId(11))));
    p2_ = Id(Post("inst_a", "/trainees", Person("李四", ValidId(12))));
    cls_ = Class("inst_a", inst_a_, "保安员初级班（甲）", {p1_, p2_});
    Declare("inst_a", cls_);
    Approve("reviewer_a", cls_);
    clock_->Set("2021-10-11T08:10:00+08:00");
    phone_ = Phone(Qr("inst_a", cls_), "张三", ValidId(11), "phone-cert-0001");
    // Completed through the real use cases (support/completion_world.h) on 2021-10-20.
    CompleteClass("inst_a", cls_, {p1_, p2_}, "2021-10-20T10:00:00+08:00");
  }

  std::string Path(int64_t cls) { return "/classes/" + std::to_string(cls) + "/certificates"; }
  HttpResult Anon(const std::string& path) {
    return server_->Request("GET", "/api/v1" + path, "", Headers{});
  }
  HttpResult Revoke(const std::string& who, int64_t id, const std::string& reason) {
    return Post(who, "/certificates/" + std::to_string(id) + "/revoke",
                json::serialize(json::object{{"reason", reason}}));
  }
  json::array Issue() {
    auto r = Post("reviewer_a", Path(cls_), "");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? J(r).at("items").as_array() : json::array{};
  }
  // The published key of `key_id` (raw bytes; "" when not published).
  std::string PublishedKey(const std::string& key_id) {
    auto r = Anon("/public/certificate-keys");
    EXPECT_EQ(r.status, 200) << r.body;
    const json::value body = J(r);
    for (const auto& k : body.at("items").as_array()) {
      EXPECT_EQ(Str(k.at("alg")), "Ed25519");
      if (Str(k.at("key_id")) == key_id) {
        return domain::FromBase64Url(Str(k.at("public_key"))).value_or("");
      }
    }
    return "";
  }
  std::shared_ptr<adapters::SodiumVault> Verifier() {
    auto v = adapters::SodiumVault::FromKeyFile(db_->key_file());  // any vault verifies
    EXPECT_TRUE(v.ok());
    return *v;
  }

  int64_t p1_ = 0, p2_ = 0, cls_ = 0;
  Headers phone_;
};

TEST_P(Certificates, IssuedVerifiedAndSigned) {
  EXPECT_EQ(Post("inst_a", Path(cls_), "").status, 403);
  EXPECT_EQ(Post("reviewer_b", Path(cls_), "").status, 404);
  EXPECT_EQ(Post("reviewer_a", Path(cls_), R"({"version":1})").status, 409);  // stale
  const json::array items = Issue();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(Str(items[0].at("number")), "QZAB-2021-000001");
  EXPECT_EQ(Str(items[1].at("number")), "QZAB-2021-000002");
  EXPECT_EQ(Str(J(Get("inst_a", "/classes/" + std::to_string(cls_))).at("state")), "certified");
  auto again = Post("reviewer_a", Path(cls_), "");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(Reason(again), "class.state_conflict");

  const json::value& mine = items[0].at("person_id").as_int64() == p1_ ? items[0] : items[1];
  const std::string code = Str(mine.at("code"));
  EXPECT_EQ(code.size(), 16u);
  auto pub = Anon("/public/certificates/" + code);
  ASSERT_EQ(pub.status, 200) << pub.body;
  const json::value v = J(pub);
  EXPECT_EQ(Str(v.at("status")), "valid");
  EXPECT_EQ(Str(v.at("name")), "张*");
  EXPECT_EQ(Str(v.at("occupation")), "保安员");
  EXPECT_EQ(Str(v.at("level")), "五级/初级工");
  EXPECT_EQ(Str(v.at("institution")), "甲校");
  EXPECT_EQ(Str(v.at("issue_date")), "2021-10-20");
  EXPECT_EQ(Str(v.at("class_start")), "2021-10-11");
  EXPECT_EQ(Str(v.at("class_end")), "2021-10-15");
  EXPECT_EQ(Str(v.at("number")), Str(mine.at("number")));
  EXPECT_TRUE(v.at("record_signature_valid").as_bool());
  EXPECT_EQ(Str(v.at("policy_document")), "泉公综〔2021〕177号");
  EXPECT_TRUE(v.at("qr").is_null());
  EXPECT_EQ(pub.body.find(ValidId(11)), std::string::npos);  // no ID number, no full name
  EXPECT_EQ(pub.body.find("张三"), std::string::npos);
  // A code typed in lower case with hyphens finds it too; unknown and malformed codes do not.
  std::string typed;
  for (size_t i = 0; i < code.size(); ++i) {
    typed += static_cast<char>(std::tolower(code[i]));
    if (i % 4 == 3 && i + 1 < code.size()) typed += '-';
  }
  EXPECT_EQ(Anon("/public/certificates/" + typed).status, 200);
  EXPECT_EQ(Anon("/public/certificates/ZZZZZZZZZZZZZZZZ").status, 404);
  EXPECT_EQ(Reason(Anon("/public/certificates/not-a-code")), "certificate.not_found");

  // The signature over the canonical fields verifies with the published key; an edit fails.
  const std::string pk = PublishedKey(Str(v.at("key_id")));
  ASSERT_EQ(pk.size(), 32u);
  const auto fields = domain::FromBase64Url(Str(v.at("canonical_fields")));
  const auto sig = domain::FromBase64Url(Str(v.at("signature")));
  ASSERT_TRUE(fields && sig);
  auto vault = Verifier();
  EXPECT_TRUE(vault->VerifySignature(*fields, *sig, pk));
  auto parsed = domain::ParseCanonicalFields(*fields);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->holder, "张*");
  std::string edited = *fields;
  edited.replace(edited.find("2021-10-15"), 10, "2021-12-15");
  EXPECT_FALSE(vault->VerifySignature(edited, *sig, pk));

  // Online: the page's check of d and s.
  const std::string q = "/public/certificates/" + code + "?d=" + Str(v.at("canonical_fields")) +
                        "&s=" + Str(v.at("signature"));
  auto good = J(Anon(q));
  EXPECT_TRUE(good.at("qr").at("signature_valid").as_bool());
  EXPECT_TRUE(good.at("qr").at("matches_record").as_bool());
  auto bad = J(Anon("/public/certificates/" + code + "?d=" + domain::Base64Url(edited) +
                    "&s=" + Str(v.at("signature"))));
  EXPECT_FALSE(bad.at("qr").at("signature_valid").as_bool());
  EXPECT_FALSE(bad.at("qr").at("matches_record").as_bool());
  int mismatched = 0;
  for (const auto& row : bad.at("qr").at("fields").as_array()) {
    if (!row.at("matches").as_bool()) {
      ++mismatched;
      EXPECT_EQ(Str(row.at("key")), "class_end");
      EXPECT_EQ(Str(row.at("qr")), "2021-12-15");
    }
  }
  EXPECT_EQ(mismatched, 1);
}

TEST_P(Certificates, PdfQrCodeCarriesTheSignedUrl) {
  const json::array items = Issue();
  ASSERT_FALSE(items.empty());
  const int64_t id = items[0].at("id").as_int64();
  const std::string code = Str(items[0].at("code"));
  auto pdf = Get("inst_a", "/certificates/" + std::to_string(id) + ".pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 300);
  EXPECT_NE(pdf.headers["content-type"].find("application/pdf"), std::string::npos);
  const std::string text = testing::PdfText(pdf.body);
  for (const std::string& want :
       {std::string("职业培训结业证书"), Str(items[0].at("number")), std::string("甲校")}) {
    EXPECT_NE(text.find(testing::NoSpaces(want)), std::string::npos) << want;
  }
  const fs::path dir = fs::path(::testing::TempDir()) /
                       ("anpei-cert-api-" + std::to_string(getpid()) + "-" + GetParam());
  fs::create_directories(dir);
  std::ofstream(dir / "c.pdf", std::ios::binary) << pdf.body;
  ASSERT_EQ(
      testing::RunProcess("/usr/bin/pdftoppm", {"-r", "150", "-png", "-singlefile",
                                                (dir / "c.pdf").string(), (dir / "c").string()})
          .exit_code,
      0);
  auto qr = testing::RunProcess("/usr/bin/zbarimg", {"--raw", "-q", (dir / "c.png").string()});
  fs::remove_all(dir);
  ASSERT_EQ(qr.exit_code, 0) << qr.err;
  std::string url = qr.out;
  while (!url.empty() && (url.back() == '\n' || url.back() == '\r')) url.pop_back();
  // The request's Host (the test client sends no port) and the code.
  ASSERT_EQ(url.substr(0, 16), "http://127.0.0.1") << url;
  const std::string prefix = url.substr(0, url.find("/verify/")) + "/verify/" + code + "?d=";
  ASSERT_EQ(url.substr(0, prefix.size()), prefix) << url;
  const size_t s_at = url.find("&s=");
  ASSERT_NE(s_at, std::string::npos);
  const auto d = domain::FromBase64Url(url.substr(prefix.size(), s_at - prefix.size()));
  const auto s = domain::FromBase64Url(url.substr(s_at + 3));
  ASSERT_TRUE(d && s);
  auto fields = domain::ParseCanonicalFields(*d);
  ASSERT_TRUE(fields);
  EXPECT_EQ(fields->number, Str(items[0].at("number")));
  EXPECT_TRUE(Verifier()->VerifySignature(*d, *s, PublishedKey(Str(items[0].at("key_id")))));
  // Who may print it: the class's readers; not another institution or district, not 财政.
  const std::string path = "/certificates/" + std::to_string(id) + ".pdf";
  EXPECT_EQ(Get("inst_b", path).status, 404);
  EXPECT_EQ(Get("reviewer_b", path).status, 404);
  EXPECT_EQ(Get("finance", path).status, 403);
  EXPECT_EQ(Get("hrss", path).status, 200);
  EXPECT_EQ(Anon(path).status, 401);
  EXPECT_EQ(Get("inst_a", "/certificates/999999.pdf").status, 404);
  // Each download is audited (the PDF carries the full name); a refused one is not.
  EXPECT_EQ(AuditCount("certificate.download"), 2);
}

TEST_P(Certificates, RevokedInJsonAndStatusList) {
  const json::array items = Issue();
  ASSERT_EQ(items.size(), 2u);
  const int64_t id = items[0].at("id").as_int64();
  const std::string code = Str(items[0].at("code"));
  EXPECT_EQ(Revoke("inst_a", id, "核查发现冒名顶替").status, 403);
  EXPECT_EQ(Revoke("reviewer_b", id, "核查发现冒名顶替").status, 404);
  auto empty = Revoke("reviewer_a", id, "  ");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(Str(J(empty).at("error").at("field")), "reason");
  auto ok = Revoke("reviewer_a", id, "核查发现冒名顶替");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Str(J(ok).at("status")), "revoked");
  auto twice = Revoke("admin", id, "重复撤销");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Reason(twice), "certificate.revoked");
  auto pub = J(Anon("/public/certificates/" + code));
  EXPECT_EQ(Str(pub.at("status")), "revoked");
  EXPECT_EQ(Str(pub.at("revoked_reason")), "核查发现冒名顶替");
  EXPECT_EQ(Str(pub.at("revoked_at")).substr(0, 10), "2021-10-20");
  EXPECT_EQ(Str(J(Anon("/public/certificates/" + Str(items[1].at("code")))).at("status")), "valid");
  // The status list: the revoked index set, the other not; 16 KiB; signed.
  auto sl = Anon("/public/certificates/status-list");
  ASSERT_EQ(sl.status, 200) << sl.body;
  const json::value l = J(sl);
  EXPECT_EQ(l.at("size_bits").as_int64(), 131072);
  auto gz = domain::FromBase64Url(Str(l.at("encoded_list")));
  ASSERT_TRUE(gz);
  auto bits = adapters::MakeZlibCompressor()->Gunzip(*gz);
  ASSERT_TRUE(bits.ok());
  EXPECT_EQ(bits->size(), 16384u);
  EXPECT_TRUE(domain::StatusListBit(*bits, items[0].at("status_index").as_int64()));
  EXPECT_FALSE(domain::StatusListBit(*bits, items[1].at("status_index").as_int64()));
  const auto sig = domain::FromBase64Url(Str(l.at("signature")));
  ASSERT_TRUE(sig);
  const std::string pk = PublishedKey(Str(l.at("key_id")));
  EXPECT_TRUE(Verifier()->VerifySignature(
      domain::StatusListSigningInput(Str(l.at("issued_at")), Str(l.at("encoded_list"))), *sig, pk));
  // Audited.
  auto audit = Get("admin", "/audit-events?action=certificate.revoke");
  EXPECT_NE(audit.body.find("certificate:" + std::to_string(id)), std::string::npos) << audit.body;
}

// 四（三）: a class found fraudulent is disqualified and every certificate of it revoked.
TEST_P(Certificates, RevokedWhenTheClassIsFoundFraudulent) {
  const json::array items = Issue();
  ASSERT_EQ(items.size(), 2u);
  auto opened = Post("reviewer_a", "/classes/" + std::to_string(cls_) + "/cases",
                     R"({"source":"report","summary":"举报","details":"举报代考"})");
  ASSERT_EQ(opened.status, 201) << opened.body;
  const std::string c = "/cases/" + std::to_string(J(opened).at("id").as_int64());
  ASSERT_EQ(Post("reviewer_a", c + "/investigation", R"({"findings":"核查","version":1})").status,
            200);
  ASSERT_EQ(Post("inst_a", c + "/responses", R"({"text":"申辩"})").status, 201);
  auto decided =
      Post("admin", c + "/decision", R"({"decision":"fraud","reason":"代考属实","version":2})");
  ASSERT_EQ(decided.status, 200) << decided.body;
  for (const auto& item : items) {
    auto pub = J(Anon("/public/certificates/" + Str(item.at("code"))));
    EXPECT_EQ(Str(pub.at("status")), "revoked");
    EXPECT_NE(Str(pub.at("revoked_reason")).find("认定弄虚作假"), std::string::npos);
  }
}

TEST_P(Certificates, WhoSeesWhichCertificates) {
  const json::array items = Issue();
  ASSERT_EQ(items.size(), 2u);
  for (const char* who : {"inst_a", "reviewer_a", "admin", "hrss", "auditor"}) {
    auto r = Get(who, Path(cls_));
    EXPECT_EQ(r.status, 200) << who;
    EXPECT_EQ(J(r).at("items").as_array().size(), 2u) << who;
  }
  EXPECT_EQ(Get("inst_b", Path(cls_)).status, 404);
  EXPECT_EQ(Get("reviewer_b", Path(cls_)).status, 404);
  EXPECT_EQ(Get("finance", Path(cls_)).status, 403);
  EXPECT_EQ(Anon(Path(cls_)).status, 401);
  // The trainee's phone: their own certificate only.
  auto me = Req(phone_, "GET", "/me/certificates");
  ASSERT_EQ(me.status, 200) << me.body;
  const json::value mine = J(me);
  ASSERT_EQ(mine.at("items").as_array().size(), 1u);
  const json::value own = mine.at("items").at(0);
  EXPECT_EQ(own.at("person_id").as_int64(), p1_);
  const int64_t other = items[0].at("id").as_int64() == own.at("id").as_int64()
                            ? items[1].at("id").as_int64()
                            : items[0].at("id").as_int64();
  EXPECT_EQ(
      Req(phone_, "GET", "/me/certificates/" + std::to_string(own.at("id").as_int64()) + ".pdf")
          .status,
      200);
  EXPECT_EQ(Req(phone_, "GET", "/me/certificates/" + std::to_string(other) + ".pdf").status, 404);
  EXPECT_EQ(Get("inst_a", "/me/certificates").status, 401);
}

TEST_P(Certificates, LookupsAreRateLimitedPerAddress) {
  int limited = 0, last = 0;
  for (int i = 0; i < 32; ++i) {
    last = Anon("/public/certificates/ZZZZZZZZZZZZZZZZ").status;
    if (last == 429) ++limited;
  }
  EXPECT_EQ(limited, 2);
  auto r = Anon("/public/certificates/ZZZZZZZZZZZZZZZZ");
  EXPECT_EQ(r.status, 429);
  EXPECT_FALSE(r.headers["retry-after"].empty());
  clock_->Advance(61);  // a new window
  EXPECT_EQ(Anon("/public/certificates/ZZZZZZZZZZZZZZZZ").status, 404);
  // The keys and the status list need no sign-in either.
  EXPECT_EQ(Anon("/public/certificate-keys").status, 200);
  EXPECT_EQ(Anon("/public/certificates/status-list").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Stores, Certificates, ::testing::Values("sqlite", "postgresql"));

}  // namespace
}  // namespace anpei
