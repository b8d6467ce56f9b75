#include "app/online_imports.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/online_platforms.h"
#include "domain/evidence.h"
#include "domain/model.h"

namespace anpei::app {
namespace {

using domain::OnlineField;
using domain::OnlineProblem;
using domain::OnlineRow;
using domain::OnlineSheet;
using ports::TxMode;

constexpr int64_t kMaxTableBytes = int64_t{512} << 20;
// The XLSX parts may inflate to 50 times the file (real sheets compress 8–15 times; a zip bomb
// hundreds of times), at least 16 MiB and at most 2 GiB.
constexpr int64_t kInflationRatio = 50;
constexpr int64_t kMinInflated = int64_t{16} << 20;
constexpr int64_t kMaxInflated = int64_t{2} << 30;
constexpr int kHeaderSearchRows = 10;
constexpr size_t kRecordsPerInsert = 10000;

// Problems as found: all counted, at most kMaxStoredProblems kept.
struct Problems {
  std::vector<OnlineProblem> kept;
  int64_t count = 0;
  void Take(std::vector<OnlineProblem>& found) {
    for (auto& p : found) {
      ++count;
      if (kept.size() < kMaxStoredProblems) kept.push_back(std::move(p));
    }
    found.clear();
  }
};

// One accepted-to-be detail row, compact (a table may hold a million).
struct DetailRecord {
  int64_t person_id = 0, from = 0, to = 0, minutes = 0, class_hours = 0, faces = 0;
  uint32_t course = 0;
};

struct TableRead {
  int64_t rows = 0;
  std::vector<OnlineRow> summary;
  std::vector<DetailRecord> detail;
  std::vector<std::string> courses;
  std::unordered_map<std::string, uint32_t> course_index;
  std::vector<domain::OnlineSpanRow> spans;
  std::map<int64_t, domain::DetailTotals> totals;
};

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

void Problem(std::vector<OnlineProblem>& out, OnlineSheet sheet, int64_t row, OnlineField f,
             std::string_view reason, std::string message) {
  out.push_back({sheet, row, std::string(domain::OnlineFieldName(f)), std::string(reason),
                 std::move(message)});
}

using Columns = std::array<int, domain::kOnlineFieldCount>;

const ports::Cell* CellAt(const ports::SheetRow& r, const Columns& cols, OnlineField f) {
  const int at = cols[static_cast<size_t>(f)];
  if (at < 0 || static_cast<size_t>(at) >= r.cells.size()) return nullptr;
  const ports::Cell& c = r.cells[static_cast<size_t>(at)];
  return c.kind == ports::CellKind::kEmpty || Trim(c.text).empty() ? nullptr : &c;
}

std::string TextAt(const ports::SheetRow& r, const Columns& cols, OnlineField f) {
  const ports::Cell* c = CellAt(r, cols, f);
  if (!c) return "";
  std::string t = Trim(c->text);
  // A number a spreadsheet shows as "13800001234" may be stored as "13800001234.0".
  if (c->kind == ports::CellKind::kNumber && t.ends_with(".0")) t.resize(t.size() - 2);
  return t;
}

std::optional<int64_t> IntAt(const ports::SheetRow& r, const Columns& cols, OnlineField f,
                             OnlineSheet sheet, std::vector<OnlineProblem>& out) {
  const ports::Cell* c = CellAt(r, cols, f);
  if (!c) return std::nullopt;
  const std::string t = Trim(c->text);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec == std::errc() && end == t.data() + t.size()) return v;
  char* stop = nullptr;
  const double d = std::strtod(t.c_str(), &stop);
  if (stop == t.c_str() + t.size() && std::isfinite(d) && std::fabs(d) < 1e9 &&
      d == std::floor(d)) {
    return static_cast<int64_t>(d);
  }
  Problem(out, sheet, r.number, f, domain::kOnlineValueInvalid,
          std::string(domain::OnlineFieldName(f)) + "「" + t + "」应为整数");
  return std::nullopt;
}

std::optional<int64_t> TimeAt(const ports::SheetRow& r, const Columns& cols, OnlineField f,
                              OnlineSheet sheet, int offset, std::vector<OnlineProblem>& out) {
  const ports::Cell* c = CellAt(r, cols, f);
  if (!c) return std::nullopt;
  const std::string field(domain::OnlineFieldName(f));
  auto t = c->kind == ports::CellKind::kNumber || c->kind == ports::CellKind::kDate
               ? domain::OnlineTimeOfSerial(c->text, offset, field)
               : domain::ParseOnlineTime(c->text, offset, field);
  if (t.ok()) return *t;
  Problem(out, sheet, r.number, f, domain::kOnlineValueInvalid, t.status().message());
  return std::nullopt;
}

// The header's columns, or nullopt when the row names too few fields to be the header.
std::optional<Columns> HeaderOf(const ports::SheetRow& r) {
  Columns cols;
  cols.fill(-1);
  int found = 0;
  for (size_t i = 0; i < r.cells.size(); ++i) {
    auto f = domain::OnlineFieldOfHeader(r.cells[i].text);
    if (!f || cols[static_cast<size_t>(*f)] >= 0) continue;
    cols[static_cast<size_t>(*f)] = static_cast<int>(i);
    ++found;
  }
  if (cols[static_cast<size_t>(OnlineField::kIdNumber)] < 0 || found < 4) return std::nullopt;
  return cols;
}

OnlineRow RowOf(const ports::SheetRow& r, const Columns& cols, OnlineSheet sheet, int offset,
                std::vector<OnlineProblem>& out) {
  OnlineRow row;
  row.row = r.number;
  row.name = TextAt(r, cols, OnlineField::kName);
  row.id_number = TextAt(r, cols, OnlineField::kIdNumber);
  row.phone = TextAt(r, cols, OnlineField::kPhone);
  row.course = TextAt(r, cols, OnlineField::kCourse);
  row.photo = TextAt(r, cols, OnlineField::kPhoto);
  if (cols[static_cast<size_t>(OnlineField::kSpan)] >= 0 &&
      cols[static_cast<size_t>(OnlineField::kStart)] < 0) {
    if (const ports::Cell* c = CellAt(r, cols, OnlineField::kSpan)) {
      auto span =
          domain::ParseOnlineSpan(c->text, offset, domain::OnlineFieldName(OnlineField::kSpan));
      if (span.ok()) {
        row.started_at = span->from;
        row.ended_at = span->to;
      } else {
        Problem(out, sheet, r.number, OnlineField::kSpan, domain::kOnlineValueInvalid,
                span.status().message());
      }
    }
  } else {
    row.started_at = TimeAt(r, cols, OnlineField::kStart, sheet, offset, out);
    row.ended_at = TimeAt(r, cols, OnlineField::kEnd, sheet, offset, out);
  }
  row.minutes = IntAt(r, cols, OnlineField::kMinutes, sheet, out);
  row.class_hours = IntAt(r, cols, OnlineField::kClassHours, sheet, out);
  if (sheet == OnlineSheet::kDetail) {
    row.face_captures = IntAt(r, cols, OnlineField::kFaceCaptures, sheet, out);
  } else {
    row.exam_score = IntAt(r, cols, OnlineField::kExamScore, sheet, out);
  }
  return row;
}

void Keep(TableRead& t, OnlineSheet sheet, OnlineRow&& row, bool clean) {
  if (row.person_id && row.started_at && row.ended_at && *row.ended_at > *row.started_at) {
    if (sheet == OnlineSheet::kDetail) {
      t.spans.push_back({row.row, row.person_id, *row.started_at, *row.ended_at});
    }
  }
  if (sheet == OnlineSheet::kSummary) {
    t.summary.push_back(std::move(row));
    return;
  }
  if (row.person_id) {
    auto& tot = t.totals[row.person_id];
    tot.minutes += row.minutes.value_or(0);
    tot.class_hours += row.class_hours.value_or(0);
    if (!tot.first_row) tot.first_row = row.row;
  }
  if (!clean) return;  // refused anyway: no record to keep
  auto [it, fresh] =
      t.course_index.try_emplace(row.course, static_cast<uint32_t>(t.courses.size()));
  if (fresh) t.courses.push_back(row.course);
  t.detail.push_back({row.person_id, *row.started_at, *row.ended_at, *row.minutes, *row.class_hours,
                      *row.face_captures, it->second});
}

// Reads one table: finds the header among the first rows of the first visible sheet that has
// one, then checks every data row.
Result<TableRead> ReadTable(const AppContext& ctx, OnlineTableFile& file, OnlineSheet sheet,
                            const domain::OnlineCheckContext& check, Problems& problems) {
  ports::SheetLimits limits;
  limits.max_file_bytes = kMaxTableBytes;
  limits.max_inflated_bytes = std::clamp(static_cast<int64_t>(file.bytes.size()) * kInflationRatio,
                                         kMinInflated, kMaxInflated);
  const std::string what = std::string(domain::OnlineSheetName(sheet));
  auto opened = ctx.sheets->Open(std::move(file.bytes), file.file_name, limits);
  if (!opened.ok()) {
    Status st = opened.status();
    return Status(st.code(), what + "：" + st.message(), std::string(domain::OnlineSheetId(sheet)))
        .WithReason(st.reason());
  }
  auto& wb = *opened;
  TableRead out;
  std::vector<OnlineProblem> found;
  bool header = false;
  for (size_t s = 0; s < wb->sheets().size() && !header; ++s) {
    if (!wb->sheets()[s].visible) continue;
    Columns cols{};
    int seen = 0;
    const int offset = ctx.LocalOffset();
    ANPEI_RETURN_IF_ERROR(wb->ReadRows(s, [&](const ports::SheetRow& r) -> Result<bool> {
      if (!header) {
        if (auto h = HeaderOf(r)) {
          header = true;
          cols = *h;
          std::vector<bool> present(domain::kOnlineFieldCount);
          for (size_t i = 0; i < cols.size(); ++i) present[i] = cols[i] >= 0;
          for (auto f : domain::MissingOnlineFields(sheet, present)) {
            Problem(found, sheet, r.number, f, "online.header_missing",
                    what + "缺少「" + std::string(domain::OnlineFieldName(f)) + "」列");
          }
          problems.Take(found);
          return true;
        }
        return ++seen < kHeaderSearchRows;
      }
      ++out.rows;
      OnlineRow row = RowOf(r, cols, sheet, offset, found);
      domain::CheckOnlineRow(sheet, row, check, found);
      const bool clean = found.empty() && problems.count == 0;
      problems.Take(found);
      Keep(out, sheet, std::move(row), clean);
      return true;
    }));
  }
  if (!header) {
    Problem(found, sheet, 0, OnlineField::kIdNumber, "online.header_missing",
            what + "中找不到表头（前 " + std::to_string(kHeaderSearchRows) +
                " 行中应有「姓名」「身份证号」「手机号」等列名）");
    problems.Take(found);
  } else if (out.rows == 0) {
    Problem(found, sheet, 0, OnlineField::kIdNumber, domain::kOnlineMissing, what + "中没有数据行");
    problems.Take(found);
  }
  return out;
}

Status ClassOfImport(ports::StoreTx& tx, const Actor& actor, int64_t class_id,
                     domain::TrainingClass& cls) {
  ANPEI_ASSIGN_OR_RETURN(cls, tx.classes().GetClassPlan(class_id));
  if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
  ANPEI_RETURN_IF_ERROR(OnlineRecordsOpen(cls));
  bool online = false;
  for (const auto& s : cls.sessions) online = online || s.delivery == domain::Delivery::kOnline;
  if (!online) {
    return Status(Code::kConflict, "教学计划中没有线上课次，无需导入线上学习记录", "id")
        .WithReason("online.no_online_sessions");
  }
  ANPEI_ASSIGN_OR_RETURN(auto cp, tx.online().GetClassPlatform(class_id));
  if (cp && cp->platform.approved_by_hrss) {
    return Status(Code::kConflict,
                  "本班的线上学习平台「" + cp->platform.name +
                      "」经省人社厅审核，学习记录由平台通过接口推送，无需导入表格",
                  "id")
        .WithReason("online.platform_pushes");
  }
  return Status::Ok();
}

// The write transaction of an import: the import and its problems, and the detail rows as the
// class's imported records when there is no problem (replacing an earlier import's).
Status Record(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
              const Problems& problems, const TableRead& d, OnlineImportOutcome& out) {
  auto& imp = out.import;
  const int64_t class_id = imp.class_id;
  domain::TrainingClass plan;
  ANPEI_RETURN_IF_ERROR(ClassOfImport(tx, actor, class_id, plan));
  imp.created_by_user = actor.user_id;
  imp.created_by = actor.Name();
  imp.created_at = ctx.NowText();
  ANPEI_ASSIGN_OR_RETURN(imp.id, tx.online().InsertImport(imp));
  ANPEI_RETURN_IF_ERROR(tx.online().InsertProblems(imp.id, problems.kept));
  if (imp.state == "accepted") {
    ANPEI_RETURN_IF_ERROR(tx.online().DeleteImportedRecords(class_id));
    std::vector<domain::OnlineRecord> batch;
    batch.reserve(std::min(kRecordsPerInsert, d.detail.size()));
    for (size_t i = 0; i < d.detail.size(); ++i) {
      const auto& x = d.detail[i];
      domain::OnlineRecord r;
      r.class_id = class_id;
      r.person_id = x.person_id;
      r.source = domain::OnlineSource::kImport;
      r.import_id = imp.id;
      r.course = d.courses[x.course];
      r.started_at = x.from;
      r.ended_at = x.to;
      r.minutes = x.minutes;
      r.class_hours = x.class_hours;
      r.face_captures = x.faces;
      r.created_at = imp.created_at;
      batch.push_back(std::move(r));
      if (batch.size() == kRecordsPerInsert || i + 1 == d.detail.size()) {
        ANPEI_ASSIGN_OR_RETURN(auto added, tx.online().InsertRecords(batch));
        out.records += added;
        batch.clear();
      }
    }
  }
  return Audit(
      ctx, tx, actor, "online.import", "class:" + std::to_string(class_id), "", "",
      "导入 " + std::to_string(imp.id) + "：" +
          (imp.state == "accepted" ? "已导入 " + std::to_string(out.records) + " 条明细"
                                   : "未导入，" + std::to_string(imp.problem_count) + " 处问题"));
}

int SheetOrder(OnlineSheet s) { return s == OnlineSheet::kSummary ? 0 : 1; }

}  // namespace

