// The API-test world of the completion-to-payment path (issue 15): ApiWorldTest plus helpers that
// carry a class through the real use cases only — declared and approved, every trainee attending
// every session (paper sign-in approved by the district's reviewer and back-filled), scores
// entered, completion submitted and approved, certificates issued. Test support only.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "support/api_world.h"

namespace anpei::testing {

// A class and its trainees (roster order).
struct CertifiedClassIds {
  int64_t class_id = 0;
  std::vector<int64_t> person_ids;
};

class CompletionWorldTest : public ApiWorldTest {
 protected:
  static std::string ClassPath(int64_t cls, const std::string& tail = "");
  // The district's reviewer of an institution user ("inst_a" → "reviewer_a") and its id.
  static std::string ReviewerOf(const std::string& institution);
  int64_t InstitutionOf(const std::string& institution) const;

  // A 保安员 (or `occupation`) class of `inst` created by `who` with five four-hour sessions from
  // `first` (a Monday, YYYY-MM-DD; days first..first+4), 08:30–11:50.
  int64_t ClassFrom(const std::string& who, int64_t inst, const std::string& first,
                    const std::vector<int64_t>& roster,
                    const std::string& occupation = "security_guard");

  // Every trainee of `roster` attended every session of `cls`: paper sign-in approved by
  // `reviewer`, the sheet uploaded, the records back-filled.
  void Attend(const std::string& who, const std::string& reviewer, int64_t cls,
              const std::vector<int64_t>& roster);
  HttpResult Scores(const std::string& who, int64_t cls,
                    const std::vector<std::pair<int64_t, int>>& scores);
  HttpResult Submit(const std::string& who, int64_t cls);
  HttpResult Decide(const std::string& who, int64_t cls, const std::string& decision,
                    const std::string& extra = "");

  // An approved class `cls` of the institution user `who` (its roster `roster`, its sessions
  // over) carried to completion_approved at `at` (RFC 3339; the clock stays there): attendance,
  // `scores` (80 each when empty), submitted, approved by the district's reviewer with every
  // trainee approved.
  void CompleteClass(const std::string& who, int64_t cls, const std::vector<int64_t>& roster,
                     const std::string& at, const std::vector<int>& scores = {});

  // A new class of `who` ("inst_a" or "inst_b") with `trainees` new trainees (张三, 李四, … with
  // ID numbers not used before by this fixture), five sessions from `first` (a Monday after the
  // clock), declared, approved and completed on the Saturday after (09:00, where the clock
  // stays): completion_approved.
  CertifiedClassIds CompletionApprovedClass(const std::string& who = "inst_a", int trainees = 2,
                                            const std::string& first = "2021-10-11");
  // The same, then certificates issued by the district's reviewer: certified.
  CertifiedClassIds CertifiedClass(const std::string& who = "inst_a", int trainees = 2,
                                   const std::string& first = "2021-10-11");
  // The same, then published by the district's reviewer on the Monday after (09:00), and the
  // batch closed on the Tuesday of the week after (09:00, the five working days over; the clock
  // stays there): publicity_closed.
  CertifiedClassIds PublicityClosedClass(const std::string& who = "inst_a", int trainees = 2,
                                         const std::string& first = "2021-10-11");

  int next_person_ = 500;  // ValidId seeds of the trainees the fixture creates
};

}  // namespace anpei::testing
