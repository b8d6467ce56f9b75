// The filesystem blob store (adapters/blob, ports/blob_store.h): content-addressed by SHA-256,
// deduplicated, streamed in chunks, the kind's size limit and MIME types enforced from the bytes
// (libmagic), nothing left behind by a refused or abandoned upload.
#include "adapters/blob/fs_blob_store.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace anpei {
namespace {

namespace fs = std::filesystem;

std::string Bytes(std::string_view hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  }
  return out;
}

// A 1x1 PNG and a minimal JFIF header (what libmagic needs to call it image/jpeg).
const std::string kPng = Bytes(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8cf"
    "c0000003010100c9fe92ef0000000049454e44ae426082");
const std::string kJpeg = Bytes("ffd8ffe000104a46494600010100000100010000ffd9");

ports::BlobRules Photo(int64_t max = 1 << 20) {
  return {"test_photo", max, {"image/jpeg", "image/png"}};
}

class BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ =
        fs::path(::testing::TempDir()) /
        ("blobs-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    auto s = adapters::OpenFsBlobStore(root_.string());
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = *s;
  }
  size_t Files() const {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(root_)) n += e.is_regular_file();
    return n;
  }
  fs::path root_;
  std::shared_ptr<ports::BlobStore> store_;
};

TEST_F(BlobStoreTest, ContentAddressedAndDeduplicated) {
  auto a = ports::PutBlob(*store_, Photo(), kPng);
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->mime, "image/png");
  EXPECT_EQ(a->size, static_cast<int64_t>(kPng.size()));
  ASSERT_EQ(a->sha256.size(), 64u);
  EXPECT_TRUE(
      fs::is_regular_file(root_ / a->sha256.substr(0, 2) / a->sha256.substr(2, 2) / a->sha256));
  auto b = ports::PutBlob(*store_, Photo(), kPng);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(a->sha256, b->sha256);
  EXPECT_EQ(Files(), 1u);  // one copy, no temporary file left
  auto back = store_->Read(a->sha256);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, kPng);
  EXPECT_EQ(store_->Read(std::string(64, '0')).status().code(), Code::kNotFound);
  EXPECT_EQ(store_->Read("../../etc/passwd").status().code(), Code::kInvalidArgument);
}

TEST_F(BlobStoreTest, StreamedInChunksHashesTheWhole) {
  std::string big = kJpeg;
  big.append(300000, 'x');  // spans several chunks
  auto writer = store_->Begin(Photo());
  ASSERT_TRUE(writer.ok());
  for (size_t at = 0; at < big.size(); at += 1000) {
    ASSERT_TRUE((*writer)->Write(std::string_view(big).substr(at, 1000)).ok());
  }
  auto ref = (*writer)->Commit();
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  EXPECT_EQ(ref->mime, "image/jpeg");
  auto same = ports::PutBlob(*store_, Photo(), big);  // one piece: same name
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->sha256, ref->sha256);
}

TEST_F(BlobStoreTest, AJpgThatIsNotAnImageIsRefused) {
  auto r = ports::PutBlob(*store_, Photo(), "hello, this is a text file named photo.jpg\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "file");
  EXPECT_EQ(r.status().reason(), "blob.type");
  EXPECT_NE(r.status().message().find("text/plain"), std::string::npos);
  EXPECT_EQ(Files(), 0u);
}

TEST_F(BlobStoreTest, OversizeAndEmptyAreRefusedAndLeaveNothing) {
  std::string big = kJpeg;
  big.append(2000, 'x');
  auto r = ports::PutBlob(*store_, Photo(1000), big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kPayloadTooLarge);
  EXPECT_EQ(r.status().reason(), "blob.too_large");
  auto e = ports::PutBlob(*store_, Photo(), "");
  EXPECT_EQ(e.status().reason(), "blob.empty");
  {
    auto abandoned = store_->Begin(Photo());
    ASSERT_TRUE(abandoned.ok());
    ASSERT_TRUE((*abandoned)->Write(kPng).ok());
    EXPECT_EQ(Files(), 1u);  // the temporary file while writing
  }
  EXPECT_EQ(Files(), 0u);  // gone with the writer
}

}  // namespace
}  // namespace anpei
