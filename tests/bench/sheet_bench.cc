// make bench, part 2 (issue 10, Deliver 8): the roster spreadsheet reader (adapters/sheet) on
// generated 10 000- and 100 000-row XLSX and CSV files — rows per second and peak memory (the
// max RSS of a child process that only reads the file, beside one that only loads its bytes) —
// and a full roster import of the per-class maximum (app::kMaxRoster rows) through the API on
// each store, each beside `sqlite3`'s `.import` of the same rows measured in the same run.
// The XLSX files are written here with libzip as Excel writes them (every text in the shared
// strings) and, for comparison, with inline strings. Not a test: numbers on a shared machine vary.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

#include "adapters/sheet/sheet_reader.h"
#include "app/roster_import.h"
#include "domain/identity.h"
#include "support/accounts.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace anpei {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;

struct Sample {
  double seconds = 0;
  long max_rss_kb = 0;
  int64_t rows = 0;
};

// ---- generated rosters ----------------------------------------------------------------------

// A valid resident ID number of 德化县 (350526), distinct for each n < 10 000 000.
std::string IdNumber(int64_t n, int base_year) {
  const int64_t day = n / 1000;
  char first17[32];
  std::snprintf(first17, sizeof first17, "350526%04d%02d%02d%03d",
                static_cast<int>(base_year + day / 336), static_cast<int>(day / 28 % 12 + 1),
                static_cast<int>(day % 28 + 1), static_cast<int>(n % 1000));
  return std::string(first17) + domain::Mod112CheckChar(first17);
}

struct Person {
  std::string name, id, phone, group;
};
Person PersonAt(int64_t n, int base_year) {
  char phone[16];
  std::snprintf(phone, sizeof phone, "138%08lld", static_cast<long long>(n % 100000000));
  return {"学员" + std::to_string(n), IdNumber(n, base_year), phone, "security_staff"};
}
const char* kHeader[] = {"姓名", "身份证号", "手机号", "人员类别"};

std::string Csv(int64_t rows, int64_t first, int base_year) {
  std::string out =
      std::string(kHeader[0]) + "," + kHeader[1] + "," + kHeader[2] + "," + kHeader[3] + "\n";
  for (int64_t i = 0; i < rows; ++i) {
    const Person p = PersonAt(first + i, base_year);
    out += p.name + "," + p.id + "," + p.phone + "," + p.group + "\n";
  }
  return out;
}

// The sheet XML; with shared strings every text cell is an index into `strings` (as Excel writes
// it), else an inline string.
std::string SheetXml(int64_t rows, int64_t first, int base_year, bool shared,
                     std::vector<std::string>& strings) {
  std::string x =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)";
  auto cell = [&](const std::string& text) {
    if (!shared) return "<c t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    strings.push_back(text);
    return "<c t=\"s\"><v>" + std::to_string(strings.size() - 1) + "</v></c>";
  };
  for (int64_t r = 0; r <= rows; ++r) {
    x += "<row r=\"" + std::to_string(r + 1) + "\">";
    if (r == 0) {
      for (const char* h : kHeader) x += cell(h);
    } else {
      const Person p = PersonAt(first + r - 1, base_year);
      x += cell(p.name) + cell(p.id) + cell(p.phone) + cell(p.group);
    }
    x += "</row>";
  }
  return x + "</sheetData></worksheet>";
}

bool AddPart(zip_t* z, const char* name, std::string& text) {
  zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
  return s && zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) >= 0;
}

