// docs/openapi.yaml documents every route of the server: each registered method + path appears
// under its path with the route's name as operationId. A new endpoint cannot ship undocumented.
#include <yaml.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

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

// Parses the whole spec with libyaml: the first syntax error, or the first mapping key that repeats
// within its mapping (YAML forbids it; libyaml does not check it, and most tools keep the last one
// silently, so a route documented twice loses one of its descriptions). Empty when the spec is
// well-formed.
std::string YamlProblem(const std::string& spec) {
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) return "libyaml could not start";
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(spec.data()),
                               spec.size());
  struct Frame {
    bool mapping = false;
    bool want_key = true;
    std::set<std::string> keys;
  };
  std::vector<Frame> frames;
  std::string problem;
  // A value (scalar, alias or collection) in a mapping alternates key and value.
  auto consume = [&frames]() {
    if (!frames.empty() && frames.back().mapping) frames.back().want_key = !frames.back().want_key;
  };
  for (bool done = false; !done && problem.empty();) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      problem = std::string(parser.problem != nullptr ? parser.problem : "syntax error") +
                " at line " + std::to_string(parser.problem_mark.line + 1) + ", column " +
                std::to_string(parser.problem_mark.column + 1);
      break;
    }
    switch (event.type) {
      case YAML_SCALAR_EVENT: {
        if (!frames.empty() && frames.back().mapping && frames.back().want_key) {
          const std::string key(reinterpret_cast<const char*>(event.data.scalar.value),
                                event.data.scalar.length);
          if (!frames.back().keys.insert(key).second) {
            problem = "duplicate key \"" + key + "\" at line " +
                      std::to_string(event.start_mark.line + 1);
          }
        }
        consume();
        break;
      }
      case YAML_ALIAS_EVENT:
        consume();
        break;
      case YAML_MAPPING_START_EVENT:
      case YAML_SEQUENCE_START_EVENT:
        consume();
        frames.push_back(Frame{event.type == YAML_MAPPING_START_EVENT, true, {}});
        break;
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT:
        if (!frames.empty()) frames.pop_back();
        break;
      case YAML_STREAM_END_EVENT:
        done = true;
        break;
      default:
        break;
    }
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  return problem;
}

TEST(OpenApi, IsWellFormedYaml) {
  const std::string spec = ReadSpec();
  ASSERT_FALSE(spec.empty());
  EXPECT_EQ(YamlProblem(spec), "");
  // The checker itself: it must catch both faults it exists for.
  EXPECT_NE(YamlProblem("a:\n  description: x / y: z\n"), "");
  EXPECT_NE(YamlProblem("paths:\n  /a:\n    get: 1\n  /a:\n    put: 2\n"), "");
  EXPECT_EQ(YamlProblem("paths:\n  /a:\n    get: {x: [1, 2]}\n  /b:\n    get: 1\n"), "");
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
