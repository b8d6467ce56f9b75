#include "domain/attendance_signals.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

namespace anpei::domain {

std::string_view SignalKindId(SignalKind k) {
  switch (k) {
    case SignalKind::kSharedDevice:
      return "shared_device";
    case SignalKind::kFarFromVenue:
      return "far_from_venue";
    case SignalKind::kTwoPlaces:
      return "two_places";
    case SignalKind::kRollCallMissed:
      return "roll_call_missed";
    case SignalKind::kSelfieReused:
      return "selfie_reused";
    case SignalKind::kTeacherTwoPlaces:
      return "teacher_two_places";
  }
  return "unknown";
}

std::string_view SignalKindName(SignalKind k) {
  switch (k) {
    case SignalKind::kSharedDevice:
      return "一机多人";
    case SignalKind::kFarFromVenue:
      return "远离培训地点";
    case SignalKind::kTwoPlaces:
      return "同时在两地";
    case SignalKind::kRollCallMissed:
      return "点名未应答";
    case SignalKind::kSelfieReused:
      return "自拍重复";
    case SignalKind::kTeacherTwoPlaces:
      return "教师同时在两地授课";
  }
  return "异常";
}

std::optional<Interval> Presence(std::optional<int64_t> check_in, std::optional<int64_t> check_out,
                                 Interval session) {
  if (check_in && check_out) {
    if (*check_out < *check_in) return std::nullopt;
    return Interval{*check_in, *check_out};
  }
  if (check_in) return Interval{*check_in, std::max(*check_in, session.until)};
  if (check_out) return Interval{std::min(session.from, *check_out), *check_out};
  return std::nullopt;
}

namespace {

int64_t OverlapSeconds(Interval a, Interval b) {
  return std::max<int64_t>(0, std::min(a.until, b.until) - std::max(a.from, b.from));
}

// "09:05" at the offset.
std::string LocalClock(int64_t at, int offset_minutes) {
  int64_t s = (at + int64_t{offset_minutes} * 60) % 86400;
  if (s < 0) s += 86400;
  return FormatTimeOfDay(static_cast<int>(s / 60));
}

// "11月30日 09:00–11:00" (the end's own day when it differs is not spelled: sessions end the
// day they start).
std::string LocalSpan(Interval i, int offset_minutes) {
  const Date d = LocalDate(Instant{i.from}, offset_minutes);
  return std::to_string(d.month) + "月" + std::to_string(d.day) + "日 " +
         LocalClock(i.from, offset_minutes) + "–" + LocalClock(i.until, offset_minutes);
}

std::string Metres(double m) {
  char buf[32];
  if (m < 1000) {
    std::snprintf(buf, sizeof buf, "约 %.0f 米", m);
  } else {
    std::snprintf(buf, sizeof buf, "约 %.1f 公里", m / 1000);
  }
  return buf;
}

std::string SeqText(int seq) { return "第 " + std::to_string(seq) + " 课次"; }

std::string ClassText(const ClassMention& c) {
  if (!c.visible) return std::string(kHiddenClassTitle);
  return "「" + c.title + "」";
}

ClassMention Shown(const ClassMention& c) {
  if (c.visible) return c;
  return ClassMention{0, std::string(kHiddenClassTitle), false};
}

std::optional<int> ShownSeq(const ClassMention& c, int seq) {
  return c.visible ? std::optional<int>(seq) : std::nullopt;
}

std::string DeviceTail(std::string_view id) {
  return id.size() <= 6 ? std::string(id) : "…" + std::string(id.substr(id.size() - 6));
}

class Flagger {
 public:
  explicit Flagger(const SignalInputs& in) : in_(in), roster_(in.roster.begin(), in.roster.end()) {
    for (const SignalSession& s : in.sessions) sessions_[s.seq] = &s;
  }

  std::vector<AttendanceFlag> Run() {
    SharedDevices();
    FarFromVenue();
    TwoPlaces();
    RollCallsMissed();
    SelfiesReused();
    TeachersInTwoPlaces();
    std::stable_sort(
        out_.begin(), out_.end(), [](const AttendanceFlag& a, const AttendanceFlag& b) {
          auto key = [](const AttendanceFlag& f) {
            return std::make_tuple(f.seq.value_or(std::numeric_limits<int>::max()),
                                   static_cast<int>(f.kind),
                                   f.person_ids.empty() ? int64_t{0} : f.person_ids.front());
          };
          return key(a) < key(b);
        });
    return std::move(out_);
  }

 private:
  bool OnRoster(int64_t person) const { return roster_.count(person) > 0; }

