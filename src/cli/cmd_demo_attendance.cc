// The demo's attendance (考勤), all through the real use cases, each step at its own fixed past
// time (a FixedClock per step, as the review demo does), so the console shows every state:
//
// The Fengze class (2026-11-02 … 06, make-up 11-07): every trainee identifies on a phone at the
// first session (QR token → IdentifyTrainee binds the phone) and checks in and out with a selfie
// (UploadSelfie, then CheckIn) from near the venue. Session 1: one check-in refused as too far
// (then made on site). Session 2: one trainee off sick (made up on 11-07), one late (3 of 4
// hours), one who never checked out (the session does not count). Session 3: a phone lost — the
// institution unbinds it with a reason and the trainee identifies on the new one; two on leave;
// a random roll call answered by all drawn but one (roll_call_missed). Session 4: one trainee
// sends the picture of the day before again (selfie_reused), one leaves early. Session 5 (the
// practical in an underground hall with no signal): a paper exception requested, approved by the
// district's reviewer, the sheet (a PDF rendered by the forms port) uploaded and the records
// back-filled. Also a refused exception, and one of the Jinjiang class left pending for its
// reviewer's queue.
//
// Selfies: the policy requires one for every phone check-in. Each trainee-session gets its own
// picture, a different crop of the one-face sample photo (adapters/face/selfie_variants.h),
// chosen so no two are within the reuse threshold except the one reuse shown on purpose. Without
// the photo (opencv-doc not installed) or the face detector, no phone check-in is made — the
// policy would refuse each one, and switching the policy off for the demo would show a state the
// real system never has — and a note says so; identification, binding, the rebinding and the
// paper exceptions are still made.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>

#include "adapters/clock/clocks.h"
#include "adapters/face/selfie_variants.h"
#include "app/attendance.h"
#include "app/attendance_exceptions.h"
#include "app/classes.h"
#include "app/roll_calls.h"
#include "app/selfies.h"
#include "cli/demo_attendance.h"
#include "domain/selfie.h"

namespace anpei::cli {
namespace {

int64_t Unix(const std::string& rfc3339) {
  return domain::ParseTimestamp(rfc3339, "demo")->unix_seconds;
}

// The context at `t` (Unix seconds).
app::AppContext At(const app::AppContext& base, int64_t t) {
  app::AppContext c = base;
  c.clock = std::make_shared<adapters::FixedClock>(domain::Instant{t});
  return c;
}

Status Failed(const Status& st, const std::string& what) {
  return Status(st.code(), "演示考勤写入失败（" + what + "）：" + st.ToString(), st.field());
}

// A day of the Fengze class at HH:MM (+08:00).
int64_t DayAt(const char* date, int minute) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+08:00", date, minute / 60, minute % 60);
  return Unix(buf);
}

struct Phone {
  std::string device, token, addr;
};

class Attendance {
 public:
  Attendance(const app::AppContext& ctx, const DemoAttendanceInput& in) : ctx_(ctx), in_(in) {}

  Result<DemoAttendanceDone> Run();

 private:
  // The phone's trainee actor at `t`.
  Result<app::Actor> TraineeAt(size_t k, int64_t t) {
    auto a = app::AuthenticateTrainee(At(ctx_, t), phones_.at(k).token);
    if (!a.ok()) return a.status();
    return a->actor;
  }

  Status Identify(size_t k, int seq, int64_t t, const std::string& device) {
    const app::AppContext c = At(ctx_, t);
    auto qr = app::IssueQrToken(c, in_.clerk, in_.class_id, seq);
    if (!qr.ok()) return qr.status();
    const auto& p = in_.roster.at(k);
    Phone& phone = phones_[k];
    phone.device = device;
    phone.addr = "117.28." + std::to_string(40 + k / 200) + "." + std::to_string(10 + k % 200);
    int64_t retry = 0;
    auto signed_in =
        app::IdentifyTrainee(c, {qr->token, p.name, p.id_number, device}, phone.addr, &retry);
    if (!signed_in.ok()) return Failed(signed_in.status(), "学员扫码确认身份 " + p.name);
    phone.token = signed_in->token;
    ++done_.identified;
    return Status::Ok();
  }

