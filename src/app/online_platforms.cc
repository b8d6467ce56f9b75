#include "app/online_platforms.h"

#include <map>
#include <set>

#include "app/audit_log.h"
#include "app/authorize.h"
#include "app/change_requests.h"
#include "domain/identity.h"
#include "domain/model.h"
#include "domain/text.h"

namespace anpei::app {
namespace {

using domain::OnlinePlatform;
using domain::PlatformToken;
using ports::TxMode;

std::string PlatformTarget(int64_t id) { return "online_platform:" + std::to_string(id); }

std::string CanonOf(const OnlinePlatform& p) {
  return std::to_string(p.id) + "|" + p.name + "|" + (p.approved_by_hrss ? "approved" : "") + "|" +
         (p.active ? "active" : "inactive") + "|" + std::to_string(p.version);
}

Result<std::string> CleanName(std::string_view text, std::string_view field, size_t max_chars,
                              std::string_view what) {
  std::string name(text);
  while (!name.empty() && (name.front() == ' ' || name.front() == '\t')) name.erase(0, 1);
  while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
  if (name.empty()) return Status::Invalid(std::string(field), "请填写" + std::string(what));
  size_t chars = 0;
  for (unsigned char c : name) chars += (c & 0xC0) != 0x80;
  if (chars > max_chars) {
    return Status::Invalid(std::string(field),
                           std::string(what) + "不能超过 " + std::to_string(max_chars) + " 个字");
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return Status::Invalid(std::string(field), std::string(what) + "不能含有控制字符");
    }
  }
  return name;
}

Status NameTaken(const std::string& name) {
  return Status(Code::kConflict, "已有名为「" + name + "」的线上学习平台", "name")
      .WithReason("online.platform_exists");
}

void ToSpans(const domain::TrainingClass& cls, const std::vector<domain::AttendanceRecord>& records,
             int offset, std::map<int64_t, std::vector<domain::TimeSpan>>& out) {
  // (seq, person) -> in, out
  std::map<std::pair<int64_t, int64_t>, std::pair<std::optional<int64_t>, std::optional<int64_t>>>
      by;
  for (const auto& r : records) {
    auto& slot = by[{r.session_seq, r.person_id}];
    (r.direction == domain::Direction::kIn ? slot.first : slot.second) = r.at;
  }
  for (const auto& [key, io] : by) {
    const auto seq = static_cast<size_t>(key.first);
    if (seq < 1 || seq > cls.sessions.size()) continue;
    const auto& s = cls.sessions[seq - 1];
    const int64_t day = s.date.ToDays() * 86400 - int64_t{offset} * 60;
    const int64_t from = io.first.value_or(day + int64_t{s.start_minute} * 60);
    const int64_t to = io.second.value_or(day + int64_t{s.end_minute} * 60);
    if (to > from) out[key.second].push_back({from, to});
  }
}

}  // namespace

Status OnlineRecordsOpen(const domain::TrainingClass& cls) {
  if (cls.state == domain::ClassState::kApproved) return Status::Ok();
  return Status(Code::kConflict,
                "只有已批准（培训中）的培训班可以接收线上学习记录，当前状态：" +
                    std::string(domain::ClassStateName(cls.state)),
                "state")
      .WithReason("online.class_not_running");
}

Result<domain::OnlineCheckContext> OnlineContextOf(const AppContext& ctx, ports::StoreTx& tx,
                                                   const domain::TrainingClass& cls) {
  domain::OnlineCheckContext c;
  const int offset = ctx.LocalOffset();
  ANPEI_ASSIGN_OR_RETURN(auto policy, ctx.reference->FindPolicy(cls.policy_id, "policy"));
  c.min_minutes_per_hour = policy->plan.min_minutes_per_hour;
  c.today = ctx.Today();
  if (!cls.sessions.empty()) {
    domain::Date first = cls.sessions.front().date, last = cls.sessions.front().date;
    for (const auto& s : cls.sessions) {
      first = std::min(first, s.date);
      last = std::max(last, s.date);
    }
    c.period_from = first.ToDays() * 86400 - int64_t{offset} * 60;
    c.period_to = (last.ToDays() + 1) * 86400 - int64_t{offset} * 60;
  }
  for (const auto& e : cls.roster) c.roster[domain::CanonicalPersonId(e.id_number)] = e.trainee_id;
  ANPEI_ASSIGN_OR_RETURN(auto records, tx.attendance().ListRecords(cls.id));
  ToSpans(cls, records, offset, c.offline);
  return c;
}

