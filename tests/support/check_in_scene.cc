#include "support/check_in_scene.h"

#include <stdlib.h>

#include <atomic>
#include <boost/json.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <thread>

#include "support/accounts.h"
#include "support/fixtures.h"

namespace anpei::testing {
namespace {

namespace json = boost::json;
using Headers = std::map<std::string, std::string>;

json::value J(const HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value(nullptr) : v;
}

int64_t IdOf(const HttpResult& r, std::string& error, const std::string& what) {
  const json::value v = J(r);
  if ((r.status != 200 && r.status != 201) || !v.is_object() || !v.as_object().contains("id")) {
    if (error.empty()) error = what + ": " + std::to_string(r.status) + " " + r.body.substr(0, 300);
    return 0;
  }
  return v.at("id").as_int64();
}

// Person k of the scene: valid, distinct ID numbers (Fengze, born 1970 onwards).
std::string PersonId(int k) { return ValidId(k % 1000, 1970 + k / 1000); }
constexpr const char* kName = "压测学员";

}  // namespace

CheckInScene BuildCheckInScene(const ServerProcess& server, TestClock& clock, const Headers& admin,
                               int classes, int per_class, std::string& error) {
  CheckInScene scene;
  auto post = [&](const Headers& as, const std::string& path, const std::string& body) {
    return server.Request("POST", "/api/v1" + path, body, as);
  };
  (void)post(admin, "/districts", R"({"code":"350503","name":"丰泽区"})");
  const int64_t inst = IdOf(post(admin, "/institutions",
                                 R"({"name":"晨峰保安培训学校","uscc":")" + ValidUscc(77) +
                                     R"(","district_code":"350503","address":"丰泽区东海街道"})"),
                            error, "institution");
  for (auto [name, role, scope] :
       {std::tuple{"peak_inst", "institution", R"("institution_id":)" + std::to_string(inst)},
        {"peak_reviewer", "police_reviewer", std::string(R"("district_code":"350503")")}}) {
    auto r = post(admin, "/users",
                  R"({"username":")" + std::string(name) + R"(","roles":[")" + role +
                      R"("],"password":")" + kTestPassword + "\"," + scope + "}");
    if (r.status != 201 && error.empty()) error = "user: " + r.body;
  }
  const Headers inst_as = server.SignIn("peak_inst", kTestPassword);
  const Headers reviewer = server.SignIn("peak_reviewer", kTestPassword);
  if (!error.empty() || inst_as.empty() || reviewer.empty()) {
    if (error.empty()) error = "sign-in failed";
    return scene;
  }
  std::vector<int64_t> class_ids;
  for (int c = 0; c < classes && error.empty(); ++c) {
    const int64_t teacher = IdOf(
        post(admin, "/teachers",
             R"({"institution_id":)" + std::to_string(inst) + R"(,"name":"陈老师","id_number":")" +
                 ValidId(c % 1000, 1960 + c / 1000) + "\"}"),
        error, "teacher");
    json::array sessions, roster;
    for (int i = 0; i < 5; ++i) {
      sessions.push_back(json::object{{"date", "2021-10-" + std::to_string(11 + i)},
                                      {"start", "08:30"},
                                      {"end", "11:50"},
                                      {"hours", 4},
                                      {"kind", i >= 3 ? "practical" : "theory"},
                                      {"delivery", "offline"},
                                      {"teacher", "t1"}});
    }
    for (int k = 0; k < per_class; ++k) {
      roster.push_back(json::object{{"name", kName},
                                    {"id_number", PersonId(c * per_class + k)},
                                    {"phone", "13800001234"},
                                    {"group", "security_staff"}});
    }
    json::object body{
        {"institution_id", inst},
        {"occupation", "security_guard"},
        {"title", "保安员初级班（早高峰）"},
        {"venue",
         json::object{{"address", "丰泽区东海街道"}, {"lat", kSceneLat}, {"lng", kSceneLng}}},
        {"teachers", json::array{json::object{{"key", "t1"}, {"teacher_id", teacher}}}},
        {"sessions", sessions},
        {"roster", roster}};
    const int64_t cls = IdOf(post(inst_as, "/classes", json::serialize(body)), error, "class");
    if (!error.empty()) break;
    for (auto [who, path, extra] :
         {std::tuple{&inst_as, "/declare", std::string()},
          {&reviewer, "/review", std::string(R"("decision":"approve","reason":"",)")}}) {
      auto got = server.Request("GET", "/api/v1/classes/" + std::to_string(cls), "", inst_as);
      const int64_t version = J(got).at("version").as_int64();
      auto r = post(*who, "/classes/" + std::to_string(cls) + path,
                    "{" + extra + R"("version":)" + std::to_string(version) + "}");
      if (r.status != 200 && error.empty()) error = std::string(path) + ": " + r.body;
    }
    class_ids.push_back(cls);
  }
  if (!error.empty()) return scene;
  clock.Set(kScenePeakAt);
  // Three days on, the staff session has ended: the institution signs in again for the QR codes.
  const Headers at_peak = server.SignIn("peak_inst", kTestPassword);
  for (int64_t cls : class_ids) {
    auto r = server.Request(
        "GET", "/api/v1/classes/" + std::to_string(cls) + "/sessions/1/qr-token", "", at_peak);
    const json::value v = J(r);
    if (r.status != 200 || !v.is_object()) {
      error = "qr-token: " + r.body;
      return scene;
    }
    scene.tokens[cls] = std::string(v.at("token").as_string());
  }
  // Every trainee identifies on its own phone, from its own address (as phones on a mobile
  // network would; the identification throttle counts per address), 16 at a time.
  const int total = classes * per_class;
  scene.phones.resize(static_cast<size_t>(total));
  std::atomic<int> next{0};
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&] {
      for (int k = next++; k < total; k = next++) {
        ScenePhone& p = scene.phones[static_cast<size_t>(k)];
        p.class_id = class_ids[static_cast<size_t>(k / per_class)];
        p.device = "peak-phone-" + std::to_string(k);
        const std::string ip =
            "127.1." + std::to_string(k / 250) + "." + std::to_string(1 + k % 250);
        auto r =
            server.RequestFrom(ip, "POST", "/api/v1/trainee-sessions",
                               json::serialize(json::object{{"token", scene.tokens[p.class_id]},
                                                            {"name", kName},
                                                            {"id_number", PersonId(k)},
                                                            {"device_id", p.device}}));
        const json::value v = J(r);
        if (r.status != 201 || !v.is_object()) {
          std::lock_guard<std::mutex> lock(mu);
          if (error.empty()) error = "trainee-sessions: " + std::to_string(r.status) + " " + r.body;
          continue;
        }
        const std::string cookie = r.headers["set-cookie"];
        p.cookie = cookie.substr(0, cookie.find(';'));
        p.csrf = std::string(v.at("csrf_token").as_string());
        p.person_id = v.at("person").at("id").as_int64();
      }
    });
  }
  for (auto& t : threads) t.join();
  return scene;
}

