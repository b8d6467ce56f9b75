// Exclusion lists (排除名单, domain.md §6; issue 15, Deliver 1): the department imports lists of
// people who may not receive a training subsidy — pension recipients, civil servants on the
// establishment, non-graduating students, deaths; the kinds are data (a route adds one). A list
// is a spreadsheet (XLSX or CSV) with a column 身份证号 (姓名, 有效期起, 有效期止 optional),
// imported all or nothing with a row report by the sheet's own row numbers (?dry_run=true checks
// only). The store keeps the ID number's blind index and the sealed number only; verification
// matches on the index (app/completion.h). Who: 人社 and the city bureau import and add kinds;
// they, the police reviewers and auditors read the batches (counts only, no personal data).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "ports/completion_repository.h"

namespace anpei::app {

inline constexpr std::initializer_list<std::string_view> kExclusionImporters = {
    domain::kRoleHrss, domain::kRolePoliceAdmin};
inline constexpr std::initializer_list<std::string_view> kExclusionReaders = {
    domain::kRoleHrss, domain::kRolePoliceAdmin, domain::kRoleReviewer, domain::kRoleAuditor};
inline constexpr size_t kMaxExclusionRows = 50000;

// Whether the actor may import lists (401 / 403), before the upload is even parsed.
Status MayImportExclusions(const Actor& actor);

Result<std::vector<ports::ExclusionKind>> ListExclusionKinds(const AppContext& ctx,
                                                             const Actor& actor);
// id: 2–32 characters a–z, 0–9, _ (starting with a letter); name: 1–50 characters.
Result<ports::ExclusionKind> AddExclusionKind(const AppContext& ctx, const Actor& actor,
                                              ports::ExclusionKind kind);

struct ImportRowError {
  int64_t row = 0;
  std::string field;  // id_number, name, valid_from, valid_until
  std::string message;
};
struct ExclusionImportOutcome {
  bool dry_run = false;
  std::string kind;
  std::string file_name;
  int64_t rows = 0;
  std::vector<ImportRowError> errors;  // any: nothing imported
  int64_t batch_id = 0;                // 0 when nothing was imported
};
Result<ExclusionImportOutcome> ImportExclusionList(const AppContext& ctx, const Actor& actor,
                                                   const std::string& kind, std::string bytes,
                                                   const std::string& file_name, bool dry_run);

Result<std::vector<ports::ExclusionBatch>> ListExclusionBatches(const AppContext& ctx,
                                                                const Actor& actor);

}  // namespace anpei::app
