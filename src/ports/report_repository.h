// Port: the counts behind the reports (domain/report.h). Valid for one transaction (Store::Run);
// Unavailable when the database cannot be reached. Read-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/report.h"

namespace anpei::ports {

struct ReportQuery {
  domain::ReportDimension dimension = domain::ReportDimension::kDistrict;
  std::string from_month;                    // "2021-01", inclusive; empty = no lower bound
  std::string to_month;                      // "2021-12", inclusive; empty = no upper bound
  std::optional<std::string> district_code;  // a reviewer's scope, or a filter
  std::optional<int64_t> institution_id;     // an institution's own, or a filter
};

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;
  // Every measure's counts grouped by the query's dimension, each event counted in its own month
  // (domain/report.h). Occupations come back with their policy id as the label.
  virtual Result<std::vector<domain::ReportFact>> Facts(const ReportQuery& query) = 0;
};

}  // namespace anpei::ports
