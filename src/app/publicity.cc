#include "app/publicity.h"

#include <algorithm>
#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/calendar.h"
#include "app/completion.h"
#include "app/review.h"
#include "domain/model.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::BatchState;
using domain::ClassState;
using ports::TxMode;

constexpr size_t kMaxClassesPerBatch = 50;

Status Unsigned() {
  return Status(Code::kUnauthenticated, "请先登录").WithReason("session.required");
}

Status HiddenBatch(int64_t id) {
  return Status(Code::kNotFound, "公示批次 " + std::to_string(id) + " 不存在", "id")
      .WithReason("publicity.not_found");
}

// The batch `id` for `actor` holding one of `roles`: 401 unsigned, 403 for another role, 404
// missing or out of the actor's district.
Result<domain::PublicityBatch> BatchFor(ports::StoreTx& tx, const Actor& actor, int64_t id,
                                        std::initializer_list<std::string_view> roles) {
  if (!actor.SignedIn()) return Unsigned();
  // No institution ever reads a batch: the role first (403), then the district (404).
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, roles));
  auto b = tx.publicity().GetBatch(id);
  if (!b.ok()) {
    if (b.status().code() == Code::kNotFound) return HiddenBatch(id);
    return b.status();
  }
  if (!InScope(actor, 0, b->district_code)) return HiddenBatch(id);
  return b;
}

std::string BatchText(const domain::PublicityBatch& b) {
  return "title=" + b.title + "|district=" + b.district_code + "|opens_on=" + b.opens_on +
         "|closes_on=" + b.closes_on + "|state=" + b.state;
}

Result<BatchView> ViewOf(const AppContext& ctx, ports::StoreTx& tx, domain::PublicityBatch b) {
  BatchView out;
  ANPEI_ASSIGN_OR_RETURN(out.class_ids, tx.publicity().BatchClasses(b.id));
  ANPEI_ASSIGN_OR_RETURN(out.entries, tx.publicity().ListEntries(b.id));
  ports::ObjectionFilter f;
  f.batch_id = b.id;
  ports::Page page;
  page.page_size = 500;
  ANPEI_ASSIGN_OR_RETURN(auto objections, tx.publicity().ListObjections(f, page));
  out.objections = std::move(objections.items);
  // The objector's contact as staff see it: masked (opened here, never handed out in clear).
  for (auto& o : out.objections) {
    ANPEI_ASSIGN_OR_RETURN(auto full, tx.publicity().GetObjection(o.id));
    o.contact = domain::MaskContact(full.contact_kind, full.contact);
  }
  auto closes = domain::ParseDate(b.closes_on, "closes_on");
  out.period_ended = closes.ok() && domain::PeriodEnded(*closes, ctx.Today());
  out.batch = std::move(b);
  return out;
}

// The published entries of a certified class: one per approved eligible trainee, masked.
Status EntriesOf(ports::StoreTx& tx, const domain::TrainingClass& cls, const domain::Policy& policy,
                 std::vector<domain::PublicityEntry>& out) {
  ANPEI_ASSIGN_OR_RETURN(auto approved, ApprovedTrainees(tx, cls.id));
  for (const auto& t : approved) {
    ANPEI_ASSIGN_OR_RETURN(auto person, tx.registry().GetTrainee(t.person_id));
    domain::PublicityEntry e;
    e.class_id = cls.id;
    e.person_id = t.person_id;
    e.masked_name = domain::MaskName(person.name);
    e.masked_id_number = domain::MaskIdNumber(person.id_number);
    e.occupation = t.occupation.empty() ? cls.occupation : t.occupation;
    const domain::Occupation* occ = policy.FindOccupation(e.occupation);
    e.occupation_name = occ ? occ->name : e.occupation;
    e.level = t.level;
    e.institution_name = cls.institution_name;
    e.class_title = cls.title;
    e.subsidy_yuan = t.subsidy_yuan;
    out.push_back(std::move(e));
  }
  return Status::Ok();
}

// Moves a class to `to` from `from` and audits it under `action` (one event per class).
Status MoveClass(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                 const domain::TrainingClass& cls, ClassState to, const std::string& action,
                 const std::string& detail) {
  ANPEI_RETURN_IF_ERROR(tx.classes().SetState(cls.id, to, cls.declared_at, cls.calendar_version,
                                              ctx.NowText(), cls.version));
  ANPEI_ASSIGN_OR_RETURN(auto after, tx.classes().GetClass(cls.id));
  return Audit(ctx, tx, actor, action, "class:" + std::to_string(cls.id), Canon(cls), Canon(after),
               detail);
}

}  // namespace

