// Port: training classes (培训班) with their teachers, class sessions (课次) and roster (花名册),
// and the kept plan versions (domain.md §3). Valid for one transaction (see Store::Run in
// ports/store.h); not thread-safe. Failures as in store.h: NotFound for a missing id (field names
// it), Conflict for a unique constraint or a stale expected_version, Unavailable when the database
// cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/model.h"
#include "ports/page.h"

namespace anpei::ports {

struct ClassFilter {
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;
  std::optional<std::string> state;
  std::optional<std::string> occupation;
  std::optional<std::string> q;  // substring of the title
  // The review queue (issue 12): the first session's date within [start_from, start_to]
  // (YYYY-MM-DD), declared before `declared_before` (an RFC 3339 prefix: the app turns
  // waiting_days_min into it), and the oldest declaration first instead of the newest class.
  std::optional<std::string> start_from;
  std::optional<std::string> start_to;
  std::optional<int64_t> waiting_days_min;
  std::optional<std::string> declared_before;
  bool oldest_declared_first = false;
};

struct CountBy {
  std::string key;
  std::string name;
  int64_t count = 0;
};

struct ClassStats {
  std::vector<CountBy> by_state;     // key: state id
  std::vector<CountBy> by_district;  // key: district code, name: district name
};

// Which of a class's timestamps a work queue counts its waiting time from.
enum class WaitingSince {
  kUpdated,   // the last change (drafts, returned classes)
  kDeclared,  // the declaration (declarations waiting for review)
};

class ClassRepository {
 public:
  virtual ~ClassRepository() = default;

  virtual Result<PageOf<domain::ClassSummary>> ListClasses(const ClassFilter& filter,
                                                           Page page) = 0;
  virtual Result<domain::TrainingClass> GetClass(int64_t id) = 0;
  // The class without its roster and decisions: the header, teachers and sessions (the check-in
  // path, which must not unseal a whole roster for one trainee). NotFound as GetClass.
  virtual Result<domain::TrainingClass> GetClassPlan(int64_t id) = 0;
  // The class's version (every change of its plan, roster or state bumps it). NotFound as GetClass.
  virtual Result<int64_t> ClassVersion(int64_t id) = 0;
  // Whether the trainee is on the class's roster (one keyed lookup).
  virtual Result<bool> OnRoster(int64_t class_id, int64_t trainee_id) = 0;
  // A work queue's classes (app/work_queue.h): those in filter.state (required) within the
  // filter's institution or district, oldest first by `since` (then id), at most `limit` of them;
  // total counts the matches up to kTotalCountLimit. Only the summary's id, institution, title,
  // occupation, state, declared_at, start_date, version and updated_at are filled.
  virtual Result<PageOf<domain::ClassSummary>> ListWaiting(const ClassFilter& filter,
                                                           WaitingSince since, int64_t limit) = 0;
  // Inserts the class with its teachers, sessions and roster; returns the new id.
  virtual Result<int64_t> InsertClass(const domain::TrainingClass& cls) = 0;
  // Replaces every editable part (title, occupation, venue, teachers, sessions, roster) and the
  // state and declared_at, if the version is still expected_version; bumps the version.
  virtual Status UpdateClass(const domain::TrainingClass& cls, int64_t expected_version) = 0;
  // Moves the class to `state` (declared_at and calendar_version as given, updated_at) if its
  // version is still expected_version, bumping it; the plan and roster stay as they are. Conflict
  // (field version) when someone else changed the class first: of two concurrent transitions
  // exactly one wins.
  virtual Status SetState(int64_t id, domain::ClassState state,
                          const std::optional<std::string>& declared_at,
                          std::optional<int64_t> calendar_version, const std::string& updated_at,
                          int64_t expected_version) = 0;
  // Deletes the class with its teachers, sessions, roster and plan versions if its version is
  // still expected_version.
  virtual Status DeleteClass(int64_t id, int64_t expected_version) = 0;
  // Review decisions (migration 0016): record one (returns its id), list a class's newest first.
  virtual Result<int64_t> InsertDecision(const domain::ClassDecision& decision) = 0;
  virtual Result<std::vector<domain::ClassDecision>> ListDecisions(int64_t class_id) = 0;
  virtual Status InsertPlanVersion(int64_t class_id, const domain::PlanVersion& version) = 0;
  virtual Result<std::vector<domain::PlanVersion>> ListPlanVersions(int64_t class_id) = 0;
  // Counts over the classes the filter selects (institution_id and district_code are used).
  virtual Result<ClassStats> CountClasses(const ClassFilter& filter) = 0;
  // Whether the trainee is on the roster of a class of the institution / of the district.
  virtual Result<bool> TraineeOnRosterOf(int64_t trainee_id, std::optional<int64_t> institution_id,
                                         std::optional<std::string> district_code) = 0;
};

}  // namespace anpei::ports
