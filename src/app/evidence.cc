// The items of a class's evidence (app/evidence.h): the list with the problems found, the bytes,
// deletion against retention and the legal hold.
#include "app/evidence.h"

#include <map>
#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/completion.h"
#include "app/registry.h"
#include "domain/selfie.h"

namespace anpei::app {
namespace {

using ports::TxMode;

std::string Target(int64_t id) { return "evidence:" + std::to_string(id); }

// The head-count of each session: trainees checked in to it (attendance records, direction in).
Result<std::map<int64_t, int64_t>> CheckedIn(ports::StoreTx& tx, int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto records, tx.attendance().ListRecords(class_id));
  std::map<int64_t, std::set<int64_t>> people;
  for (const auto& r : records) {
    if (r.direction == domain::Direction::kIn) people[r.session_seq].insert(r.person_id);
  }
  std::map<int64_t, int64_t> out;
  for (const auto& [seq, set] : people) out[seq] = static_cast<int64_t>(set.size());
  return out;
}

// An item of a class the actor may see (404 otherwise, deleted items included).
Result<std::pair<domain::EvidenceItem, domain::TrainingClass>> VisibleItem(ports::StoreTx& tx,
                                                                           const Actor& actor,
                                                                           int64_t id) {
  ANPEI_ASSIGN_OR_RETURN(auto found, tx.evidence().Get(id));
  if (!found || found->deleted_at) return Hidden("材料", id);
  auto cls = EvidenceClass(tx, actor, found->class_id);
  if (!cls.ok()) return cls.status().code() == Code::kNotFound ? Hidden("材料", id) : cls.status();
  return std::make_pair(std::move(*found), std::move(*cls));
}

std::string Canon(const domain::EvidenceItem& i) {
  return "evidence|" + std::to_string(i.id) + "|" + i.sha256 +
         "|hold=" + (i.legal_hold ? "1" : "0") + "|" + i.legal_hold_reason +
         "|deleted=" + (i.deleted_at ? std::to_string(*i.deleted_at) : "");
}

}  // namespace

Result<std::vector<EvidenceView>> LoadEvidence(const AppContext& ctx, ports::StoreTx& tx,
                                               const domain::TrainingClass& cls,
                                               const Actor& actor) {
  ANPEI_ASSIGN_OR_RETURN(const domain::Policy* policy,
                         ctx.reference->FindPolicy(cls.policy_id, "policy_id"));
  ANPEI_ASSIGN_OR_RETURN(auto items, tx.evidence().ListForClass(cls.id));
  std::vector<uint64_t> hashes;
  bool group_photo = false;
  for (const auto& i : items) {
    if (i.photo) hashes.push_back(i.photo->phash);
    group_photo = group_photo || i.kind == domain::EvidenceKind::kGroupPhoto;
  }
  std::vector<ports::EvidencePhotoNear> near;
  if (!hashes.empty()) {
    ANPEI_ASSIGN_OR_RETURN(near, tx.evidence().PhotosNearElsewhere(cls.id, hashes));
  }
  std::vector<domain::PhotoElsewhere> others;
  others.reserve(near.size());
  for (const auto& n : near) {
    others.push_back({n.item_id, n.class_id, n.phash,
                      InScope(actor, n.institution_id, n.district_code) ? n.class_title : ""});
  }
  std::map<int64_t, int64_t> checked_in;
  if (group_photo) {
    ANPEI_ASSIGN_OR_RETURN(checked_in, CheckedIn(tx, cls.id));
  }
  const auto roster = static_cast<int64_t>(cls.roster.size());

  std::vector<EvidenceView> out;
  for (auto& i : items) {
    EvidenceView v;
    if (i.photo) {
      if (auto p =
              domain::CheckPhotoTime(i.photo->captured_at, i.session_seq, cls.sessions, *policy)) {
        v.problems.push_back(std::move(*p));
      }
      // Only a photo kept earlier makes this one a reuse: the first class to show a picture is
      // not flagged because another class copied it later.
      std::vector<domain::PhotoElsewhere> earlier;
      for (const auto& o : others) {
        if (o.item_id < i.id) earlier.push_back(o);
      }
      if (auto hit = domain::FindPhotoReuse(i.photo->phash, earlier, *policy)) {
        v.problems.push_back(domain::PhotoReusedProblem(
            *hit, domain::HammingDistance(i.photo->phash, hit->phash), *policy));
      }
      if (i.kind == domain::EvidenceKind::kGroupPhoto) {
        int64_t heads = roster;
        if (i.session_seq) {
          auto it = checked_in.find(*i.session_seq);
          if (it != checked_in.end() && it->second > 0) heads = it->second;
        }
        if (auto p = domain::CheckGroupPhotoFaces(i.photo->faces, heads, *policy)) {
          v.problems.push_back(std::move(*p));
        }
      }
    }
    v.item = std::move(i);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<EvidenceView>> ListEvidence(const AppContext& ctx, const Actor& actor,
                                               int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceReaders));
  return InTx<std::vector<EvidenceView>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, std::vector<EvidenceView>& out) {
        ANPEI_ASSIGN_OR_RETURN(auto cls, EvidenceClass(tx, actor, class_id));
        ANPEI_ASSIGN_OR_RETURN(out, LoadEvidence(ctx, tx, cls, actor));
        return Status::Ok();
      });
}