  void Add(SignalKind kind, std::optional<int> seq, const std::set<int64_t>& persons,
           FlagEvidence evidence, std::string message) {
    AttendanceFlag f;
    f.kind = kind;
    f.seq = seq;
    f.person_ids.assign(persons.begin(), persons.end());
    f.evidence = std::move(evidence);
    f.message = std::move(message);
    out_.push_back(std::move(f));
  }

  std::optional<double> RecordDistance(const SignalRecord& r) const {
    if (r.distance_m) return r.distance_m;
    if (r.fix && in_.venue) return DistanceMetres(*in_.venue, *r.fix);
    return std::nullopt;
  }

  // --- shared_device ---
  void SharedDevices() {
    std::map<std::string, std::vector<DeviceUse>> uses;
    for (const SignalRecord& r : in_.records) {
      if (r.paper || r.device_id.empty()) continue;
      uses[r.device_id].push_back(
          DeviceUse{r.direction == Direction::kIn ? "check_in" : "check_out", r.person_id, r.seq,
                    r.at, std::nullopt, r.id, ""});
    }
    for (const SignalRefusal& r : in_.refusals) {
      if (r.device_id.empty() || r.person_id == 0) continue;
      uses[r.device_id].push_back(
          DeviceUse{"refusal", r.person_id, r.seq, r.at, std::nullopt, std::nullopt, r.reason});
    }
    for (const RollCallSignal& rc : in_.roll_calls) {
      for (const RollCallAnswerSignal& a : rc.answers) {
        if (a.device_id.empty()) continue;
        uses[a.device_id].push_back(DeviceUse{"roll_call_answer", a.person_id, rc.seq, a.at,
                                              std::nullopt, std::nullopt, ""});
      }
    }
    // Bindings of a device seen here or bound to a trainee of this class (a phone whose only
    // story is elsewhere is not this class's).
    std::set<std::string> seen;
    for (const auto& [device, list] : uses) seen.insert(device);
    for (const DeviceBinding& b : in_.bindings) {
      if (OnRoster(b.person_id) && !b.device_id.empty()) seen.insert(b.device_id);
    }
    for (const DeviceBinding& b : in_.bindings) {
      if (!seen.count(b.device_id)) continue;
      uses[b.device_id].push_back(DeviceUse{"binding", b.person_id, std::nullopt, b.bound_at,
                                            b.unbound_at, std::nullopt, ""});
    }
    for (auto& [device, list] : uses) {
      std::set<int64_t> here;
      std::set<int64_t> elsewhere;
      std::set<int> seqs;
      int counts[3] = {0, 0, 0};  // sign-ins, refusals, bindings
      for (DeviceUse& u : list) {
        (OnRoster(u.person_id) ? here : elsewhere).insert(u.person_id);
        if (u.seq) seqs.insert(*u.seq);
        if (u.what == "refusal") {
          ++counts[1];
        } else if (u.what == "binding") {
          ++counts[2];
        } else {
          ++counts[0];
        }
      }
      if (here.empty() || here.size() + elsewhere.size() < 2) continue;
      for (DeviceUse& u : list) {
        if (!OnRoster(u.person_id)) {
          u.person_id = 0;
          u.seq.reset();  // a session of another class: not this class's number
        }
      }
      std::stable_sort(list.begin(), list.end(),
                       [](const DeviceUse& a, const DeviceUse& b) { return a.at < b.at; });
      std::string msg = "同一部手机（设备号 " + DeviceTail(device) + "）被本班 " +
                        std::to_string(here.size()) + " 名学员使用（";
      std::vector<std::string> parts;
      if (counts[0]) parts.push_back("签到、签退或应答点名 " + std::to_string(counts[0]) + " 次");
      if (counts[1]) parts.push_back("被拒的签到尝试 " + std::to_string(counts[1]) + " 次");
      if (counts[2]) parts.push_back("绑定 " + std::to_string(counts[2]) + " 次");
      for (size_t i = 0; i < parts.size(); ++i) msg += (i ? "，" : "") + parts[i];
      msg += "）";
      if (!elsewhere.empty()) {
        msg += "，另有 " + std::to_string(elsewhere.size()) + " 名其他人员使用或绑定过该手机";
      }
      msg += "，疑似代签";
      std::optional<int> seq;
      if (seqs.size() == 1) seq = *seqs.begin();
      const int other = static_cast<int>(elsewhere.size());
      Add(SignalKind::kSharedDevice, seq, here,
          SharedDeviceEvidence{device, std::move(list), other}, std::move(msg));
    }
  }

