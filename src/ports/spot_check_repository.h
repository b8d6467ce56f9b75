// Port: spot checks (抽查) — draws, visits on site with their photos, and the cases a finding
// opens (domain/spot_check.h, migration 0018). Valid for one transaction (Store::Run); failures
// as in store.h: NotFound for a missing id (field names it), Unavailable when the database
// cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/spot_check.h"
#include "ports/page.h"

namespace anpei::ports {

// Which classes a draw may pick: approved, with `today` between their first and last session
// dates (both inclusive), within the filters present.
struct CandidateFilter {
  std::optional<std::string> district_code;
  std::optional<std::string> occupation;
  std::optional<int64_t> institution_id;
  std::string today;  // YYYY-MM-DD
};

class SpotCheckRepository {
 public:
  virtual ~SpotCheckRepository() = default;

  // The ids of the classes in training that match, ascending.
  virtual Result<std::vector<int64_t>> ClassesInTraining(const CandidateFilter& filter) = 0;
  // The classes of `ids` that exist (any order).
  virtual Result<std::vector<domain::ClassBrief>> Briefs(const std::vector<int64_t>& ids) = 0;

  virtual Result<int64_t> InsertDraw(const domain::SpotCheckDraw& draw) = 0;
  virtual Result<domain::SpotCheckDraw> GetDraw(int64_t id) = 0;
  // Newest first; `district_code` set: that district's draws only (a reviewer's scope).
  virtual Result<PageOf<domain::SpotCheckDraw>> ListDraws(
      const std::optional<std::string>& district_code, Page page) = 0;

  virtual Result<int64_t> InsertVisit(const domain::SpotCheckVisit& visit) = 0;
  virtual Result<domain::SpotCheckVisit> GetVisit(int64_t id) = 0;
  // The visits of a class, newest first, with their photo counts and the case each opened.
  virtual Result<std::vector<domain::SpotCheckVisit>> ListVisits(int64_t class_id) = 0;

  // Adds a photo as number (highest so far + 1); returns that number.
  virtual Result<int64_t> InsertPhoto(const domain::SpotCheckPhoto& photo) = 0;
  virtual Result<domain::SpotCheckPhoto> GetPhoto(int64_t spot_check_id, int64_t n) = 0;
  virtual Result<std::vector<domain::SpotCheckPhoto>> ListPhotos(int64_t spot_check_id) = 0;

  virtual Result<int64_t> InsertCase(const domain::CaseRecord& c) = 0;
};

}  // namespace anpei::ports
