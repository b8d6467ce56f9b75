#include "app/publicity.h"

#include "app/completion.h"

namespace anpei::app {

// Until the publicity use cases land (step 2): every approved eligible trainee of the class.
Result<std::vector<PayableTrainee>> PayableTrainees(ports::StoreTx& tx, int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto approved, ApprovedTrainees(tx, class_id));
  std::vector<PayableTrainee> out;
  out.reserve(approved.size());
  for (auto& a : approved) {
    out.push_back({a.person_id, std::move(a.occupation), std::move(a.level), a.subsidy_yuan});
  }
  return out;
}

}  // namespace anpei::app
