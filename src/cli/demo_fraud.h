// The fraud part of `anpei demo` (cmd_demo_fraud.cc): cases and the credit blacklist reached
// through the real use cases at fixed past times (四（三）), so the console shows a case under
// investigation waiting for the institution's answer, and a class found fraudulent (disqualified)
// with its institution blacklisted and waiting for 人社's acknowledgement. Runs last: a listed
// institution cannot declare.
#pragma once

#include <cstdint>

#include "app/context.h"
#include "base/status.h"

namespace anpei::cli {

struct DemoFraudInput {
  int64_t fraud_class_id = 0;  // an approved class, sessions from 2026-11-02; found fraudulent
  app::Actor fraud_reviewer;   // the police of its district (or the city bureau)
  app::Actor fraud_clerk;      // its institution
  int64_t investigated_class_id = 0;  // an approved class, sessions 2026-11-09 … 13
  app::Actor investigated_reviewer;
  app::Actor city;  // police_admin: decides
};

struct DemoFraudDone {
  int cases = 0, blacklisted = 0;
};

Result<DemoFraudDone> SeedDemoFraud(const app::AppContext& ctx, const DemoFraudInput& in);

}  // namespace anpei::cli
