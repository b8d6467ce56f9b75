// make bench (ANPEI_BENCH=online; issue 14, Deliver 6): a generated 1,000,000-row 明细表 (1000
// trainees × 1000 sittings of 45 minutes, with its 1000-row 汇总表), as CSV and as XLSX, uploaded
// through the evidence uploads (tus, 4 MiB PATCHes) and imported through the API
// (POST /classes/{id}/online-imports by evidence ids): every row read, checked (ID, roster,
// phone, period, minutes, face captures, overlaps, summary agreement) and stored. Rows per second
// of the import request and the server's peak RSS (VmHWM), beside `sqlite3`'s `.import` of the
// same CSV into a table with the same indexes (the unique key and the per-person index of
// online_records) measured in the same run. Not a test: numbers on a shared machine vary.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "domain/identity.h"
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

long ProcStatus(pid_t pid, const std::string& key) {
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
    std::cerr << "setup failed: " << r.status << " " << r.body.substr(0, 400) << "\n";
    std::exit(2);
  }
  return json::parse(r.body).at("id").as_int64();
}

// ---- the generated tables ---------------------------------------------------------------------

constexpr int64_t kPeople = 1000;
// 2021-10-08 00:00 China Standard Time: the sittings follow each other from here.
constexpr int64_t kBase = 1633622400;

std::string IdNumber(int64_t p) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "350526%04d%02d%02d%03d", 1980 + static_cast<int>(p / 336),
                static_cast<int>(p / 28 % 12 + 1), static_cast<int>(p % 28 + 1),
                static_cast<int>(p % 1000));
  return std::string(first17) + domain::Mod112CheckChar(first17);
}
std::string Phone(int64_t p) {
  char b[16];
  std::snprintf(b, sizeof b, "139%08lld", static_cast<long long>(p));
  return b;
}
std::string Local(int64_t unix_s) {  // "2021-10-08 00:45" China Standard Time
  const time_t t = static_cast<time_t>(unix_s + 8 * 3600);
  tm g{};
  gmtime_r(&t, &g);
  char b[32];
  std::strftime(b, sizeof b, "%Y-%m-%d %H:%M", &g);
  return b;
}

const std::vector<std::string> kDetailHead = {"姓名",        "身份证号", "手机号",           "课程",
                                              "开始时间",    "结束时间", "学习时长（分钟）", "学时",
                                              "人脸抓拍次数"};
const std::vector<std::string> kSummaryHead = {"姓名",
                                               "身份证号",
                                               "手机号",
                                               "学习开始时间",
                                               "学习结束时间",
                                               "职业（工种）或课程",
                                               "学习时长（分钟）",
                                               "学时",
                                               "考试成绩",
                                               "照片"};

// Row r (0-based) of the detail table: person r / per, sitting r % per.
std::vector<std::string> DetailRow(int64_t r, int64_t per) {
  const int64_t p = r / per, k = r % per;
  const int64_t from = kBase + k * 45 * 60;
  return {"学员" + std::to_string(p),
          IdNumber(p),
          Phone(p),
          "课程" + std::to_string(k % 20),
          Local(from),
          Local(from + 45 * 60),
          "45",
          "1",
          "2"};
}
std::vector<std::string> SummaryRow(int64_t p, int64_t per) {
  return {"学员" + std::to_string(p),
          IdNumber(p),
          Phone(p),
          Local(kBase),
          Local(kBase + per * 45 * 60),
          "保安员",
          std::to_string(per * 45),
          std::to_string(per),
          "90",
          "有"};
}

void WriteCsv(const fs::path& path, const std::vector<std::string>& head, int64_t rows,
              const std::function<std::vector<std::string>(int64_t)>& row) {
  std::ofstream out(path, std::ios::binary);
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (size_t i = 0; i < cells.size(); ++i) s += (i ? "," : "") + cells[i];
    out << s << "\r\n";
  };
  line(head);
  for (int64_t r = 0; r < rows; ++r) line(row(r));
}