Result<std::vector<PayableTrainee>> PayableTrainees(ports::StoreTx& tx, int64_t class_id) {
  ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(class_id));
  std::vector<PayableTrainee> out;
  if (cls.state != ClassState::kPublicityClosed && cls.state != ClassState::kFundsRequested &&
      cls.state != ClassState::kPaid) {
    return out;
  }
  ANPEI_ASSIGN_OR_RETURN(auto entries, tx.publicity().ClassEntries(class_id));
  std::set<int64_t> withdrawn;
  for (const auto& e : entries) {
    if (e.withdrawn) withdrawn.insert(e.person_id);
  }
  ANPEI_ASSIGN_OR_RETURN(auto approved, ApprovedTrainees(tx, class_id));
  out.reserve(approved.size());
  for (auto& a : approved) {
    if (withdrawn.contains(a.person_id)) continue;
    out.push_back({a.person_id, std::move(a.occupation), std::move(a.level), a.subsidy_yuan});
  }
  return out;
}

Result<BatchView> OpenBatch(const AppContext& ctx, const Actor& actor, OpenBatchInput input) {
  if (!actor.SignedIn()) return Unsigned();
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPublicityKeepers));
  if (input.class_ids.empty()) return Status::Invalid("class_ids", "请选择至少一个已发证的培训班");
  if (input.class_ids.size() > kMaxClassesPerBatch) {
    return Status::Invalid(
        "class_ids", "一个公示批次最多包含 " + std::to_string(kMaxClassesPerBatch) + " 个培训班");
  }
  if (std::set<int64_t>(input.class_ids.begin(), input.class_ids.end()).size() !=
      input.class_ids.size()) {
    return Status::Invalid("class_ids", "培训班重复");
  }
  if (!input.title.empty()) {
    ANPEI_RETURN_IF_ERROR(domain::CheckRequiredText(input.title, "title", "公示批次名称",
                                                    domain::kMaxBatchTitleChars));
  }
  return InTx<BatchView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, BatchView& out) {
    std::vector<domain::TrainingClass> classes;
    int working_days = 0;
    std::vector<domain::PublicityEntry> entries;
    for (size_t i = 0; i < input.class_ids.size(); ++i) {
      const int64_t id = input.class_ids[i];
      const std::string field = "class_ids[" + std::to_string(i) + "]";
      auto cls = tx.classes().GetClass(id);
      if (!cls.ok() && cls.status().code() != Code::kNotFound) return cls.status();
      if (!cls.ok() || !InScope(actor, cls->institution_id, cls->district_code)) {
        return Status(Code::kNotFound, "培训班 " + std::to_string(id) + " 不存在", field);
      }
      if (cls->state != ClassState::kCertified) {
        Status st = StateConflict(*cls, "公示", ClassState::kCertified);
        return Status(st.code(), st.message(), field).WithReason("class.state_conflict");
      }
      if (!classes.empty() && cls->district_code != classes.front().district_code) {
        return Status::Invalid("class_ids", "一个公示批次只能包含同一辖区的培训班");
      }
      ANPEI_ASSIGN_OR_RETURN(const domain::Policy* policy,
                             ctx.reference->FindPolicy(cls->policy_id, "policy_id"));
      working_days = std::max(working_days, policy->publicity_working_days);
      ANPEI_RETURN_IF_ERROR(EntriesOf(tx, *cls, *policy, entries));
      classes.push_back(std::move(*cls));
    }
    ANPEI_ASSIGN_OR_RETURN(auto calendar, CalendarAt(ctx, tx));
    auto period = domain::PeriodFrom(*calendar.calendar, ctx.Today(), working_days);
    if (!period.ok()) {
      return Status(Code::kFailedPrecondition,
                    "工作日历缺少公示期所需的年份，无法确定公示期：" + period.status().message(),
                    "calendar")
          .WithReason("publicity.calendar_missing");
    }
    domain::PublicityBatch b;
    b.district_code = classes.front().district_code;
    b.working_days = working_days;
    b.opens_on = period->opens_on.ToString();
    b.closes_on = period->closes_on.ToString();
    b.title = input.title.empty() ? b.opens_on + " 公示（" + std::to_string(classes.size()) +
                                        " 个班，" + std::to_string(entries.size()) + " 人）"
                                  : input.title;
    b.state = std::string(domain::BatchStateId(BatchState::kOpen));
    b.opened_by = actor.user_id;
    b.opened_by_name = actor.Name();
    b.opened_at = ctx.NowText();
    ANPEI_ASSIGN_OR_RETURN(b.id, tx.publicity().InsertBatch(b, entries));
    const std::string detail = "公示批次 " + std::to_string(b.id) + "：" + b.opens_on + " 至 " +
                               b.closes_on + "（" + std::to_string(working_days) + " 个工作日），" +
                               std::to_string(entries.size()) + " 人";
    for (const auto& cls : classes) {
      ANPEI_RETURN_IF_ERROR(
          MoveClass(ctx, tx, actor, cls, ClassState::kInPublicity, "publicity.open", detail));
    }
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "publicity.open",
                                "publicity_batch:" + std::to_string(b.id), "", BatchText(b),
                                detail));
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.publicity().GetBatch(b.id));
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(ctx, tx, std::move(stored)));
    return Status::Ok();
  });
}

