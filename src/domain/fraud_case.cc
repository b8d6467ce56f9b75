#include "domain/fraud_case.h"

#include <array>
#include <utility>

#include "domain/text.h"

namespace anpei::domain {
namespace {

constexpr std::array<std::pair<CaseState, std::pair<std::string_view, std::string_view>>, 4>
    kStates{{{CaseState::kOpen, {"open", "已立案"}},
             {CaseState::kInvestigating, {"investigating", "调查中"}},
             {CaseState::kFraud, {"fraud", "认定弄虚作假"}},
             {CaseState::kCleared, {"cleared", "不予认定"}}}};

constexpr std::array<std::pair<CaseSource, std::pair<std::string_view, std::string_view>>, 3>
    kSources{{{CaseSource::kSpotCheck, {"spot_check", "现场检查"}},
              {CaseSource::kSignal, {"signal", "风险信号"}},
              {CaseSource::kReport, {"report", "举报或异议"}}}};

}  // namespace

std::string_view CaseStateId(CaseState s) {
  for (const auto& [k, v] : kStates) {
    if (k == s) return v.first;
  }
  return "open";
}

std::string_view CaseStateName(CaseState s) {
  for (const auto& [k, v] : kStates) {
    if (k == s) return v.second;
  }
  return "已立案";
}

std::optional<CaseState> ParseCaseState(std::string_view id) {
  for (const auto& [k, v] : kStates) {
    if (v.first == id) return k;
  }
  return std::nullopt;
}

bool IsDecided(CaseState s) { return s == CaseState::kFraud || s == CaseState::kCleared; }

std::string_view CaseSourceId(CaseSource s) {
  for (const auto& [k, v] : kSources) {
    if (k == s) return v.first;
  }
  return "report";
}

std::string_view CaseSourceName(CaseSource s) {
  for (const auto& [k, v] : kSources) {
    if (k == s) return v.second;
  }
  return "举报或异议";
}

std::optional<CaseSource> ParseCaseSource(std::string_view id) {
  for (const auto& [k, v] : kSources) {
    if (v.first == id) return k;
  }
  return std::nullopt;
}

std::string_view CaseDecisionId(CaseDecision d) {
  return d == CaseDecision::kFraud ? "fraud" : "cleared";
}

std::optional<CaseDecision> ParseCaseDecision(std::string_view id) {
  if (id == "fraud") return CaseDecision::kFraud;
  if (id == "cleared") return CaseDecision::kCleared;
  return std::nullopt;
}

CaseState StateAfter(CaseDecision d) {
  return d == CaseDecision::kFraud ? CaseState::kFraud : CaseState::kCleared;
}

Status MayDecide(CaseState state, bool institution_answered,
                 const std::optional<std::string>& response_due, Date today) {
  if (state != CaseState::kInvestigating) {
    return Status(
               Code::kConflict,
               "只能对调查中的案件作出认定；该案件当前状态：" + std::string(CaseStateName(state)),
               "state")
        .WithReason("case.state");
  }
  if (institution_answered) return Status::Ok();
  if (response_due && today.ToString() <= *response_due) {
    return Status(Code::kFailedPrecondition,
                  "培训机构的陈述申辩期至 " + *response_due +
                      " 止；机构提交陈述申辩或期满后方可作出认定（四（三））",
                  "state")
        .WithReason("case.awaiting_response");
  }
  return Status::Ok();
}

Status MayRespond(CaseState state, const std::optional<std::string>& response_due, Date today) {
  if (state != CaseState::kInvestigating) {
    return Status(Code::kConflict,
                  "该案件当前状态为「" + std::string(CaseStateName(state)) + "」，不在陈述申辩期内",
                  "state")
        .WithReason("case.state");
  }
  if (response_due && today.ToString() > *response_due) {
    return Status(Code::kFailedPrecondition, "陈述申辩期已于 " + *response_due + " 届满", "state")
        .WithReason("case.response_closed");
  }
  return Status::Ok();
}

bool MayDisqualify(ClassState state) { return state >= ClassState::kApproved; }

bool InForceAt(const BlacklistEntry& e, int64_t t) {
  if (e.listed_at_unix > t) return false;
  return !e.lifted_at_unix || *e.lifted_at_unix > t;
}

Date PeriodUntil(Date listed, int years) {
  Date out = listed;
  out.year += years;
  if (out.month == 2 && out.day == 29 && !IsValidDate(out.year, 2, 29)) out.day = 28;
  return out;
}

}  // namespace anpei::domain
