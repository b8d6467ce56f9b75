#include "codec/spot_check_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"

namespace anpei::codec {
namespace json = boost::json;
namespace {

Result<std::optional<int64_t>> OptionalInt(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<int64_t>();
  ANPEI_ASSIGN_OR_RETURN(auto v, RequiredInt(o, "", key));
  return std::optional<int64_t>(v);
}

Result<std::optional<std::string>> OptionalText(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  if (it == o.end() || it->value().is_null()) return std::optional<std::string>();
  ANPEI_ASSIGN_OR_RETURN(auto v, OptionalString(o, "", key));
  if (v && v->empty()) return std::optional<std::string>();
  return v;
}

json::value OptId(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value OptText(const std::optional<std::string>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array Ids(const std::vector<int64_t>& ids) {
  json::array out;
  for (int64_t id : ids) out.push_back(id);
  return out;
}

json::object ClassOf(const domain::ClassBrief& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"institution_id", c.institution_id},
          {"institution_name", c.institution_name},
          {"district_code", c.district_code},
          {"state", domain::ClassStateId(c.state)}};
}

json::object DrawObject(const app::DrawView& v) {
  const auto& d = v.draw;
  json::array classes;
  for (const auto& c : v.classes) classes.push_back(ClassOf(c));
  return {{"id", d.id},
          {"seed", d.seed},
          {"seed_source", d.seed_source},
          {"count", d.count},
          {"district_code", OptText(d.district_code)},
          {"occupation", OptText(d.occupation)},
          {"institution_id", OptId(d.institution_id)},
          {"on_date", d.on_date},
          {"candidates", Ids(d.candidates)},
          {"class_ids", Ids(d.class_ids)},
          {"classes", std::move(classes)},
          {"scheme", "sha256(seed:id) ascending"},
          {"drawn_by", d.drawn_by_name},
          {"drawn_at", d.drawn_at}};
}

json::object VisitObject(const domain::SpotCheckVisit& v) {
  json::array inspectors;
  for (const auto& s : v.inspectors) inspectors.push_back(json::value(s));
  return {{"id", v.id},
          {"class_id", v.class_id},
          {"draw_id", OptId(v.draw_id)},
          {"visited_at", v.visited_at},
          {"inspectors", std::move(inspectors)},
          {"present", v.present},
          {"expected", v.expected},
          {"findings", v.findings},
          {"case_id", OptId(v.case_id)},
          {"photo_count", v.photo_count},
          {"recorded_by", v.recorded_by},
          {"recorded_at", v.recorded_at}};
}

json::object PhotoObject(const domain::SpotCheckPhoto& p) {
  return {{"spot_check_id", p.spot_check_id},
          {"n", p.n},
          {"sha256", p.sha256},
          {"size", p.size},
          {"mime", p.mime},
          {"file_name", p.file_name},
          {"uploaded_by", p.uploaded_by},
          {"uploaded_at", p.uploaded_at},
          {"url", "/api/v1/spot-checks/" + std::to_string(p.spot_check_id) + "/photos/" +
                      std::to_string(p.n)}};
}

}  // namespace

Result<app::DrawRequest> ParseDrawRequest(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, AsObject(doc, ""));
  app::DrawRequest r;
  ANPEI_ASSIGN_OR_RETURN(r.count, RequiredInt(*o, "", "count"));
  ANPEI_ASSIGN_OR_RETURN(r.seed, OptionalText(*o, "seed"));
  ANPEI_ASSIGN_OR_RETURN(r.district_code, OptionalText(*o, "district_code"));
  ANPEI_ASSIGN_OR_RETURN(r.occupation, OptionalText(*o, "occupation"));
  ANPEI_ASSIGN_OR_RETURN(r.institution_id, OptionalInt(*o, "institution_id"));
  return r;
}

Result<app::VisitInput> ParseVisitInput(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(const json::object* o, AsObject(doc, ""));
  app::VisitInput v;
  ANPEI_ASSIGN_OR_RETURN(v.draw_id, OptionalInt(*o, "draw_id"));
  ANPEI_ASSIGN_OR_RETURN(v.visited_at, RequiredString(*o, "", "visited_at"));
  auto it = o->find("inspectors");
  if (it == o->end()) return Status::Invalid("inspectors", "缺少必填字段 inspectors（检查人员）");
  ANPEI_ASSIGN_OR_RETURN(const json::array* names, AsArray(it->value(), "inspectors"));
  for (size_t i = 0; i < names->size(); ++i) {
    const auto& n = (*names)[i];
    if (!n.is_string()) {
      return Status::Invalid("inspectors[" + std::to_string(i) + "]",
                             "检查人员应为字符串，收到" + TypeName(n));
    }
    v.inspectors.emplace_back(n.as_string());
  }
  ANPEI_ASSIGN_OR_RETURN(v.present, RequiredInt(*o, "", "present"));
  ANPEI_ASSIGN_OR_RETURN(v.expected, RequiredInt(*o, "", "expected"));
  ANPEI_ASSIGN_OR_RETURN(auto findings, OptionalString(*o, "", "findings"));
  v.findings = findings.value_or("");
  if (auto oc = o->find("open_case"); oc != o->end() && !oc->value().is_null()) {
    if (!oc->value().is_bool()) {
      return Status::Invalid("open_case",
                             "open_case 应为 true 或 false，收到" + TypeName(oc->value()));
    }
    v.open_case = oc->value().as_bool();
  }
  return v;
}

std::string DrawToJson(const app::DrawView& draw) { return json::serialize(DrawObject(draw)); }

std::string DrawsToJson(const ports::PageOf<app::DrawView>& page) {
  return PageToJson(page, [](const app::DrawView& d) { return DrawObject(d); });
}

std::string VisitToJson(const domain::SpotCheckVisit& visit) {
  return json::serialize(VisitObject(visit));
}

std::string VisitsToJson(const std::vector<domain::SpotCheckVisit>& visits) {
  json::array items;
  for (const auto& v : visits) items.push_back(VisitObject(v));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string PhotoToJson(const domain::SpotCheckPhoto& photo) {
  return json::serialize(PhotoObject(photo));
}

std::string PhotosToJson(const std::vector<domain::SpotCheckPhoto>& photos) {
  json::array items;
  for (const auto& p : photos) items.push_back(PhotoObject(p));
  return json::serialize(json::object{{"items", std::move(items)}});
}

}  // namespace anpei::codec
