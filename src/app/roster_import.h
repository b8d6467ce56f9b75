// Use cases of the roster (花名册): import rows (JSON from the API, or the spreadsheet itself as
// the office made it: XLSX or CSV, read on the server so the console, the API and the CLI apply
// the same rules), preview an import without saving it (dry run), and take a trainee off a draft
// roster. Each call is one store transaction; an import is all or nothing.
//
// Errors: InvalidArgument on field "file" (reason sheet.*) for a file that cannot be read, on
// "rows" for none or too many; NotFound outside the actor's scope; Conflict (state / version) as
// for every class edit. Faults of single rows are not errors: they come back in the outcome with
// the spreadsheet's own row numbers, and nothing is saved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/model.h"

namespace anpei::app {

struct RowError {
  int64_t row = 0;  // the spreadsheet's own row number (JSON rows: 1-based index)
  std::string field;
  std::string message;
  std::string reason;  // stable key: "roster.numeric_id_cell", "id_number.check_digit", ...
  std::string rule;    // a policy rule when one is broken ("ROSTER_MIN_AGE")
  std::string clause;  // and the clause it cites
  // Every fault of the row, this one (the first) included; the fields above stay the first
  // fault's, so a client that reads one fault per row still works.
  std::vector<RowError> faults;
};

// What happens to one row: put on the roster ("new" to it — whether the person was known before,
// or under another name, is never said: no existence oracle; a differing name is also a held
// enrolment only a reviewer sees), skipped because already on this roster, or refused.
enum class RowStatus { kNew, kOnRoster, kError };
std::string_view RowStatusId(RowStatus s);  // "new", "on_roster", "error"

struct RowReport {
  int64_t row = 0;
  RowStatus status = RowStatus::kError;
  domain::Trainee trainee;  // the row as normalised (what would be saved)
};

struct ImportOutcome {
  bool dry_run = false;
  bool saved = false;      // false for a dry run and when any row has an error
  std::string sheet;       // the worksheet read ("花名册"); empty for JSON rows
  int64_t header_row = 0;  // its header's row number; 0 for JSON rows
  std::vector<RowReport> rows;
  std::vector<RowError> errors;  // when not empty, nothing was saved
  int64_t added = 0;             // put on the roster
  int64_t skipped = 0;           // already on the roster
  domain::TrainingClass cls;     // the class after the call
};

// One data row before the rules: the trainee's fields as text, or the fault of a cell that can
// not be taken as text (an ID number a spreadsheet stored as a number).
struct RosterRow {
  int64_t row = 0;
  domain::Trainee trainee;
  std::optional<RowError> cell_fault;  // the first such cell; others in cell_fault->faults
};

// Enrols the people of `rows` by identity (enrolment.h) onto the roster of class `id` (at
// `version`): people already on the roster are skipped and reported; a name that differs from the
// person's on record joins like any other (as given) and is also held for a reviewer, unreported.
Result<ImportOutcome> ImportRoster(const AppContext& ctx, const Actor& actor, int64_t id,
                                   int64_t version, std::vector<RosterRow> rows, bool dry_run);
// The same from the uploaded file: the first visible worksheet with a roster header among its
// first rows (title rows and `*` marks tolerated) is read.
Result<ImportOutcome> ImportRosterFile(const AppContext& ctx, const Actor& actor, int64_t id,
                                       int64_t version, std::string bytes,
                                       const std::string& file_name, bool dry_run);

// Takes trainee `trainee_id` off the roster of a class that is still editable (draft/returned).
Result<domain::TrainingClass> RemoveFromRoster(const AppContext& ctx, const Actor& actor,
                                               int64_t id, int64_t trainee_id, int64_t version);

// The occupation's age rule (policy occupations.min_age, ROSTER_MIN_AGE) for a trainee joining
// class `cls` (age on its first session date, or today without sessions). nullopt when it holds.
std::optional<RowError> MinAgeFault(const AppContext& ctx, const domain::TrainingClass& cls,
                                    const std::string& id_number);

// Limits that keep a request bounded.
inline constexpr size_t kMaxRoster = 1000;
inline constexpr size_t kMaxImportRows = 2000;

}  // namespace anpei::app