Result<EvidenceContent> OpenEvidence(const AppContext& ctx, const Actor& actor, int64_t id,
                                     bool audit) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceReaders));
  if (!ctx.blobs) return Status(Code::kUnavailable, "文件存储未配置（--blob-dir）");
  EvidenceContent out;
  ANPEI_RETURN_IF_ERROR(
      ctx.store->Run(audit ? TxMode::kWrite : TxMode::kRead, [&](ports::StoreTx& tx) -> Status {
        ANPEI_ASSIGN_OR_RETURN(auto found, VisibleItem(tx, actor, id));
        out.item = std::move(found.first);
        if (!audit) return Status::Ok();
        return Audit(ctx, tx, actor, "evidence.view", Target(id), "", "",
                     "查看" + std::string(domain::EvidenceKindName(out.item.kind)) + "“" +
                         out.item.file_name + "”");
      }));
  auto reader = ctx.blobs->Open(out.item.sha256);
  if (!reader.ok()) {
    if (reader.status().code() == Code::kNotFound) {
      return Status::Internal("材料文件缺失：" + out.item.sha256);
    }
    return reader.status();
  }
  out.reader = std::move(*reader);
  return out;
}

Status DeleteEvidence(const AppContext& ctx, const Actor& actor, int64_t id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceDeleters));
  return ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) -> Status {
    ANPEI_ASSIGN_OR_RETURN(auto found, VisibleItem(tx, actor, id));
    auto& item = found.first;
    // The completion was approved: its evidence is frozen with the verdict (app/completion.h).
    ANPEI_RETURN_IF_ERROR(RefuseIfFrozen(found.second));
    const int64_t now = ctx.Now().unix_seconds;
    if (auto refusal = domain::CheckDeletion(item, now, ctx.LocalOffset())) {
      return Status(Code::kConflict, refusal->message).WithReason(refusal->reason);
    }
    const std::string before = Canon(item);
    ANPEI_RETURN_IF_ERROR(tx.evidence().MarkDeleted(id, now));
    item.deleted_at = now;
    // The blob stays: other items (or classes) may hold the same bytes; a sweep of unreferenced
    // blobs removes it (docs/operations.md).
    return Audit(ctx, tx, actor, "evidence.delete", Target(id), before, Canon(item),
                 "删除" + std::string(domain::EvidenceKindName(item.kind)) + "“" + item.file_name +
                     "”（保存期限已过）");
  });
}

Result<EvidenceView> SetLegalHold(const AppContext& ctx, const Actor& actor, int64_t id, bool hold,
                                  const std::string& reason) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kEvidenceHolders));
  std::string trimmed = reason;
  ANPEI_RETURN_IF_ERROR(CheckText(ctx, trimmed, "reason", "保全理由", 500, hold));
  return InTx<EvidenceView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, EvidenceView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto found, VisibleItem(tx, actor, id));
    const std::string before = Canon(found.first);
    ANPEI_RETURN_IF_ERROR(tx.evidence().SetLegalHold(id, hold, hold ? trimmed : ""));
    ANPEI_ASSIGN_OR_RETURN(auto views, LoadEvidence(ctx, tx, found.second, actor));
    for (auto& v : views) {
      if (v.item.id == id) out = std::move(v);
    }
    return Audit(ctx, tx, actor, hold ? "evidence.legal_hold" : "evidence.legal_hold_release",
                 Target(id), before, Canon(out.item),
                 hold ? "依法保全材料“" + out.item.file_name + "”：" + trimmed
                      : "解除材料“" + out.item.file_name + "”的依法保全");
  });
}

}  // namespace anpei::app