std::string NoSelfieDataDir(const std::string& source_dir, std::string& error) {
  namespace fs = std::filesystem;
  const char* tmp = std::getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/anpei-noselfie-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr) {
    error = "mkdtemp failed";
    return {};
  }
  const fs::path dir(templ);
  std::error_code ec;
  for (const char* linked : {"data", "migrations"}) {
    if (!ec) fs::create_directory_symlink(fs::path(source_dir) / linked, dir / linked, ec);
  }
  fs::create_directory(dir / "policies", ec);
  for (const auto& entry : fs::directory_iterator(fs::path(source_dir) / "policies", ec)) {
    std::ifstream in(entry.path());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string on = "selfie_required = true";
    if (auto at = text.find(on); at != std::string::npos) {
      text.replace(at, on.size(), "selfie_required = false");
    }
    std::ofstream(dir / "policies" / entry.path().filename()) << text;
  }
  if (ec) {
    error = "data directory: " + ec.message();
    return {};
  }
  return dir.string();
}

std::string CheckInBody(const CheckInScene& scene, const ScenePhone& phone,
                        const std::string& direction, const std::string& key) {
  return json::serialize(json::object{{"token", scene.tokens.at(phone.class_id)},
                                      {"direction", direction},
                                      {"idempotency_key", key},
                                      {"lat", kSceneLat},
                                      {"lng", kSceneLng},
                                      {"accuracy_m", 20},
                                      {"device_id", phone.device}});
}

}  // namespace anpei::testing