// A minimal workbook of one sheet "花名册", written to `path` with libzip.
bool WriteXlsx(const std::string& path, int64_t rows, int64_t first, int base_year, bool shared) {
  std::vector<std::string> strings;
  std::string sheet = SheetXml(rows, first, base_year, shared, strings);
  std::string sst = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
  for (const auto& s : strings) sst += "<si><t>" + s + "</t></si>";
  sst += "</sst>";
  std::string types =
      R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
      R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
      R"(<Default Extension="xml" ContentType="application/xml"/>)"
      R"(<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>)"
      R"(<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>)"
      R"(<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>)";
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
  std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
      R"(<sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>)";
  std::string wb_rels =
      R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
      R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  if (!z) return false;
  const bool ok = AddPart(z, "[Content_Types].xml", types) && AddPart(z, "_rels/.rels", rels) &&
                  AddPart(z, "xl/workbook.xml", workbook) &&
                  AddPart(z, "xl/_rels/workbook.xml.rels", wb_rels) &&
                  AddPart(z, "xl/worksheets/sheet1.xml", sheet) &&
                  AddPart(z, "xl/sharedStrings.xml", sst);
  if (!ok) {
    zip_discard(z);
    return false;
  }
  return zip_close(z) == 0;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// ---- measuring in a child process ---------------------------------------------------------------

// This process's peak resident set (VmHWM): after exec it is this program's own, not the memory
// of the process that forked it (which getrusage's ru_maxrss would include).
long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

// The limits of a measuring child: the server's own, or, for `--rows N` beyond what one upload
// may hold (a million rows is about 21 MB of XLSX and 55 MB of CSV), the file and inflate limits
// raised so the reader's memory can be measured at that size.
ports::SheetLimits LimitsFor(bool raised) {
  ports::SheetLimits limits;
  if (raised) {
    limits.max_file_bytes = 1ll << 30;
    limits.max_inflated_bytes = 4ll << 30;
  }
  return limits;
}

// Reads the sheet at `path` in this process (parse) or only loads its bytes: what a fresh
// process measuring one file does (main, --read-sheet / --load-only).
Sample ReadHere(const std::string& path, bool parse, bool raised) {
  std::string bytes = ReadFile(path);
  Sample s;
  const auto t0 = Clock::now();
  if (parse) {
    auto reader = adapters::MakeSheetReader();
    auto wb = reader->Open(std::move(bytes), path, LimitsFor(raised));
    if (!wb.ok()) {
      std::fprintf(stderr, "bench: %s: %s\n", path.c_str(), wb.status().ToString().c_str());
      return s;
    }
    Status st = (*wb)->ReadRows(0, [&](const ports::SheetRow&) -> Result<bool> {
      ++s.rows;
      return true;
    });
    if (!st.ok()) std::fprintf(stderr, "bench: %s\n", st.ToString().c_str());
  }
  s.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  s.max_rss_kb = PeakRssKb();
  return s;
}

// Measures in a fresh process (this program again, so no memory of the generator is inherited):
// its own timing comes back through a pipe, its peak memory from wait4 (the child's max RSS).
Sample ReadSheet(const std::string& path, bool parse, bool raised) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    execl("/proc/self/exe", "sheet_bench", parse ? "--read-sheet" : "--load-only", path.c_str(),
          raised ? "--raised-limits" : static_cast<char*>(nullptr), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  Sample s;
  (void)!read(fds[0], &s, sizeof s);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return s;
}

// sqlite3's .import of `csv` into a fresh database file: wall time and the child's max RSS. Run
// in a fresh helper process (main, --sqlite-import), so sqlite3 is forked from a small process:
// its max RSS then has that helper's few MB as a floor, the same at every size.
Sample SqliteImportHere(const std::string& csv, const std::string& db) {
  fs::remove(db);
  const std::string commands = ".mode csv\n.import " + csv + " roster\n";
  int in[2];
  if (pipe(in) != 0) return {};
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    close(in[1]);
    const int devnull = open("/dev/null", O_WRONLY);  // stdout is the helper's pipe
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
  Sample s;
  s.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  s.max_rss_kb = ru.ru_maxrss;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "bench: sqlite3 .import failed (is the sqlite3 CLI installed?)\n");
    s.seconds = 0;
  }
  return s;
}

Sample SqliteImport(const std::string& csv, const std::string& db) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    execl("/proc/self/exe", "sheet_bench", "--sqlite-import", csv.c_str(), db.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  Sample s;
  (void)!read(fds[0], &s, sizeof s);
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return s;
}

Sample Median(std::vector<Sample> v) {
  std::sort(v.begin(), v.end(),
            [](const Sample& a, const Sample& b) { return a.seconds < b.seconds; });
  Sample m = v[v.size() / 2];
  long rss = 0;
  for (const auto& s : v) rss = std::max(rss, s.max_rss_kb);
  m.max_rss_kb = rss;  // the largest peak of the runs
  return m;
}

Sample Repeat(int n, const std::function<Sample()>& f) {
  std::vector<Sample> v;
  v.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v.push_back(f());
  return Median(v);
}

double Mb(long kb) { return static_cast<double>(kb) / 1024.0; }

