// Port: the store. Repositories over the registry and the classes, used only inside a transaction
// (Store::Run). One request is one transaction: the callback's Status decides commit (OK) or
// rollback (anything else), so a failed request changes nothing.
//
// Personal data (ID numbers, phones) is sealed by the store with the Vault before it is written and
// opened after it is read; callers see plain values only.
//
// Failures: NotFound when a row asked for by id does not exist (field names the id); Conflict for
// a unique constraint (field: the column) and for a stale expected_version (an update lost the
// race, optimistic concurrency); Unavailable when the database cannot be reached.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/model.h"

namespace anpei::ports {

struct Page {
  int64_t page = 1;  // 1-based
  int64_t page_size = 20;
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  int64_t total = 0;  // matching rows over all pages
  Page page;
};

struct InstitutionFilter {
  std::optional<int64_t> id;  // one institution only (an institution user's own)
  std::optional<std::string> district_code;
  std::optional<std::string> q;  // substring of the name or the USCC
};

struct TeacherFilter {
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;  // of the teacher's institution
  std::optional<std::string> q;              // substring of the name
};

struct TraineeFilter {
  std::optional<int64_t> institution_id;     // on a roster of one of its classes
  std::optional<std::string> district_code;  // on a roster of a class in the district
  std::optional<std::string> group;
  std::optional<std::string> q;  // substring of the name, or the whole ID number
};

struct ClassFilter {
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;
  std::optional<std::string> state;
  std::optional<std::string> occupation;
  std::optional<std::string> q;  // substring of the title
};

struct AuditFilter {
  std::optional<std::string> actor;
  std::optional<std::string> action;
  std::optional<std::string> target;
  std::optional<int64_t> after_seq;  // events with seq > after_seq
  bool newest_first = false;         // order of a listed page (the chain itself is seq order)
};

struct UserFilter {
  std::optional<std::string> q;  // substring of the user name or display name
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

// The repositories, valid for one transaction. Not thread-safe; owned by Store::Run.
class StoreTx {
 public:
  virtual ~StoreTx() = default;

  virtual Result<std::vector<domain::District>> ListDistricts() = 0;
  virtual Result<domain::District> GetDistrict(std::string_view code) = 0;
  virtual Status InsertDistrict(const domain::District& district) = 0;

  virtual Result<PageOf<domain::Institution>> ListInstitutions(const InstitutionFilter& filter,
                                                               Page page) = 0;
  virtual Result<domain::Institution> GetInstitution(int64_t id) = 0;
  // Returns the new id; id, version and district_name of the argument are ignored.
  virtual Result<int64_t> InsertInstitution(const domain::Institution& institution) = 0;
  // Writes the row if its version is still expected_version, and bumps the version.
  virtual Status UpdateInstitution(const domain::Institution& institution,
                                   int64_t expected_version) = 0;

  virtual Result<PageOf<domain::Teacher>> ListTeachers(const TeacherFilter& filter, Page page) = 0;
  virtual Result<domain::Teacher> GetTeacher(int64_t id) = 0;
  virtual Result<int64_t> InsertTeacher(const domain::Teacher& teacher) = 0;
  virtual Status UpdateTeacher(const domain::Teacher& teacher, int64_t expected_version) = 0;

  virtual Result<PageOf<domain::Trainee>> ListTrainees(const TraineeFilter& filter, Page page) = 0;
  virtual Result<domain::Trainee> GetTrainee(int64_t id) = 0;
  virtual Result<std::optional<domain::Trainee>> FindTraineeByIdNumber(std::string_view id) = 0;
  virtual Result<int64_t> InsertTrainee(const domain::Trainee& trainee) = 0;
  virtual Status UpdateTrainee(const domain::Trainee& trainee, int64_t expected_version) = 0;

  virtual Result<PageOf<domain::ClassSummary>> ListClasses(const ClassFilter& filter,
                                                           Page page) = 0;
  virtual Result<domain::TrainingClass> GetClass(int64_t id) = 0;
  // Inserts the class with its teachers, sessions and roster; returns the new id.
  virtual Result<int64_t> InsertClass(const domain::TrainingClass& cls) = 0;
  // Replaces every editable part (title, occupation, venue, teachers, sessions, roster) and the
  // state and declared_at, if the version is still expected_version; bumps the version.
  virtual Status UpdateClass(const domain::TrainingClass& cls, int64_t expected_version) = 0;
  virtual Status InsertPlanVersion(int64_t class_id, const domain::PlanVersion& version) = 0;
  virtual Result<std::vector<domain::PlanVersion>> ListPlanVersions(int64_t class_id) = 0;
  // Counts over the classes the filter selects (institution_id and district_code are used).
  virtual Result<ClassStats> CountClasses(const ClassFilter& filter) = 0;
  // Whether the trainee is on the roster of a class of the institution / of the district.
  virtual Result<bool> TraineeOnRosterOf(int64_t trainee_id, std::optional<int64_t> institution_id,
                                         std::optional<std::string> district_code) = 0;

  // ---- accounts ----
  virtual Result<std::optional<domain::User>> FindUserByName(std::string_view username) = 0;
  virtual Result<domain::User> GetUser(int64_t id) = 0;
  virtual Result<PageOf<domain::User>> ListUsers(const UserFilter& filter, Page page) = 0;
  // Inserts the user with its roles and password hash; Conflict (field "username") when taken.
  virtual Result<int64_t> InsertUser(const domain::User& user) = 0;
  // Writes the sign-in counters, disabled_at and password hash of `user` (no version check: these
  // change on every sign-in attempt) and bumps the version.
  virtual Status UpdateUserSecurity(const domain::User& user) = 0;
  virtual Status InsertSession(const domain::Session& session) = 0;
  virtual Result<std::optional<domain::Session>> FindSession(std::string_view token_hash) = 0;
  virtual Status RevokeSession(std::string_view token_hash, std::string_view at) = 0;
  virtual Status RevokeUserSessions(int64_t user_id, std::string_view at) = 0;
  virtual Status InsertApiToken(const domain::ApiToken& token) = 0;
  virtual Result<std::optional<domain::ApiToken>> FindApiToken(std::string_view token_hash) = 0;

  // Appends an event to the audit trail: the store assigns seq and the chain links (under a lock,
  // so concurrent transactions queue) and fills them into `event`.
  virtual Status AppendAudit(domain::AuditEvent& event) = 0;
  // Events in seq order.
  virtual Result<PageOf<domain::AuditEvent>> ListAudit(const AuditFilter& filter, Page page) = 0;
};

enum class TxMode { kRead, kWrite };

class Store {
 public:
  virtual ~Store() = default;
  // Runs `work` in one transaction: commits when it returns OK, rolls back otherwise, and returns
  // its Status (or the commit's failure). Thread-safe: concurrent calls use separate connections.
  virtual Status Run(TxMode mode, const std::function<Status(StoreTx&)>& work) = 0;
  // OK when the database answers.
  virtual Status Ping() = 0;
  // Calls `visit` with every audit event in seq order, in batches (the whole trail, for
  // verification). Stops at the first error `visit` returns.
  virtual Status ScanAudit(const std::function<Status(const domain::AuditEvent&)>& visit) = 0;
};

}  // namespace anpei::ports
