#include "domain/policy.h"

namespace anpei::domain {

const Occupation* Policy::FindOccupation(std::string_view occupation_id) const {
  for (const Occupation& o : occupations)
    if (o.id == occupation_id) return &o;
  return nullptr;
}

std::string Policy::ClauseOf(std::string_view rule) const {
  auto it = rule_clause.find(std::string(rule));
  return it == rule_clause.end() ? std::string() : it->second;
}

}  // namespace anpei::domain