Result<std::vector<OnlinePlatform>> ListOnlinePlatforms(const AppContext& ctx, const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPlatformReaders));
  return InTx<std::vector<OnlinePlatform>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, std::vector<OnlinePlatform>& out) {
        ANPEI_ASSIGN_OR_RETURN(out, tx.online().ListPlatforms());
        return Status::Ok();
      });
}

Result<OnlinePlatform> CreateOnlinePlatform(const AppContext& ctx, const Actor& actor,
                                            const PlatformInput& in) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPlatformAdmins));
  OnlinePlatform p;
  ANPEI_ASSIGN_OR_RETURN(p.name,
                         CleanName(in.name, "name", domain::kMaxPlatformNameChars, "平台名称"));
  p.approved_by_hrss = in.approved_by_hrss;
  p.active = in.active;
  p.created_at = p.updated_at = ctx.NowText();
  return InTx<OnlinePlatform>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, OnlinePlatform& out) {
    ANPEI_ASSIGN_OR_RETURN(auto all, tx.online().ListPlatforms());
    for (const auto& other : all) {
      if (other.name == p.name) return NameTaken(p.name);
    }
    ANPEI_ASSIGN_OR_RETURN(p.id, tx.online().InsertPlatform(p));
    out = p;
    return Audit(ctx, tx, actor, "online_platform.create", PlatformTarget(p.id), "", CanonOf(p),
                 p.name);
  });
}

Result<OnlinePlatform> UpdateOnlinePlatform(const AppContext& ctx, const Actor& actor, int64_t id,
                                            PlatformPatch patch) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPlatformAdmins));
  std::optional<std::string> name;
  if (patch.name) {
    ANPEI_ASSIGN_OR_RETURN(
        name, CleanName(*patch.name, "name", domain::kMaxPlatformNameChars, "平台名称"));
  }
  return InTx<OnlinePlatform>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, OnlinePlatform& out) {
    ANPEI_ASSIGN_OR_RETURN(auto before, tx.online().GetPlatform(id));
    if (patch.version && *patch.version != before.version) {
      return Status(Code::kConflict,
                    "平台信息已被他人修改（当前版本 " + std::to_string(before.version) +
                        "），请刷新后再试",
                    "version")
          .WithReason("version.stale");
    }
    OnlinePlatform p = before;
    if (name && *name != p.name) {
      ANPEI_ASSIGN_OR_RETURN(auto all, tx.online().ListPlatforms());
      for (const auto& other : all) {
        if (other.id != id && other.name == *name) return NameTaken(*name);
      }
      p.name = *name;
    }
    if (patch.approved_by_hrss) p.approved_by_hrss = *patch.approved_by_hrss;
    if (patch.active) p.active = *patch.active;
    p.updated_at = ctx.NowText();
    ANPEI_RETURN_IF_ERROR(tx.online().UpdatePlatform(p, before.version));
    ANPEI_ASSIGN_OR_RETURN(out, tx.online().GetPlatform(id));
    return Audit(ctx, tx, actor, "online_platform.update", PlatformTarget(id), CanonOf(before),
                 CanonOf(out), out.name);
  });
}

Result<IssuedPlatformToken> CreatePlatformToken(const AppContext& ctx, const Actor& actor,
                                                int64_t platform_id, const std::string& name) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPlatformAdmins));
  ANPEI_ASSIGN_OR_RETURN(auto clean,
                         CleanName(name, "name", domain::kMaxTokenNameChars, "令牌名称"));
  IssuedPlatformToken out;
  out.secret = ctx.vault->NewToken();
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(auto p, tx.online().GetPlatform(platform_id));
    if (!p.approved_by_hrss || !p.active) {
      return Status(Code::kConflict,
                    "只有经省人社厅审核通过且在用的平台可以通过接口推送记录；其他平台请由培训机构导"
                    "入汇总表和明细表",
                    "platform_id")
          .WithReason("online.platform_not_approved");
    }
    PlatformToken t;
    t.platform_id = platform_id;
    t.token_hash = ctx.vault->TokenHash(out.secret);
    t.name = clean;
    t.created_by_user = actor.user_id;
    t.created_at = ctx.NowText();
    ANPEI_ASSIGN_OR_RETURN(t.id, tx.online().InsertToken(t));
    out.token = t;
    return Audit(ctx, tx, actor, "online_platform.token", PlatformTarget(platform_id), "", "",
                 p.name + "：" + clean);
  }));
  return out;
}