Status CheckOnlineImport(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  return ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    domain::TrainingClass cls;
    return ClassOfImport(tx, actor, class_id, cls);
  });
}

Result<OnlineImportOutcome> ImportOnlineTables(const AppContext& ctx, const Actor& actor,
                                               int64_t class_id, OnlineTableFile summary,
                                               OnlineTableFile detail) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  if (!ctx.sheets) return Status(Code::kUnavailable, "表格读取不可用");
  // What the rows are checked against, read first (the tables are read outside any transaction).
  domain::OnlineCheckContext check;
  std::map<int64_t, std::vector<domain::TimeSpan>> held;  // the platform's pushed records
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    domain::TrainingClass plan;
    ANPEI_RETURN_IF_ERROR(ClassOfImport(tx, actor, class_id, plan));
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
    ANPEI_ASSIGN_OR_RETURN(check, OnlineContextOf(ctx, tx, cls));
    ANPEI_ASSIGN_OR_RETURN(auto pushed,
                           tx.online().ListRecords(class_id, domain::OnlineSource::kPlatform, 0));
    for (const auto& r : pushed) held[r.person_id].push_back({r.started_at, r.ended_at});
    return Status::Ok();
  }));
  OnlineImportOutcome out;
  auto& imp = out.import;
  imp.class_id = class_id;
  imp.summary_file = summary.file_name;
  imp.summary_sha256 = summary.sha256;
  imp.detail_file = detail.file_name;
  imp.detail_sha256 = detail.sha256;
  Problems problems;
  ANPEI_ASSIGN_OR_RETURN(auto s, ReadTable(ctx, summary, OnlineSheet::kSummary, check, problems));
  ANPEI_ASSIGN_OR_RETURN(auto d, ReadTable(ctx, detail, OnlineSheet::kDetail, check, problems));
  imp.summary_rows = s.rows;
  imp.detail_rows = d.rows;
  std::vector<OnlineProblem> found;
  domain::CheckOnlineOverlaps(OnlineSheet::kDetail, d.spans, held, check, found);
  domain::CheckSummaryAgainstDetail(s.summary, d.totals, found);
  problems.Take(found);
  std::stable_sort(problems.kept.begin(), problems.kept.end(),
                   [](const OnlineProblem& a, const OnlineProblem& b) {
                     return SheetOrder(a.sheet) != SheetOrder(b.sheet)
                                ? SheetOrder(a.sheet) < SheetOrder(b.sheet)
                                : a.row < b.row;
                   });
  imp.problem_count = problems.count;
  imp.state = problems.count == 0 ? "accepted" : "refused";
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    return Record(ctx, tx, actor, problems, d, out);
  }));
  if (problems.kept.size() > kMaxListedProblems) problems.kept.resize(kMaxListedProblems);
  out.problems = std::move(problems.kept);
  return out;
}

