#include "codec/attendance_exception_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"
#include "codec/page_envelope.h"
#include "domain/date.h"

namespace anpei::codec {
namespace json = boost::json;

namespace {

json::value Opt(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object ExceptionObject(const domain::AttendanceException& e) {
  json::array seqs;
  for (int64_t s : e.session_seqs) seqs.push_back(s);
  return json::object{
      {"id", e.id},
      {"class_id", e.class_id},
      {"class_title", e.class_title},
      {"institution_id", e.institution_id},
      {"institution_name", e.institution_name},
      {"district_code", e.district_code},
      {"session_seqs", std::move(seqs)},
      {"reason", e.reason},
      {"state", domain::ExceptionStateId(e.state)},
      {"state_name", domain::ExceptionStateName(e.state)},
      {"filed_by", e.filed_by},
      {"filed_at", e.filed_at},
      {"decided_by", Opt(e.decided_by)},
      {"decided_at", Opt(e.decided_at)},
      {"decision_reason", e.decision_reason},
      {"version", e.version},
      {"file_count", e.file_count},
      {"backfilled_at", Opt(e.backfilled_at)},
      {"backfilled_count", e.backfilled_count},
  };
}

json::object FileObject(const domain::ExceptionFile& f) {
  return {{"exception_id", f.exception_id},
          {"n", f.n},
          {"sha256", f.sha256},
          {"size", f.size},
          {"mime", f.mime},
          {"file_name", f.file_name},
          {"uploaded_by", f.uploaded_by},
          {"uploaded_at", f.uploaded_at},
          {"url", "/api/v1/attendance-exceptions/" + std::to_string(f.exception_id) + "/files/" +
                      std::to_string(f.n)}};
}

}  // namespace

Result<ExceptionInput> ParseExceptionInput(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  ExceptionInput out;
  const json::value* seqs = o->if_contains("session_seqs");
  if (!seqs || seqs->is_null()) {
    return Status::Invalid("session_seqs", "请选择无法使用手机签到的课次（session_seqs）");
  }
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*seqs, "session_seqs"));
  if (arr->size() > domain::kMaxExceptionSessions) {
    return Status::Invalid("session_seqs", "课次过多");
  }
  for (size_t i = 0; i < arr->size(); ++i) {
    const json::value& x = (*arr)[i];
    if (!x.is_int64()) {
      return Status::Invalid("session_seqs[" + std::to_string(i) + "]", "课次应为正整数");
    }
    out.session_seqs.push_back(x.get_int64());
  }
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(*o, "", "reason"));
  out.reason = reason.value_or("");
  return out;
}

Result<ExceptionDecisionInput> ParseExceptionDecision(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  ExceptionDecisionInput out;
  ANPEI_ASSIGN_OR_RETURN(auto decision, RequiredEnum(*o, "", "decision", {"approve", "refuse"},
                                                     "approve（批准）或 refuse（不予批准）"));
  out.decision = decision == 0 ? app::ExceptionDecision::kApprove : app::ExceptionDecision::kRefuse;
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(*o, "", "reason"));
  out.reason = reason.value_or("");
  const json::value* v = o->if_contains("version");
  if (v && !v->is_null()) {
    if (!v->is_int64() || v->get_int64() < 1)
      return Status::Invalid("version", "version 应为正整数");
    out.version = v->get_int64();
  }
  return out;
}

Result<std::vector<domain::BackfillRow>> ParseBackfillInput(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto root, ParseJson(body.empty() ? std::string_view("{}") : body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(root, ""));
  const json::value* records = o->if_contains("records");
  if (!records || records->is_null()) {
    return Status::Invalid("records", "请填写要补录的考勤记录（records）");
  }
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*records, "records"));
  if (arr->empty()) return Status::Invalid("records", "请至少填写一条要补录的考勤记录");
  if (arr->size() > domain::kMaxBackfillRecords) {
    return Status::Invalid("records",
                           "一次最多补录 " + std::to_string(domain::kMaxBackfillRecords) + " 条");
  }
  std::vector<domain::BackfillRow> out;
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string path = "records[" + std::to_string(i) + "]";
    ANPEI_ASSIGN_OR_RETURN(auto r, AsObject((*arr)[i], path));
    domain::BackfillRow row;
    ANPEI_ASSIGN_OR_RETURN(row.person_id, RequiredInt(*r, path, "person_id"));
    ANPEI_ASSIGN_OR_RETURN(row.session_seq, RequiredInt(*r, path, "session_seq"));
    ANPEI_ASSIGN_OR_RETURN(auto in, OptionalString(*r, path, "check_in"));
    if (in && !in->empty()) {
      ANPEI_ASSIGN_OR_RETURN(row.check_in_minute, domain::ParseTimeOfDay(*in, path + ".check_in"));
    }
    ANPEI_ASSIGN_OR_RETURN(auto out_time, OptionalString(*r, path, "check_out"));
    if (out_time && !out_time->empty()) {
      ANPEI_ASSIGN_OR_RETURN(row.check_out_minute,
                             domain::ParseEndTimeOfDay(*out_time, path + ".check_out"));
    }
    out.push_back(row);
  }
  return out;
}

std::string ExceptionToJson(const domain::AttendanceException& e) {
  return json::serialize(ExceptionObject(e));
}

std::string ExceptionsToJson(const ports::PageOf<domain::AttendanceException>& page) {
  return PageToJson(page, [](const domain::AttendanceException& e) { return ExceptionObject(e); });
}

std::string BackfillToJson(const app::BackfillOutcome& out, int offset_minutes) {
  json::array records;
  for (const auto& r : out.records) {
    records.push_back(json::object{
        {"id", r.id},
        {"class_id", r.class_id},
        {"session_seq", r.session_seq},
        {"person_id", r.person_id},
        {"direction", domain::DirectionId(r.direction)},
        {"at", domain::FormatTimestamp(domain::Instant{r.at}, offset_minutes)},
        {"source", domain::AttendanceSourceId(r.source)},
        {"exception_id", r.exception_id ? json::value(*r.exception_id) : json::value(nullptr)}});
  }
  return json::serialize(
      json::object{{"exception", ExceptionObject(out.exception)}, {"records", std::move(records)}});
}

std::string ExceptionFileToJson(const domain::ExceptionFile& f) {
  return json::serialize(FileObject(f));
}

std::string ExceptionFilesToJson(const std::vector<domain::ExceptionFile>& files) {
  json::array items;
  for (const auto& f : files) items.push_back(FileObject(f));
  return json::serialize(json::object{{"items", std::move(items)}});
}

}  // namespace anpei::codec
