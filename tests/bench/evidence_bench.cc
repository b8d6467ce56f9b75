// make bench (ANPEI_BENCH=evidence; issue 14, Deliver 6): a 1 GB video uploaded through the tus
// routes (4 MiB PATCHes, as the console sends them) to the real server — MB/s end to end,
// including the SHA-256 pass, the libmagic sniff, the FFmpeg probe and the publish on the last
// byte — and the server's peak RSS (VmHWM) before and after, beside `cp` of the same file (and
// `cp` + `sync`) measured in the same run on the same file system. The video is generated here by
// the ffmpeg command (raw 640×480 frames in Matroska: large and fast to make, and a real video the
// probe reads). Not a test: numbers on a shared machine vary.
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "support/accounts.h"
#include "support/fixtures.h"
#include "support/server_process.h"
#include "support/subprocess.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using Headers = std::map<std::string, std::string>;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// VmHWM / VmRSS of a process, in KiB.
long Status(pid_t pid, const std::string& key) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
  }
  return -1;
}

std::string B64(const std::string& in) {
  static constexpr char k[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], k[n & 63]};
  }
  if (i + 1 == in.size()) {
    const uint32_t n = uint8_t(in[i]) << 16;
    out += {k[n >> 18], k[(n >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    const uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {k[n >> 18], k[(n >> 12) & 63], k[(n >> 6) & 63], '='};
  }
  return out;
}

int64_t IdOf(const testing::HttpResult& r) {
  if (r.status != 200 && r.status != 201) {
    std::cerr << "setup failed: " << r.status << " " << r.body << "\n";
    std::exit(2);
  }
  return json::parse(r.body).at("id").as_int64();
}

int Run() {
  const fs::path dir =
      fs::temp_directory_path() / ("anpei-evidence-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path video = dir / "session.mkv";
  // 2170 raw 640×480 yuv420p frames (460,800 bytes each): 1.0 GB, 87 s at 25 fps.
  auto made = testing::RunProcess(
      "/usr/bin/ffmpeg",
      {"-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
       "testsrc=size=640x480:rate=25", "-frames:v", "2170", "-c:v", "rawvideo", "-pix_fmt",
       "yuv420p", "-metadata", "creation_time=2021-10-14T00:35:00Z", video.string()},
      {}, std::chrono::seconds(600));
  if (made.exit_code != 0) {
    std::cerr << "ffmpeg failed: " << made.err << "\n";
    return 1;
  }
  const int64_t size = static_cast<int64_t>(fs::file_size(video));
  const double mb = static_cast<double>(size) / 1e6;

  // cp of the same file on the same file system, then cp + sync (our PATCHes fdatasync).
  auto t0 = Clock::now();
  testing::RunProcess("/bin/cp", {video.string(), (dir / "copy.mkv").string()}, {},
                      std::chrono::seconds(600));
  const double cp_s = Since(t0);
  fs::remove(dir / "copy.mkv");
  t0 = Clock::now();
  testing::RunProcess(
      "/bin/sh",
      {"-c", "cp '" + video.string() + "' '" + (dir / "copy.mkv").string() + "' && sync"}, {},
      std::chrono::seconds(600));
  const double cp_sync_s = Since(t0);
  fs::remove(dir / "copy.mkv");

  testing::TestDatabase db("sqlite");
  if (testing::AddUser(db, "admin", "police_admin").exit_code != 0) return 1;
  testing::ServerProcess server({"--db", db.url(), "--key-file", db.key_file(), "--fixed-clock",
                                 "2021-10-14T12:00:00+08:00", "--blob-dir",
                                 (dir / "blobs").string()});
  if (!server.started()) return 1;
  std::map<std::string, Headers> as;
  as["admin"] = server.SignIn("admin", testing::kTestPassword);
  auto post = [&](const std::string& who, const std::string& path, const std::string& body) {
    return server.Request("POST", "/api/v1" + path, body, as[who]);
  };
  post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
  const int64_t inst = IdOf(post(
      "admin", "/institutions",
      R"({"name":"甲校","uscc":")" + testing::ValidUscc(1) + R"(","district_code":"350503"})"));
  const int64_t teacher =
      IdOf(post("admin", "/teachers",
                R"({"institution_id":)" + std::to_string(inst) +
                    R"(,"name":"陈老师","id_number":")" + testing::ValidId(901, 1975) + "\"}"));
  IdOf(post("admin", "/users",
            R"({"username":"inst","roles":["institution"],"password":")" +
                std::string(testing::kTestPassword) + R"(","institution_id":)" +
                std::to_string(inst) + "}"));
  as["inst"] = server.SignIn("inst", testing::kTestPassword);
  const int64_t trainee = IdOf(post("inst", "/trainees",
                                    R"({"name":"学员","id_number":")" + testing::ValidId(11) +
                                        R"(","phone":"13800001234","group":"security_staff"})"));
  json::array sessions;
  for (int i = 0; i < 5; ++i) {
    sessions.push_back(json::object{{"date", "2021-10-" + std::to_string(11 + i)},
                                    {"start", "08:30"},
                                    {"end", "11:30"},
                                    {"hours", 4},
                                    {"kind", i >= 3 ? "practical" : "theory"},
                                    {"delivery", "offline"},
                                    {"teacher", "t1"}});
  }
  const int64_t cls = IdOf(
      post("inst", "/classes",
           R"({"institution_id":)" + std::to_string(inst) +
               R"(,"occupation":"security_guard","title":"压测班","venue":{"address":"丰泽区"},)"
               R"("teachers":[{"key":"t1","teacher_id":)" +
               std::to_string(teacher) + R"(}],"sessions":)" + json::serialize(sessions) +
               R"(,"roster":[)" + std::to_string(trainee) + "]}"));
  const std::string cpath = "/classes/" + std::to_string(cls);
  auto declared = post("inst", cpath + "/declare", R"({"version":1})");
  post("admin", cpath + "/review",
       R"({"decision":"approve","reason":"","version":)" +
           std::to_string(json::parse(declared.body).at("version").as_int64()) + "}");

  const long rss_before = Status(server.pid(), "VmRSS");
  const long hwm_before = Status(server.pid(), "VmHWM");
  Headers h = as["inst"];
  h["Tus-Resumable"] = "1.0.0";
  h["Upload-Length"] = std::to_string(size);
  h["Upload-Metadata"] =
      "kind " + B64("practical_video") + ",filename " + B64("session.mkv") + ",session " + B64("4");
  t0 = Clock::now();
  auto created = server.Request("POST", "/api/v1" + cpath + "/evidence/uploads", "", h);
  if (created.status != 201) {
    std::cerr << "create failed: " << created.status << " " << created.body << "\n";
    return 1;
  }
  const std::string location = created.headers["location"];
  std::ifstream in(video, std::ios::binary);
  constexpr size_t kChunk = 4 << 20;
  std::string chunk(kChunk, '\0');
  int64_t offset = 0;
  double last_patch_s = 0;
  testing::HttpResult last;
  while (offset < size) {
    in.read(chunk.data(), kChunk);
    const auto n = static_cast<size_t>(in.gcount());
    Headers p = as["inst"];
    p["Tus-Resumable"] = "1.0.0";
    p["Upload-Offset"] = std::to_string(offset);
    const bool final_piece = offset + static_cast<int64_t>(n) == size;
    const auto tp = Clock::now();
    last =
        server.Request("PATCH", location, chunk.substr(0, n), p, "application/offset+octet-stream");
    if (final_piece) last_patch_s = Since(tp);
    if (last.status != 204) {
      std::cerr << "PATCH at " << offset << " failed: " << last.status << " " << last.body << "\n";
      return 1;
    }
    offset += static_cast<int64_t>(n);
  }
  const double upload_s = Since(t0);
  const long hwm_after = Status(server.pid(), "VmHWM");
  const std::string item = last.headers["evidence-id"];
  auto list = server.Request("GET", "/api/v1" + cpath + "/evidence", "", as["inst"]);
  double duration = 0;
  const json::value listed = json::parse(list.body);  // kept: the loop reads into it
  for (const auto& i : listed.at("items").as_array()) {
    if (std::to_string(i.at("id").as_int64()) == item) {
      duration = i.at("video").at("duration_seconds").to_number<double>();
    }
  }
  std::printf("evidence upload bench (1 GB video, tus 4 MiB PATCHes, SQLite store)\n");
  std::printf("  file: %.1f MB (%lld bytes), raw 640x480 Matroska, %.1f s of video (probed)\n", mb,
              static_cast<long long>(size), duration);
  std::printf("  cp:                   %6.2f s  %7.1f MB/s\n", cp_s, mb / cp_s);
  std::printf("  cp + sync:            %6.2f s  %7.1f MB/s\n", cp_sync_s, mb / cp_sync_s);
  std::printf("  tus upload (total):   %6.2f s  %7.1f MB/s  (%.0f%% of cp, %.0f%% of cp+sync)\n",
              upload_s, mb / upload_s, 100 * cp_s / upload_s, 100 * cp_sync_s / upload_s);
  std::printf("  last PATCH (seal: SHA-256 + sniff + probe + publish): %.2f s\n", last_patch_s);
  std::printf("  server RSS before %ld KiB, peak (VmHWM) before %ld KiB, after %ld KiB\n",
              rss_before, hwm_before, hwm_after);
  fs::remove_all(dir);
  return item.empty() ? 1 : 0;
}

}  // namespace
}  // namespace anpei

int main() { return anpei::Run(); }
