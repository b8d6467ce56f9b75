// Publicity (公示, 三（一）4; issue 15, Deliver 3): the proposed subsidies of certified classes are
// published for a number of working days; anyone may object; the reviewer settles each objection.
// What the payment side (funds) needs from it: the trainees whose subsidy may be paid.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "ports/store.h"

namespace anpei::app {

// A trainee whose subsidy may be paid: approved at completion, eligible, and not withdrawn by an
// upheld objection during the class's publicity.
struct PayableTrainee {
  int64_t person_id = 0;
  std::string occupation, level;
  int64_t subsidy_yuan = 0;
};

// The payable trainees of a publicity_closed class, read-only in the caller's transaction; no
// authorisation (the caller has authorised the class). A class in another state has none (an
// empty list).
Result<std::vector<PayableTrainee>> PayableTrainees(ports::StoreTx& tx, int64_t class_id);

}  // namespace anpei::app