// An XLSX with inline strings and number cells for the numbers (as platforms' exporters write).
bool WriteXlsx(const fs::path& path, const std::vector<std::string>& head, int64_t rows,
               const std::function<std::vector<std::string>(int64_t)>& row, size_t numbers_from) {
  std::string x =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
  auto cells = [&](const std::vector<std::string>& v, bool header) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (!header && i >= numbers_from && i < numbers_from + 3) {
        x += "<c><v>" + v[i] + "</v></c>";
      } else {
        x += "<c t=\"inlineStr\"><is><t>" + v[i] + "</t></is></c>";
      }
    }
  };
  x += "<row r=\"1\">";
  cells(head, true);
  x += "</row>";
  for (int64_t r = 0; r < rows; ++r) {
    x += "<row r=\"" + std::to_string(r + 2) + "\">";
    cells(row(r), false);
    x += "</row>";
  }
  x += "</sheetData></worksheet>";
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return false;
  const std::string wb =
      R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)";
  const std::string types =
      R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
  const std::pair<const char*, const std::string*> parts[] = {{"[Content_Types].xml", &types},
                                                              {"xl/workbook.xml", &wb},
                                                              {"xl/_rels/workbook.xml.rels", &rels},
                                                              {"xl/worksheets/sheet1.xml", &x}};
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text->data(), text->size(), 0);
    if (!s || zip_file_add(z, name, s, ZIP_FL_OVERWRITE) < 0) return false;
  }
  return zip_close(z) == 0;
}

// ---- sqlite3's .import ------------------------------------------------------------------------

struct Sample {
  double seconds = 0;
  long max_rss_kb = 0;
};

Sample SqliteImport(const fs::path& csv, const fs::path& db) {
  fs::remove(db);
  const std::string commands =
      "CREATE TABLE detail (name TEXT, id_number TEXT, phone TEXT, course TEXT, started TEXT, "
      "ended TEXT, minutes INTEGER, class_hours INTEGER, faces INTEGER);\n"
      "CREATE UNIQUE INDEX detail_key ON detail (id_number, course, started);\n"
      "CREATE INDEX detail_by_person ON detail (id_number, started);\n"
      ".mode csv\n.import --skip 1 " +
      csv.string() + " detail\n";
  int in[2];
  if (pipe(in) != 0) return {};
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    close(in[1]);
    const int devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) dup2(devnull, 1);
    execlp("sqlite3", "sqlite3", db.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(in[0]);
  (void)!write(in[1], commands.data(), commands.size());
  close(in[1]);
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  Sample s{Since(t0), ru.ru_maxrss};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "sqlite3 .import failed\n";
    s.seconds = 0;
  }
  return s;
}

// ---- the API ----------------------------------------------------------------------------------

struct World {
  std::unique_ptr<testing::ServerProcess> server;
  std::map<std::string, Headers> as;
  int64_t inst = 0, teacher = 0;
};

void Setup(World& w) {
  auto& server = *w.server;
  w.as["admin"] = server.SignIn("admin", testing::kTestPassword);
  auto post = [&](const std::string& who, const std::string& path, const std::string& body) {
    return server.Request("POST", "/api/v1" + path, body, w.as[who]);
  };
  post("admin", "/districts", R"({"code":"350503","name":"丰泽区"})");
  w.inst = IdOf(post(
      "admin", "/institutions",
      R"({"name":"甲校","uscc":")" + testing::ValidUscc(1) + R"(","district_code":"350503"})"));
  w.teacher =
      IdOf(post("admin", "/teachers",
                R"({"institution_id":)" + std::to_string(w.inst) +
                    R"(,"name":"陈老师","id_number":")" + testing::ValidId(901, 1975) + "\"}"));
  IdOf(post("admin", "/users",
            R"({"username":"inst","roles":["institution"],"password":")" +
                std::string(testing::kTestPassword) + R"(","institution_id":)" +
                std::to_string(w.inst) + "}"));
  w.as["inst"] = server.SignIn("inst", testing::kTestPassword);
}