Result<std::vector<PlatformToken>> ListPlatformTokens(const AppContext& ctx, const Actor& actor,
                                                      int64_t platform_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPlatformAdmins));
  return InTx<std::vector<PlatformToken>>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, std::vector<PlatformToken>& out) {
        ANPEI_RETURN_IF_ERROR(tx.online().GetPlatform(platform_id).status());
        ANPEI_ASSIGN_OR_RETURN(out, tx.online().ListTokens(platform_id));
        return Status::Ok();
      });
}

Result<PlatformToken> RevokePlatformToken(const AppContext& ctx, const Actor& actor,
                                          int64_t platform_id, int64_t token_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kPlatformAdmins));
  return InTx<PlatformToken>(ctx, TxMode::kWrite, [&](ports::StoreTx& tx, PlatformToken& out) {
    ANPEI_ASSIGN_OR_RETURN(auto p, tx.online().GetPlatform(platform_id));
    auto t = tx.online().GetToken(token_id);
    if (!t.ok() && t.status().code() != Code::kNotFound) return t.status();
    if (!t.ok() || t->platform_id != platform_id) return Hidden("平台令牌", token_id);
    ANPEI_RETURN_IF_ERROR(tx.online().RevokeToken(token_id, ctx.NowText()));
    ANPEI_ASSIGN_OR_RETURN(out, tx.online().GetToken(token_id));
    return Audit(ctx, tx, actor, "online_platform.token_revoke", PlatformTarget(platform_id), "",
                 "", p.name + "：" + out.name);
  });
}

Result<Actor> AuthenticatePlatformToken(const AppContext& ctx, const std::string& token) {
  if (token.empty()) return Status(Code::kUnauthenticated, "请先登录");
  const std::string hash = ctx.vault->TokenHash(token);
  std::optional<PlatformToken> found;
  Actor actor;
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kRead, [&](ports::StoreTx& tx) {
    ANPEI_ASSIGN_OR_RETURN(found, tx.online().FindToken(hash));
    if (!found || found->revoked_at) {
      return Status(Code::kUnauthenticated, "API 令牌无效或已撤销").WithReason("token.revoked");
    }
    ANPEI_ASSIGN_OR_RETURN(auto p, tx.online().GetPlatform(found->platform_id));
    actor.user = "平台：" + p.name;
    actor.roles = {std::string(domain::kRolePlatform)};
    actor.platform_id = p.id;
    return Status::Ok();
  }));
  // The last use, at most once a minute (a failure to note it does not refuse the request).
  const std::string now = ctx.NowText();
  if (!found->last_used_at || found->last_used_at->substr(0, 16) != now.substr(0, 16)) {
    (void)ctx.store->Run(
        TxMode::kWrite, [&](ports::StoreTx& tx) { return tx.online().TouchToken(found->id, now); });
  }
  return actor;
}

Result<ClassPlatformView> GetClassOnlinePlatform(const AppContext& ctx, const Actor& actor,
                                                 int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kOnlineReaders));
  return InTx<ClassPlatformView>(
      ctx, TxMode::kRead, [&](ports::StoreTx& tx, ClassPlatformView& out) {
        ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(class_id));
        if (!InScope(actor, cls.institution_id, cls.district_code)) {
          return Hidden("培训班", class_id);
        }
        out.class_id = class_id;
        ANPEI_ASSIGN_OR_RETURN(auto cp, tx.online().GetClassPlatform(class_id));
        if (cp) {
          out.platform = cp->platform;
          out.chosen_at = cp->chosen_at;
        }
        return Status::Ok();
      });
}

