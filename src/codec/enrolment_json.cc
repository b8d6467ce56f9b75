#include "codec/enrolment_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

json::value Opt(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object HeldObject(const domain::HeldEnrolment& h, bool mask) {
  auto name = [&](const std::string& n) { return mask ? domain::MaskName(n) : n; };
  json::object o{{"id", h.id},
                 {"institution_id", h.institution_id},
                 {"institution_name", h.institution_name},
                 {"district_code", h.district_code},
                 {"class_id", h.class_id ? json::value(*h.class_id) : json::value(nullptr)},
                 {"class_title", h.class_title},
                 {"trainee_id", h.trainee_id},
                 {"name", name(h.given_name)},
                 {"id_number", mask ? domain::MaskIdNumber(h.id_number) : h.id_number},
                 {"phone", domain::MaskPhone(h.phone)},
                 {"group", h.group},
                 {"state", domain::HeldStateId(h.state)},
                 {"state_name", domain::HeldStateName(h.state)},
                 {"reason", h.reason},
                 {"decided_by", Opt(h.decided_by)},
                 {"decided_at", Opt(h.decided_at)},
                 {"version", h.version},
                 {"created_at", h.created_at}};
  if (!h.recorded_name.empty()) o["recorded_name"] = name(h.recorded_name);
  return o;
}

}  // namespace

Result<HeldDecisionInput> ParseHeldDecision(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  HeldDecisionInput out;
  ANPEI_ASSIGN_OR_RETURN(auto decision, RequiredString(*o, "", "decision"));
  if (decision == "confirm") {
    out.decision = app::HeldDecision::kConfirm;
  } else if (decision == "refuse") {
    out.decision = app::HeldDecision::kRefuse;
  } else {
    return Status::Invalid("decision", "decision 应为 confirm（确认）或 refuse（拒绝），收到「" +
                                           decision.substr(0, 20) + "」");
  }
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(*o, "", "reason"));
  out.reason = reason.value_or("");
  if (const json::value* v = o->if_contains("version"); v && !v->is_null()) {
    if (!v->is_int64() || v->get_int64() < 1) {
      return Status::Invalid("version", "version 应为正整数");
    }
    out.version = v->get_int64();
  }
  return out;
}

std::string HeldEnrolmentToJson(const domain::HeldEnrolment& held, bool mask) {
  return json::serialize(HeldObject(held, mask));
}

std::string HeldEnrolmentsToJson(const ports::PageOf<domain::HeldEnrolment>& page) {
  return PageToJson(page, [](const domain::HeldEnrolment& h) { return HeldObject(h, true); });
}

std::string NoticesToJson(const ports::PageOf<domain::Notice>& page) {
  return PageToJson(page, [](const domain::Notice& n) {
    return boost::json::object{{"id", n.id},
                               {"institution_id", n.institution_id},
                               {"kind", n.kind},
                               {"message", n.message},
                               {"created_at", n.created_at}};
  });
}

}  // namespace anpei::codec