  // --- far_from_venue ---
  void FarFromVenue() {
    const double max_m = in_.limits.max_distance_m;
    std::map<std::pair<int, int64_t>, std::vector<FarAttempt>> far;  // (seq, person)
    for (const SignalRecord& r : in_.records) {
      if (r.paper) continue;
      const std::optional<double> d = RecordDistance(r);
      if (!d || *d <= max_m) continue;
      far[{r.seq, r.person_id}].push_back(
          FarAttempt{r.direction == Direction::kIn ? "check_in" : "check_out", r.id, r.at, *d,
                     r.accuracy_m.value_or(0), ""});
    }
    for (const SignalRefusal& r : in_.refusals) {
      if (r.reason != RefusalCode(AttendanceRefusal::kTooFar) || !r.fix || !in_.venue) continue;
      far[{r.seq, r.person_id}].push_back(FarAttempt{"refusal", std::nullopt, r.at,
                                                     DistanceMetres(*in_.venue, *r.fix),
                                                     r.accuracy_m.value_or(0), r.reason});
    }
    for (auto& [key, attempts] : far) {
      if (!OnRoster(key.second)) continue;
      std::stable_sort(attempts.begin(), attempts.end(),
                       [](const FarAttempt& a, const FarAttempt& b) { return a.at < b.at; });
      const FarAttempt* accepted = nullptr;
      const FarAttempt* refused = nullptr;
      int refusals = 0;
      for (const FarAttempt& a : attempts) {
        if (a.what == "refusal") {
          ++refusals;
          if (!refused || a.distance_m > refused->distance_m) refused = &a;
        } else if (!accepted || a.distance_m > accepted->distance_m) {
          accepted = &a;
        }
      }
      std::string msg = SeqText(key.first);
      if (accepted) {
        char acc[32];
        std::snprintf(acc, sizeof acc, "%.0f", accepted->accuracy_m);
        msg += std::string(accepted->what == "check_in" ? "签到" : "签退") + "位置距培训地点" +
               Metres(accepted->distance_m) + "（定位精度 ±" + acc + " 米），超出 " +
               std::to_string(in_.limits.max_distance_m) + " 米的范围，仅因定位精度放宽而被接受";
      }
      if (refused) {
        msg += std::string(accepted ? "；另有 " : "有 ") + std::to_string(refusals) +
               " 次因距离过远被拒的签到尝试，最远距培训地点" + Metres(refused->distance_m);
      }
      Add(SignalKind::kFarFromVenue, key.first, {key.second},
          FarEvidence{in_.limits.max_distance_m, std::move(attempts)}, std::move(msg));
    }
  }

  // Each roster person's check-in/check-out per session of this class (earliest in, latest out).
  std::map<std::pair<int, int64_t>, PersonTimes> Times() const {
    std::map<std::pair<int, int64_t>, PersonTimes> t;
    for (const SignalRecord& r : in_.records) {
      PersonTimes& p = t[{r.seq, r.person_id}];
      p.person_id = r.person_id;
      std::optional<int64_t>& slot = r.direction == Direction::kIn ? p.check_in : p.check_out;
      if (!slot) {
        slot = r.at;
      } else {
        slot = r.direction == Direction::kIn ? std::min(*slot, r.at) : std::max(*slot, r.at);
      }
    }
    return t;
  }

  // --- two_places ---
  void TwoPlaces() {
    const auto times = Times();
    for (const auto& [key, t] : times) {
      auto s = sessions_.find(key.first);
      if (s == sessions_.end() || !OnRoster(key.second)) continue;
      const std::optional<Interval> here = Presence(t.check_in, t.check_out, s->second->bounds);
      if (!here) continue;
      for (const OtherSession& o : in_.other_sessions) {
        for (const PersonTimes& p : o.attendance) {
          if (p.person_id != key.second) continue;
          const std::optional<Interval> there = Presence(p.check_in, p.check_out, o.bounds);
          if (!there) continue;
          const int64_t overlap = OverlapSeconds(*here, *there);
          if (overlap <= 0) continue;
          std::string msg = SeqText(key.first) + "（" + LocalSpan(*here, in_.utc_offset_minutes) +
                            "）该学员在本班签到期间，同时在" + ClassText(o.other) +
                            (o.other.visible ? SeqText(o.seq) : "") + "有签到记录（" +
                            LocalSpan(*there, in_.utc_offset_minutes) + "），重叠 " +
                            std::to_string((overlap + 59) / 60) + " 分钟";
          Add(SignalKind::kTwoPlaces, key.first, {key.second},
              TwoPlacesEvidence{*here, Shown(o.other), ShownSeq(o.other, o.seq), *there, overlap},
              std::move(msg));
        }
      }
    }
  }

