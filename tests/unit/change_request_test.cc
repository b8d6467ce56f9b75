#include "domain/change_request.h"

#include <gtest/gtest.h>

namespace anpei::domain {
namespace {

PlanSession S(const char* date, int start, int hours, SessionKind kind = SessionKind::kTheory) {
  PlanSession s;
  s.date = *ParseDate(date, "d");
  s.start_minute = start;
  s.end_minute = start + hours * 50;
  s.hours = hours;
  s.kind = kind;
  s.teacher = "t1";
  return s;
}

std::vector<PlanSession> Plan3() {
  return {S("2021-10-11", 510, 4), S("2021-10-12", 510, 4),
          S("2021-10-13", 510, 4, SessionKind::kPractical)};
}

const Date kToday{2021, 10, 12};

SessionMove Mv(int64_t seq, Date date, int start, int end) {
  SessionMove m;
  m.seq = seq;
  m.date = date;
  m.start_minute = start;
  m.end_minute = end;
  return m;
}

ChangeRequest Makeup() {
  ChangeRequest c;
  c.kind = ChangeKind::kMakeupClass;
  c.reason = "两名学员因病缺课";
  c.sessions = {S("2021-10-16", 510, 2)};
  c.trainee_ids = {7, 9};
  return c;
}

TEST(ChangeRequest, KindsAndStatesHaveOneSpellingAndAChineseName) {
  for (auto k : {ChangeKind::kMakeupClass, ChangeKind::kMakeupExam, ChangeKind::kReschedule}) {
    EXPECT_EQ(ParseChangeKind(ChangeKindId(k)), k);
  }
  EXPECT_EQ(ChangeKindName(ChangeKind::kMakeupExam), "补考");
  EXPECT_EQ(ParseChangeState("pending"), ChangeState::kPending);
  EXPECT_EQ(ChangeStateName(ChangeState::kRefused), "未批准");
  EXPECT_FALSE(ParseChangeKind("makeup").has_value());
}

TEST(ChangeRequest, AMakeupClassAppendsItsSessions) {
  ChangeRequest c = Makeup();
  auto out = ApplyChange(Plan3(), {7, 8, 9}, c, kToday);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 4u);
  EXPECT_EQ((*out)[3].date, (Date{2021, 10, 16}));
  EXPECT_EQ((*out)[0].date, (Date{2021, 10, 11}));  // the others stay as they were
}

TEST(ChangeRequest, AMakeupClassNamesTraineesOfTheRosterOnce) {
  ChangeRequest none = Makeup();
  none.trainee_ids.clear();
  EXPECT_EQ(ApplyChange(Plan3(), {7, 9}, none, kToday).status().field(), "trainee_ids");

  ChangeRequest stranger = Makeup();
  stranger.trainee_ids = {7, 12345};
  auto st = ApplyChange(Plan3(), {7, 9}, stranger, kToday).status();
  EXPECT_EQ(st.code(), Code::kNotFound);
  EXPECT_EQ(st.field(), "trainee_ids[1]");
  EXPECT_EQ(st.reason(), "id.not_found");

  ChangeRequest twice = Makeup();
  twice.trainee_ids = {7, 7};
  EXPECT_EQ(ApplyChange(Plan3(), {7, 9}, twice, kToday).status().field(), "trainee_ids[1]");
}

TEST(ChangeRequest, AMakeupExamNeedsASessionAndTraineesAreOptional) {
  ChangeRequest exam;
  exam.kind = ChangeKind::kMakeupExam;
  exam.reason = "考试未通过";
  EXPECT_EQ(ApplyChange(Plan3(), {7}, exam, kToday).status().field(), "sessions");
  exam.sessions = {S("2021-10-20", 540, 2)};
  auto out = ApplyChange(Plan3(), {7}, exam, kToday);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->size(), 4u);
}

TEST(ChangeRequest, ShapeFaultsNameTheField) {
  ChangeRequest c = Makeup();
  c.reason.clear();
  EXPECT_EQ(ApplyChange(Plan3(), {7, 9}, c, kToday).status().field(), "reason");
  c = Makeup();
  c.reason = std::string(501 * 3, 'x');
  EXPECT_EQ(ApplyChange(Plan3(), {7, 9}, c, kToday).status().field(), "reason");
  c = Makeup();
  c.sessions[0].date = Date{2021, 10, 11};  // before today
  EXPECT_EQ(ApplyChange(Plan3(), {7, 9}, c, kToday).status().field(), "sessions[0].date");
  c = Makeup();
  c.moves = {Mv(1, Date{2021, 10, 20}, 510, 710)};
  EXPECT_EQ(ApplyChange(Plan3(), {7, 9}, c, kToday).status().field(), "moves");
}