Result<ClassPlatformView> SetClassOnlinePlatform(const AppContext& ctx, const Actor& actor,
                                                 int64_t class_id,
                                                 std::optional<int64_t> platform_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kClassEditors));
  return InTx<ClassPlatformView>(
      ctx, TxMode::kWrite, [&](ports::StoreTx& tx, ClassPlatformView& out) {
        ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClassPlan(class_id));
        if (!InScope(actor, cls.institution_id, cls.district_code)) {
          return Hidden("培训班", class_id);
        }
        using S = domain::ClassState;
        if (cls.state != S::kDraft && cls.state != S::kDeclared && cls.state != S::kReturned &&
            cls.state != S::kApproved) {
          return Status(Code::kConflict,
                        "培训班当前状态为「" + std::string(domain::ClassStateName(cls.state)) +
                            "」，不能再更改线上学习平台",
                        "state")
              .WithReason("online.class_closed");
        }
        bool online = false;
        for (const auto& s : cls.sessions)
          online = online || s.delivery == domain::Delivery::kOnline;
        if (!online) {
          return Status(Code::kConflict, "教学计划中没有线上课次，无需选择线上学习平台",
                        "platform_id")
              .WithReason("online.no_online_sessions");
        }
        ANPEI_ASSIGN_OR_RETURN(auto before, tx.online().GetClassPlatform(class_id));
        std::string detail = "未选择";
        if (platform_id) {
          auto p = tx.online().GetPlatform(*platform_id);
          if (!p.ok() && p.status().code() != Code::kNotFound) return p.status();
          if (!p.ok() || !p->active) {
            return Status::Invalid("platform_id", "线上学习平台不存在或已停用")
                .WithReason("online.platform_unknown");
          }
          ANPEI_RETURN_IF_ERROR(
              tx.online().SetClassPlatform(class_id, *platform_id, actor.user_id, ctx.NowText()));
          detail = p->name;
        } else {
          ANPEI_RETURN_IF_ERROR(tx.online().ClearClassPlatform(class_id));
        }
        out.class_id = class_id;
        ANPEI_ASSIGN_OR_RETURN(auto cp, tx.online().GetClassPlatform(class_id));
        if (cp) {
          out.platform = cp->platform;
          out.chosen_at = cp->chosen_at;
        }
        return Audit(ctx, tx, actor, "class.online_platform", "class:" + std::to_string(class_id),
                     before ? std::to_string(before->platform.id) : "",
                     platform_id ? std::to_string(*platform_id) : "", detail);
      });
}

Status CheckPlatformPush(const Actor& actor) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, {domain::kRolePlatform}));
  if (!actor.platform_id) {
    return Status(Code::kPermissionDenied,
                  "请使用线上学习平台的接口令牌推送学习记录（由人社部门签发）")
        .WithReason("online.platform_token_required");
  }
  return Status::Ok();
}