  // --- roll_call_missed ---
  void RollCallsMissed() {
    for (const RollCallSignal& rc : in_.roll_calls) {
      if (in_.now <= rc.deadline) continue;  // still open
      std::unordered_set<int64_t> answered;
      for (const RollCallAnswerSignal& a : rc.answers) {
        if (a.at <= rc.deadline) answered.insert(a.person_id);
      }
      for (int64_t person : rc.person_ids) {
        if (answered.count(person) || !OnRoster(person)) continue;
        std::string msg = SeqText(rc.seq) + " " + LocalClock(rc.drawn_at, in_.utc_offset_minutes) +
                          " 的随机点名抽中该学员，未在 " +
                          LocalClock(rc.deadline, in_.utc_offset_minutes) + " 前应答";
        Add(SignalKind::kRollCallMissed, rc.seq, {person},
            RollCallEvidence{rc.id, rc.drawn_at, rc.deadline}, std::move(msg));
      }
    }
  }

  // --- selfie_reused ---
  void SelfiesReused() {
    std::vector<const SignalRecord*> with;
    for (const SignalRecord& r : in_.records) {
      if (r.selfie_id && r.selfie_hash && OnRoster(r.person_id)) with.push_back(&r);
    }
    for (size_t i = 0; i < with.size(); ++i) {
      const SignalRecord& a = *with[i];
      for (size_t j = i + 1; j < with.size(); ++j) {
        const SignalRecord& b = *with[j];
        if (*a.selfie_id == *b.selfie_id) continue;
        if (a.person_id == b.person_id && a.seq == b.seq) continue;  // in and out of one session
        const int bits = HammingDistance(*a.selfie_hash, *b.selfie_hash);
        if (bits > in_.selfie_max_hamming) continue;
        const bool same = a.person_id == b.person_id;
        std::string msg = SeqText(a.seq) + "的签到自拍与" + (same ? "该学员" : "本班另一学员") +
                          SeqText(b.seq) + "的自拍相同或几乎相同（感知哈希相差 " +
                          std::to_string(bits) + " 位），" +
                          (same ? "疑似重复使用照片" : "疑似代签或重复使用照片");
        Add(SignalKind::kSelfieReused, a.seq, {a.person_id, b.person_id},
            SelfieEvidence{*a.selfie_id, a.id, *b.selfie_id, b.id, b.seq, std::nullopt, bits},
            std::move(msg));
      }
      for (const OtherSelfie& o : in_.other_selfies) {
        const int bits = HammingDistance(*a.selfie_hash, o.hash);
        if (o.selfie_id == *a.selfie_id || bits > in_.selfie_max_hamming) continue;
        std::set<int64_t> persons{a.person_id};
        if (OnRoster(o.person_id)) persons.insert(o.person_id);
        const bool same = o.person_id == a.person_id;
        std::string msg = SeqText(a.seq) + "的签到自拍与" + ClassText(o.other) +
                          (same ? "中该学员" : "中另一人员") +
                          "的签到自拍相同或几乎相同（感知哈希相差 " + std::to_string(bits) +
                          " 位），疑似重复使用照片";
        Add(SignalKind::kSelfieReused, a.seq, persons,
            SelfieEvidence{*a.selfie_id, a.id, o.selfie_id, std::nullopt, ShownSeq(o.other, o.seq),
                           Shown(o.other), bits},
            std::move(msg));
      }
    }
  }

  // --- teacher_two_places ---
  void TeachersInTwoPlaces() {
    for (const SignalSession& s : in_.sessions) {
      if (!s.teacher_id) continue;
      for (const OtherSession& o : in_.other_sessions) {
        if (o.teacher_id != s.teacher_id || OverlapSeconds(s.bounds, o.bounds) <= 0) continue;
        const std::string who = s.teacher_name.empty() ? "授课教师" : "授课教师" + s.teacher_name;
        std::string msg = SeqText(s.seq) + "（" + LocalSpan(s.bounds, in_.utc_offset_minutes) +
                          "）的" + who + "同一时间还在" + ClassText(o.other) +
                          (o.other.visible ? SeqText(o.seq) : "") + "授课（" +
                          LocalSpan(o.bounds, in_.utc_offset_minutes) + "），疑似挂名授课";
        Add(SignalKind::kTeacherTwoPlaces, s.seq, {},
            TeacherEvidence{*s.teacher_id, s.teacher_name, s.bounds, Shown(o.other),
                            ShownSeq(o.other, o.seq), o.bounds},
            std::move(msg));
      }
    }
  }

  const SignalInputs& in_;
  std::set<int64_t> roster_;
  std::map<int, const SignalSession*> sessions_;
  std::vector<AttendanceFlag> out_;
};

}  // namespace

std::vector<AttendanceFlag> AttendanceFlags(const SignalInputs& in) { return Flagger(in).Run(); }

}  // namespace anpei::domain
