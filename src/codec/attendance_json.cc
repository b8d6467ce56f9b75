#include "codec/attendance_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "domain/date.h"

namespace anpei::codec {
namespace json = boost::json;
namespace {

Result<std::optional<double>> OptNumber(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<double>();
  if (v->is_int64()) return std::optional<double>(static_cast<double>(v->get_int64()));
  if (v->is_uint64()) return std::optional<double>(static_cast<double>(v->get_uint64()));
  if (v->is_double()) return std::optional<double>(v->get_double());
  return Status::Invalid(std::string(key), "应为数字（number），收到 " + TypeName(*v));
}

Result<std::optional<int64_t>> OptInt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::optional<int64_t>();
  ANPEI_ASSIGN_OR_RETURN(auto r, RequiredInt(o, "", key));
  if (r < 1) return Status::Invalid(std::string(key), "编号应为正整数");
  return std::optional<int64_t>(r);
}

json::value Time(const std::optional<int64_t>& at, int offset) {
  if (!at) return nullptr;
  return json::value(domain::FormatTimestamp({*at}, offset));
}
json::value Num(const std::optional<double>& d) {
  return d ? json::value(*d) : json::value(nullptr);
}

}  // namespace

std::string QrTokenToJson(const app::QrToken& t) {
  return json::serialize(json::object{{"token", t.token},
                                      {"expires_at", t.expires_at},
                                      {"slot", t.slot},
                                      {"refresh_after_s", t.refresh_after_s}});
}

Result<app::TraineeIdentification> ParseTraineeIdentification(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(doc, ""));
  app::TraineeIdentification in;
  ANPEI_ASSIGN_OR_RETURN(in.token, RequiredString(*o, "", "token"));
  ANPEI_ASSIGN_OR_RETURN(in.name, RequiredString(*o, "", "name"));
  ANPEI_ASSIGN_OR_RETURN(in.id_number, RequiredString(*o, "", "id_number"));
  ANPEI_ASSIGN_OR_RETURN(in.device_id, RequiredString(*o, "", "device_id"));
  return in;
}

std::string TraineeSignedInToJson(const app::TraineeSignedIn& s) {
  return json::serialize(
      json::object{{"person", json::object{{"id", s.person_id}, {"name", s.person_name}}},
                   {"class", json::object{{"id", s.class_id}, {"title", s.class_title}}},
                   {"csrf_token", s.csrf_token},
                   {"expires_at", s.expires_at},
                   {"device_bound_now", s.bound_now}});
}

std::string TraineeMeToJson(const app::TraineeMe& me) {
  return json::serialize(
      json::object{{"role", "trainee"},
                   {"person", json::object{{"id", me.person_id}, {"name", me.person_name}}},
                   {"class", json::object{{"id", me.class_id}, {"title", me.class_title}}},
                   {"device_id", me.device_id},
                   {"csrf_token", me.csrf_token}});
}

Result<app::CheckInInput> ParseCheckIn(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(doc, ""));
  app::CheckInInput in;
  ANPEI_ASSIGN_OR_RETURN(in.token, RequiredString(*o, "", "token"));
  ANPEI_ASSIGN_OR_RETURN(in.direction, RequiredString(*o, "", "direction"));
  ANPEI_ASSIGN_OR_RETURN(in.idempotency_key, RequiredString(*o, "", "idempotency_key"));
  ANPEI_ASSIGN_OR_RETURN(in.device_id, RequiredString(*o, "", "device_id"));
  ANPEI_ASSIGN_OR_RETURN(in.lat, OptNumber(*o, "lat"));
  ANPEI_ASSIGN_OR_RETURN(in.lng, OptNumber(*o, "lng"));
  ANPEI_ASSIGN_OR_RETURN(in.accuracy_m, OptNumber(*o, "accuracy_m"));
  ANPEI_ASSIGN_OR_RETURN(in.selfie_id, OptInt(*o, "selfie_id"));
  return in;
}

std::string CheckInRecordToJson(const domain::AttendanceRecord& r, int offset,
                                const std::optional<app::SelfieReuse>& reuse) {
  json::value flag = nullptr;
  if (reuse) {
    flag = json::object{{"of_selfie_id", reuse->of_selfie_id},
                        {"bits", reuse->bits},
                        {"other_person", reuse->other_person}};
  }
  return json::serialize(json::object{
      {"record", json::object{{"id", r.id},
                              {"class_id", r.class_id},
                              {"session_seq", r.session_seq},
                              {"person_id", r.person_id},
                              {"direction", domain::DirectionId(r.direction)},
                              {"at", domain::FormatTimestamp({r.at}, offset)},
                              {"source", domain::AttendanceSourceId(r.source)},
                              {"distance_m", Num(r.distance_m)},
                              {"accuracy_m", Num(r.accuracy_m)},
                              {"device_id", r.device_id ? json::value(*r.device_id) : nullptr},
                              {"selfie_id", r.selfie_id ? json::value(*r.selfie_id) : nullptr},
                              {"selfie_reuse", std::move(flag)}}}});
}

std::string HeadcountToJson(const app::SessionHeadcount& h) {
  return json::serialize(json::object{{"seq", h.seq},
                                      {"expected", h.expected},
                                      {"checked_in", h.checked_in},
                                      {"checked_out", h.checked_out}});
}

Result<std::string> ParseUnbindReason(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(doc, ""));
  return RequiredString(*o, "", "reason");
}

std::string ClassHoursToJson(const app::ClassHours& h, int offset) {
  json::array trainees;
  for (const auto& t : h.trainees) {
    json::array sessions;
    for (const auto& s : t.sessions) {
      sessions.push_back(json::object{{"seq", s.seq},
                                      {"hours", s.hours},
                                      {"earned", s.earned},
                                      {"check_in", Time(s.check_in, offset)},
                                      {"check_out", Time(s.check_out, offset)},
                                      {"source", s.source ? json::value(*s.source) : nullptr}});
    }
    trainees.push_back(json::object{{"person_id", t.person_id},
                                    {"name", t.name},
                                    {"planned_hours", t.planned_hours},
                                    {"attended_hours", t.attended_hours},
                                    {"sessions", std::move(sessions)}});
  }
  json::array sessions;
  for (const auto& s : h.sessions) {
    sessions.push_back(json::object{{"seq", s.seq},
                                    {"date", s.session.date.ToString()},
                                    {"start", domain::FormatTimeOfDay(s.session.start_minute)},
                                    {"end", domain::FormatTimeOfDay(s.session.end_minute)},
                                    {"hours", s.session.hours},
                                    {"makeup", s.makeup},
                                    {"expected", s.expected},
                                    {"checked_in", s.checked_in},
                                    {"checked_out", s.checked_out}});
  }
  return json::serialize(json::object{{"class_id", h.class_id},
                                      {"planned_hours", h.planned_hours},
                                      {"trainees", std::move(trainees)},
                                      {"sessions", std::move(sessions)}});
}

}  // namespace anpei::codec
