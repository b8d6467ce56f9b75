// What every stateful use case needs: the store, the reference data and the clock. Shared,
// immutable after start; the pointed-to objects are thread-safe.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/reference_data.h"
#include "domain/date.h"
#include "domain/plan.h"
#include "ports/clock.h"
#include "ports/store.h"
#include "ports/vault.h"

namespace anpei::app {

// China Standard Time: every local date and stored timestamp is in UTC+8 (domain.md §2).
inline constexpr int kChinaOffsetMinutes = 8 * 60;

// Turns a plan into the contract's plan JSON, for the kept plan versions. Supplied by the caller
// (the codec layer), so the app does not depend on a JSON library.
using PlanEncoder = std::function<std::string(const domain::Plan&, const std::string& policy_id)>;

// Who acts: the signed-in user and the role they act in. Until accounts exist (next issue) every
// request acts as the anonymous user, and the audit trail records it as such.
struct Actor {
  std::string user = "anonymous";
  std::string role = "unauthenticated";
};

struct AppContext {
  std::shared_ptr<ports::Store> store;
  std::shared_ptr<const ports::Vault> vault;
  std::shared_ptr<const ReferenceData> reference;
  std::shared_ptr<const ports::Clock> clock;
  PlanEncoder encode_plan;

  domain::Instant Now() const { return clock->Now(); }
  std::string NowText() const { return domain::FormatTimestamp(Now(), kChinaOffsetMinutes); }
  domain::Date Today() const { return domain::LocalDate(Now(), kChinaOffsetMinutes); }
};

}  // namespace anpei::app
