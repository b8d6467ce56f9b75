// Funds (资金拨付, 三（一）4, 四（二）) and clawback (追回, 四（三）; domain.md §3). A fund request
// (拨付申请) is a batch over one or more publicity_closed classes, one line per payable trainee:
//
//   submitted ──人社 approve──▶ approved ──财政 confirm──▶ confirmed ──(every line paid)──▶
//   completed
//       └──人社 return──▶ returned ◀──财政 return──┘
//
// A returned request cancels its lines and gives its classes back (publicity_closed), so they may
// enter a new request. A line is pending (to pay; in the next payment list), paid (the bank's
// reference and date), failed (the bank's reason; re-issued as a new attempt: pending again) or
// cancelled (never paid: the request was returned or the class disqualified). Amounts are whole
// yuan (元), from the policy's occupation subsidy (二（三）). A paid line of a class later
// disqualified becomes a clawback (追回): amount due, recovered so far, outstanding. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace anpei::domain {

enum class FundRequestState { kSubmitted, kApproved, kConfirmed, kReturned, kCompleted };
std::string_view FundRequestStateId(FundRequestState s);    // "submitted", …
std::string_view FundRequestStateName(FundRequestState s);  // "待人社审批", …
std::optional<FundRequestState> ParseFundRequestState(std::string_view id);

enum class FundLineStatus { kPending, kPaid, kFailed, kCancelled };
std::string_view FundLineStatusId(FundLineStatus s);  // "pending", "paid", "failed", "cancelled"
std::string_view FundLineStatusName(FundLineStatus s);  // "待支付", "已支付", "支付失败", "已取消"
std::optional<FundLineStatus> ParseFundLineStatus(std::string_view id);

// Where a line is paid: the trainee's 社会保障卡 financial account (the default) or another bank
// account the trainee names.
enum class PayeeAccountKind { kSocialSecurityCard, kOther };
std::string_view PayeeAccountKindId(PayeeAccountKind k);  // "social_security_card", "other"
std::string_view PayeeAccountKindName(PayeeAccountKind k);  // "社会保障卡金融账户", "本人指定账户"
std::optional<PayeeAccountKind> ParsePayeeAccountKind(std::string_view id);

// A bank account number as typed: spaces and hyphens dropped; 8–32 digits (InvalidArgument naming
// `field` otherwise). Returns the digits.
Result<std::string> NormalizeAccountNumber(std::string_view text, std::string_view field);
// Shown masked: the first 4 and last 4 digits ("6217********1234"); "" stays "".
std::string MaskAccount(std::string_view digits);

// The reference of a line's payment attempt, printed on the payment list and expected back in
// the bank's results: "FR<request>-L<line>-A<attempt>". A result for an older attempt does not
// match the line any more.
std::string PaymentReference(int64_t request_id, int64_t line_id, int64_t attempt);
struct ParsedReference {
  int64_t request_id = 0, line_id = 0, attempt = 0;
};
std::optional<ParsedReference> ParsePaymentReference(std::string_view text);

// Totals of a request or of one class in it (whole yuan). requested = the lines not cancelled;
// requested == paid + failed + pending always (Reconciles).
struct FundTotals {
  int64_t lines = 0;
  int64_t requested_yuan = 0, paid_yuan = 0, failed_yuan = 0, pending_yuan = 0, cancelled_yuan = 0;
  int64_t paid_lines = 0, failed_lines = 0, pending_lines = 0, cancelled_lines = 0;
  void Add(FundLineStatus status, int64_t amount_yuan);
  bool Reconciles() const { return requested_yuan == paid_yuan + failed_yuan + pending_yuan; }
  // Every line settled: none pending or failed, at least one paid.
  bool AllPaid() const { return pending_lines == 0 && failed_lines == 0 && paid_lines > 0; }
};

// Clawback (追回): outstanding = due - recovered. A recovery is 1..outstanding yuan
// (InvalidArgument on amount_yuan otherwise; Conflict clawback.settled when nothing is
// outstanding).
enum class ClawbackState { kOutstanding, kSettled };
std::string_view ClawbackStateId(ClawbackState s);    // "outstanding", "settled"
std::string_view ClawbackStateName(ClawbackState s);  // "待追回", "已追回"
std::optional<ClawbackState> ParseClawbackState(std::string_view id);
Status CheckRecovery(int64_t due_yuan, int64_t recovered_yuan, int64_t amount_yuan);

// Reasons for returns and failures: 1..500 characters (CheckRequiredText, domain/text.h).
inline constexpr size_t kMaxFundReasonChars = 500;

}  // namespace anpei::domain
