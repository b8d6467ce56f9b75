// Runs every declarative rule case in tests/cases/plan/*.case through the real `anpei plan check`
// binary (format: tests/cases/README.md).
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "support/subprocess.h"

namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

struct Case {
  std::string file;
  std::map<std::string, std::string> expect;
  std::string input;
};

Case LoadCase(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  Case c;
  c.file = path.filename().string();
  const size_t sep = text.find("\n----\n");
  const std::string header = sep == std::string::npos ? text : text.substr(0, sep);
  c.input = sep == std::string::npos ? "" : text.substr(sep + 6);
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    c.expect[line.substr(0, colon)] = value;
  }
  return c;
}

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (const auto& e : fs::directory_iterator(fs::path(ANPEI_SOURCE_DIR) / "tests/cases/plan")) {
    if (e.path().extension() == ".case") cases.push_back(LoadCase(e.path()));
  }
  std::sort(cases.begin(), cases.end(),
            [](const Case& a, const Case& b) { return a.file < b.file; });
  return cases;
}

std::vector<std::string> Split(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// Shown by GoogleTest instead of the struct's bytes.
void PrintTo(const Case& c, std::ostream* os) { *os << c.file; }

class PlanCase : public ::testing::TestWithParam<Case> {};

TEST_P(PlanCase, MatchesExpectation) {
  const Case& c = GetParam();
  ASSERT_TRUE(c.expect.count("exit")) << c.file << " has no exit: line";
  std::vector<std::string> args = {"plan", "check", "-", "--json"};
  if (c.expect.count("args"))
    for (const std::string& a : Split(c.expect.at("args"))) args.push_back(a);
  const auto r = anpei::testing::RunProcess(ANPEI_BINARY, args, c.input);
  ASSERT_FALSE(r.timed_out) << c.file << ": hung";
  ASSERT_EQ(r.signal, 0) << c.file << ": crashed with signal " << r.signal << "\n" << r.err;
  const int want_exit = std::stoi(c.expect.at("exit"));
  ASSERT_EQ(r.exit_code, want_exit) << c.file << "\nstdout: " << r.out << "\nstderr: " << r.err;

  boost::system::error_code ec;
  const json::value out = json::parse(r.out, ec);
  ASSERT_FALSE(ec) << c.file << ": stdout is not JSON: " << r.out;

  if (want_exit == 2) {
    const json::object& e = out.at("error").as_object();
    EXPECT_FALSE(e.at("message").as_string().empty());
    EXPECT_FALSE(r.err.empty()) << "a human-readable message goes to stderr too";
    if (c.expect.count("field")) {
      ASSERT_TRUE(e.contains("field")) << c.file << ": " << r.out;
      EXPECT_EQ(e.at("field").as_string(), c.expect.at("field")) << c.file << ": " << r.out;
    }
    return;
  }
  EXPECT_EQ(out.at("ok").as_bool(), want_exit == 0) << c.file;
  std::set<std::string> got_rules;
  for (const json::value& v : out.at("violations").as_array()) {
    const json::object& o = v.as_object();
    got_rules.insert(std::string(o.at("rule").as_string()));
    EXPECT_FALSE(o.at("clause").as_string().empty()) << c.file;
    EXPECT_FALSE(o.at("message").as_string().empty()) << c.file;
  }
  std::set<std::string> want_rules;
  if (c.expect.count("rules"))
    for (const std::string& rule : Split(c.expect.at("rules"))) want_rules.insert(rule);
  EXPECT_EQ(got_rules, want_rules) << c.file << ": " << r.out;

  const json::object& s = out.at("summary").as_object();
  for (const char* key : {"total_hours", "theory_hours", "practical_hours", "online_hours"}) {
    if (c.expect.count(key)) {
      EXPECT_EQ(s.at(key).as_int64(), std::stoll(c.expect.at(key))) << c.file << " " << key;
    }
  }
  if (c.expect.count("start_date")) {
    EXPECT_EQ(s.at("start_date").as_string(), c.expect.at("start_date")) << c.file;
  }
  if (c.expect.count("deadline")) {
    ASSERT_TRUE(s.at("declare_deadline").is_string()) << c.file << ": " << r.out;
    EXPECT_EQ(s.at("declare_deadline").as_string(), c.expect.at("deadline")) << c.file;
  }
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  std::string name = info.param.file.substr(0, info.param.file.rfind('.'));
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return "c" + name;
}

INSTANTIATE_TEST_SUITE_P(Cases, PlanCase, ::testing::ValuesIn(AllCases()), CaseName);

TEST(PlanCases, ThereAreAtLeastSixtyCases) { EXPECT_GE(AllCases().size(), 60u); }

}  // namespace
