#include "domain/model.h"

namespace anpei::domain {

namespace {

struct StateInfo {
  ClassState state;
  std::string_view id;
  std::string_view name;
};

constexpr StateInfo kStates[] = {
    {ClassState::kDraft, "draft", "草稿"},
    {ClassState::kDeclared, "declared", "已申报"},
    {ClassState::kReturned, "returned", "已退回"},
    {ClassState::kRejected, "rejected", "未通过"},
    {ClassState::kApproved, "approved", "已批准"},
    {ClassState::kCompletionSubmitted, "completion_submitted", "已提交结业"},
    {ClassState::kCompletionApproved, "completion_approved", "结业已审核"},
    {ClassState::kCertified, "certified", "已发证"},
    {ClassState::kInPublicity, "in_publicity", "公示中"},
    {ClassState::kPublicityClosed, "publicity_closed", "公示结束"},
    {ClassState::kFundsRequested, "funds_requested", "已申请拨付"},
    {ClassState::kPaid, "paid", "已拨付"},
    {ClassState::kDisqualified, "disqualified", "已取消资格"},
};

const StateInfo& InfoOf(ClassState state) {
  for (const auto& info : kStates) {
    if (info.state == state) return info;
  }
  return kStates[0];  // unreachable: every enumerator is listed
}

// UTF-8 code points of a string, as byte ranges.
std::vector<std::string_view> CodePoints(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (i + n > s.size()) n = s.size() - i;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::string_view ClassStateId(ClassState state) { return InfoOf(state).id; }
std::string_view ClassStateName(ClassState state) { return InfoOf(state).name; }

std::optional<ClassState> ParseClassState(std::string_view id) {
  for (const auto& info : kStates) {
    if (info.id == id) return info.state;
  }
  return std::nullopt;
}

namespace {
struct UsccStatusInfo {
  UsccStatus status;
  std::string_view id, name;
};
constexpr UsccStatusInfo kUsccStatuses[] = {
    {UsccStatus::kValid, "valid", "有效"},
    {UsccStatus::kPending, "pending_confirmation", "校验码不符，待市公安局确认"},
    {UsccStatus::kConfirmed, "confirmed", "校验码不符，市公安局已确认"},
    {UsccStatus::kRefused, "refused", "校验码不符，市公安局不予确认"},
};
}  // namespace

std::string_view UsccStatusId(UsccStatus status) {
  for (const auto& i : kUsccStatuses) {
    if (i.status == status) return i.id;
  }
  return "valid";
}

std::string_view UsccStatusName(UsccStatus status) {
  for (const auto& i : kUsccStatuses) {
    if (i.status == status) return i.name;
  }
  return "有效";
}

std::optional<UsccStatus> ParseUsccStatus(std::string_view id) {
  for (const auto& i : kUsccStatuses) {
    if (i.id == id) return i.status;
  }
  return std::nullopt;
}

bool UsccAllowsDeclaring(UsccStatus status) {
  return status == UsccStatus::kValid || status == UsccStatus::kConfirmed;
}

bool IsPlanEditable(ClassState state) {
  return state == ClassState::kDraft || state == ClassState::kReturned;
}

bool CanDeclare(ClassState state) { return IsPlanEditable(state); }

std::vector<ClassState> NextStates(ClassState state) {
  using S = ClassState;
  std::vector<S> next;
  switch (state) {
    case S::kDraft:
      next = {S::kDeclared};
      break;
    case S::kDeclared:
      next = {S::kApproved, S::kReturned, S::kRejected, S::kDraft};
      break;
    case S::kReturned:
      next = {S::kDeclared};
      break;
    case S::kRejected:
      break;
    case S::kApproved:
      next = {S::kCompletionSubmitted};
      break;
    case S::kCompletionSubmitted:
      next = {S::kCompletionApproved, S::kReturned};
      break;
    case S::kCompletionApproved:
      next = {S::kCertified};
      break;
    case S::kCertified:
      next = {S::kInPublicity};
      break;
    case S::kInPublicity:
      next = {S::kPublicityClosed};
      break;
    case S::kPublicityClosed:
      next = {S::kFundsRequested};
      break;
    case S::kFundsRequested:
      next = {S::kPaid};
      break;
    case S::kPaid:
    case S::kDisqualified:
      break;
  }
  const bool fraud_reachable = state != S::kDraft && state != S::kDeclared &&
                               state != S::kReturned && state != S::kRejected &&
                               state != S::kDisqualified;
  if (fraud_reachable) next.push_back(S::kDisqualified);
  return next;
}

namespace {
struct DecisionInfo {
  ReviewDecision decision;
  std::string_view id;
  std::string_view name;
  ClassState next;
};
constexpr DecisionInfo kDecisions[] = {
    {ReviewDecision::kApprove, "approve", "批准", ClassState::kApproved},
    {ReviewDecision::kReturn, "return", "退回", ClassState::kReturned},
    {ReviewDecision::kReject, "reject", "不予批准", ClassState::kRejected},
};
const DecisionInfo& DecisionInfoOf(ReviewDecision decision) {
  for (const auto& info : kDecisions) {
    if (info.decision == decision) return info;
  }
  return kDecisions[0];  // unreachable: every enumerator is listed
}
}  // namespace

std::string_view ReviewDecisionId(ReviewDecision decision) { return DecisionInfoOf(decision).id; }
std::string_view ReviewDecisionName(ReviewDecision decision) {
  return DecisionInfoOf(decision).name;
}
std::optional<ReviewDecision> ParseReviewDecision(std::string_view id) {
  for (const auto& info : kDecisions) {
    if (info.id == id) return info.decision;
  }
  return std::nullopt;
}
ClassState StateAfter(ReviewDecision decision) { return DecisionInfoOf(decision).next; }
bool NeedsReason(ReviewDecision decision) { return decision != ReviewDecision::kApprove; }

Plan PlanOf(const TrainingClass& cls, std::optional<Instant> declared_at) {
  Plan plan;
  plan.occupation = cls.occupation;
  plan.declared_at = declared_at;
  for (const auto& t : cls.teachers) plan.teachers.push_back({t.key, t.name});
  plan.sessions = cls.sessions;
  return plan;
}

bool IsMobilePhone(std::string_view phone) {
  if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return false;
  for (char c : phone) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::string MaskIdNumber(std::string_view id) {
  if (id.size() <= 8) return std::string(id.size(), '*');
  return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string MaskPhone(std::string_view phone) {
  if (phone.size() <= 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + std::string(phone.size() - 7, '*') +
         std::string(phone.substr(phone.size() - 4));
}

std::string MaskName(std::string_view name) {
  auto cps = CodePoints(name);
  if (cps.empty()) return "";
  std::string out(cps[0]);
  // 张* for two characters, 欧** for three: only the family name shows.
  for (size_t i = 1; i < cps.size(); ++i) out += '*';
  if (cps.size() == 1) out += '*';
  return out;
}

namespace {
struct HeldInfo {
  HeldState state;
  std::string_view id;
  std::string_view name;
};
constexpr HeldInfo kHeldStates[] = {{HeldState::kHeld, "held", "待审核"},
                                    {HeldState::kConfirmed, "confirmed", "已确认"},
                                    {HeldState::kRefused, "refused", "已拒绝"}};
const HeldInfo& HeldInfoOf(HeldState state) {
  for (const auto& info : kHeldStates) {
    if (info.state == state) return info;
  }
  return kHeldStates[0];  // unreachable: every enumerator is listed
}
}  // namespace

std::string_view HeldStateId(HeldState state) { return HeldInfoOf(state).id; }
std::string_view HeldStateName(HeldState state) { return HeldInfoOf(state).name; }
std::optional<HeldState> ParseHeldState(std::string_view id) {
  for (const auto& info : kHeldStates) {
    if (info.id == id) return info.state;
  }
  return std::nullopt;
}

}  // namespace anpei::domain