  // A picture for (k, seq) of its own, far from every other used so far.
  Result<std::string> PictureFor(size_t k, int seq) {
    auto& slot = pictures_[{k, seq}];
    if (!slot.empty()) return slot;
    for (;;) {
      auto v = variants_->Make(next_variant_++);
      if (!v.ok()) return v.status();
      bool far = true;
      for (uint64_t h : hashes_) far = far && domain::HammingDistance(h, v->phash) >= 12;
      if (!far) continue;
      hashes_.push_back(v->phash);
      slot = std::move(v->jpeg);
      return slot;
    }
  }

  // Uploads the selfie and checks in or out of `seq` at `t`; `metres_north` away from the
  // venue. A refusal comes back as the status (the caller expects it or fails).
  Status Check(size_t k, int seq, const char* direction, int64_t t, double metres_north = 0) {
    const app::AppContext c = At(ctx_, t);
    ANPEI_ASSIGN_OR_RETURN(auto actor, TraineeAt(k, t));
    auto same = same_picture_.find({k, seq});
    const auto whose = same == same_picture_.end() ? std::pair<size_t, int>{k, seq} : same->second;
    // A crop the detector reads as no face or two faces is dropped for the next one.
    Result<app::SelfieUploaded> selfie = Status::Internal("自拍照");
    for (int attempt = 0; attempt < 20; ++attempt) {
      ANPEI_ASSIGN_OR_RETURN(auto picture, PictureFor(whose.first, whose.second));
      selfie = app::UploadSelfie(c, actor, picture);
      const std::string reason = selfie.ok() ? "" : selfie.status().reason();
      if (reason != "attendance.selfie_no_face" && reason != "attendance.selfie_many_faces") break;
      pictures_.erase(whose);
    }
    if (!selfie.ok()) return Failed(selfie.status(), "自拍照");
    ++done_.selfies;
    auto qr = app::IssueQrToken(c, in_.clerk, in_.class_id, seq);
    if (!qr.ok()) return qr.status();
    const Phone& phone = phones_.at(k);
    app::CheckInInput ci;
    ci.token = qr->token;
    ci.direction = direction;
    ci.idempotency_key = "demo-" + std::to_string(k) + "-" + std::to_string(seq) + "-" + direction +
                         "-" + std::to_string(t);
    const double jitter = (static_cast<double>(k % 7) - 3.0) * 0.00004;  // a few metres
    ci.lat = in_.venue_lat + jitter + metres_north / 111'000.0;
    ci.lng = in_.venue_lng - jitter;
    ci.accuracy_m = 10.0 + static_cast<double>(k % 5) * 5.0;
    ci.device_id = phone.device;
    ci.selfie_id = selfie->selfie_id;
    ci.client_addr = phone.addr;
    ci.user_agent = "Mozilla/5.0 (Linux; Android 13; Mobile) AppleWebKit/537.36 Chrome/119 Mobile";
    auto out = app::CheckIn(c, actor, ci);
    if (!out.ok()) return out.status();
    ++done_.check_ins;
    return Status::Ok();
  }

  Status Ins(int seq, const char* date, const std::vector<size_t>& absent,
             const std::map<size_t, int>& arrive);
  Status Outs(int seq, const char* date, const std::vector<size_t>& absent,
              const std::map<size_t, int>& leave);
  Status RollCall(const char* date);
  Status Paper();

