#include "codec/signals_json.h"

#include <algorithm>
#include <cmath>
#include <type_traits>
#include <variant>

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

json::value Time(int64_t at, int offset) {
  return json::value(domain::FormatTimestamp({at}, offset));
}
json::value OptTime(const std::optional<int64_t>& at, int offset) {
  return at ? Time(*at, offset) : json::value(nullptr);
}
json::value Num(const std::optional<double>& d) {
  return d ? json::value(*d) : json::value(nullptr);
}
json::value OptInt(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
json::value OptSeq(const std::optional<int>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}
double Metres(double m) { return std::round(m); }

json::object Span(domain::Interval i, int offset) {
  return {{"from", Time(i.from, offset)}, {"until", Time(i.until, offset)}};
}

// Another class: id and title when the caller may see it, the neutral words otherwise.
json::object ClassOf(const domain::ClassMention& c) {
  return {{"id", c.visible ? json::value(c.id) : json::value(nullptr)}, {"title", c.title}};
}

json::object EvidenceOf(const domain::FlagEvidence& e, int offset) {
  return std::visit(
      [offset](const auto& v) -> json::object {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, domain::SharedDeviceEvidence>) {
          json::array uses;
          for (const auto& u : v.uses) {
            json::object o{{"what", u.what},
                           {"person_id", u.person_id ? json::value(u.person_id) : nullptr},
                           {"session_seq", OptSeq(u.seq)},
                           {"at", Time(u.at, offset)}};
            if (u.until) o["until"] = Time(*u.until, offset);
            if (u.record_id) o["record_id"] = *u.record_id;
            if (!u.reason.empty()) o["reason"] = u.reason;
            uses.push_back(std::move(o));
          }
          return {{"device_id", v.device_id},
                  {"uses", std::move(uses)},
                  {"other_persons", v.other_persons}};
        } else if constexpr (std::is_same_v<T, domain::FarEvidence>) {
          json::array attempts;
          for (const auto& a : v.attempts) {
            json::object o{{"what", a.what},
                           {"at", Time(a.at, offset)},
                           {"distance_m", Metres(a.distance_m)},
                           {"accuracy_m", Metres(a.accuracy_m)}};
            if (a.record_id) o["record_id"] = *a.record_id;
            if (!a.reason.empty()) o["reason"] = a.reason;
            attempts.push_back(std::move(o));
          }
          return {{"max_distance_m", v.max_distance_m}, {"attempts", std::move(attempts)}};
        } else if constexpr (std::is_same_v<T, domain::TwoPlacesEvidence>) {
          return {{"here", Span(v.here, offset)},
                  {"other_class", ClassOf(v.other)},
                  {"other_session_seq", OptSeq(v.other_seq)},
                  {"there", Span(v.there, offset)},
                  {"overlap_minutes", (v.overlap_seconds + 59) / 60}};
        } else if constexpr (std::is_same_v<T, domain::RollCallEvidence>) {
          return {{"roll_call_id", v.roll_call_id},
                  {"drawn_at", Time(v.drawn_at, offset)},
                  {"deadline", Time(v.deadline, offset)}};
        } else if constexpr (std::is_same_v<T, domain::SelfieEvidence>) {
          json::object o{{"selfie_id", v.selfie_id},
                         {"record_id", OptInt(v.record_id)},
                         {"other_selfie_id", v.other_selfie_id},
                         {"other_record_id", OptInt(v.other_record_id)},
                         {"other_session_seq", OptSeq(v.other_seq)},
                         {"hamming_bits", v.hamming_bits}};
          if (v.other) o["other_class"] = ClassOf(*v.other);
          return o;
        } else {
          return {{"teacher_id", v.teacher_id},
                  {"teacher_name", v.teacher_name},
                  {"here", Span(v.here, offset)},
                  {"other_class", ClassOf(v.other)},
                  {"other_session_seq", OptSeq(v.other_seq)},
                  {"there", Span(v.there, offset)}};
        }
      },
      e);
}

json::object RollCallObject(const app::RollCallView& v, int offset) {
  const auto& rc = v.roll_call;
  json::array persons;
  for (const auto& p : v.persons) {
    persons.push_back(json::object{
        {"id", p.person_id}, {"name", p.name}, {"answered_at", OptTime(p.answered_at, offset)}});
  }
  return {{"id", rc.id},
          {"class_id", rc.class_id},
          {"session_seq", rc.seq},
          {"requested", rc.requested},
          {"drawn_at", Time(rc.drawn_at, offset)},
          {"deadline", Time(rc.deadline, offset)},
          {"drawn_by", rc.drawn_by_name},
          {"persons", std::move(persons)}};
}

}  // namespace

Result<int64_t> ParseRollCallDraw(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(doc, ""));
  return RequiredInt(*o, "", "count");
}

Result<app::RollCallAnswerInput> ParseRollCallAnswer(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto doc, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(doc, ""));
  app::RollCallAnswerInput in;
  ANPEI_ASSIGN_OR_RETURN(in.device_id, RequiredString(*o, "", "device_id"));
  ANPEI_ASSIGN_OR_RETURN(in.lat, OptNumber(*o, "lat"));
  ANPEI_ASSIGN_OR_RETURN(in.lng, OptNumber(*o, "lng"));
  ANPEI_ASSIGN_OR_RETURN(in.accuracy_m, OptNumber(*o, "accuracy_m"));
  return in;
}

std::string RollCallToJson(const app::RollCallView& v, int offset) {
  return json::serialize(RollCallObject(v, offset));
}

std::string RollCallsToJson(const std::vector<app::RollCallView>& v, int offset) {
  json::array items;
  for (const auto& rc : v) items.push_back(RollCallObject(rc, offset));
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string PendingRollCallsToJson(const std::vector<domain::RollCall>& calls, int64_t now,
                                   int offset) {
  json::array items;
  for (const auto& rc : calls) {
    items.push_back(json::object{{"id", rc.id},
                                 {"class_id", rc.class_id},
                                 {"session_seq", rc.seq},
                                 {"drawn_at", Time(rc.drawn_at, offset)},
                                 {"deadline", Time(rc.deadline, offset)},
                                 {"seconds_left", std::max<int64_t>(0, rc.deadline - now)}});
  }
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string RollCallAnswerToJson(const app::RollCallAnswered& a, int offset) {
  return json::serialize(
      json::object{{"answer", json::object{{"roll_call_id", a.roll_call_id},
                                           {"person_id", a.person_id},
                                           {"answered_at", Time(a.answer.at, offset)},
                                           {"distance_m", Num(a.answer.distance_m)}}}});
}

std::string FlagsToJson(const std::vector<domain::AttendanceFlag>& flags, int offset) {
  json::array out;
  for (const auto& f : flags) {
    json::array persons;
    for (int64_t p : f.person_ids) persons.push_back(p);
    out.push_back(json::object{{"kind", domain::SignalKindId(f.kind)},
                               {"kind_name", domain::SignalKindName(f.kind)},
                               {"session_seq", OptSeq(f.seq)},
                               {"person_ids", std::move(persons)},
                               {"evidence", EvidenceOf(f.evidence, offset)},
                               {"message", f.message}});
  }
  return json::serialize(out);
}

}  // namespace anpei::codec
