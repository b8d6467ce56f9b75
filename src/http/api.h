// Registers every endpoint of the API on a Router. The handlers only parse, call the app layer
// and map the result; they hold shared, immutable state only.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "app/reference_data.h"
#include "http/router.h"

namespace anpei::http {

struct ApiContext {
  std::shared_ptr<const app::ReferenceData> reference;
  std::string openapi_yaml;            // served at /api/v1/openapi.yaml
  std::function<Status()> ping_store;  // OK when the store answers
};

void RegisterApi(Router& router, std::shared_ptr<const ApiContext> ctx);

}  // namespace anpei::http