Result<PushOutcome> PushLearningRecords(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        std::vector<domain::OnlineRow> rows) {
  ANPEI_RETURN_IF_ERROR(CheckPlatformPush(actor));
  if (rows.empty()) return Status::Invalid("records", "records 不能为空");
  if (rows.size() > kMaxPushRecords) {
    return Status::Invalid("records",
                           "一次最多推送 " + std::to_string(kMaxPushRecords) + " 条记录");
  }
  PushOutcome out;
  out.received = static_cast<int64_t>(rows.size());
  ANPEI_RETURN_IF_ERROR(ctx.store->Run(TxMode::kWrite, [&](ports::StoreTx& tx) {
    auto cls = tx.classes().GetClass(class_id);
    if (!cls.ok() && cls.status().code() != Code::kNotFound) return cls.status();
    ANPEI_ASSIGN_OR_RETURN(auto cp, tx.online().GetClassPlatform(class_id));
    // Another platform's class answers like a missing one.
    if (!cls.ok() || !cp || cp->platform.id != *actor.platform_id) {
      return Hidden("培训班", class_id);
    }
    if (!cp->platform.active || !cp->platform.approved_by_hrss) {
      return Status(Code::kPermissionDenied, "本平台已停用或未经审核，不能推送学习记录")
          .WithReason("online.platform_not_approved");
    }
    ANPEI_RETURN_IF_ERROR(OnlineRecordsOpen(*cls));
    ANPEI_ASSIGN_OR_RETURN(auto check, OnlineContextOf(ctx, tx, *cls));
    ANPEI_ASSIGN_OR_RETURN(auto held_records, tx.online().ListRecords(class_id, std::nullopt, 0));
    std::set<std::tuple<int64_t, std::string, int64_t>> held_keys;
    std::map<int64_t, std::vector<domain::TimeSpan>> held;
    for (const auto& r : held_records) {
      held_keys.insert({r.person_id, r.course, r.started_at});
      held[r.person_id].push_back({r.started_at, r.ended_at});
    }
    std::vector<domain::OnlineRow> fresh;
    std::vector<domain::OnlineSpanRow> spans;
    for (auto& row : rows) {
      domain::CheckOnlineRow(domain::OnlineSheet::kPush, row, check, out.problems);
      if (row.person_id && row.started_at &&
          held_keys.count({row.person_id, row.course, *row.started_at})) {
        ++out.duplicates;
        continue;
      }
      if (row.person_id && row.started_at && row.ended_at && *row.ended_at > *row.started_at) {
        spans.push_back({row.row, row.person_id, *row.started_at, *row.ended_at});
      }
      fresh.push_back(row);
    }
    domain::CheckOnlineOverlaps(domain::OnlineSheet::kPush, spans, held, check, out.problems);
    if (!out.problems.empty()) return Status::Ok();  // refused: nothing written
    std::vector<domain::OnlineRecord> records;
    const std::string now = ctx.NowText();
    for (const auto& row : fresh) {
      domain::OnlineRecord r;
      r.class_id = class_id;
      r.person_id = row.person_id;
      r.source = domain::OnlineSource::kPlatform;
      r.platform_id = *actor.platform_id;
      r.course = row.course;
      r.started_at = *row.started_at;
      r.ended_at = *row.ended_at;
      r.minutes = *row.minutes;
      r.class_hours = *row.class_hours;
      r.face_captures = *row.face_captures;
      r.exam_score = row.exam_score;
      r.created_at = now;
      records.push_back(std::move(r));
    }
    ANPEI_ASSIGN_OR_RETURN(out.accepted, tx.online().InsertRecords(records));
    out.duplicates += static_cast<int64_t>(records.size()) - out.accepted;
    return Audit(ctx, tx, actor, "online.push", "class:" + std::to_string(class_id), "", "",
                 cp->platform.name + "：接收 " + std::to_string(out.accepted) + " 条，重复 " +
                     std::to_string(out.duplicates) + " 条");
  }));
  return out;
}

Result<ClassOnline> GetClassOnline(const AppContext& ctx, const Actor& actor, int64_t class_id) {
  ANPEI_RETURN_IF_ERROR(NeedRole(actor, kOnlineReaders));
  return InTx<ClassOnline>(ctx, TxMode::kRead, [&](ports::StoreTx& tx, ClassOnline& out) {
    ANPEI_ASSIGN_OR_RETURN(auto cls, tx.classes().GetClass(class_id));
    if (!InScope(actor, cls.institution_id, cls.district_code)) return Hidden("培训班", class_id);
    out.class_id = class_id;
    for (const auto& s : cls.sessions) {
      if (s.delivery == domain::Delivery::kOnline) out.planned_online_hours += s.hours;
    }
    ANPEI_ASSIGN_OR_RETURN(auto totals, tx.online().Totals(class_id));
    std::map<int64_t, ports::OnlineTotals> by;
    for (const auto& t : totals) by[t.person_id] = t;
    std::vector<int64_t> ids;
    for (const auto& e : cls.roster) ids.push_back(e.trainee_id);
    ANPEI_ASSIGN_OR_RETURN(auto names, TraineeNames(ctx, tx, actor, cls.institution_id, ids));
    std::map<int64_t, std::string> name_of(names.begin(), names.end());
    for (int64_t p : ids) {
      TraineeOnline t;
      t.person_id = p;
      t.name = name_of[p];
      if (auto it = by.find(p); it != by.end()) {
        t.class_hours = it->second.class_hours;
        t.minutes = it->second.minutes;
        t.records = it->second.records;
      }
      out.trainees.push_back(std::move(t));
    }
    constexpr int64_t kMaxListed = 2000;
    ANPEI_ASSIGN_OR_RETURN(out.records,
                           tx.online().ListRecords(class_id, std::nullopt, kMaxListed));
    return Status::Ok();
  });
}

}  // namespace anpei::app
