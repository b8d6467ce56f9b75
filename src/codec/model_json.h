// JSON mapping of the registry and class resources (docs/openapi.yaml): request bodies -> domain
// values, domain values -> response bodies. Parsing never throws on bad input: every problem is an
// InvalidArgument naming the field. Lists mask personal data (domain.md §8: trainees' names, ID
// numbers and phones; teachers' ID numbers); single resources show it in full (an audited look).
// Unknown keys are ignored, as in the plan JSON.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/classes.h"
#include "app/registry.h"
#include "app/review.h"
#include "app/roster_import.h"
#include "base/status.h"
#include "codec/page_json.h"
#include "domain/model.h"
#include "ports/store.h"

namespace anpei::codec {

// Largest resource body accepted, in bytes (a class with a full plan and roster fits easily).
inline constexpr size_t kMaxBodyBytes = 4 << 20;

template <typename T>
struct Versioned {
  T value;
  std::optional<int64_t> version;  // required for updates
};

Result<domain::District> ParseDistrict(std::string_view body);
Result<Versioned<domain::Institution>> ParseInstitution(std::string_view body);
Result<Versioned<domain::Teacher>> ParseTeacher(std::string_view body);
Result<Versioned<domain::Trainee>> ParseTrainee(std::string_view body);
Result<Versioned<domain::TrainingClass>> ParseClass(std::string_view body);
// {"version": N}
Result<int64_t> ParseVersion(std::string_view body);
// {"decision": "approve"|"return"|"reject", "reason": "…", "version": N}
Result<app::ReviewInput> ParseReview(std::string_view body);
// {"decision": "confirm"|"refuse", "reason": "…", "version": N}
Result<app::UsccDecision> ParseUsccDecision(std::string_view body);
// {"version": N, "rows": [{"name","id_number","phone","group"}]}
Result<Versioned<std::vector<domain::Trainee>>> ParseRosterImport(std::string_view body);

// An optional positive integer query parameter.
Result<std::optional<int64_t>> QueryId(const std::map<std::string, std::string>& query,
                                       const std::string& name);
// An optional non-empty string query parameter (empty counts as absent).
std::optional<std::string> QueryString(const std::map<std::string, std::string>& query,
                                       const std::string& name);

std::string DistrictsToJson(const std::vector<domain::District>& districts);
std::string DistrictToJson(const domain::District& district);
std::string InstitutionToJson(const domain::Institution& institution);
std::string InstitutionsToJson(const ports::PageOf<domain::Institution>& page);
std::string TeacherToJson(const domain::Teacher& teacher);
std::string TeachersToJson(const ports::PageOf<domain::Teacher>& page);
std::string TraineeToJson(const domain::Trainee& trainee);
std::string TraineesToJson(const ports::PageOf<domain::Trainee>& page);
std::string ClassToJson(const domain::TrainingClass& cls);
std::string ClassesToJson(const ports::PageOf<domain::ClassSummary>& page);
// {"items": [decision, …]} newest first; a decision as in the class's latest_decision.
std::string DecisionsToJson(const std::vector<domain::ClassDecision>& decisions);
std::string PlanVersionsToJson(const std::vector<domain::PlanVersion>& versions);
std::string ClassStatsToJson(const ports::ClassStats& stats);
// The refusal of a declaration: the error object plus the verdict.
std::string DeclareRefusalToJson(const domain::PlanVerdict& verdict);

}  // namespace anpei::codec
