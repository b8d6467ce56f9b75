// Port: publicity batches, their published entries and the objections filed on them (公示, 异议;
// domain/publicity.h, migration 0028). Valid for one transaction (Store::Run); failures as in
// store.h: NotFound for a missing id (field names it), Conflict when a batch or an objection
// changed since it was read (its version) or a class is already published, Unavailable when the
// database cannot be reached.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/publicity.h"
#include "ports/page.h"

namespace anpei::ports {

struct BatchFilter {
  std::optional<std::string> district_code;  // a reviewer's scope
  std::optional<std::string> state;          // open | closed
  // Open batches whose period ended before this date (YYYY-MM-DD): closes_on < ended_before.
  std::optional<std::string> ended_before;
  std::optional<int64_t> class_id;  // batches that list this class
  bool oldest_first = false;        // work queues; lists are newest first
};

struct ObjectionFilter {
  std::optional<std::string> district_code;
  std::optional<int64_t> batch_id;
  std::optional<std::string> state;
  bool oldest_first = false;
};

class PublicityRepository {
 public:
  virtual ~PublicityRepository() = default;

  // Inserts the batch (its counts ignored) and its entries; returns the batch id. Conflict (field
  // class_ids) when a class is already in a batch.
  virtual Result<int64_t> InsertBatch(const domain::PublicityBatch& batch,
                                      const std::vector<domain::PublicityEntry>& entries) = 0;
  virtual Result<domain::PublicityBatch> GetBatch(int64_t id) = 0;
  // With their counts; newest first unless the filter says otherwise.
  virtual Result<PageOf<domain::PublicityBatch>> ListBatches(const BatchFilter& filter,
                                                             Page page) = 0;
  // Writes state, closed_by_name and closed_at when the stored version is `version` (then
  // version + 1); Conflict otherwise.
  virtual Status UpdateBatch(const domain::PublicityBatch& batch, int64_t version) = 0;
  // The class ids of a batch, in id order.
  virtual Result<std::vector<int64_t>> BatchClasses(int64_t batch_id) = 0;
  // The entries of a batch in id order.
  virtual Result<std::vector<domain::PublicityEntry>> ListEntries(int64_t batch_id) = 0;
  // The entries of a class (none when it was never published).
  virtual Result<std::vector<domain::PublicityEntry>> ClassEntries(int64_t class_id) = 0;
  virtual Result<domain::PublicityEntry> GetEntry(int64_t id) = 0;
  virtual Status WithdrawEntry(int64_t id) = 0;

  // Inserts the objection (its contact sealed); returns its id.
  virtual Result<int64_t> InsertObjection(const domain::Objection& o) = 0;
  // With the contact opened.
  virtual Result<domain::Objection> GetObjection(int64_t id) = 0;
  // NotFound when no objection has this receipt.
  virtual Result<domain::Objection> ObjectionByReceipt(const std::string& receipt) = 0;
  // Without contacts (left empty).
  virtual Result<PageOf<domain::Objection>> ListObjections(const ObjectionFilter& filter,
                                                           Page page) = 0;
  // Writes state, reason, resolved_*, case_id when the stored version is `version` (then
  // version + 1); Conflict otherwise.
  virtual Status UpdateObjection(const domain::Objection& o, int64_t version) = 0;
};

}  // namespace anpei::ports
