// Attendance fraud signals (domain/attendance_signals.h): each kind raised with its evidence and a
// Chinese sentence, and — as much to the point — NOT raised for the honest cases next to it
// (one trainee on one phone, a fix inside the limit, back-to-back sessions, an answered roll call,
// a roll call still open, in and out selfies of one session). Another class the caller may not
// see is never named.
#include "domain/attendance_signals.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace anpei::domain {
namespace {

constexpr int kCst = 480;
const int64_t kDay = ParseDate("2026-12-07", "date")->ToDays() * 86400 - kCst * 60;
int64_t Local(int hour, int minute, int second = 0) {
  return kDay + hour * 3600 + minute * 60 + second;
}

constexpr GeoPoint kVenue{24.874, 118.676};  // Quanzhou
// A point `metres` north of the venue.
GeoPoint North(double metres) { return {kVenue.lat + metres / 111195.0, kVenue.lng}; }

constexpr int64_t kA = 1001, kB = 1002, kC = 1003, kStranger = 9009;

SignalInputs Base() {
  SignalInputs in;
  in.now = Local(18, 0);
  in.utc_offset_minutes = kCst;
  in.venue = kVenue;
  in.roster = {kA, kB, kC};
  in.sessions = {SignalSession{1, {Local(9, 0), Local(11, 0)}, 501, "张老师"},
                 SignalSession{2, {Local(14, 0), Local(16, 0)}, 502, "李老师"}};
  return in;
}

int64_t next_record_id = 1;
SignalRecord Rec(int seq, int64_t person, Direction d, int64_t at, std::string device,
                 double metres = 20, double accuracy = 15) {
  SignalRecord r;
  r.id = next_record_id++;
  r.seq = seq;
  r.person_id = person;
  r.direction = d;
  r.at = at;
  r.device_id = std::move(device);
  r.fix = North(metres);
  r.accuracy_m = accuracy;
  return r;
}

std::vector<AttendanceFlag> Of(const std::vector<AttendanceFlag>& all, SignalKind k) {
  std::vector<AttendanceFlag> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [k](const AttendanceFlag& f) { return f.kind == k; });
  return out;
}

TEST(AttendanceSignals, HonestClassHasNoFlags) {
  SignalInputs in = Base();
  for (int64_t p : {kA, kB, kC}) {
    const std::string dev = "dev-" + std::to_string(p);
    in.records.push_back(Rec(1, p, Direction::kIn, Local(8, 50), dev));
    in.records.push_back(Rec(1, p, Direction::kOut, Local(11, 2), dev));
    in.bindings.push_back(DeviceBinding{p, dev, Local(8, 40), std::nullopt});
  }
  EXPECT_TRUE(AttendanceFlags(in).empty());
}

TEST(AttendanceSignals, KindIdsAreStable) {
  EXPECT_EQ(SignalKindId(SignalKind::kSharedDevice), "shared_device");
  EXPECT_EQ(SignalKindId(SignalKind::kFarFromVenue), "far_from_venue");
  EXPECT_EQ(SignalKindId(SignalKind::kTwoPlaces), "two_places");
  EXPECT_EQ(SignalKindId(SignalKind::kRollCallMissed), "roll_call_missed");
  EXPECT_EQ(SignalKindId(SignalKind::kSelfieReused), "selfie_reused");
  EXPECT_EQ(SignalKindId(SignalKind::kTeacherTwoPlaces), "teacher_two_places");
}