void ReaderBench(const fs::path& dir, const std::vector<int64_t>& sizes, int runs) {
  std::printf(
      "\n## Spreadsheet reader (median of %d runs; peak RSS in MB: the largest of the runs)\n\n",
      runs);
  for (int64_t rows : sizes) {
    if (rows > 100000) {
      std::printf("(%lld rows: the file and inflate limits raised for this run)\n\n",
                  static_cast<long long>(rows));
    }
  }
  std::printf(
      "| file | rows | file MB | read s | rows/s | peak RSS | RSS loading the bytes only |"
      " sqlite3 .import s | rows/s | sqlite3 peak RSS | reader time / sqlite3 time |\n");
  std::printf("|---|---|---|---|---|---|---|---|---|---|---|\n");
  for (int64_t rows : sizes) {
    const bool raised = rows > 100000;
    const std::string csv = (dir / ("roster-" + std::to_string(rows) + ".csv")).string();
    std::ofstream(csv, std::ios::binary) << Csv(rows, 0, 1970);
    const Sample sq = Repeat(runs, [&] { return SqliteImport(csv, (dir / "import.db").string()); });
    struct File {
      std::string label, path;
    };
    const std::vector<File> files = {
        {"CSV (UTF-8)", csv},
        {"XLSX, shared strings", (dir / ("roster-" + std::to_string(rows) + "-sst.xlsx")).string()},
        {"XLSX, inline strings",
         (dir / ("roster-" + std::to_string(rows) + "-inline.xlsx")).string()}};
    WriteXlsx(files[1].path, rows, 0, 1970, true);
    WriteXlsx(files[2].path, rows, 0, 1970, false);
    for (const auto& f : files) {
      const Sample base = Repeat(runs, [&] { return ReadSheet(f.path, false, raised); });
      const Sample r = Repeat(runs, [&] { return ReadSheet(f.path, true, raised); });
      std::printf("| %s | %lld | %.1f | %.3f | %.0f | %.1f | %.1f | %.3f | %.0f | %.1f | %.2f |\n",
                  f.label.c_str(), static_cast<long long>(r.rows - 1),
                  static_cast<double>(fs::file_size(f.path)) / 1048576.0, r.seconds,
                  static_cast<double>(rows) / r.seconds, Mb(r.max_rss_kb), Mb(base.max_rss_kb),
                  sq.seconds, static_cast<double>(rows) / sq.seconds, Mb(sq.max_rss_kb),
                  r.seconds / sq.seconds);
    }
  }
}

// ---- a full roster through the API
// ---------------------------------------------------------------

json::value Body(const testing::HttpResult& r) {
  boost::system::error_code ec;
  json::value v = json::parse(r.body, ec);
  return ec ? json::value() : v;
}

std::string Multipart(const std::string& name, const std::string& bytes, int64_t version,
                      const std::string& boundary) {
  std::string b = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n" +
                  std::to_string(version) + "\r\n--" + boundary +
                  "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                  "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
  return b + bytes + "\r\n--" + boundary + "--\r\n";
}

std::string ValidUscc(int n) {
  char org[16];
  std::snprintf(org, sizeof org, "8%07d", n);
  for (char org_check : std::string("0123456789X")) {
    for (char last : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
      std::string code = std::string("91350526") + org + org_check + last;
      if (domain::CheckUscc(code).ok()) return code;
    }
  }
  return "";
}

// A class of institution `inst` ready for its roster; 0 on failure.
int64_t NewClass(testing::ServerProcess& server, const std::map<std::string, std::string>& as,
                 int64_t inst, int64_t teacher) {
  std::string sessions;
  for (int i = 0; i < 5; ++i) {
    sessions += std::string(i ? "," : "") + R"({"date":"2026-12-)" + std::to_string(14 + i) +
                R"(","start":"08:30","end":"11:30","hours":4,"kind":")" +
                (i < 3 ? "theory" : "practical") + R"(","delivery":"offline","teacher":"t1"})";
  }
  auto r = server.Request(
      "POST", "/api/v1/classes",
      R"({"institution_id":)" + std::to_string(inst) +
          R"(,"occupation":"security_guard","title":"满员班","venue":{"address":"德化县"},)"
          R"("teachers":[{"key":"t1","teacher_id":)" +
          std::to_string(teacher) + R"(}],"sessions":[)" + sessions + "]}",
      as);
  return r.status == 201 ? Body(r).at("id").as_int64() : 0;
}

// Signs in the admin, registers district, institution, its account and teacher; the account's
// headers and the ids (empty headers on failure).
struct Setup {
  std::map<std::string, std::string> as;
  int64_t inst = 0, teacher = 0;
};
Setup Prepare(testing::ServerProcess& server) {
  Setup s;
  auto admin = server.SignIn("admin", testing::kTestPassword);
  server.Request("POST", "/api/v1/districts", R"({"code":"350526","name":"德化县"})", admin);
  auto inst = server.Request(
      "POST", "/api/v1/institutions",
      R"({"name":"德化满员培训学校","uscc":")" + ValidUscc(1) + R"(","district_code":"350526"})",
      admin);
  if (inst.status != 201) return s;
  s.inst = Body(inst).at("id").as_int64();
  server.Request("POST", "/api/v1/users",
                 R"({"username":"full","roles":["institution"],"password":")" +
                     std::string(testing::kTestPassword) + R"(","institution_id":)" +
                     std::to_string(s.inst) + "}",
                 admin);
  s.as = server.SignIn("full", testing::kTestPassword);
  auto teacher =
      server.Request("POST", "/api/v1/teachers",
                     R"({"institution_id":)" + std::to_string(s.inst) +
                         R"(,"name":"陈老师","id_number":")" + IdNumber(9999999, 1960) + "\"}",
                     s.as);
  if (teacher.status != 201)
    s.as.clear();
  else
    s.teacher = Body(teacher).at("id").as_int64();
  return s;
}

