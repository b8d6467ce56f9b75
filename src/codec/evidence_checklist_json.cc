#include "codec/evidence_checklist_json.h"

#include <boost/json.hpp>

namespace anpei::codec {
namespace json = boost::json;
namespace {

json::value OptInt(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::object VideoOf(const domain::SessionVideoVerdict& v) {
  json::array hours;
  for (const auto& h : v.hours) {
    hours.push_back({{"from", h.from.unix_seconds},
                     {"to", h.to.unix_seconds},
                     {"longest_continuous_seconds", h.longest_continuous_seconds},
                     {"ok", h.ok}});
  }
  json::array notes;
  for (const auto& n : v.notes) notes.push_back(json::value(n));
  return {{"state", domain::VideoVerdictStateId(v.state)},
          {"hours", std::move(hours)},
          {"covered_seconds", v.covered_seconds},
          {"uncovered_seconds", v.uncovered_seconds},
          {"notes", std::move(notes)}};
}

}  // namespace

std::string ChecklistToJson(int64_t class_id, const domain::Checklist& checklist) {
  json::array items;
  for (const auto& i : checklist.items) {
    json::array ids;
    for (int64_t id : i.evidence_ids) ids.push_back(id);
    json::array problems;
    for (const auto& p : i.problems) {
      problems.push_back({{"rule", p.rule}, {"clause", p.clause}, {"message", p.message}});
    }
    json::object item{{"id", i.id},
                      {"rule", i.rule},
                      {"clause", i.clause},
                      {"title", i.title},
                      {"state", domain::ChecklistStateId(i.state)},
                      {"state_name", domain::ChecklistStateName(i.state)},
                      {"message", i.message},
                      {"session_seq", OptInt(i.session_seq)},
                      {"required", i.required},
                      {"have", i.have},
                      {"evidence_ids", std::move(ids)},
                      {"problems", std::move(problems)}};
    if (i.video) item["video"] = VideoOf(*i.video);
    items.push_back(std::move(item));
  }
  return json::serialize(json::object{{"class_id", class_id},
                                      {"complete", checklist.complete()},
                                      {"present", checklist.present},
                                      {"missing", checklist.missing},
                                      {"failed", checklist.failed},
                                      {"not_required", checklist.not_required},
                                      {"items", std::move(items)}});
}

}  // namespace anpei::codec