// A class of 1000 trainees with two online sessions, approved; returns its id.
int64_t NewClass(World& w) {
  auto& server = *w.server;
  auto req = [&](const std::string& who, const std::string& method, const std::string& path,
                 const std::string& body) {
    return server.Request(method, "/api/v1" + path, body, w.as[who]);
  };
  const char* dates[] = {"2021-10-08", "2021-10-11", "2021-11-26", "2021-11-29", "2021-11-30"};
  json::array sessions;
  for (int i = 0; i < 5; ++i) {
    sessions.push_back(json::object{{"date", dates[i]},
                                    {"start", "08:30"},
                                    {"end", "11:30"},
                                    {"hours", 4},
                                    {"kind", i >= 3 ? "practical" : "theory"},
                                    {"delivery", i < 2 ? "online" : "offline"},
                                    {"teacher", "t1"}});
  }
  const int64_t cls = IdOf(
      req("inst", "POST", "/classes",
          R"({"institution_id":)" + std::to_string(w.inst) +
              R"(,"occupation":"security_guard","title":"线上压测班","venue":{"address":"丰泽区"},)"
              R"("teachers":[{"key":"t1","teacher_id":)" +
              std::to_string(w.teacher) + R"(}],"sessions":)" + json::serialize(sessions) + "}"));
  const std::string path = "/classes/" + std::to_string(cls);
  json::array rows;
  for (int64_t p = 0; p < kPeople; ++p) {
    rows.push_back(json::object{{"name", "学员" + std::to_string(p)},
                                {"id_number", IdNumber(p)},
                                {"phone", Phone(p)},
                                {"group", "security_staff"}});
  }
  auto imported = req("inst", "POST", path + "/roster/import",
                      json::serialize(json::object{{"version", 1}, {"rows", rows}}));
  if (imported.status != 200) {
    std::cerr << "roster import: " << imported.status << " " << imported.body.substr(0, 400)
              << "\n";
    std::exit(2);
  }
  auto cls_now = json::parse(req("inst", "GET", path, "").body);
  auto declared = req("inst", "POST", path + "/declare",
                      R"({"version":)" + std::to_string(cls_now.at("version").as_int64()) + "}");
  if (declared.status != 200) {
    std::cerr << "declare: " << declared.body.substr(0, 400) << "\n";
    std::exit(2);
  }
  auto approved =
      req("admin", "POST", path + "/review",
          R"({"decision":"approve","reason":"","version":)" +
              std::to_string(json::parse(declared.body).at("version").as_int64()) + "}");
  if (approved.status != 200) {
    std::cerr << "approve: " << approved.body.substr(0, 400) << "\n";
    std::exit(2);
  }
  return cls;
}

// Uploads a file through tus (4 MiB PATCHes); returns the evidence id.
int64_t Upload(World& w, int64_t cls, const fs::path& file, const std::string& kind) {
  auto& server = *w.server;
  const int64_t size = static_cast<int64_t>(fs::file_size(file));
  Headers h = w.as["inst"];
  h["Tus-Resumable"] = "1.0.0";
  h["Upload-Length"] = std::to_string(size);
  h["Upload-Metadata"] = "kind " + B64(kind) + ",filename " + B64(file.filename().string());
  auto created =
      server.Request("POST", "/api/v1/classes/" + std::to_string(cls) + "/evidence/uploads", "", h);
  if (created.status != 201) {
    std::cerr << "upload create: " << created.status << " " << created.body << "\n";
    std::exit(2);
  }
  const std::string location = created.headers["location"];
  std::ifstream in(file, std::ios::binary);
  constexpr size_t kChunk = 4 << 20;
  std::string chunk(kChunk, '\0');
  int64_t offset = 0;
  testing::HttpResult last;
  while (offset < size) {
    in.read(chunk.data(), kChunk);
    const auto n = static_cast<size_t>(in.gcount());
    Headers p = w.as["inst"];
    p["Tus-Resumable"] = "1.0.0";
    p["Upload-Offset"] = std::to_string(offset);
    last =
        server.Request("PATCH", location, chunk.substr(0, n), p, "application/offset+octet-stream");
    if (last.status != 204) {
      std::cerr << "PATCH at " << offset << ": " << last.status << " " << last.body << "\n";
      std::exit(2);
    }
    offset += static_cast<int64_t>(n);
  }
  return std::stoll(last.headers["evidence-id"]);
}

// The import request, through curl (no client timeout: a million rows take longer than the test
// client waits). Returns the response body; `seconds` its wall time.
std::string Import(World& w, int64_t cls, int64_t summary, int64_t detail, double& seconds) {
  std::vector<std::string> args = {"-s", "-X", "POST", "-H", "Content-Type: application/json"};
  for (const auto& [k, v] : w.as["inst"]) {
    args.push_back("-H");
    args.push_back(k + ": " + v);
  }
  args.push_back("--data-binary");
  args.push_back(R"({"summary_evidence_id":)" + std::to_string(summary) +
                 R"(,"detail_evidence_id":)" + std::to_string(detail) + "}");
  args.push_back("http://127.0.0.1:" + std::to_string(w.server->port()) + "/api/v1/classes/" +
                 std::to_string(cls) + "/online-imports");
  const auto t0 = Clock::now();
  auto r = testing::RunProcess("/usr/bin/curl", args, {}, std::chrono::seconds(3600));
  seconds = Since(t0);
  return r.out;
}