TEST(ChangeRequest, ARescheduleMovesSessionsAndRemembersTheirOldTime) {
  ChangeRequest c;
  c.kind = ChangeKind::kReschedule;
  c.reason = "场地停电";
  c.moves = {Mv(3, Date{2021, 10, 18}, 540, 740)};
  auto out = ApplyChange(Plan3(), {}, c, kToday);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->size(), 3u);
  EXPECT_EQ((*out)[2].date, (Date{2021, 10, 18}));
  EXPECT_EQ((*out)[2].start_minute, 540);
  EXPECT_EQ((*out)[2].kind, SessionKind::kPractical);  // what it teaches does not change
  EXPECT_EQ(c.moves[0].from_date, (Date{2021, 10, 13}));
  EXPECT_EQ(c.moves[0].from_start_minute, 510);
}

TEST(ChangeRequest, ARescheduleRefusesWhatCannotMove) {
  auto fault = [](std::vector<SessionMove> moves) {
    ChangeRequest c;
    c.kind = ChangeKind::kReschedule;
    c.reason = "客观原因";
    c.moves = std::move(moves);
    return ApplyChange(Plan3(), {}, c, kToday).status().field();
  };
  EXPECT_EQ(fault({}), "moves");
  EXPECT_EQ(fault({Mv(4, Date{2021, 10, 20}, 510, 710)}), "moves[0].seq");  // no 4th session
  EXPECT_EQ(fault({Mv(1, Date{2021, 10, 20}, 510, 710)}), "moves[0].seq");  // already taught
  EXPECT_EQ(fault({Mv(2, Date{2021, 10, 20}, 510, 710), Mv(2, Date{2021, 10, 21}, 510, 710)}),
            "moves[1].seq");
  EXPECT_EQ(fault({Mv(2, Date{2021, 10, 20}, 710, 510)}), "moves[0].end");
  EXPECT_EQ(fault({Mv(2, Date{2021, 10, 1}, 510, 710)}), "moves[0].date");
  EXPECT_EQ(fault({Mv(2, Date{2021, 10, 12}, 510, 710)}), "moves[0]");  // the time it has
}

TEST(PlanDiff, FindsAddedRemovedMovedAndRosterChanges) {
  std::vector<PlanSession> from = Plan3();
  std::vector<PlanSession> to = Plan3();
  to[1].date = Date{2021, 10, 19};        // moved
  to.pop_back();                          // removed (the practical one)
  to.push_back(S("2021-10-22", 510, 2));  // added
  auto d = DiffPlans(from, {1, 2, 3}, to, {2, 3, 4});
  ASSERT_EQ(d.moved.size(), 1u);
  EXPECT_EQ(d.moved[0].first.date, (Date{2021, 10, 12}));
  EXPECT_EQ(d.moved[0].second.date, (Date{2021, 10, 19}));
  ASSERT_EQ(d.removed.size(), 1u);
  EXPECT_EQ(d.removed[0].date, (Date{2021, 10, 13}));
  ASSERT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.added[0].hours, 2);
  EXPECT_EQ(d.roster_added, std::vector<int64_t>{4});
  EXPECT_EQ(d.roster_removed, std::vector<int64_t>{1});
}

TEST(PlanDiff, IdenticalPlansDifferInNothing) {
  auto d = DiffPlans(Plan3(), {1}, Plan3(), {1});
  EXPECT_TRUE(d.added.empty() && d.removed.empty() && d.moved.empty() && d.roster_added.empty() &&
              d.roster_removed.empty());
  // A session whose content changed is not a move: removed and added.
  auto changed = Plan3();
  changed[0].hours = 3;
  d = DiffPlans(Plan3(), {}, changed, {});
  EXPECT_EQ(d.added.size(), 1u);
  EXPECT_EQ(d.removed.size(), 1u);
  EXPECT_TRUE(d.moved.empty());
}

}  // namespace
}  // namespace anpei::domain
