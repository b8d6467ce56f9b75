// SQL adapter of ports::CompletionRepository (migration 0025): assessment scores, exclusion lists
// (the ID number only as a blind index and sealed), completions and stored verdicts (the rules as
// JSON). Portable SQL; one instance per transaction (see sql_store.h).
#include <boost/json.hpp>

#include "adapters/sql/sql_common.h"
#include "adapters/sql/sql_repositories.h"

namespace anpei::adapters::sql {
namespace {

namespace json = boost::json;
using ports::StoredVerdict;

std::string PlaceHolders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

std::optional<domain::Date> DateOf(const std::optional<std::string>& text) {
  if (!text || text->size() < 10) return std::nullopt;
  auto d = domain::ParseDate(text->substr(0, 10), "date");
  if (!d.ok()) return std::nullopt;
  return *d;
}

std::string RulesToJson(const std::vector<domain::RuleOutcome>& rules) {
  json::array out;
  for (const auto& r : rules) {
    json::object data;
    for (const auto& [k, v] : r.data) {
      // Repeated keys (several exclusion hits) become arrays.
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
    out.push_back(json::object{{"rule", r.rule},
                               {"clause", r.clause},
                               {"policy_key", r.policy_key},
                               {"passed", r.passed},
                               {"skipped", r.skipped},
                               {"message", r.message},
                               {"data", std::move(data)}});
  }
  return json::serialize(out);
}

std::string S(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<std::vector<domain::RuleOutcome>> RulesFromJson(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return Status(Code::kInternal, "trainee_verdicts.rules_json 无法解析");
  std::vector<domain::RuleOutcome> out;
  for (const auto& item : v.as_array()) {
    if (!item.is_object()) continue;
    const auto& o = item.as_object();
    domain::RuleOutcome r;
    r.rule = S(o, "rule");
    r.clause = S(o, "clause");
    r.policy_key = S(o, "policy_key");
    r.message = S(o, "message");
    if (auto* p = o.if_contains("passed"); p && p->is_bool()) r.passed = p->as_bool();
    if (auto* p = o.if_contains("skipped"); p && p->is_bool()) r.skipped = p->as_bool();
    if (auto* d = o.if_contains("data"); d && d->is_object()) {
      for (const auto& [k, val] : d->as_object()) {
        if (val.is_string()) {
          r.data.push_back({std::string(k), std::string(val.as_string())});
        } else if (val.is_array()) {
          for (const auto& e : val.as_array()) {
            if (e.is_string()) r.data.push_back({std::string(k), std::string(e.as_string())});
          }
        }
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

constexpr std::string_view kVerdictColumns =
    "SELECT class_id, person_id, eligible, rules_json, inputs_hash, policy_id, policy_version, "
    "computed_at, subsidy_yuan, occupation, level, review_decision, review_reason "
    "FROM trainee_verdicts";

class SqlCompletionRepository final : public ports::CompletionRepository, SqlRepositoryBase {
 public:
  using SqlRepositoryBase::SqlRepositoryBase;

  Result<std::vector<ports::AssessmentScore>> ListScores(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT person_id, score, entered_by_user, entered_at "
                                     "FROM assessment_scores WHERE class_id = ? ORDER BY person_id",
                                     {Int(class_id)}));
    std::vector<ports::AssessmentScore> out;
    for (RowRef row : Rows(r)) {
      out.push_back({row.Int("person_id"), static_cast<int>(row.Int("score")),
                     row.Int("entered_by_user"), row.Str("entered_at")});
    }
    return out;
  }

  Status PutScores(int64_t class_id, const std::vector<ports::AssessmentScore>& scores) override {
    for (const auto& s : scores) {
      ANPEI_RETURN_IF_ERROR(Q("DELETE FROM assessment_scores WHERE class_id = ? AND person_id = ?",
                              {Int(class_id), Int(s.person_id)})
                                .status());
      ANPEI_RETURN_IF_ERROR(Q("INSERT INTO assessment_scores (class_id, person_id, score, "
                              "entered_by_user, entered_at) VALUES (?, ?, ?, ?, ?)",
                              {Int(class_id), Int(s.person_id), Int(s.score),
                               Int(s.entered_by_user), Str(s.entered_at)})
                                .status());
    }
    return Status::Ok();
  }

  Result<std::vector<ports::ExclusionKind>> ListExclusionKinds() override {
    ANPEI_ASSIGN_OR_RETURN(auto r, Q("SELECT id, name FROM exclusion_kinds ORDER BY id"));
    std::vector<ports::ExclusionKind> out;
    for (RowRef row : Rows(r)) out.push_back({row.Str("id"), row.Str("name")});
    return out;
  }

  Status InsertExclusionKind(const ports::ExclusionKind& kind) override {
    auto r =
        Q("INSERT INTO exclusion_kinds (id, name) VALUES (?, ?)", {Str(kind.id), Str(kind.name)});
    if (!r.ok() && r.status().code() == Code::kConflict) {
      return Status(Code::kConflict, "排除名单类别「" + kind.id + "」已存在", "id")
          .WithReason("exclusion_kind.exists");
    }
    return r.status();
  }

  Result<int64_t> InsertExclusionBatch(
      const ports::ExclusionBatch& b,
      const std::vector<ports::ExclusionEntryInput>& entries) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("INSERT INTO exclusion_batches (kind, file_name, rows, imported_by, imported_at) "
                  "VALUES (?, ?, ?, ?, ?) RETURNING id",
                  {Str(b.kind), Str(b.file_name), Int(static_cast<int64_t>(entries.size())),
                   Int(b.imported_by), Str(b.imported_at)}));
    const int64_t batch = Rows(r).front().Int("id");
    for (const auto& e : entries) {
      ANPEI_ASSIGN_OR_RETURN(
          auto ins,
          Q("INSERT INTO exclusion_entries (kind, id_blind, id_sealed, batch_id, valid_from, "
            "valid_until, imported_by_user, imported_at) VALUES (?, ?, '', ?, ?, ?, ?, ?) "
            "RETURNING id",
            {Str(b.kind), vault_.BlindIndex(e.id_number, kTraineeId), Int(batch),
             OptStr(e.valid_from), OptStr(e.valid_until), Int(b.imported_by), Str(b.imported_at)}));
      const int64_t id = Rows(ins).front().Int("id");
      ANPEI_RETURN_IF_ERROR(
          Q("UPDATE exclusion_entries SET id_sealed = ?, name_sealed = ? WHERE id = ?",
            {Seal(e.id_number, kExclusionId, id),
             e.name.empty() ? SqlValue() : SqlValue(Seal(e.name, kExclusionName, id)), Int(id)})
              .status());
    }
    return batch;
  }

  Result<std::vector<ports::ExclusionBatch>> ListExclusionBatches() override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT b.id, b.kind, k.name AS kind_name, b.file_name, b.rows, b.imported_by, "
                  "b.imported_at FROM exclusion_batches b JOIN exclusion_kinds k ON k.id = b.kind "
                  "ORDER BY b.id DESC"));
    std::vector<ports::ExclusionBatch> out;
    for (RowRef row : Rows(r)) {
      out.push_back({row.Int("id"), row.Str("kind"), row.Str("kind_name"), row.Str("file_name"),
                     row.Int("rows"), row.Int("imported_by"), row.Str("imported_at")});
    }
    return out;
  }