Result<ports::PageOf<domain::PublicityBatch>> ListBatches(const AppContext& ctx, const Actor& actor,
                                                          BatchListFilter filter,
                                                          ports::Page page) {
  if (!actor.SignedIn()) return Unsigned();
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPublicityReaders));
  if (filter.state && !domain::ParseBatchState(*filter.state)) {
    return Status::Invalid("state", "未知的公示状态：" + *filter.state);
  }
  ports::BatchFilter f;
  f.state = filter.state;
  f.class_id = filter.class_id;
  std::optional<int64_t> institution;
  NarrowToScope(actor, institution, f.district_code);
  return InTx<ports::PageOf<domain::PublicityBatch>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<domain::PublicityBatch>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.publicity().ListBatches(f, page));
        return Status::Ok();
      });
}

Result<BatchView> BatchIn(const AppContext& ctx, ports::StoreTx& tx, const Actor& actor,
                          int64_t id) {
  ANPEI_ASSIGN_OR_RETURN(auto b, BatchFor(tx, actor, id, kPublicityReaders));
  return ViewOf(ctx, tx, std::move(b));
}

Result<BatchView> GetBatch(const AppContext& ctx, const Actor& actor, int64_t id) {
  return InTx<BatchView>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, BatchView& out) {
    ANPEI_ASSIGN_OR_RETURN(out, BatchIn(ctx, tx, actor, id));
    return Status::Ok();
  });
}

Result<BatchView> CloseBatch(const AppContext& ctx, const Actor& actor, int64_t id,
                             int64_t version) {
  return InTx<BatchView>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, BatchView& out) {
    ANPEI_ASSIGN_OR_RETURN(auto b, BatchFor(tx, actor, id, kPublicityKeepers));
    if (b.state != domain::BatchStateId(BatchState::kOpen)) {
      return Status(Code::kConflict, "该公示批次已结束", "state").WithReason("publicity.closed");
    }
    ANPEI_ASSIGN_OR_RETURN(auto closes, domain::ParseDate(b.closes_on, "closes_on"));
    if (!domain::PeriodEnded(closes, ctx.Today())) {
      return Status(Code::kConflict, "公示期至 " + b.closes_on + " 24:00 结束，期满后方可结束公示",
                    "closes_on")
          .WithReason("publicity.period_running");
    }
    if (b.objections_open > 0) {
      return Status(Code::kFailedPrecondition,
                    "尚有 " + std::to_string(b.objections_open) +
                        " 条异议未处理，全部处理完毕后方可结束公示",
                    "objections")
          .WithReason("publicity.objections_open");
    }
    if (b.version != version) {
      return Status(Code::kConflict,
                    "公示批次已被他人修改（当前版本 " + std::to_string(b.version) +
                        "），请刷新后再操作",
                    "version")
          .WithReason("version.stale");
    }
    domain::PublicityBatch next = b;
    next.state = std::string(domain::BatchStateId(BatchState::kClosed));
    next.closed_by_name = actor.user;
    next.closed_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.publicity().UpdateBatch(next, b.version));
    ANPEI_ASSIGN_OR_RETURN(auto class_ids, tx.publicity().BatchClasses(id));
    const std::string detail =
        "公示批次 " + std::to_string(id) + " 公示期满（" + b.closes_on + "），异议均已处理";
    for (int64_t class_id : class_ids) {
      ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
      if (cls.state != ClassState::kInPublicity) continue;  // e.g. disqualified meanwhile
      ANPEI_RETURN_IF_ERROR(
          MoveClass(ctx, tx, actor, cls, ClassState::kPublicityClosed, "publicity.close", detail));
    }
    ANPEI_RETURN_IF_ERROR(Audit(ctx, tx, actor, "publicity.close",
                                "publicity_batch:" + std::to_string(id), BatchText(b),
                                BatchText(next), detail));
    ANPEI_ASSIGN_OR_RETURN(auto stored, tx.publicity().GetBatch(id));
    ANPEI_ASSIGN_OR_RETURN(out, ViewOf(ctx, tx, std::move(stored)));
    return Status::Ok();
  });
}

Result<ports::PageOf<PublicBatch>> PublicBatches(const AppContext& ctx, ports::Page page) {
  return InTx<ports::PageOf<PublicBatch>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ports::PageOf<PublicBatch>& out) {
        ports::BatchFilter f;
        f.state = std::string(domain::BatchStateId(BatchState::kOpen));
        ANPEI_ASSIGN_OR_RETURN(auto batches, tx.publicity().ListBatches(f, page));
        out.page = batches.page;
        out.total = batches.total;
        out.total_exact = batches.total_exact;
        out.next = batches.next;
        for (auto& b : batches.items) {
          PublicBatch p;
          ANPEI_ASSIGN_OR_RETURN(p.entries, tx.publicity().ListEntries(b.id));
          auto closes = domain::ParseDate(b.closes_on, "closes_on");
          p.accepting_objections = closes.ok() && !domain::PeriodEnded(*closes, ctx.Today());
          p.batch = std::move(b);
          out.items.push_back(std::move(p));
        }
        return Status::Ok();
      });
}

}  // namespace anpei::app
