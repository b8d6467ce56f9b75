// Use cases of funds (资金拨付, 三（一）4, 四（二）; domain/funds.h) and clawbacks (追回,
// 四（三）):
//   CreateFundRequest     police (district reviewer, city bureau): a batch over publicity_closed
//                         classes → funds_requested, one line per payable trainee (app/publicity.h)
//   DecideFundRequest     人社 approves or returns (reasons)
//   ConfirmFundRequest    财政 confirms or returns
//   SetPayee              the payee account of a line (社会保障卡 by default, or another account)
//   ExportPaymentList     财政: the XLSX for the bank, one row per pending line (audited)
//   ImportPaymentResults  财政: the bank's results, all or nothing, row report; paid / failed
//   ReissueLine           财政: a failed line becomes a new payment attempt
//   ClawbackOnDisqualify  the fraud decision's hook (app/fraud_cases.cc, same transaction): every
//                         paid line becomes a clawback, every unpaid line is cancelled
//   ListClawbacks / GetClawback / RecordRecovery   追回 with totals; 人社 or 财政 register
//   recoveries
// Each call is one store transaction, authorised (401 / 403 by role / 404 outside scope) and
// audited (fund_request.*, fund_line.*, class.funds_request, class.paid, clawback.*). Amounts are
// whole yuan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/funds.h"
#include "ports/fund_repository.h"
#include "ports/page.h"

namespace anpei::app {

// A line as the actor sees it: the payee's name masked (张*), the account masked; `flagged` when
// the account is not known (the line cannot be exported until it is given).
struct FundLineView {
  ports::FundLineRecord line;
  std::string reference;  // the current attempt's payment reference
  bool flagged = false;
};

struct FundClassView {
  int64_t class_id = 0;
  std::string class_title, institution_name, state;
  domain::FundTotals totals;
};

struct FundRequestView {
  ports::FundRequestRecord request;
  std::vector<FundClassView> classes;
  std::vector<FundLineView> lines;
  domain::FundTotals totals;
  int64_t flagged = 0;  // lines without an account
};

struct CreateFundRequestInput {
  std::vector<int64_t> class_ids;  // 1..100, distinct
};
Result<FundRequestView> CreateFundRequest(const AppContext& ctx, const Actor& actor,
                                          CreateFundRequestInput input);

struct FundRequestListFilter {
  std::optional<std::string> state;  // a FundRequestState id (400 state otherwise)
};
Result<ports::PageOf<ports::FundRequestRecord>> ListFundRequests(const AppContext& ctx,
                                                                 const Actor& actor,
                                                                 FundRequestListFilter filter,
                                                                 ports::Page page);
Result<FundRequestView> GetFundRequest(const AppContext& ctx, const Actor& actor, int64_t id);

struct FundDecisionInput {
  std::string decision;  // 人社: approve | return; 财政: confirm | return
  std::string reason;    // required for return (1–500 characters)
  int64_t version = 0;
};
Result<FundRequestView> DecideFundRequest(const AppContext& ctx, const Actor& actor, int64_t id,
                                          const FundDecisionInput& input);
Result<FundRequestView> ConfirmFundRequest(const AppContext& ctx, const Actor& actor, int64_t id,
                                           const FundDecisionInput& input);

struct PayeeInput {
  std::string kind;     // social_security_card | other
  std::string account;  // 8–32 digits (spaces and hyphens ignored)
  int64_t version = 0;
};
Result<FundLineView> SetPayee(const AppContext& ctx, const Actor& actor, int64_t line_id,
                              PayeeInput input);
Result<FundLineView> ReissueLine(const AppContext& ctx, const Actor& actor, int64_t line_id,
                                 int64_t version);

struct PaymentListFile {
  std::string bytes;
  std::string file_name;
  int64_t rows = 0;
};
Result<PaymentListFile> ExportPaymentList(const AppContext& ctx, const Actor& actor, int64_t id);

struct ResultImportError {
  int64_t row = 0;
  std::string field;  // reference, result, bank_reference, paid_on, reason
  std::string message;
};
struct ResultImportOutcome {
  bool dry_run = false;
  std::string file_name;
  int64_t rows = 0, paid = 0, failed = 0;
  std::vector<ResultImportError> errors;  // any: nothing stored
  std::optional<FundRequestView> view;    // after a real import
};
Result<ResultImportOutcome> ImportPaymentResults(const AppContext& ctx, const Actor& actor,
                                                 int64_t id, std::string bytes,
                                                 const std::string& file_name, bool dry_run);

// The fraud decision's hook, inside its transaction (四（三）): paid lines → clawbacks; pending and
// failed lines → cancelled (never paid). Audited clawback.open, fund_line.cancel.
Status ClawbackOnDisqualify(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                            int64_t class_id, int64_t case_id);

struct ClawbackListFilter {
  std::optional<std::string> state;  // outstanding | settled
  std::optional<int64_t> institution_id;
};
struct ClawbackList {
  ports::PageOf<ports::ClawbackRecord> page;
  std::vector<ports::ClawbackTotals> totals;  // [0]: all within the filter; then per institution
};
Result<ClawbackList> ListClawbacks(const AppContext& ctx, const Actor& actor,
                                   ClawbackListFilter filter, ports::Page page);
struct ClawbackView {
  ports::ClawbackRecord clawback;
  std::vector<ports::ClawbackRecovery> recoveries;
};
Result<ClawbackView> GetClawback(const AppContext& ctx, const Actor& actor, int64_t id);
struct RecoveryInput {
  int64_t amount_yuan = 0;
  std::string recovered_on;  // YYYY-MM-DD, not after today
  std::string reference;     // 1–100 characters: the receipt or transfer reference
  int64_t version = 0;
};
Result<ClawbackView> RecordRecovery(const AppContext& ctx, const Actor& actor, int64_t id,
                                    RecoveryInput input);

// Shared by the use-case files (app/funds*.cc): the request as the actor may see it (404 outside
// scope) and its full view.
Result<ports::FundRequestRecord> FundRequestFor(ports::StoreTx& tx, const Actor& actor, int64_t id);
Result<FundRequestView> FundViewOf(ports::StoreTx& tx, const Actor& actor,
                                   ports::FundRequestRecord request);

}  // namespace anpei::app
