#include "adapters/zlib/zlib_compressor.h"

#include <zlib.h>

namespace anpei::adapters {
namespace {

class ZlibCompressor final : public ports::Compressor {
 public:
  std::string Gzip(std::string_view bytes) const override {
    z_stream zs{};
    // windowBits 15 + 16: a gzip header (no name, mtime 0) and trailer.
    deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, static_cast<uLong>(bytes.size())) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
  }

  Result<std::string> Gunzip(std::string_view bytes) const override {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return Status::Internal("zlib 初始化失败");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    zs.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    char buf[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
      zs.next_out = reinterpret_cast<Bytef*>(buf);
      zs.avail_out = sizeof buf;
      rc = inflate(&zs, Z_NO_FLUSH);
      out.append(buf, sizeof buf - zs.avail_out);
      if (out.size() > (64u << 20)) rc = Z_MEM_ERROR;
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) return Status::Invalid("list", "不是有效的 gzip 数据");
    return out;
  }
};

}  // namespace

std::shared_ptr<const ports::Compressor> MakeZlibCompressor() {
  return std::make_shared<ZlibCompressor>();
}

}  // namespace anpei::adapters
