// docs/openapi.yaml documents every route of the server: each registered method + path appears
// under its path with the route's name as operationId. A new endpoint cannot ship undocumented.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "http/api.h"

namespace anpei::http {
namespace {

std::string ReadSpec() {
  std::ifstream in(std::string(ANPEI_SOURCE_DIR) + "/docs/openapi.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The block of the spec under the path key "  PATH:" up to the next path key.
std::string PathBlock(const std::string& spec, const std::string& path) {
  const std::string key = "\n  " + path + ":";
  const size_t at = spec.find(key);
  if (at == std::string::npos) return "";
  size_t end = at + key.size();
  while (true) {
    end = spec.find("\n  ", end);
    if (end == std::string::npos || (spec.size() > end + 3 && spec[end + 3] != ' ')) break;
    ++end;
  }
  return spec.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

TEST(OpenApi, DocumentsEveryRoute) {
  Router router;
  RegisterApi(router, std::make_shared<ApiContext>());
  RegisterResourceApi(router, std::make_shared<app::AppContext>());
  RegisterAccountApi(router, std::make_shared<app::AppContext>());
  const std::string spec = ReadSpec();
  ASSERT_FALSE(spec.empty());
  ASSERT_GT(router.routes().size(), 20u);
  for (const Route& r : router.routes()) {
    const std::string block = PathBlock(spec, r.pattern);
    ASSERT_FALSE(block.empty()) << r.method << " " << r.pattern << " is not documented";
    std::string method = r.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_NE(block.find("\n    " + method + ":"), std::string::npos)
        << r.method << " " << r.pattern << " has no operation in the spec";
    EXPECT_NE(block.find("operationId: " + r.name), std::string::npos)
        << r.method << " " << r.pattern << " should have operationId " << r.name;
  }
}

}  // namespace
}  // namespace anpei::http
