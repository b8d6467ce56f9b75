#include "codec/completion_json.h"

#include <boost/json.hpp>

#include "codec/json_util.h"

namespace anpei::codec {
namespace json = boost::json;
namespace {

Result<json::object> Body(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto v, ParseJson(body));
  ANPEI_ASSIGN_OR_RETURN(auto o, AsObject(v, ""));
  return *o;
}

json::value OptStr(const std::optional<std::string>& s) {
  return s ? json::value(*s) : json::value(nullptr);
}

json::object DataOf(const domain::RuleOutcome& r) {
  json::object data;
  for (const auto& [k, v] : r.data) {
    if (auto* existing = data.if_contains(k)) {
      if (!existing->is_array()) {
        json::array a;
        a.push_back(*existing);
        *existing = std::move(a);
      }
      existing->as_array().push_back(json::string(v));
    } else {
      data[k] = json::string(v);
    }
  }
  return data;
}

json::object VerdictOf(const ports::StoredVerdict& v,
                       const std::map<std::string, std::string>& clauses) {
  json::array rules;
  for (const auto& r : v.verdict.rules) {
    auto it = clauses.find(r.clause);
    rules.push_back({{"rule", r.rule},
                     {"name", domain::EligibilityRuleWords(r.rule).name},
                     {"clause", r.clause},
                     {"clause_text", it == clauses.end() ? "" : it->second},
                     {"policy_key", r.policy_key},
                     {"passed", r.passed},
                     {"skipped", r.skipped},
                     {"message", r.message},
                     {"data", DataOf(r)}});
  }
  return {{"eligible", v.verdict.eligible},
          {"rules", std::move(rules)},
          {"subsidy_yuan", v.verdict.subsidy_yuan},
          {"occupation", v.verdict.occupation},
          {"level", v.verdict.level},
          {"inputs_hash", v.inputs_hash},
          {"policy_id", v.policy_id},
          {"policy_version", v.policy_version},
          {"computed_at", v.computed_at},
          {"review_decision", domain::TraineeReviewId(v.review)},
          {"review_decision_name", domain::TraineeReviewName(v.review)},
          {"review_reason", v.review_reason}};
}

}  // namespace

Result<std::vector<app::ScoreInput>> ParseScores(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  const json::value* scores = o.if_contains("scores");
  if (!scores) return Status::Invalid("scores", "缺少必填字段 scores（学员成绩）");
  ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*scores, "scores"));
  if (arr->size() > 1000) return Status::Invalid("scores", "一次最多录入 1000 名学员的成绩");
  std::vector<app::ScoreInput> out;
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string path = "scores[" + std::to_string(i) + "]";
    ANPEI_ASSIGN_OR_RETURN(auto row, AsObject((*arr)[i], path));
    app::ScoreInput s;
    ANPEI_ASSIGN_OR_RETURN(s.person_id, RequiredInt(*row, path, "person_id"));
    ANPEI_ASSIGN_OR_RETURN(s.score, RequiredInt(*row, path, "score"));
    out.push_back(s);
  }
  return out;
}

Result<app::CompletionDecisionInput> ParseCompletionDecision(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  app::CompletionDecisionInput in;
  ANPEI_ASSIGN_OR_RETURN(in.decision, RequiredString(o, "", "decision"));
  ANPEI_ASSIGN_OR_RETURN(auto reason, OptionalString(o, "", "reason"));
  in.reason = reason.value_or("");
  if (!o.if_contains("version")) {
    return Status::Invalid("version", "缺少必填字段 version（您看到的版本号，防止覆盖他人的修改）");
  }
  ANPEI_ASSIGN_OR_RETURN(in.version, RequiredInt(o, "", "version"));
  if (const json::value* t = o.if_contains("trainees"); t && !t->is_null()) {
    ANPEI_ASSIGN_OR_RETURN(auto arr, AsArray(*t, "trainees"));
    for (size_t i = 0; i < arr->size(); ++i) {
      const std::string path = "trainees[" + std::to_string(i) + "]";
      ANPEI_ASSIGN_OR_RETURN(auto row, AsObject((*arr)[i], path));
      app::TraineeRefusal r;
      ANPEI_ASSIGN_OR_RETURN(r.person_id, RequiredInt(*row, path, "person_id"));
      ANPEI_ASSIGN_OR_RETURN(r.decision, RequiredString(*row, path, "decision"));
      ANPEI_ASSIGN_OR_RETURN(auto rr, OptionalString(*row, path, "reason"));
      r.reason = rr.value_or("");
      in.trainees.push_back(std::move(r));
    }
  }
  return in;
}

