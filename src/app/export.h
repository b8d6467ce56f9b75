// Exports of the console's lists as XLSX files (issue 11): each reads through the same scoped list
// use case as the page it exports (ListClassesIn, ListTraineesIn, ...: same roles, same scope,
// same filters), writes exactly the columns the page shows with their Chinese titles, masks
// personal data as the page does (domain::Mask*, as the JSON views), writes identifiers as text
// cells and times as text ("2026-11-30 09:15:00"), and is one audit event (`<list>.export`, the
// filters and the row count in its note; a free-text search is recorded as present, not by its
// content, since it may be a name or an ID number). One transaction, like every request.
//
// Errors: those of the list (401, 403); FailedPrecondition (reason export.too_many_rows) when
// more than ctx.security.max_export_rows rows match — nothing is written then, not even the audit
// event.
#pragma once

#include <cstdint>
#include <string>

#include "app/context.h"

namespace anpei::app {

// The default bound (SecuritySettings::max_export_rows, `anpei serve --max-export-rows`).
inline constexpr int64_t kMaxExportRows = 100000;

struct ExportFile {
  std::string bytes;      // the XLSX file
  std::string file_name;  // e.g. 培训班_2026-11-30.xlsx (the installation's local date)
  int64_t rows = 0;       // data rows, without the header
};

Result<ExportFile> ExportClasses(const AppContext& ctx, const Actor& actor,
                                 const ports::ClassFilter& filter);
Result<ExportFile> ExportInstitutions(const AppContext& ctx, const Actor& actor,
                                      const ports::InstitutionFilter& filter);
Result<ExportFile> ExportTeachers(const AppContext& ctx, const Actor& actor,
                                  const ports::TeacherFilter& filter);
Result<ExportFile> ExportTrainees(const AppContext& ctx, const Actor& actor,
                                  const ports::TraineeFilter& filter);
Result<ExportFile> ExportHeldEnrolments(const AppContext& ctx, const Actor& actor,
                                        const ports::HeldFilter& filter);
Result<ExportFile> ExportUsers(const AppContext& ctx, const Actor& actor,
                               const ports::UserFilter& filter);
// The roster of class `id` as the class page shows it (404 outside the caller's scope).
Result<ExportFile> ExportRoster(const AppContext& ctx, const Actor& actor, int64_t class_id);
// The evidence checklist of class `id` (app/evidence_checklist.h), one row per item.
Result<ExportFile> ExportEvidenceChecklist(const AppContext& ctx, const Actor& actor,
                                           int64_t class_id);
// The completion of class `id` (app/completion.h): one row per trainee with its verdict and the
// rules it failed (masked as the tab shows them).
Result<ExportFile> ExportCompletion(const AppContext& ctx, const Actor& actor, int64_t class_id);
Result<ExportFile> ExportCalendarYears(const AppContext& ctx, const Actor& actor);
// The published list of publicity batch `id` (app/publicity.h) for posting: masked entries only.
Result<ExportFile> ExportPublicityBatch(const AppContext& ctx, const Actor& actor, int64_t id);
// The audit trail in sequence order, the columns of the audit page (the digests in full).
Result<ExportFile> ExportAuditXlsx(const AppContext& ctx, const Actor& actor,
                                   const ports::AuditFilter& filter);

}  // namespace anpei::app
