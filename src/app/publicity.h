// Publicity (公示, 三（一）4; issue 15, Deliver 3; domain/publicity.h). Use cases:
//   OpenBatch          the district's reviewer (or the city bureau) publishes one or more
//                      certified classes of one district: certified → in_publicity; the period
//                      from the policy's publicity.working_days and the official calendar; the
//                      entries (masked) fixed from the approved verdicts
//   ListBatches, GetBatch, ExportPublicityBatch (app/export.h)
//   CloseBatch         after the period (the clock) and only with every objection resolved
//                      (422 publicity.objections_open): in_publicity → publicity_closed. Closing
//                      is an explicit act of the reviewer, never automatic on a read.
//   PublicBatches      public, no sign-in: the open batches with their masked entries
//   FileObjection      public, no sign-in (rate-limited per address by the HTTP layer): on one
//                      entry or a whole class, a contact required (sealed at rest), until the
//                      period ends (409 publicity.period_ended); answers a receipt code
//   ObjectionByReceipt public: the status and the reviewer's reasons, never the contact
//   ResolveObjection   the district's reviewer: upheld (the trainee — or every trainee of the
//                      class — is withdrawn from payment) or dismissed, with reasons
//   OpenCaseFromObjection  opens a fraud case (source report, app/fraud_cases.h) linked to it
// Each call is one store transaction, authorised (app/authorize.h: 401 / 403 by role / 404 out
// of scope) and audited (publicity.*, objection.*).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/fraud_cases.h"
#include "base/status.h"
#include "domain/publicity.h"
#include "ports/page.h"
#include "ports/store.h"

namespace anpei::app {

// A trainee whose subsidy may be paid: approved at completion, eligible, and not withdrawn by an
// upheld objection during the class's publicity.
struct PayableTrainee {
  int64_t person_id = 0;
  std::string occupation, level;
  int64_t subsidy_yuan = 0;
};

// The payable trainees of a publicity_closed class (or one further on: funds_requested, paid),
// read-only in the caller's transaction; no authorisation (the caller has authorised the class).
// A class in another state has none (an empty list).
Result<std::vector<PayableTrainee>> PayableTrainees(ports::StoreTx& tx, int64_t class_id);

// Who runs and reads publicity: kPublicityKeepers, kPublicityReaders (app/authorize.h).

// A batch with its classes, entries and objections (contacts masked).
struct BatchView {
  domain::PublicityBatch batch;
  std::vector<int64_t> class_ids;
  std::vector<domain::PublicityEntry> entries;
  std::vector<domain::Objection> objections;
  bool period_ended = false;  // today is after closes_on
};

struct OpenBatchInput {
  std::string title;  // optional: "<opens_on> 公示（N 个班）" when empty
  std::vector<int64_t> class_ids;
};
// 400 class_ids (empty, repeated, more than 50, or classes of more than one district); 404
// class_ids[i] for a class missing or out of scope; 409 class.state_conflict for one not
// certified (or already published).
Result<BatchView> OpenBatch(const AppContext& ctx, const Actor& actor, OpenBatchInput input);

struct BatchListFilter {
  std::optional<std::string> state;  // open | closed (400 state otherwise)
  std::optional<int64_t> class_id;   // the batches that list this class (within the scope)
};
Result<ports::PageOf<domain::PublicityBatch>> ListBatches(const AppContext& ctx, const Actor& actor,
                                                          BatchListFilter filter, ports::Page page);
Result<BatchView> GetBatch(const AppContext& ctx, const Actor& actor, int64_t id);
// The batch in the caller's transaction, authorised for reading (the XLSX export).
Result<BatchView> BatchIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                          int64_t id);
// 409 publicity.closed when already closed; 409 publicity.period_running before the period
// ended; 422 publicity.objections_open (naming how many) with an open objection; 409
// version.stale.
Result<BatchView> CloseBatch(const AppContext& ctx, const Actor& actor, int64_t id,
                             int64_t version);

// Public (no sign-in): the open batches, newest first, with their entries.
struct PublicBatch {
  domain::PublicityBatch batch;
  std::vector<domain::PublicityEntry> entries;
  bool accepting_objections = false;  // the period has not ended
};
Result<ports::PageOf<PublicBatch>> PublicBatches(const AppContext& ctx, ports::Page page);

struct ObjectionInput {
  int64_t batch_id = 0;
  std::optional<int64_t> entry_id;  // one published trainee, or
  std::optional<int64_t> class_id;  // a whole class of the batch
  std::string contact;              // phone or e-mail, required
  std::string text;                 // 1..1000 characters
};
// 404 publicity.not_found for a batch missing or closed; 404 entry_id / class_id not in it;
// 400 contact / text / class_id; 409 publicity.period_ended after the period.
Result<domain::Objection> FileObjection(const AppContext& ctx, ObjectionInput input);
// 404 objection.not_found for an unknown or malformed receipt. The contact is left empty.
Result<domain::Objection> ObjectionByReceipt(const AppContext& ctx, const std::string& receipt);

struct ObjectionListFilter {
  std::optional<std::string> state;  // open | upheld | dismissed (400 state otherwise)
  std::optional<int64_t> batch_id;
};
// Contacts masked.
Result<ports::PageOf<domain::Objection>> ListObjections(const AppContext& ctx, const Actor& actor,
                                                        ObjectionListFilter filter,
                                                        ports::Page page);
Result<domain::Objection> GetObjection(const AppContext& ctx, const Actor& actor, int64_t id);
// The objection with the objector's contact in full, for the police who settle it (to call or
// write back while checking it): the look is audited (objection.contact.reveal). 403 for the
// other readers (人社, 财政, audit), 404 outside the caller's district.
Result<domain::Objection> RevealObjectionContact(const AppContext& ctx, const Actor& actor,
                                                 int64_t id);

struct ResolveInput {
  std::string decision;  // upheld | dismissed
  std::string reason;    // 1..1000 characters, shown to the objector
  int64_t version = 0;
};
// 409 objection.resolved when no longer open; 409 version.stale.
Result<domain::Objection> ResolveObjection(const AppContext& ctx, const Actor& actor, int64_t id,
                                           ResolveInput input);

// Opens a fraud case (source report) on the objection's class, linked to the objection, in one
// transaction (case.open and objection.case audited). 409 objection.case_opened when it has one.
struct ObjectionCase {
  domain::Objection objection;
  CaseView fraud_case;
};
Result<ObjectionCase> OpenCaseFromObjection(const AppContext& ctx, const Actor& actor, int64_t id,
                                            std::string summary, std::string details);

}  // namespace anpei::app