std::string CompletionToJson(const app::CompletionView& v) {
  json::object completion;
  if (v.record) {
    completion = {
        {"submitted_by_user", v.record->submitted_by_user},
        {"submitted_at", v.record->submitted_at},
        {"decided_by_user", v.record->decided_by_user ? json::value(*v.record->decided_by_user)
                                                      : json::value(nullptr)},
        {"decided_at", OptStr(v.record->decided_at)},
        {"decision", OptStr(v.record->decision)},
        {"reason", v.record->reason}};
  }
  json::object signals;
  for (const auto& [k, n] : v.signals_by_kind) signals[k] = n;
  json::array trainees;
  for (const auto& t : v.trainees) {
    json::object o{{"person_id", t.person_id},
                   {"name", t.name},
                   {"id_number", t.id_number},
                   {"planned_hours", t.planned_hours},
                   {"attended_hours", t.attended_hours},
                   {"score", t.score ? json::value(*t.score) : json::value(nullptr)}};
    if (t.verdict) {
      json::object vd = VerdictOf(*t.verdict, v.clause_texts);
      for (auto& [k, val] : vd) o[k] = std::move(val);
    } else {
      o["eligible"] = nullptr;
      o["rules"] = json::array();
      o["review_decision"] = nullptr;
      o["subsidy_yuan"] = 0;
    }
    trainees.push_back(std::move(o));
  }
  const auto& c = v.checklist;
  return json::serialize(json::object{
      {"class_id", v.cls.id},
      {"title", v.cls.title},
      {"institution_id", v.cls.institution_id},
      {"institution_name", v.cls.institution_name},
      {"occupation", v.cls.occupation},
      {"state", domain::ClassStateId(v.cls.state)},
      {"state_name", domain::ClassStateName(v.cls.state)},
      {"version", v.cls.version},
      {"frozen", v.frozen},
      {"completion", v.record ? json::value(std::move(completion)) : json::value(nullptr)},
      {"counts",
       {{"trainees", static_cast<int64_t>(v.trainees.size())},
        {"eligible", v.eligible},
        {"ineligible", v.ineligible},
        {"approved", v.approved},
        {"refused", v.refused}}},
      {"evidence",
       {{"complete", c.complete()},
        {"present", c.present},
        {"missing", c.missing},
        {"failed", c.failed},
        {"not_required", c.not_required}}},
      {"signals", {{"count", v.signal_count}, {"by_kind", std::move(signals)}}},
      {"trainees", std::move(trainees)}});
}

std::string ScoreImportToJson(const app::ScoreImportOutcome& out) {
  json::array errors;
  for (const auto& e : out.errors) {
    errors.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  return json::serialize(json::object{
      {"dry_run", out.dry_run},
      {"file_name", out.file_name},
      {"rows", out.rows},
      {"errors", std::move(errors)},
      {"completion", out.view ? json::parse(CompletionToJson(*out.view)) : json::value(nullptr)}});
}

Result<ports::ExclusionKind> ParseExclusionKind(std::string_view body) {
  ANPEI_ASSIGN_OR_RETURN(auto o, Body(body));
  ports::ExclusionKind k;
  ANPEI_ASSIGN_OR_RETURN(k.id, RequiredString(o, "", "id"));
  ANPEI_ASSIGN_OR_RETURN(k.name, RequiredString(o, "", "name"));
  return k;
}

std::string ExclusionKindToJson(const ports::ExclusionKind& k) {
  return json::serialize(json::object{{"id", k.id}, {"name", k.name}});
}

std::string ExclusionKindsToJson(const std::vector<ports::ExclusionKind>& kinds) {
  json::array items;
  for (const auto& k : kinds) items.push_back({{"id", k.id}, {"name", k.name}});
  return json::serialize(json::object{{"items", std::move(items)}});
}

std::string ExclusionImportToJson(const app::ExclusionImportOutcome& out) {
  json::array errors;
  for (const auto& e : out.errors) {
    errors.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  }
  return json::serialize(
      json::object{{"dry_run", out.dry_run},
                   {"kind", out.kind},
                   {"file_name", out.file_name},
                   {"rows", out.rows},
                   {"errors", std::move(errors)},
                   {"batch_id", out.batch_id ? json::value(out.batch_id) : json::value(nullptr)}});
}

std::string ExclusionBatchesToJson(const std::vector<ports::ExclusionBatch>& batches) {
  json::array items;
  for (const auto& b : batches) {
    items.push_back({{"id", b.id},
                     {"kind", b.kind},
                     {"kind_name", b.kind_name},
                     {"file_name", b.file_name},
                     {"rows", b.rows},
                     {"imported_by_user", b.imported_by},
                     {"imported_at", b.imported_at}});
  }
  return json::serialize(json::object{{"items", std::move(items)}});
}

}  // namespace anpei::codec
