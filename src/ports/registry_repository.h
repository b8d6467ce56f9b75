// Port: the registry: districts, training institutions, teachers and trainees (domain.md §1–2).
// Valid for one transaction (see Store::Run in ports/store.h); not thread-safe. Failures as in
// store.h: NotFound for a missing id (field names it), Conflict for a unique constraint or a stale
// expected_version, Unavailable when the database cannot be reached.
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

struct InstitutionFilter {
  std::optional<int64_t> id;  // one institution only (an institution user's own)
  std::optional<std::string> district_code;
  std::optional<std::string> q;            // substring of the name or the USCC (any case)
  std::optional<std::string> uscc_status;  // domain::UsccStatusId, e.g. pending_confirmation
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
  std::optional<std::string> id_number;  // the whole ID number (canonical): a blind-index lookup
  std::optional<std::string> q;          // substring of the name
};

class RegistryRepository {
 public:
  virtual ~RegistryRepository() = default;

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
};

}  // namespace anpei::ports
