#include "domain/funds.h"

#include <array>
#include <charconv>
#include <utility>

#include "domain/text.h"

namespace anpei::domain {
namespace {

template <typename E, size_t N>
using Names = std::array<std::pair<std::string_view, std::string_view>, N>;

constexpr Names<FundRequestState, 5> kRequestStates = {{{"submitted", "待人社审批"},
                                                        {"approved", "待财政确认"},
                                                        {"confirmed", "财政已确认"},
                                                        {"returned", "已退回"},
                                                        {"completed", "已拨付"}}};
constexpr Names<FundLineStatus, 4> kLineStatuses = {
    {{"pending", "待支付"}, {"paid", "已支付"}, {"failed", "支付失败"}, {"cancelled", "已取消"}}};
constexpr Names<PayeeAccountKind, 2> kAccountKinds = {
    {{"social_security_card", "社会保障卡金融账户"}, {"other", "本人指定账户"}}};
constexpr Names<ClawbackState, 2> kClawbackStates = {
    {{"outstanding", "待追回"}, {"settled", "已追回"}}};

template <typename E, size_t N>
std::optional<E> ParseIn(const Names<E, N>& names, std::string_view id) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i].first == id) return static_cast<E>(i);
  }
  return std::nullopt;
}

std::optional<int64_t> PositiveAfter(std::string_view& rest, char tag) {
  if (rest.empty() || rest.front() != tag) return std::nullopt;
  rest.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v);
  if (ec != std::errc() || v < 1) return std::nullopt;
  rest.remove_prefix(static_cast<size_t>(end - rest.data()));
  return v;
}

}  // namespace

std::string_view FundRequestStateId(FundRequestState s) {
  return kRequestStates[static_cast<size_t>(s)].first;
}
std::string_view FundRequestStateName(FundRequestState s) {
  return kRequestStates[static_cast<size_t>(s)].second;
}
std::optional<FundRequestState> ParseFundRequestState(std::string_view id) {
  return ParseIn<FundRequestState>(kRequestStates, id);
}

std::string_view FundLineStatusId(FundLineStatus s) {
  return kLineStatuses[static_cast<size_t>(s)].first;
}
std::string_view FundLineStatusName(FundLineStatus s) {
  return kLineStatuses[static_cast<size_t>(s)].second;
}
std::optional<FundLineStatus> ParseFundLineStatus(std::string_view id) {
  return ParseIn<FundLineStatus>(kLineStatuses, id);
}

std::string_view PayeeAccountKindId(PayeeAccountKind k) {
  return kAccountKinds[static_cast<size_t>(k)].first;
}
std::string_view PayeeAccountKindName(PayeeAccountKind k) {
  return kAccountKinds[static_cast<size_t>(k)].second;
}
std::optional<PayeeAccountKind> ParsePayeeAccountKind(std::string_view id) {
  return ParseIn<PayeeAccountKind>(kAccountKinds, id);
}

std::string_view ClawbackStateId(ClawbackState s) {
  return kClawbackStates[static_cast<size_t>(s)].first;
}
std::string_view ClawbackStateName(ClawbackState s) {
  return kClawbackStates[static_cast<size_t>(s)].second;
}
std::optional<ClawbackState> ParseClawbackState(std::string_view id) {
  return ParseIn<ClawbackState>(kClawbackStates, id);
}

Result<std::string> NormalizeAccountNumber(std::string_view text, std::string_view field) {
  std::string digits;
  for (const char c : text) {
    if (c == ' ' || c == '-') continue;
    if (c < '0' || c > '9') {
      return Status::Invalid(std::string(field), "账号只能由数字组成（可含空格或连字符）");
    }
    digits.push_back(c);
  }
  if (digits.size() < 8 || digits.size() > 32) {
    return Status::Invalid(std::string(field),
                           "账号应为 8–32 位数字，收到 " + std::to_string(digits.size()) + " 位");
  }
  return digits;
}

std::string MaskAccount(std::string_view digits) {
  if (digits.size() <= 8) return std::string(digits.size(), '*');
  return std::string(digits.substr(0, 4)) + std::string(digits.size() - 8, '*') +
         std::string(digits.substr(digits.size() - 4));
}

std::string PaymentReference(int64_t request_id, int64_t line_id, int64_t attempt) {
  return "FR" + std::to_string(request_id) + "-L" + std::to_string(line_id) + "-A" +
         std::to_string(attempt);
}

std::optional<ParsedReference> ParsePaymentReference(std::string_view text) {
  std::string_view rest = Trimmed(text);
  if (rest.size() < 2 || rest.substr(0, 2) != "FR") return std::nullopt;
  rest.remove_prefix(1);
  ParsedReference out;
  auto request = PositiveAfter(rest, 'R');
  if (!request || rest.size() < 2 || rest.front() != '-') return std::nullopt;
  rest.remove_prefix(1);
  auto line = PositiveAfter(rest, 'L');
  if (!line || rest.size() < 2 || rest.front() != '-') return std::nullopt;
  rest.remove_prefix(1);
  auto attempt = PositiveAfter(rest, 'A');
  if (!attempt || !rest.empty()) return std::nullopt;
  out.request_id = *request;
  out.line_id = *line;
  out.attempt = *attempt;
  return out;
}

void FundTotals::Add(FundLineStatus status, int64_t amount_yuan) {
  ++lines;
  switch (status) {
    case FundLineStatus::kPending:
      ++pending_lines;
      pending_yuan += amount_yuan;
      break;
    case FundLineStatus::kPaid:
      ++paid_lines;
      paid_yuan += amount_yuan;
      break;
    case FundLineStatus::kFailed:
      ++failed_lines;
      failed_yuan += amount_yuan;
      break;
    case FundLineStatus::kCancelled:
      ++cancelled_lines;
      cancelled_yuan += amount_yuan;
      return;
  }
  requested_yuan += amount_yuan;
}

Status CheckRecovery(int64_t due_yuan, int64_t recovered_yuan, int64_t amount_yuan) {
  const int64_t outstanding = due_yuan - recovered_yuan;
  if (outstanding <= 0) {
    return Status(Code::kConflict, "该笔补贴已全部追回，无需再登记", "state")
        .WithReason("clawback.settled");
  }
  if (amount_yuan < 1 || amount_yuan > outstanding) {
    return Status::Invalid("amount_yuan", "追回金额应为 1–" + std::to_string(outstanding) +
                                              " 元的整数（不能超过待追回金额）");
  }
  return Status::Ok();
}

}  // namespace anpei::domain