  const app::AppContext& ctx_;
  const DemoAttendanceInput& in_;
  std::unique_ptr<adapters::SelfieVariants> variants_;
  int next_variant_ = 0;
  std::vector<uint64_t> hashes_;
  std::map<std::pair<size_t, int>, std::string> pictures_;
  // (trainee, session) → the (trainee, session) whose picture it sends again.
  std::map<std::pair<size_t, int>, std::pair<size_t, int>> same_picture_;
  std::map<size_t, Phone> phones_;
  DemoAttendanceDone done_;
};

// A phone session: check-ins from 08:02 (a trainee every 40 s), check-outs from 11:30 (every
// 15 s); `arrive` / `leave` give a trainee other minutes of the day, -1 in `leave`: no check-out.
bool Away(const std::vector<size_t>& absent, size_t k) {
  return std::find(absent.begin(), absent.end(), k) != absent.end();
}

Status Attendance::Ins(int seq, const char* date, const std::vector<size_t>& absent,
                       const std::map<size_t, int>& arrive) {
  for (size_t k = 0; k < in_.roster.size(); ++k) {
    if (Away(absent, k)) continue;
    const int64_t t = arrive.count(k) ? DayAt(date, arrive.at(k))
                                      : DayAt(date, 8 * 60 + 2) + static_cast<int64_t>(k) * 40;
    Status st = Check(k, seq, "in", t);
    if (!st.ok()) return Failed(st, "签到 " + in_.roster[k].name);
  }
  return Status::Ok();
}

Status Attendance::Outs(int seq, const char* date, const std::vector<size_t>& absent,
                        const std::map<size_t, int>& leave) {
  for (size_t k = 0; k < in_.roster.size(); ++k) {
    if (Away(absent, k) || (leave.count(k) && leave.at(k) < 0)) continue;
    const int64_t t = leave.count(k) ? DayAt(date, leave.at(k))
                                     : DayAt(date, 11 * 60 + 30) + static_cast<int64_t>(k) * 15;
    Status st = Check(k, seq, "out", t);
    if (!st.ok()) return Failed(st, "签退 " + in_.roster[k].name);
  }
  return Status::Ok();
}

// 09:30 on `date` (session 3): three drawn among the present; all answer within a minute but the
// last drawn, whose roll call is then missed.
Status Attendance::RollCall(const char* date) {
  const int64_t t = DayAt(date, 9 * 60 + 30);
  auto drawn = app::DrawRollCall(At(ctx_, t), in_.clerk, in_.class_id, 3, 3);
  if (!drawn.ok()) return Failed(drawn.status(), "随机点名");
  const auto& persons = drawn->persons;
  for (size_t i = 0; i + 1 < persons.size(); ++i) {
    size_t k = 0;
    while (k < in_.roster.size() && in_.roster[k].id != persons[i].person_id) ++k;
    if (k == in_.roster.size()) continue;
    const int64_t when = t + 25 + static_cast<int64_t>(i) * 17;
    ANPEI_ASSIGN_OR_RETURN(auto actor, TraineeAt(k, when));
    app::RollCallAnswerInput a;
    a.device_id = phones_.at(k).device;
    a.lat = in_.venue_lat;
    a.lng = in_.venue_lng;
    a.accuracy_m = 15;
    a.client_addr = phones_.at(k).addr;
    auto answered = app::AnswerRollCall(At(ctx_, when), actor, drawn->roll_call.id, a);
    if (!answered.ok()) return Failed(answered.status(), "点名应答");
  }
  return Status::Ok();
}

// The paper exceptions: one refused (session 2), one approved with its sheet and back-filled
// (session 5), one of the other class pending for its reviewer.
Status Attendance::Paper() {
  auto file = [&](const app::Actor& who, int64_t cls, std::vector<int64_t> seqs,
                  const std::string& reason, int64_t t) {
    return app::FileAttendanceException(At(ctx_, t), who, cls, std::move(seqs), reason);
  };
  auto refused = file(in_.clerk, in_.class_id, {2},
                      "部分学员手机电量不足，无法扫码签到，申请以纸质签到表补录当日考勤。",
                      DayAt("2026-11-03", 12 * 60));
  if (!refused.ok()) return Failed(refused.status(), "纸质签到申请");
  auto no = app::DecideAttendanceException(
      At(ctx_, DayAt("2026-11-03", 16 * 60)), in_.reviewer, refused->id,
      app::ExceptionDecision::kRefuse, "手机电量不足不属于客观原因，请提醒学员提前充电，不予同意。",
      refused->version);
  if (!no.ok()) return Failed(no.status(), "纸质签到审核");

  auto ex = file(in_.clerk, in_.class_id, {5},
                 "第 5 课次实操训练在地下训练场进行，场内没有手机信号，学员无法扫码签到，"
                 "现场使用纸质签到表。",
                 DayAt("2026-11-06", 12 * 60 + 10));
  if (!ex.ok()) return Failed(ex.status(), "纸质签到申请");
  auto yes = app::DecideAttendanceException(
      At(ctx_, DayAt("2026-11-06", 14 * 60)), in_.reviewer, ex->id,
      app::ExceptionDecision::kApprove, "经电话核实，地下训练场确无信号，同意以纸质签到表补录。",
      ex->version);
  if (!yes.ok()) return Failed(yes.status(), "纸质签到审核");
  // The sheet: the roster with the times and a signature column, as the scan would show it.
  constexpr size_t kAbsent = 14;
  ports::FormDocument sheet;
  sheet.title = "培训班纸质签到表";
  sheet.subtitle = "第 5 课次 · 2026 年 11 月 6 日 08:30–11:30 · 实操训练（地下训练场）";
  ports::FormBlock table;
  table.kind = ports::FormBlock::Kind::kTable;
  table.table.headers = {"序号", "姓名", "签到时间", "签退时间", "本人签名"};
  table.table.widths = {1, 2, 2, 2, 3};
  std::vector<domain::BackfillRow> rows;
  for (size_t k = 0; k < in_.roster.size(); ++k) {
    const int in_min = 8 * 60 + 18 + static_cast<int>(k % 9);
    const int out_min = 11 * 60 + 31 + static_cast<int>(k % 6);
    auto hhmm = [](int m) {
      char b[16];
      std::snprintf(b, sizeof b, "%02d:%02d", m / 60, m % 60);
      return std::string(b);
    };
    const bool away = k == kAbsent;
    table.table.rows.push_back({std::to_string(k + 1), in_.roster[k].name,
                                away ? "缺勤" : hhmm(in_min), away ? "" : hhmm(out_min),
                                away ? "" : in_.roster[k].name});
    if (!away) rows.push_back({in_.roster[k].id, 5, in_min, out_min});
  }
  sheet.blocks.push_back(std::move(table));
  sheet.signatures = {"授课教师（签名）", "培训机构（盖章）"};
  sheet.verification = "演示数据：本签到表由 anpei demo 生成，代替现场纸质签到表的扫描件。";
  if (!ctx_.forms) return Status::Internal("未配置表单渲染（PDF）");
  ANPEI_ASSIGN_OR_RETURN(auto pdf, ctx_.forms->RenderPdf(sheet));
  auto added = app::AddExceptionFile(At(ctx_, DayAt("2026-11-06", 15 * 60)), in_.clerk, ex->id, pdf,
                                     "第5课次纸质签到表.pdf");
  if (!added.ok()) return Failed(added.status(), "签到表上传");
  auto filled =
      app::BackfillAttendance(At(ctx_, DayAt("2026-11-06", 15 * 60 + 10)), in_.clerk, ex->id, rows);
  if (!filled.ok()) return Failed(filled.status(), "纸质补录");
  done_.backfilled = static_cast<int>(filled->records.size());

  auto pending =
      file(in_.other_clerk, in_.other_class_id, {4},
           "11 月 12 日培训场所突发停电，教学屏幕无法显示签到二维码，当日使用纸质签到表。",
           DayAt("2026-11-12", 12 * 60 + 30));
  if (!pending.ok()) return Failed(pending.status(), "纸质签到申请");
  return Status::Ok();
}

Result<DemoAttendanceDone> Attendance::Run() {
  std::ifstream file(in_.selfie_photo_path, std::ios::binary);
  const std::string photo{std::istreambuf_iterator<char>(file), {}};
  if (!photo.empty() && ctx_.faces) {
    auto v = adapters::OpenSelfieVariants(photo);
    if (v.ok()) variants_ = std::move(*v);
  }
  if (!variants_) {
    std::cout << "提示：未找到示例人脸照片（opencv-doc 的 messi5.jpg）或人脸检测模型，政策要求签到"
                 "自拍，演示数据不含手机签到；学员绑定手机、换绑与纸质补录照常写入。\n";
  }
  const bool phones = variants_ != nullptr;
  const size_t n = in_.roster.size();
  // Session 1: everyone identifies on a phone, then checks in; one first tries 2.2 km away.
  for (size_t k = 0; k < n; ++k) {
    char device[32];
    std::snprintf(device, sizeof device, "demo-phone-%02zu", k + 1);
    ANPEI_RETURN_IF_ERROR(Identify(k, 1, DayAt("2026-11-02", 8 * 60 + 1) + k * 40, device));
  }
  if (phones) {
    const size_t far = 5 % n;
    Status st = Check(far, 1, "in", DayAt("2026-11-02", 8 * 60 + 12), 2200);
    if (st.ok() || st.reason() != "attendance.too_far") {
      return Failed(st.ok() ? Status::Internal("未拒绝") : st, "远距离签到");
    }
    ++done_.refused;
    ANPEI_RETURN_IF_ERROR(Ins(1, "2026-11-02", {}, {{far, 8 * 60 + 27}}));
    ANPEI_RETURN_IF_ERROR(Outs(1, "2026-11-02", {}, {}));
    // Session 2: one off sick, one late, one who never checks out.
    ANPEI_RETURN_IF_ERROR(Ins(2, "2026-11-03", {0}, {{8 % n, 8 * 60 + 40}}));
    ANPEI_RETURN_IF_ERROR(Outs(2, "2026-11-03", {0}, {{7 % n, -1}}));
  }
  // Session 3: a lost phone unbound by the institution, the new one bound; two on leave; a roll
  // call.
  const size_t lost = 3 % n;
  Status un = app::UnbindDevice(At(ctx_, DayAt("2026-11-04", 7 * 60 + 50)), in_.clerk, in_.class_id,
                                in_.roster[lost].id,
                                "学员手机丢失，已更换新手机；本人持身份证到前台核实后解绑");
  if (!un.ok()) return Failed(un, "手机解绑");
  ANPEI_RETURN_IF_ERROR(Identify(lost, 3, DayAt("2026-11-04", 8 * 60), "demo-phone-04-new"));
  if (!phones) {
    ANPEI_RETURN_IF_ERROR(Paper());
    return done_;
  }
  const std::vector<size_t> leave3 = {10 % n, 11 % n};
  ANPEI_RETURN_IF_ERROR(Ins(3, "2026-11-04", leave3, {}));
  ANPEI_RETURN_IF_ERROR(RollCall("2026-11-04"));
  ANPEI_RETURN_IF_ERROR(Outs(3, "2026-11-04", leave3, {}));
  // Session 4: one sends the day before's picture again; one leaves early.
  same_picture_[{18 % n, 4}] = {18 % n, 3};
  ANPEI_RETURN_IF_ERROR(Ins(4, "2026-11-05", {}, {}));
  ANPEI_RETURN_IF_ERROR(Outs(4, "2026-11-05", {}, {{14 % n, 11 * 60 + 20}}));
  // The make-up session of the trainee off sick.
  auto cls = app::GetClass(ctx_, in_.clerk, in_.class_id);
  if (!cls.ok()) return Failed(cls.status(), "培训班");
  for (size_t i = 0; i < cls->sessions.size(); ++i) {
    if (cls->sessions[i].date.ToString() != "2026-11-07") continue;
    const int seq = static_cast<int>(i) + 1;
    ANPEI_RETURN_IF_ERROR(Check(0, seq, "in", DayAt("2026-11-07", 8 * 60 + 20)));
    ANPEI_RETURN_IF_ERROR(Check(0, seq, "out", DayAt("2026-11-07", 11 * 60 + 36)));
  }
  ANPEI_RETURN_IF_ERROR(Paper());
  return done_;
}

}  // namespace

Result<DemoAttendanceDone> SeedDemoAttendance(const app::AppContext& ctx,
                                              const DemoAttendanceInput& in) {
  if (in.roster.size() < 20) return Status::Internal("演示考勤需要至少 20 名学员");
  Attendance a(ctx, in);
  return a.Run();
}

}  // namespace anpei::cli
