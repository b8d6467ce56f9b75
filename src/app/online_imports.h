// Import of another platform's tables (issue 14, Deliver 4; domain.md §5): the class's
// institution uploads the 汇总表 (summary: name, ID number, phone, learning start–end, occupation
// or course, minutes, class hours, exam score, photo) and the 明细表 (detail: name, ID number,
// phone, course, start–end, minutes, class hours, face captures), XLSX or CSV, read by the bounded
// spreadsheet reader (zip bombs refused). Every row is checked (domain/online_learning.h); the
// import is all or nothing: accepted (the detail rows become the class's imported records,
// replacing an earlier import's) or refused (nothing imported). Either way the import is kept
// with its row-by-row problems for the report (CSV or XLSX). Audited online.import.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/online_learning.h"
#include "ports/online_repository.h"

namespace anpei::app {

// One uploaded table: its bytes and the name it came with.
struct OnlineTableFile {
  std::string bytes;
  std::string file_name;
  std::string sha256;  // when it came from the blob store (an evidence upload)
};

// At most this many problems are kept per import (all are counted).
inline constexpr size_t kMaxStoredProblems = 10000;
// The problems a response lists (the report has all kept ones).
inline constexpr size_t kMaxListedProblems = 200;

struct OnlineImportOutcome {
  ports::OnlineImport import;
  std::vector<domain::OnlineProblem> problems;  // the first kMaxListedProblems, by sheet and row
  int64_t records = 0;                          // imported (0 when refused)
};

// Whether the actor may import for the class at all: before the upload is read.
Status CheckOnlineImport(const AppContext& ctx, const Actor& actor, int64_t class_id);

Result<OnlineImportOutcome> ImportOnlineTables(const AppContext& ctx, const Actor& actor,
                                               int64_t class_id, OnlineTableFile summary,
                                               OnlineTableFile detail);

// The two tables from the class's evidence (uploaded through the resumable evidence uploads, kinds
// online_summary and online_detail): large tables go this way, streamed to the blob store, instead
// of in one request body. An id that is not an item of that kind of this class (another class's
// included) is 400 naming its field, word for word as a missing one.
Result<OnlineImportOutcome> ImportOnlineEvidence(const AppContext& ctx, const Actor& actor,
                                                 int64_t class_id, int64_t summary_evidence_id,
                                                 int64_t detail_evidence_id);

Result<std::vector<ports::OnlineImport>> ListOnlineImports(const AppContext& ctx,
                                                           const Actor& actor, int64_t class_id);

// An import with all its kept problems (the report).
struct OnlineImportReport {
  ports::OnlineImport import;
  std::vector<domain::OnlineProblem> problems;
};
Result<OnlineImportReport> GetOnlineImport(const AppContext& ctx, const Actor& actor,
                                           int64_t import_id);
// The report as an XLSX workbook (the existing sheet writer).
Result<std::string> OnlineImportReportXlsx(const AppContext& ctx, const OnlineImportReport& r);

}  // namespace anpei::app
