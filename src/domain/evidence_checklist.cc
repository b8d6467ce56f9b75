#include "domain/evidence_checklist.h"

#include <algorithm>
#include <map>
#include <set>

namespace anpei::domain {
namespace {

std::string Num(int64_t n) { return std::to_string(n); }

std::string SessionLabel(const PlanSession& s, int64_t seq) {
  const auto hm = [](int minute) {
    const int h = minute / 60, m = minute % 60;
    return (h < 10 ? "0" : "") + std::to_string(h) + ":" + (m < 10 ? "0" : "") + std::to_string(m);
  };
  return "第 " + Num(seq) + " 次课（" + s.date.ToString() + " " + hm(s.start_minute) + "–" +
         hm(s.end_minute) + "）";
}

void Settle(ChecklistItem item, Checklist& out) {
  switch (item.state) {
    case ChecklistState::kPresent:
      ++out.present;
      break;
    case ChecklistState::kMissing:
      ++out.missing;
      break;
    case ChecklistState::kFailed:
      ++out.failed;
      break;
    case ChecklistState::kNotRequired:
      ++out.not_required;
      break;
  }
  out.items.push_back(std::move(item));
}

// A count of photos of one kind: the clean ones count; photos with problems make the item failed
// when too few clean ones remain.
ChecklistItem PhotoCount(const ChecklistInput& in, const Policy& policy, EvidenceKind kind,
                         std::string_view rule, bool needed, int64_t required, std::string id,
                         std::string title, const std::string& what) {
  ChecklistItem item;
  item.id = std::move(id);
  item.rule = std::string(rule);
  item.clause = policy.ClauseOf(rule);
  item.title = std::move(title);
  item.required = needed ? required : 0;
  int64_t flagged = 0;
  for (const auto& e : in.evidence) {
    if (e.kind != kind) continue;
    item.evidence_ids.push_back(e.id);
    if (e.problems.empty()) {
      ++item.have;
    } else {
      ++flagged;
      for (const auto& p : e.problems) item.problems.push_back(p);
    }
  }
  if (!needed || required == 0) {
    item.state = ChecklistState::kNotRequired;
    item.message = "本班无需提供" + what + "。";
  } else if (item.have >= required) {
    item.state = ChecklistState::kPresent;
    item.message =
        "已上传" + what + " " + Num(item.have) + " 张，符合要求（至少 " + Num(required) + " 张）。";
  } else if (flagged > 0) {
    item.state = ChecklistState::kFailed;
    item.message = what + "至少需要 " + Num(required) + " 张合格照片，现有合格 " + Num(item.have) +
                   " 张；另有 " + Num(flagged) + " 张未通过核验。";
  } else {
    item.state = ChecklistState::kMissing;
    item.message = what + "至少需要 " + Num(required) + " 张，现有 " + Num(item.have) + " 张。";
  }
  return item;
}

ChecklistItem SessionVideoItem(const ChecklistInput& in, const Policy& policy, const PlanSession& s,
                               int64_t seq) {
  const bool practical = s.kind == SessionKind::kPractical;
  const EvidenceKind kind = practical ? EvidenceKind::kPracticalVideo : EvidenceKind::kTheoryVideo;
  ChecklistItem item;
  item.id = "session_video:" + Num(seq);
  item.session_seq = seq;
  item.title = SessionLabel(s, seq) +
               (practical ? "实操录像（每学时不少于 " +
                                Num(policy.evidence.practical_continuous_seconds) + " 秒连续录像）"
                          : "理论课全程录像");
  std::vector<SessionVideo> videos;
  for (const auto& e : in.evidence) {
    if (e.kind != kind || !e.video) continue;
    if (e.session_seq && *e.session_seq != seq) continue;
    item.evidence_ids.push_back(e.id);
    videos.push_back(SessionVideo{e.file_name, *e.video, e.video_started_at});
  }
  SessionVideoVerdict v = CheckSessionVideos(s, videos, policy);
  item.rule =
      v.rule.empty() ? std::string(practical ? kRulePracticalVideo : kRuleTheoryVideo) : v.rule;
  item.clause = v.clause.empty() ? policy.ClauseOf(item.rule) : v.clause;
  item.message = v.message;
  item.required = 1;
  item.have = static_cast<int64_t>(videos.size());
  switch (v.state) {
    case VideoVerdictState::kNotRequired:
      item.state = ChecklistState::kNotRequired;
      item.required = 0;
      break;
    case VideoVerdictState::kSatisfied:
      item.state = ChecklistState::kPresent;
      break;
    case VideoVerdictState::kMissing:
      item.state = videos.empty() ? ChecklistState::kMissing : ChecklistState::kFailed;
      break;
    case VideoVerdictState::kInsufficient:
      item.state = ChecklistState::kFailed;
      break;
  }
  item.video = std::move(v);
  return item;
}

ChecklistItem PhotoChecks(const ChecklistInput& in, const Policy& policy) {
  ChecklistItem item;
  item.id = "photo_checks";
  item.rule = std::string(kChecklistPhotoChecks);
  item.title = "照片核验（拍摄时间、人脸数量、未在其他培训班使用）";
  int64_t photos = 0;
  std::set<std::string> clauses;
  for (const auto& e : in.evidence) {
    if (e.kind != EvidenceKind::kGroupPhoto && e.kind != EvidenceKind::kPracticalPhoto) continue;
    ++photos;
    item.evidence_ids.push_back(e.id);
    if (e.problems.empty()) ++item.have;
    for (const auto& p : e.problems) {
      item.problems.push_back(p);
      clauses.insert(p.clause);
    }
  }
  item.required = photos;
  // The clauses of the problems found; with none, the clause that asks for the photos.
  for (const auto& c : clauses) item.clause += (item.clause.empty() ? "" : "、") + c;
  if (item.clause.empty()) item.clause = policy.ClauseOf(kRuleGroupPhoto);
  if (photos == 0) {
    item.state = ChecklistState::kNotRequired;
    item.message = "尚未上传照片。";
  } else if (item.problems.empty()) {
    item.state = ChecklistState::kPresent;
    item.message = "全部 " + Num(photos) + " 张照片通过核验。";
  } else {
    item.state = ChecklistState::kFailed;
    item.message = Num(photos - item.have) + " 张照片未通过核验：" + item.problems.front().message +
                   (item.problems.size() > 1
                        ? "等 " + Num(static_cast<int64_t>(item.problems.size())) + " 项问题"
                        : "");
  }
  return item;
}

ChecklistItem SignInSheetItem(const ChecklistInput& in, const Policy& policy, const PlanSession& s,
                              int64_t seq, int64_t exception_files) {
  ChecklistItem item;
  item.id = "sign_in_sheet:" + Num(seq);
  item.rule = std::string(kRuleSignInSheet);
  item.clause = policy.ClauseOf(kRuleSignInSheet);
  item.session_seq = seq;
  item.title = SessionLabel(s, seq) + "纸质签到表扫描件";
  item.required = 1;
  for (const auto& e : in.evidence) {
    if (e.kind != EvidenceKind::kSignInSheet || e.session_seq != seq) continue;
    item.evidence_ids.push_back(e.id);
    if (e.problems.empty()) ++item.have;
    for (const auto& p : e.problems) item.problems.push_back(p);
  }
  item.have += exception_files;
  if (item.have > 0) {
    item.state = ChecklistState::kPresent;
    item.message =
        "该课次经批准使用纸质签到，已上传签到表扫描件 " + Num(item.have) + " 份" +
        (exception_files > 0 ? "（其中随例外申请上传 " + Num(exception_files) + " 份）" : "") +
        "。";
  } else {
    item.state = item.evidence_ids.empty() ? ChecklistState::kMissing : ChecklistState::kFailed;
    item.message = "该课次经批准使用纸质签到，须上传签到表扫描件。";
  }
  return item;
}

ChecklistItem OnlineItem(const ChecklistInput& in, const Policy& policy, bool online) {
  ChecklistItem item;
  item.id = "online_records";
  item.rule = std::string(kRuleOnlineRecords);
  item.clause = policy.ClauseOf(kRuleOnlineRecords);
  item.title = "线上理论课学习记录";
  const auto& o = in.online;
  if (!online) {
    item.state = ChecklistState::kNotRequired;
    item.message = "本班没有线上课次。";
    return item;
  }
  item.required = o.trainees;
  item.have = o.trainees_with_records;
  bool summary = false, detail = false;
  for (const auto& e : in.evidence) {
    if (e.kind == EvidenceKind::kOnlineSummary) summary = true, item.evidence_ids.push_back(e.id);
    if (e.kind == EvidenceKind::kOnlineDetail) detail = true, item.evidence_ids.push_back(e.id);
  }
  const bool records_complete = o.trainees > 0 && o.trainees_with_records >= o.trainees;
  if (o.platform_name.empty()) {
    item.state = ChecklistState::kMissing;
    item.message = "尚未选定线上培训平台。";
    return item;
  }
  const std::string records =
      "学习记录覆盖学员 " + Num(o.trainees_with_records) + "/" + Num(o.trainees) + " 人";
  if (o.platform_approved) {
    item.title += "（" + o.platform_name + "，省人社厅公布的平台）";
    if (records_complete) {
      item.state = ChecklistState::kPresent;
      item.message = "平台已推送学习记录，" + records + "。";
    } else {
      item.state =
          o.trainees_with_records == 0 ? ChecklistState::kMissing : ChecklistState::kFailed;
      item.message = "平台推送的记录尚不完整：" + records + "。";
    }
    return item;
  }
  item.title += "（" + o.platform_name + "：须上传盖章的线上学习汇总表和学员个人学习明细表）";
  std::string lacking;
  if (!summary) lacking += "线上学习汇总表";
  if (!detail) lacking += std::string(lacking.empty() ? "" : "、") + "学员个人学习明细表";
  if (!lacking.empty()) {
    item.state = ChecklistState::kMissing;
    item.message = "缺少" + lacking + "；" + records + "。";
  } else if (!records_complete) {
    item.state = o.trainees_with_records == 0 ? ChecklistState::kMissing : ChecklistState::kFailed;
    item.message = "汇总表和明细表已上传，但导入的记录尚不完整：" + records + "。";
  } else {
    item.state = ChecklistState::kPresent;
    item.message = "汇总表和明细表已上传并导入，" + records + "。";
  }
  return item;
}

}  // namespace

std::string_view ChecklistStateId(ChecklistState s) {
  switch (s) {
    case ChecklistState::kPresent:
      return "present";
    case ChecklistState::kMissing:
      return "missing";
    case ChecklistState::kFailed:
      return "failed";
    case ChecklistState::kNotRequired:
      return "not_required";
  }
  return "missing";
}

std::string_view ChecklistStateName(ChecklistState s) {
  switch (s) {
    case ChecklistState::kPresent:
      return "已齐全";
    case ChecklistState::kMissing:
      return "缺少";
    case ChecklistState::kFailed:
      return "未通过核验";
    case ChecklistState::kNotRequired:
      return "无需提供";
  }
  return "缺少";
}

Checklist BuildChecklist(const ChecklistInput& in, const Policy& policy) {
  Checklist out;
  bool offline = false, practical = false, online = false;
  for (const auto& s : in.sessions) {
    offline = offline || s.delivery == Delivery::kOffline;
    practical = practical || s.kind == SessionKind::kPractical;
    online = online || s.delivery == Delivery::kOnline;
  }
  Settle(PhotoCount(in, policy, EvidenceKind::kGroupPhoto, kRuleGroupPhoto, offline,
                    policy.evidence.group_photos_min, "group_photo", "全体培训学员合影",
                    "全体学员合影"),
         out);
  Settle(PhotoCount(in, policy, EvidenceKind::kPracticalPhoto, kRulePracticalPhotos, practical,
                    policy.evidence.practical_photos_min, "practical_photos",
                    "分组（分工位）实操照片", "分组实操照片"),
         out);
  Settle(PhotoChecks(in, policy), out);
  for (size_t i = 0; i < in.sessions.size(); ++i) {
    const auto& s = in.sessions[i];
    if (s.delivery == Delivery::kOnline) continue;
    Settle(SessionVideoItem(in, policy, s, static_cast<int64_t>(i) + 1), out);
  }
  // Each session once (two approved exceptions may cover it), with the files of all of them.
  std::map<int64_t, int64_t> paper;
  for (const auto& p : in.paper_sign_in) {
    if (p.session_seq < 1 || p.session_seq > static_cast<int64_t>(in.sessions.size())) continue;
    paper[p.session_seq] += p.files;
  }
  for (const auto& [seq, files] : paper) {
    Settle(SignInSheetItem(in, policy, in.sessions[static_cast<size_t>(seq - 1)], seq, files), out);
  }
  Settle(OnlineItem(in, policy, online), out);
  return out;
}

}  // namespace anpei::domain