void ApiBench(const std::string& backend, const fs::path& dir, int runs) {
  testing::TestDatabase db(backend);
  if (db.skipped() || !db.error().empty()) {
    std::printf("| %s | (not available: %s) | | | | |\n", backend.c_str(), db.error().c_str());
    return;
  }
  testing::AddUser(db, "admin", "police_admin");
  testing::ServerProcess server({"--db", db.url(), "--key-file", db.key_file(), "--fixed-clock",
                                 "2026-12-01T10:00:00+08:00"});
  Setup s = Prepare(server);
  if (s.as.empty()) {
    std::printf("| %s | (setup failed) | | | | |\n", backend.c_str());
    return;
  }
  const int64_t rows = static_cast<int64_t>(app::kMaxRoster);
  std::vector<Sample> api, sq;
  for (int run = 0; run < runs; ++run) {
    const int64_t cls = NewClass(server, s.as, s.inst, s.teacher);
    const std::string xlsx = (dir / "full-roster.xlsx").string();
    WriteXlsx(xlsx, rows, (run + 1) * 10000, 1975, true);
    const std::string body = Multipart("花名册.xlsx", ReadFile(xlsx), 1, "anpei-bench-boundary");
    const auto t0 = Clock::now();
    auto r = server.Request("POST", "/api/v1/classes/" + std::to_string(cls) + "/roster/import",
                            body, s.as, "multipart/form-data; boundary=anpei-bench-boundary");
    const double secs = std::chrono::duration<double>(Clock::now() - t0).count();
    if (r.status != 200) {
      std::fprintf(stderr, "bench: roster import: %d %s\n", r.status,
                   r.body.substr(0, 300).c_str());
      return;
    }
    api.push_back({secs, 0, rows});
    const std::string csv = (dir / "full-roster.csv").string();
    std::ofstream(csv, std::ios::binary) << Csv(rows, (run + 1) * 10000, 1975);
    sq.push_back(SqliteImport(csv, (dir / "full.db").string()));
  }
  const Sample a = Median(api), q = Median(sq);
  std::printf("| %s | %lld | %.3f | %.0f | %.4f | %.1f |\n", backend.c_str(),
              static_cast<long long>(rows), a.seconds, static_cast<double>(rows) / a.seconds,
              q.seconds, a.seconds / q.seconds);
}

}  // namespace
}  // namespace anpei

// sheet_bench: the whole benchmark (10 000 and 100 000 rows, 5 runs each, then the API).
// sheet_bench --rows N [--runs K]: the reader part only, at N rows (K runs, default 1).
int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && args[0] == "--sqlite-import") {  // SqliteImport's helper
    const anpei::Sample s = anpei::SqliteImportHere(args[1], args[2]);
    (void)!write(1, &s, sizeof s);
    return 0;
  }
  if (args.size() >= 2 && (args[0] == "--read-sheet" || args[0] == "--load-only")) {
    // the measuring child (ReadSheet)
    const bool raised = args.size() == 3 && args[2] == "--raised-limits";
    const anpei::Sample s = anpei::ReadHere(args[1], args[0] == "--read-sheet", raised);
    (void)!write(1, &s, sizeof s);
    return 0;
  }
  std::vector<int64_t> sizes = {10000, 100000};
  int runs = 0;  // 5, or 1 with --rows, unless --runs says
  bool reader_only = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--rows" && i + 1 < args.size()) {
      sizes = {std::stoll(args[++i])};
      reader_only = true;
    } else if (args[i] == "--runs" && i + 1 < args.size()) {
      runs = std::stoi(args[++i]);
    } else {
      std::fprintf(stderr, "usage: sheet_bench [--rows N [--runs K]]\n");
      return 2;
    }
  }
  if (runs <= 0) runs = reader_only ? 1 : 5;
  const fs::path dir =
      fs::temp_directory_path() / ("anpei-sheet-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const auto t0 = std::chrono::steady_clock::now();
  anpei::ReaderBench(dir, sizes, runs);
  if (!reader_only) {
    std::printf("\n## A full roster (%zu rows, XLSX upload) through the API (median of 3)\n\n",
                anpei::app::kMaxRoster);
    std::printf(
        "| store | rows | POST roster/import s | rows/s | sqlite3 .import s (same rows, CSV) |"
        " API / sqlite3 |\n|---|---|---|---|---|---|\n");
    for (const char* backend : {"sqlite", "postgresql"}) anpei::ApiBench(backend, dir, 3);
  }
  std::printf("\n(total %.0f s)\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  fs::remove_all(dir);
  return 0;
}