Result<OnlineImportOutcome> ImportOnlineEvidence(const AppContext& ctx, const Actor& actor,
                                                 int64_t class_id, int64_t summary_evidence_id,
                                                 int64_t detail_evidence_id) {
  ANPEI_RETURN_IF_ERROR(CheckOnlineImport(ctx, actor, class_id));
  if (!ctx.blobs) return Status(Code::kUnavailable, "文件存储不可用");
  const int64_t ids[2] = {summary_evidence_id, detail_evidence_id};
  const domain::EvidenceKind kinds[2] = {domain::EvidenceKind::kOnlineSummary,
                                         domain::EvidenceKind::kOnlineDetail};
  const char* fields[2] = {"summary_evidence_id", "detail_evidence_id"};
  const char* names[2] = {"线上学习汇总表", "线上学习明细表"};
  OnlineTableFile files[2];
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    for (int i = 0; i < 2; ++i) {
      ANPEI_ASSIGN_OR_RETURN(auto item, tx.evidence().Get(ids[i]));
      if (!item || item->deleted_at || item->class_id != class_id || item->kind != kinds[i]) {
        return Status::Invalid(fields[i], std::string("本班没有编号为 ") + std::to_string(ids[i]) +
                                              " 的" + names[i] + "，请先上传")
            .WithReason("online.evidence_unknown");
      }
      files[i].file_name = item->file_name;
      files[i].sha256 = item->sha256;
    }
    return Status::Ok();
  }));
  for (auto& f : files) {
    ANPEI_ASSIGN_OR_RETURN(f.bytes, ctx.blobs->Read(f.sha256));
  }
  return ImportOnlineTables(ctx, actor, class_id, std::move(files[0]), std::move(files[1]));
}