  Result<std::vector<ports::ExclusionMatch>> MatchExclusions(
      const std::vector<int64_t>& person_ids) override {
    std::vector<ports::ExclusionMatch> out;
    if (person_ids.empty()) return out;
    Params p;
    for (int64_t id : person_ids) p.push_back(Int(id));
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT t.id AS person_id, e.kind, k.name AS kind_name, e.batch_id, "
                  "e.valid_from, e.valid_until FROM trainees t "
                  "JOIN exclusion_entries e ON e.id_blind = t.id_number "
                  "JOIN exclusion_kinds k ON k.id = e.kind WHERE t.id IN (" +
                      PlaceHolders(person_ids.size()) + ") ORDER BY t.id, e.kind, e.batch_id",
                  p));
    for (RowRef row : Rows(r)) {
      ports::ExclusionMatch m;
      m.person_id = row.Int("person_id");
      m.hit.kind = row.Str("kind");
      m.hit.kind_name = row.Str("kind_name");
      m.hit.batch_id = row.Int("batch_id");
      m.hit.valid_from = DateOf(row.Opt("valid_from"));
      m.hit.valid_until = DateOf(row.Opt("valid_until"));
      out.push_back(std::move(m));
    }
    return out;
  }

  Result<std::vector<ports::PriorSubsidyRow>> PriorSubsidies(const std::vector<int64_t>& person_ids,
                                                             int64_t except_class) override {
    std::vector<ports::PriorSubsidyRow> out;
    if (person_ids.empty()) return out;
    Params p;
    for (int64_t id : person_ids) p.push_back(Int(id));
    p.push_back(Int(except_class));
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT v.person_id, v.class_id, v.occupation, v.level, c.institution_id, "
                  "(SELECT MAX(s.date) FROM class_sessions s WHERE s.class_id = v.class_id) "
                  "AS last_date FROM trainee_verdicts v JOIN classes c ON c.id = v.class_id "
                  "WHERE v.person_id IN (" +
                      PlaceHolders(person_ids.size()) +
                      ") AND v.class_id <> ? AND v.review_decision = 'approved' AND v.eligible = 1 "
                      "AND c.state <> 'disqualified' ORDER BY v.person_id, v.class_id",
                  p));
    for (RowRef row : Rows(r)) {
      ports::PriorSubsidyRow s;
      s.person_id = row.Int("person_id");
      s.subsidy.class_id = row.Int("class_id");
      s.subsidy.occupation = row.Str("occupation");
      s.subsidy.level = row.Str("level");
      s.subsidy.institution_id = row.Int("institution_id");
      auto last = DateOf(row.Opt("last_date"));
      s.subsidy.year = last ? last->year : 0;
      out.push_back(std::move(s));
    }
    return out;
  }

  Result<std::optional<ports::CompletionRecord>> GetCompletion(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q("SELECT class_id, submitted_by_user, submitted_at, decided_by_user, decided_at, "
                  "decision, reason FROM completions WHERE class_id = ?",
                  {Int(class_id)}));
    if (r.rows.empty()) return std::optional<ports::CompletionRecord>();
    RowRef row = Rows(r).front();
    ports::CompletionRecord c;
    c.class_id = row.Int("class_id");
    c.submitted_by_user = row.Int("submitted_by_user");
    c.submitted_at = row.Str("submitted_at");
    if (row.Opt("decided_by_user")) c.decided_by_user = row.Int("decided_by_user");
    c.decided_at = row.Opt("decided_at");
    c.decision = row.Opt("decision");
    c.reason = row.Str("reason");
    return std::optional<ports::CompletionRecord>(std::move(c));
  }

  Status PutCompletion(const ports::CompletionRecord& c) override {
    ANPEI_RETURN_IF_ERROR(
        Q("DELETE FROM completions WHERE class_id = ?", {Int(c.class_id)}).status());
    return Q("INSERT INTO completions (class_id, submitted_by_user, submitted_at, "
             "decided_by_user, decided_at, decision, reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
             {Int(c.class_id), Int(c.submitted_by_user), Str(c.submitted_at),
              c.decided_by_user ? Int(*c.decided_by_user) : SqlValue(), OptStr(c.decided_at),
              OptStr(c.decision), Str(c.reason)})
        .status();
  }

  Result<std::vector<StoredVerdict>> ListVerdicts(int64_t class_id) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r, Q(std::string(kVerdictColumns) + " WHERE class_id = ? ORDER BY person_id",
                  {Int(class_id)}));
    std::vector<StoredVerdict> out;
    for (RowRef row : Rows(r)) {
      StoredVerdict v;
      v.class_id = row.Int("class_id");
      v.verdict.person_id = row.Int("person_id");
      v.verdict.eligible = row.Int("eligible") != 0;
      ANPEI_ASSIGN_OR_RETURN(v.verdict.rules, RulesFromJson(row.Str("rules_json")));
      v.verdict.subsidy_yuan = row.Int("subsidy_yuan");
      v.verdict.occupation = row.Str("occupation");
      v.verdict.level = row.Str("level");
      v.inputs_hash = row.Str("inputs_hash");
      v.policy_id = row.Str("policy_id");
      v.policy_version = row.Int("policy_version");
      v.computed_at = row.Str("computed_at");
      v.review = domain::ParseTraineeReview(row.Str("review_decision"))
                     .value_or(domain::TraineeReview::kPending);
      v.review_reason = row.Str("review_reason");
      out.push_back(std::move(v));
    }
    return out;
  }

  Status ReplaceVerdicts(int64_t class_id, const std::vector<StoredVerdict>& verdicts) override {
    ANPEI_RETURN_IF_ERROR(
        Q("DELETE FROM trainee_verdicts WHERE class_id = ?", {Int(class_id)}).status());
    std::vector<Params> rows;
    rows.reserve(verdicts.size());
    for (const auto& v : verdicts) {
      rows.push_back({Int(class_id), Int(v.verdict.person_id), Int(v.verdict.eligible ? 1 : 0),
                      Str(RulesToJson(v.verdict.rules)), Str(v.inputs_hash), Str(v.policy_id),
                      Int(v.policy_version), Str(v.computed_at), Int(v.verdict.subsidy_yuan),
                      Str(v.verdict.occupation), Str(v.verdict.level),
                      Str(domain::TraineeReviewId(v.review)), Str(v.review_reason)});
    }
    return InsertRows(
        "INSERT INTO trainee_verdicts (class_id, person_id, eligible, rules_json, inputs_hash, "
        "policy_id, policy_version, computed_at, subsidy_yuan, occupation, level, "
        "review_decision, review_reason)",
        13, rows);
  }

  Status SetReview(int64_t class_id, int64_t person_id, domain::TraineeReview review,
                   const std::string& reason) override {
    ANPEI_ASSIGN_OR_RETURN(
        auto r,
        Q("UPDATE trainee_verdicts SET review_decision = ?, review_reason = ? "
          "WHERE class_id = ? AND person_id = ?",
          {Str(domain::TraineeReviewId(review)), Str(reason), Int(class_id), Int(person_id)}));
    if (r.affected == 0) return NotFoundId("核验结果", person_id);
    return Status::Ok();
  }
};

}  // namespace

std::unique_ptr<ports::CompletionRepository> MakeCompletionRepository(ports::SqlConnection& conn,
                                                                      const ports::Vault& vault) {
  return std::make_unique<SqlCompletionRepository>(conn, vault);
}

}  // namespace anpei::adapters::sql