TEST(AttendanceSignals, OneDeviceCheckingInTwoTraineesIsFlaggedWithBothUses) {
  SignalInputs in = Base();
  in.records.push_back(Rec(1, kA, Direction::kIn, Local(8, 50), "phone-xyz123456"));
  in.records.push_back(Rec(1, kB, Direction::kIn, Local(8, 51), "phone-xyz123456"));
  in.records.push_back(Rec(1, kC, Direction::kIn, Local(8, 52), "phone-c"));
  const auto flags = Of(AttendanceFlags(in), SignalKind::kSharedDevice);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA, kB}));
  EXPECT_EQ(flags[0].seq, 1);
  const auto& ev = std::get<SharedDeviceEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.device_id, "phone-xyz123456");
  ASSERT_EQ(ev.uses.size(), 2u);
  EXPECT_EQ(ev.uses[0].what, "check_in");
  EXPECT_EQ(ev.uses[0].person_id, kA);
  EXPECT_EQ(ev.uses[1].person_id, kB);
  EXPECT_EQ(ev.other_persons, 0);
  EXPECT_NE(flags[0].message.find("被本班 2 名学员使用"), std::string::npos) << flags[0].message;
  EXPECT_NE(flags[0].message.find("123456"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, RebindingCountsForSharedDeviceAndOutsidersAreCountedNotNamed) {
  SignalInputs in = Base();
  in.records.push_back(Rec(1, kA, Direction::kIn, Local(8, 50), "phone-1"));
  // phone-1 was kStranger's (another class) until last week, then unbound and bound to kA.
  in.bindings.push_back(
      DeviceBinding{kStranger, "phone-1", Local(8, 0) - 7 * 86400, Local(8, 0) - 86400});
  in.bindings.push_back(DeviceBinding{kA, "phone-1", Local(8, 0), std::nullopt});
  // A binding of a phone never seen in this class is not this class's business.
  in.bindings.push_back(DeviceBinding{kStranger, "phone-elsewhere", Local(8, 0), std::nullopt});
  const auto flags = Of(AttendanceFlags(in), SignalKind::kSharedDevice);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA}));
  EXPECT_EQ(flags[0].seq, 1);  // the one session it was used in (bindings have none)
  const auto& ev = std::get<SharedDeviceEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.device_id, "phone-1");
  EXPECT_EQ(ev.other_persons, 1);
  ASSERT_EQ(ev.uses.size(), 3u);
  EXPECT_EQ(ev.uses[0].what, "binding");
  EXPECT_EQ(ev.uses[0].person_id, 0);  // the outsider is not named
  EXPECT_EQ(ev.uses[0].until, Local(8, 0) - 86400);
  EXPECT_NE(flags[0].message.find("另有 1 名其他人员"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, RefusedAttemptsFromAnotherTraineesPhoneCount) {
  SignalInputs in = Base();
  in.records.push_back(Rec(2, kA, Direction::kIn, Local(13, 50), "phone-a"));
  in.refusals.push_back(SignalRefusal{kB, 2, "attendance.device_mismatch", "phone-a", North(10),
                                      10.0, Local(13, 51)});
  const auto flags = Of(AttendanceFlags(in), SignalKind::kSharedDevice);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA, kB}));
  const auto& ev = std::get<SharedDeviceEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.uses[1].what, "refusal");
  EXPECT_EQ(ev.uses[1].reason, "attendance.device_mismatch");
  EXPECT_NE(flags[0].message.find("被拒的签到尝试 1 次"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, PaperRecordsAndEmptyDeviceIdsNeverShareADevice) {
  SignalInputs in = Base();
  SignalRecord a = Rec(1, kA, Direction::kIn, Local(8, 50), "");
  SignalRecord b = Rec(1, kB, Direction::kIn, Local(8, 50), "");
  SignalRecord c = Rec(1, kC, Direction::kIn, Local(8, 50), "sheet");
  c.paper = true;
  SignalRecord d = Rec(1, kA, Direction::kOut, Local(11, 0), "sheet");
  d.paper = true;
  in.records = {a, b, c, d};
  EXPECT_TRUE(Of(AttendanceFlags(in), SignalKind::kSharedDevice).empty());
}

TEST(AttendanceSignals, FixAcceptedOnlyThanksToItsAccuracyIsFarFromTheVenue) {
  SignalInputs in = Base();
  in.records.push_back(
      Rec(1, kA, Direction::kIn, Local(8, 50), "pa", 650, 400));  // 650 − 400 ≤ 300
  in.records.push_back(Rec(1, kB, Direction::kIn, Local(8, 50), "pb", 290, 10));  // inside
  const auto flags = Of(AttendanceFlags(in), SignalKind::kFarFromVenue);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA}));
  EXPECT_EQ(flags[0].seq, 1);
  const auto& ev = std::get<FarEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.max_distance_m, 300);
  ASSERT_EQ(ev.attempts.size(), 1u);
  EXPECT_NEAR(ev.attempts[0].distance_m, 650, 2);
  EXPECT_EQ(ev.attempts[0].accuracy_m, 400);
  EXPECT_EQ(ev.attempts[0].what, "check_in");
  EXPECT_NE(flags[0].message.find("约 650 米"), std::string::npos) << flags[0].message;
  EXPECT_NE(flags[0].message.find("±400 米"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, RecordedDistanceWinsOverTheFix) {
  SignalInputs in = Base();
  SignalRecord r = Rec(1, kA, Direction::kIn, Local(8, 50), "pa", 20, 10);
  r.distance_m = 310;
  in.records.push_back(r);
  EXPECT_EQ(Of(AttendanceFlags(in), SignalKind::kFarFromVenue).size(), 1u);
}

TEST(AttendanceSignals, RefusalsForDistanceAreGatheredPerTraineeAndSession) {
  SignalInputs in = Base();
  in.refusals.push_back(
      SignalRefusal{kC, 2, "attendance.too_far", "pc", North(12300), 20.0, Local(13, 45)});
  in.refusals.push_back(
      SignalRefusal{kC, 2, "attendance.too_far", "pc", North(5000), 20.0, Local(13, 46)});
  // Other reasons are not about distance.
  in.refusals.push_back(
      SignalRefusal{kC, 2, "attendance.location_vague", "pc", North(50000), 900.0, Local(13, 47)});
  const auto flags = Of(AttendanceFlags(in), SignalKind::kFarFromVenue);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].seq, 2);
  const auto& ev = std::get<FarEvidence>(flags[0].evidence);
  ASSERT_EQ(ev.attempts.size(), 2u);
  EXPECT_EQ(ev.attempts[0].what, "refusal");
  EXPECT_EQ(ev.attempts[0].reason, "attendance.too_far");
  EXPECT_NE(flags[0].message.find("有 2 次因距离过远被拒"), std::string::npos) << flags[0].message;
  EXPECT_NE(flags[0].message.find("约 12.3 公里"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, NoVenueNoDistanceFlag) {
  SignalInputs in = Base();
  in.venue.reset();
  in.records.push_back(Rec(1, kA, Direction::kIn, Local(8, 50), "pa", 5000, 10));
  EXPECT_TRUE(Of(AttendanceFlags(in), SignalKind::kFarFromVenue).empty());
}

OtherSession Elsewhere(bool visible, Interval bounds,
                       std::optional<int64_t> teacher = std::nullopt) {
  OtherSession o;
  o.other = ClassMention{77, "晋江保安员培训班（第2期）", visible};
  o.seq = 4;
  o.bounds = bounds;
  o.teacher_id = teacher;
  return o;
}

TEST(AttendanceSignals, TraineePresentInTwoClassesAtOnceIsFlagged) {
  SignalInputs in = Base();
  in.records.push_back(Rec(1, kA, Direction::kIn, Local(8, 55), "pa"));
  in.records.push_back(Rec(1, kA, Direction::kOut, Local(11, 0), "pa"));
  OtherSession o = Elsewhere(true, {Local(10, 0), Local(12, 0)});
  o.attendance.push_back(PersonTimes{kA, Local(9, 55), Local(12, 1)});
  o.attendance.push_back(PersonTimes{kB, Local(9, 55), Local(12, 1)});  // kB not here: no flag
  in.other_sessions.push_back(o);
  const auto flags = Of(AttendanceFlags(in), SignalKind::kTwoPlaces);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA}));
  const auto& ev = std::get<TwoPlacesEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.here.from, Local(8, 55));
  EXPECT_EQ(ev.there.from, Local(9, 55));
  EXPECT_EQ(ev.overlap_seconds, 65 * 60);
  EXPECT_EQ(ev.other.id, 77);
  EXPECT_EQ(ev.other_seq, 4);
  EXPECT_NE(flags[0].message.find("「晋江保安员培训班（第2期）」第 4 课次"), std::string::npos)
      << flags[0].message;
  EXPECT_NE(flags[0].message.find("12月7日 08:55–11:00"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, AClassTheCallerMayNotSeeIsNeverNamed) {
  SignalInputs in = Base();
  in.records.push_back(Rec(1, kA, Direction::kIn, Local(8, 55), "pa"));
  OtherSession o = Elsewhere(false, {Local(10, 0), Local(12, 0)}, 501);
  o.attendance.push_back(PersonTimes{kA, Local(9, 55), std::nullopt});
  in.other_sessions.push_back(o);
  const auto flags = AttendanceFlags(in);
  ASSERT_EQ(flags.size(), 2u);  // the trainee and the teacher
  for (const AttendanceFlag& f : flags) {
    EXPECT_EQ(f.message.find("晋江"), std::string::npos) << f.message;
    EXPECT_EQ(f.message.find("第 4 课次"), std::string::npos) << f.message;
    EXPECT_NE(f.message.find("另一培训班"), std::string::npos) << f.message;
  }
  const auto two = std::get<TwoPlacesEvidence>(Of(flags, SignalKind::kTwoPlaces)[0].evidence);
  EXPECT_EQ(two.other.id, 0);
  EXPECT_EQ(two.other.title, "另一培训班");
  EXPECT_FALSE(two.other_seq.has_value());
  const auto t = std::get<TeacherEvidence>(Of(flags, SignalKind::kTeacherTwoPlaces)[0].evidence);
  EXPECT_EQ(t.other.id, 0);
  EXPECT_FALSE(t.other_seq.has_value());
}

TEST(AttendanceSignals, BackToBackSessionsAreNotTwoPlaces) {
  SignalInputs in = Base();
  in.records.push_back(Rec(1, kA, Direction::kIn, Local(8, 55), "pa"));
  in.records.push_back(Rec(1, kA, Direction::kOut, Local(11, 0), "pa"));
  OtherSession o = Elsewhere(true, {Local(10, 0), Local(12, 0)});
  o.attendance.push_back(PersonTimes{kA, Local(11, 0), Local(12, 0)});  // arrives as we leave
  in.other_sessions.push_back(o);
  EXPECT_TRUE(Of(AttendanceFlags(in), SignalKind::kTwoPlaces).empty());
}

TEST(AttendanceSignals, PresenceWithOneEndUsesTheSessionBound) {
  const Interval s{100, 200};
  EXPECT_EQ(Presence(110, std::nullopt, s)->until, 200);
  EXPECT_EQ(Presence(std::nullopt, 190, s)->from, 100);
  EXPECT_EQ(Presence(110, 150, s)->until, 150);
  EXPECT_FALSE(Presence(150, 110, s).has_value());
  EXPECT_FALSE(Presence(std::nullopt, std::nullopt, s).has_value());
}

TEST(AttendanceSignals, UnansweredRollCallAfterItsDeadlineIsMissed) {
  SignalInputs in = Base();
  RollCallSignal rc{31, 1, Local(10, 15), Local(10, 17), {kA, kB, kC}, {}};
  rc.answers.push_back(RollCallAnswerSignal{kB, Local(10, 16), "pb", North(10), 10.0});
  in.roll_calls.push_back(rc);
  in.now = Local(10, 17, 1);
  const auto flags = Of(AttendanceFlags(in), SignalKind::kRollCallMissed);
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA}));
  EXPECT_EQ(flags[1].person_ids, (std::vector<int64_t>{kC}));
  const auto& ev = std::get<RollCallEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.roll_call_id, 31);
  EXPECT_EQ(ev.deadline, Local(10, 17));
  EXPECT_NE(flags[0].message.find("10:15 的随机点名"), std::string::npos) << flags[0].message;
  EXPECT_NE(flags[0].message.find("未在 10:17 前应答"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, OpenRollCallIsNotMissedYet) {
  SignalInputs in = Base();
  in.roll_calls.push_back(RollCallSignal{31, 1, Local(10, 15), Local(10, 17), {kA}, {}});
  in.now = Local(10, 17);  // the deadline's own second still counts
  EXPECT_TRUE(Of(AttendanceFlags(in), SignalKind::kRollCallMissed).empty());
}

SignalRecord WithSelfie(SignalRecord r, int64_t selfie, uint64_t hash) {
  r.selfie_id = selfie;
  r.selfie_hash = hash;
  return r;
}

TEST(AttendanceSignals, NearSameSelfieForAnotherTraineeIsFlaggedAndADifferentOneIsNot) {
  SignalInputs in = Base();
  const uint64_t h = 0xF0F0'1234'ABCD'0F0FULL;
  in.records.push_back(WithSelfie(Rec(1, kA, Direction::kIn, Local(8, 50), "pa"), 11, h));
  in.records.push_back(WithSelfie(Rec(1, kB, Direction::kIn, Local(8, 51), "pb"), 12, h ^ 0x7));
  in.records.push_back(WithSelfie(Rec(1, kC, Direction::kIn, Local(8, 52), "pc"), 13, ~h));
  const auto flags = Of(AttendanceFlags(in), SignalKind::kSelfieReused);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA, kB}));
  const auto& ev = std::get<SelfieEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.selfie_id, 11);
  EXPECT_EQ(ev.other_selfie_id, 12);
  EXPECT_EQ(ev.hamming_bits, 3);
  EXPECT_FALSE(ev.other.has_value());
  EXPECT_NE(flags[0].message.find("本班另一学员"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, SameTraineesSelfieInTwoSessionsIsFlaggedButNotInAndOutOfOne) {
  SignalInputs in = Base();
  const uint64_t h = 0x0123'4567'89AB'CDEFULL;
  in.records.push_back(WithSelfie(Rec(1, kA, Direction::kIn, Local(8, 50), "pa"), 21, h));
  in.records.push_back(WithSelfie(Rec(1, kA, Direction::kOut, Local(11, 0), "pa"), 22, h));
  in.records.push_back(WithSelfie(Rec(2, kA, Direction::kIn, Local(13, 50), "pa"), 23, h ^ 1));
  const auto flags = Of(AttendanceFlags(in), SignalKind::kSelfieReused);
  ASSERT_EQ(flags.size(), 2u);  // 21~23 and 22~23, never 21~22
  for (const AttendanceFlag& f : flags) {
    const auto& ev = std::get<SelfieEvidence>(f.evidence);
    EXPECT_EQ(ev.other_selfie_id, 23);
    EXPECT_EQ(ev.other_seq, 2);
    EXPECT_NE(f.message.find("该学员第 2 课次"), std::string::npos) << f.message;
  }
}

TEST(AttendanceSignals, SelfieReusedFromAnotherClassNamesItOnlyWhenVisible) {
  SignalInputs in = Base();
  const uint64_t h = 0x1111'2222'3333'4444ULL;
  in.records.push_back(WithSelfie(Rec(1, kA, Direction::kIn, Local(8, 50), "pa"), 31, h));
  in.other_selfies.push_back(OtherSelfie{ClassMention{77, "晋江班", false}, 3, kStranger, 99, h});
  auto flags = Of(AttendanceFlags(in), SignalKind::kSelfieReused);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].person_ids, (std::vector<int64_t>{kA}));  // the stranger is not named
  auto ev = std::get<SelfieEvidence>(flags[0].evidence);
  ASSERT_TRUE(ev.other.has_value());
  EXPECT_EQ(ev.other->title, "另一培训班");
  EXPECT_FALSE(ev.other_seq.has_value());
  EXPECT_EQ(flags[0].message.find("晋江"), std::string::npos);

  in.other_selfies[0].other.visible = true;
  flags = Of(AttendanceFlags(in), SignalKind::kSelfieReused);
  ev = std::get<SelfieEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.other->id, 77);
  EXPECT_EQ(ev.other_seq, 3);
  EXPECT_NE(flags[0].message.find("「晋江班」"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, TeacherTeachingAnOverlappingSessionElsewhereIsFlagged) {
  SignalInputs in = Base();
  in.other_sessions.push_back(Elsewhere(true, {Local(10, 30), Local(12, 0)}, 501));
  in.other_sessions.push_back(Elsewhere(true, {Local(11, 0), Local(12, 0)}, 501));  // touches only
  in.other_sessions.push_back(Elsewhere(true, {Local(14, 0), Local(16, 0)}, 999));  // other teacher
  const auto flags = Of(AttendanceFlags(in), SignalKind::kTeacherTwoPlaces);
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].seq, 1);
  EXPECT_TRUE(flags[0].person_ids.empty());
  const auto& ev = std::get<TeacherEvidence>(flags[0].evidence);
  EXPECT_EQ(ev.teacher_id, 501);
  EXPECT_EQ(ev.teacher_name, "张老师");
  EXPECT_EQ(ev.other.id, 77);
  EXPECT_NE(flags[0].message.find("授课教师张老师"), std::string::npos) << flags[0].message;
}

TEST(AttendanceSignals, FlagsAreOrderedBySessionThenKind) {
  SignalInputs in = Base();
  in.records.push_back(Rec(2, kA, Direction::kIn, Local(13, 50), "shared"));
  in.records.push_back(Rec(2, kB, Direction::kIn, Local(13, 50), "shared"));
  in.records.push_back(Rec(1, kC, Direction::kIn, Local(8, 50), "pc", 700, 450));
  in.bindings.push_back(DeviceBinding{kC, "pz", 1, 2});  // a phone passed on, never used here
  in.bindings.push_back(DeviceBinding{kA, "pz", 3, std::nullopt});
  const auto flags = AttendanceFlags(in);
  ASSERT_EQ(flags.size(), 3u);
  EXPECT_EQ(flags[0].seq, 1);
  EXPECT_EQ(flags[0].kind, SignalKind::kFarFromVenue);
  EXPECT_EQ(flags[1].seq, 2);
  EXPECT_EQ(flags[1].kind, SignalKind::kSharedDevice);
  EXPECT_EQ(flags[2].kind, SignalKind::kSharedDevice);
  EXPECT_FALSE(flags[2].seq.has_value());  // bindings only: no session
}

}  // namespace
}  // namespace anpei::domain