Result<std::vector<ports::OnlineImport>> ListOnlineImports(const AppContext& ctx,
                                                           const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kOnlineReaders));
  using Out = std::vector<ports::OnlineImport>;
  return InTx<Out>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, Out& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(class_id));
    if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
    ANPEI_ASSIGN_OR_RETURN(out, tx.online().ListImports(class_id));
    return Status::Ok();
  });
}

Result<OnlineImportReport> GetOnlineImport(const AppContext& ctx, const Actor& actor,
                                           int64_t import_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kOnlineReaders));
  return InTx<OnlineImportReport>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, OnlineImportReport& out) {
        auto imp = tx.online().GetImport(import_id);
        if (!imp.ok() && imp.status().code() != Code::kNotFound) return imp.status();
        if (!imp.ok()) return Hidden("线上学习导入", import_id);
        ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(imp->class_id));
        if (!InScope(actor, cls.institution_id, cls.district_code)) {
          return Hidden("线上学习导入", import_id);
        }
        out.import = *imp;
        ANPEI_ASSIGN_OR_RETURN(out.problems, tx.online().ListProblems(import_id));
        return Status::Ok();
      });
}

Result<std::string> OnlineImportReportXlsx(const AppContext& ctx, const OnlineImportReport& r) {
  if (!ctx.sheet_writers) return Status(Code::kUnavailable, "表格导出不可用");
  ANPEI_ASSIGN_OR_RETURN(auto w, ctx.sheet_writers->Create("逐行报告"));
  ANPEI_RETURN_IF_ERROR(w->AddHeader({"表", "行号", "列", "问题代码", "说明"}));
  if (r.problems.empty()) {
    ANPEI_RETURN_IF_ERROR(
        w->AddRow({ports::TextCell("全部"), ports::NumberCell(0), ports::TextCell(""),
                   ports::TextCell(""), ports::TextCell("全部通过核验，已导入")}));
  }
  for (const auto& p : r.problems) {
    ANPEI_RETURN_IF_ERROR(w->AddRow({ports::TextCell(std::string(domain::OnlineSheetName(p.sheet))),
                                     ports::NumberCell(p.row), ports::TextCell(p.column),
                                     ports::TextCell(p.reason), ports::TextCell(p.message)}));
  }
  return w->Finish();
}

}  // namespace anpei::app
