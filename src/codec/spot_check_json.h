// JSON of spot checks (docs/openapi.yaml, "Spot checks"): draw and visit requests, draws,
// visits, photos and cases.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/spot_checks.h"
#include "base/status.h"
#include "ports/page.h"

namespace anpei::codec {

// {"count":N,"seed":"…"?,"district_code":"…"?,"occupation":"…"?,"institution_id":N?}; an empty
// or null seed is no seed (the server draws one).
Result<app::DrawRequest> ParseDrawRequest(std::string_view body);
// {"draw_id":N?,"visited_at":"RFC 3339","inspectors":["…"],"present":N,"expected":N,
//  "findings":"…","open_case":bool?}
Result<app::VisitInput> ParseVisitInput(std::string_view body);

std::string DrawToJson(const app::DrawView& draw);
std::string DrawsToJson(const ports::PageOf<app::DrawView>& page);
std::string VisitToJson(const domain::SpotCheckVisit& visit);
std::string VisitsToJson(const std::vector<domain::SpotCheckVisit>& visits);
std::string PhotoToJson(const domain::SpotCheckPhoto& photo);
std::string PhotosToJson(const std::vector<domain::SpotCheckPhoto>& photos);

}  // namespace anpei::codec
