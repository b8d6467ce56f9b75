// HTTP against the real server binary on a random loopback port.
#include <gtest/gtest.h>
#include <boost/json.hpp>
#include <filesystem>

#include <fstream>
#include <sstream>

#include "support/server_process.h"

namespace {
namespace json = boost::json;
using anpei::testing::ServerProcess;

std::string CaseInput(const std::string& name) {
  std::ifstream in(std::string(ANPEI_SOURCE_DIR) + "/tests/cases/plan/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  return text.substr(text.find("\n----\n") + 6);
}

class Server : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new ServerProcess(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static ServerProcess* server_;
};
ServerProcess* Server::server_ = nullptr;

TEST_F(Server, HealthzAnswersOk) {
  ASSERT_TRUE(server_->started());
  auto r = server_->Request("GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body), json::parse(R"({"status":"ok"})"));
  EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8");
}

TEST_F(Server, PlanCheckGivesTheSameResultAsTheCli) {
  auto r = server_->Request("POST", "/api/v1/plan-checks", CaseInput("001-contract-example.case"));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto v = json::parse(r.body);
  EXPECT_FALSE(v.at("ok").as_bool());
  EXPECT_EQ(v.at("violations").at(0).at("rule").as_string(), "PLAN_TOTAL_HOURS_MIN");
  EXPECT_EQ(v.at("summary").at("declare_deadline").as_string(), "2021-10-13");
  r = server_->Request("POST", "/api/v1/plan-checks", CaseInput("002-standard-20h-plan.case"));
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(json::parse(r.body).at("ok").as_bool());
}

TEST_F(Server, MalformedInputIs400NamingTheField) {
  auto r = server_->Request("POST", "/api/v1/plan-checks", CaseInput("214-date-feb-30.case"));
  ASSERT_EQ(r.status, 400) << r.body;
  const auto e = json::parse(r.body).at("error");
  EXPECT_EQ(e.at("code").as_string(), "invalid_argument");
  EXPECT_EQ(e.at("field").as_string(), "sessions[0].date");
  r = server_->Request("POST", "/api/v1/plan-checks", "{not json");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(json::parse(r.body).at("error").at("message").as_string().find("第 1 行"),
            std::string::npos);
  r = server_->Request("POST", "/api/v1/plan-checks", "");
  EXPECT_EQ(r.status, 400);
}

TEST_F(Server, NeverA500ForBadRequests) {
  EXPECT_EQ(server_->Request("GET", "/api/v1/no/such/thing").status, 404);
  EXPECT_EQ(server_->Request("GET", "/no/such/file.png").status, 404);
  EXPECT_EQ(server_->Request("DELETE", "/healthz").status, 405);
  EXPECT_EQ(server_->Request("GET", "/%zz").status, 400);
  EXPECT_EQ(server_->Raw("THIS IS NOT HTTP\r\n\r\n").status, 400);
  const std::string big(9 << 20, ' ');
  EXPECT_EQ(server_->Request("POST", "/api/v1/plan-checks", big).status, 413);
  EXPECT_EQ(server_->Raw("GET /healthz HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n")
                .status,
            431);
  EXPECT_EQ(server_->Request("GET", "/healthz").status, 200) << "still serving";
}

// Every error carries its own code and a stable reason key beside the Chinese message, so a client
// can show it in its user's language (issue "Room to grow": 405/413/431 are not
// "invalid_argument").
TEST_F(Server, ErrorsCarryTheirOwnCodeAndAStableReason) {
  auto error = [](const anpei::testing::HttpResult& r) { return json::parse(r.body).at("error"); };
  auto r = server_->Request("DELETE", "/healthz");
  EXPECT_EQ(error(r).at("code").as_string(), "method_not_allowed");
  EXPECT_EQ(error(r).at("reason").as_string(), "http.method_not_allowed");
  EXPECT_EQ(r.headers["allow"], "GET");
  r = server_->Request("POST", "/api/v1/plan-checks", std::string(9 << 20, ' '));
  EXPECT_EQ(error(r).at("code").as_string(), "payload_too_large");
  EXPECT_EQ(error(r).at("reason").as_string(), "http.body_too_large");
  r = server_->Raw("GET /healthz HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(error(r).at("code").as_string(), "headers_too_large");
  r = server_->Request("GET", "/api/v1/no/such/thing");
  EXPECT_EQ(error(r).at("reason").as_string(), "http.no_such_route");
  // Bad input: the reason names the field without its indexes.
  r = server_->Request(
      "POST", "/api/v1/plan-checks",
      R"({"occupation":"security_guard","sessions":[{"date":"2021-13-01","start":"08:30",)"
      R"("end":"10:00","hours":2,"kind":"theory","delivery":"offline"}]})");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(error(r).at("code").as_string(), "invalid_argument");
  EXPECT_EQ(error(r).at("field").as_string(), "sessions[0].date");
  EXPECT_EQ(error(r).at("reason").as_string(), "invalid.sessions.date");
  // Signed out: a reason of its own.
  r = server_->Request("GET", "/api/v1/classes");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(error(r).at("reason").as_string(), "session.required");
}

// Request smuggling: only "chunked" frames a body; any other Transfer-Encoding is refused and the
// connection closed, so the bytes after it are never served as a second request (issue "Trust").
TEST_F(Server, AnyTransferEncodingButChunkedIsRefusedAndTheConnectionClosed) {
  for (const std::string te : {"gzip", "identity", "foo", "chunked, identity"}) {
    const std::string raw =
        "POST /api/v1/plan-checks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + te +
        "\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n"
        "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    auto r = server_->Raw(raw);
    EXPECT_EQ(r.status, 400) << te;
    EXPECT_NE(r.body.find("http.bad_transfer_encoding"), std::string::npos) << te << ": " << r.body;
    EXPECT_EQ(r.body.find("HTTP/1.1 200"), std::string::npos)
        << te << ": a second response came on the same connection";
    EXPECT_EQ(r.headers["connection"], "close") << te;
  }
  // chunked itself still works.
  auto ok = server_->Raw(
      "POST /api/v1/plan-checks HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
      "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
      "2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(ok.status, 400) << "an empty plan, but parsed: " << ok.body;
  EXPECT_NE(ok.body.find("invalid_argument"), std::string::npos) << ok.body;
}

TEST_F(Server, SecurityHeadersOnEveryResponse) {
  for (const auto& r :
       {server_->Request("GET", "/healthz"), server_->Request("GET", "/api/v1/no/such/thing"),
        server_->Request("POST", "/api/v1/plan-checks", "{")}) {
    EXPECT_EQ(r.headers.at("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.headers.at("x-frame-options"), "DENY");
    EXPECT_EQ(r.headers.at("referrer-policy"), "no-referrer");
    EXPECT_NE(r.headers.at("content-security-policy").find("frame-ancestors 'none'"),
              std::string::npos);
  }
}

TEST_F(Server, InvalidUtf8IsNeverEchoed) {
  auto r = server_->Request("GET", "/api/v1/%FF%FEabc");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("\xFF"), std::string::npos);
  EXPECT_NE(r.body.find("\xEF\xBF\xBD"), std::string::npos) << r.body;
}

// The console (web/dist, built by make build): index.html at / and as the fallback of client-side
// routes, hashed assets cached for a year with their proper types, the API never shadowed.
TEST_F(Server, ServesTheConsoleWithTypesCachingAndSpaFallback) {
  const std::string dist = std::string(ANPEI_SOURCE_DIR) + "/web/dist";
  if (!std::filesystem::exists(dist + "/index.html")) {
    GTEST_SKIP() << "web/dist not built (make build builds it)";
  }
  auto index = server_->Request("GET", "/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  EXPECT_NE(index.body.find("<div id=\"app\""), std::string::npos);
  auto route = server_->Request("GET", "/classes/12/plan");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);
  std::string asset;
  for (const auto& f : std::filesystem::directory_iterator(dist + "/assets")) {
    if (f.path().extension() == ".js") {
      asset = "/assets/" + f.path().filename().string();
      break;
    }
  }
  ASSERT_FALSE(asset.empty());
  auto js = server_->Request("GET", asset);
  ASSERT_EQ(js.status, 200);
  EXPECT_EQ(js.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_EQ(server_->Request("GET", "/api/v1/policies").headers["content-type"],
            "application/json; charset=utf-8");
}

TEST(ServerLifecycle, SigtermStopsGracefully) {
  ServerProcess s;
  ASSERT_TRUE(s.started());
  EXPECT_EQ(s.Request("GET", "/healthz").status, 200);
  EXPECT_EQ(s.Kill(SIGTERM), 0);
}

}  // namespace