int Run(const std::vector<std::string>& stores, int64_t rows) {
  const fs::path dir =
      fs::temp_directory_path() / ("anpei-online-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const int64_t per = rows / kPeople;
  auto detail_row = [per](int64_t r) { return DetailRow(r, per); };
  auto summary_row = [per](int64_t p) { return SummaryRow(p, per); };
  auto t0 = Clock::now();
  WriteCsv(dir / "明细表.csv", kDetailHead, kPeople * per, detail_row);
  WriteCsv(dir / "汇总表.csv", kSummaryHead, kPeople, summary_row);
  const double gen_csv = Since(t0);
  t0 = Clock::now();
  if (!WriteXlsx(dir / "明细表.xlsx", kDetailHead, kPeople * per, detail_row, 6) ||
      !WriteXlsx(dir / "汇总表.xlsx", kSummaryHead, kPeople, summary_row, 6)) {
    std::cerr << "writing the XLSX failed\n";
    return 1;
  }
  const double gen_xlsx = Since(t0);
  const double csv_mb = static_cast<double>(fs::file_size(dir / "明细表.csv")) / 1e6;
  const double xlsx_mb = static_cast<double>(fs::file_size(dir / "明细表.xlsx")) / 1e6;
  std::printf(
      "online import bench: %lld detail rows (%lld trainees × %lld), CSV %.1f MB, XLSX %.1f MB"
      " (generated in %.1f s / %.1f s)\n\n",
      static_cast<long long>(kPeople * per), static_cast<long long>(kPeople),
      static_cast<long long>(per), csv_mb, xlsx_mb, gen_csv, gen_xlsx);
  const Sample sq = SqliteImport(dir / "明细表.csv", dir / "sqlite-import.db");
  std::printf(
      "sqlite3 .import of the same CSV (same indexes): %.2f s, %.0f rows/s, peak RSS %.0f MiB"
      "\n\n",
      sq.seconds, static_cast<double>(kPeople * per) / sq.seconds, sq.max_rss_kb / 1024.0);
  std::printf(
      "| store | format | upload s (tus) | import s | rows/s | server peak RSS before → after "
      "(MiB) | vs sqlite3 .import |\n|---|---|---|---|---|---|---|\n");
  for (const auto& store : stores) {
    testing::TestDatabase db(store);
    if (db.skipped()) continue;
    if (testing::AddUser(db, "admin", "police_admin").exit_code != 0) return 1;
    World w;
    w.server = std::make_unique<testing::ServerProcess>(std::vector<std::string>{
        "--db", db.url(), "--key-file", db.key_file(), "--fixed-clock", "2021-10-01T10:00:00+08:00",
        "--blob-dir", (dir / ("blobs-" + store)).string()});
    if (!w.server->started()) return 1;
    Setup(w);
    for (const std::string ext : {"csv", "xlsx"}) {
      const int64_t cls = NewClass(w);
      auto tu = Clock::now();
      const int64_t s = Upload(w, cls, dir / ("汇总表." + ext), "online_summary");
      const int64_t d = Upload(w, cls, dir / ("明细表." + ext), "online_detail");
      const double upload_s = Since(tu);
      const long hwm_before = ProcStatus(w.server->pid(), "VmHWM");
      double secs = 0;
      const std::string body = Import(w, cls, s, d, secs);
      const long hwm_after = ProcStatus(w.server->pid(), "VmHWM");
      boost::system::error_code ec;
      auto v = json::parse(body, ec);
      if (ec || !v.is_object() || !v.as_object().contains("records") ||
          v.at("records").as_int64() != kPeople * per) {
        std::cerr << "import failed: " << body.substr(0, 600) << "\n";
        return 1;
      }
      const double rate = static_cast<double>(kPeople * per) / secs;
      std::printf("| %s | %s | %.1f | %.1f | %.0f | %.0f → %.0f | %.0f %% |\n", store.c_str(),
                  ext.c_str(), upload_s, secs, rate, hwm_before / 1024.0, hwm_after / 1024.0,
                  100.0 * rate / (static_cast<double>(kPeople * per) / sq.seconds));
      std::fflush(stdout);
    }
  }
  fs::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace anpei

// online_bench [--rows N] [--store sqlite|postgresql]: N detail rows (default 1,000,000) on both
// stores unless one is named.
int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  int64_t rows = 1000000;
  std::vector<std::string> stores = {"sqlite", "postgresql"};
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--rows" && i + 1 < args.size()) {
      rows = std::stoll(args[++i]);
    } else if (args[i] == "--store" && i + 1 < args.size()) {
      stores = {args[++i]};
    } else {
      std::fprintf(stderr, "usage: online_bench [--rows N] [--store sqlite|postgresql]\n");
      return 2;
    }
  }
  return anpei::Run(stores, rows);
}
