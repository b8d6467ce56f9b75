// Port: enrolments (domain.md §7a): each institution's own record of the people it enrols, and the
// enrolments held for a reviewer because the name given differs from the person's. Valid for one
// transaction (see Store::Run in ports/store.h); not thread-safe. Failures as in store.h:
// NotFound for a missing id, Conflict for a unique constraint or a stale expected_version,
// Unavailable when the database cannot be reached.
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

struct HeldFilter {
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;  // of the institution
  std::optional<std::string> state;          // "held", "confirmed", "refused"
  bool oldest_first = false;  // the list is newest first; a work queue asks for the oldest first
};

struct NoticeFilter {
  std::optional<int64_t> institution_id;
  std::optional<std::string> district_code;  // of the institution
};

class EnrolmentRepository {
 public:
  virtual ~EnrolmentRepository() = default;

  // The institution's record of the person, if it has one.
  virtual Result<std::optional<domain::Enrolment>> GetEnrolment(int64_t institution_id,
                                                                int64_t trainee_id) = 0;
  // Conflict when the institution already has a record of the person.
  virtual Status InsertEnrolment(const domain::Enrolment& enrolment) = 0;
  // Writes phone, group, given_name and unconfirmed if the record is still at expected_version;
  // bumps the version.
  virtual Status UpdateEnrolment(const domain::Enrolment& enrolment, int64_t expected_version) = 0;
  // Removes the institution's record of the person (and the person from the district's list and
  // counts when no other institution of the district has a record of them).
  virtual Status DeleteEnrolment(int64_t institution_id, int64_t trainee_id) = 0;
  // The institution's classes that have the person on their roster, in id order.
  virtual Result<std::vector<int64_t>> ClassesWithTrainee(int64_t institution_id,
                                                          int64_t trainee_id) = 0;
  // Whether an institution of the district has a record of the person.
  virtual Result<bool> KnownInDistrict(int64_t trainee_id, std::string_view district_code) = 0;

  virtual Result<PageOf<domain::HeldEnrolment>> ListHeld(const HeldFilter& filter, Page page) = 0;
  virtual Result<domain::HeldEnrolment> GetHeld(int64_t id) = 0;
  // The open (state held) enrolment of this person by this institution for this class, if any.
  virtual Result<std::optional<int64_t>> FindOpenHeld(int64_t institution_id,
                                                      std::optional<int64_t> class_id,
                                                      int64_t trainee_id) = 0;
  // Returns the new id; id, state, decision and the joined fields of the argument are ignored.
  virtual Result<int64_t> InsertHeld(const domain::HeldEnrolment& held) = 0;
  // Records the decision (state, reason, decided_by, decided_at) if still at expected_version.
  virtual Status DecideHeld(const domain::HeldEnrolment& held, int64_t expected_version) = 0;

  // Notices to institutions (newest first). Returns the new id; id of the argument ignored.
  virtual Result<int64_t> InsertNotice(const domain::Notice& notice) = 0;
  virtual Result<PageOf<domain::Notice>> ListNotices(const NoticeFilter& filter, Page page) = 0;
};

}  // namespace anpei::ports
