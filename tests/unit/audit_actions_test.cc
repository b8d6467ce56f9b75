// The one table of audit operation names (domain/audit_actions.h) names every action the code
// records, and the change list's stored form round-trips and is covered by the chain only when
// present (older events keep their record).
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>

#include "domain/audit.h"
#include "domain/audit_actions.h"

namespace anpei::domain {
namespace {

namespace fs = std::filesystem;

// Every action literal the sources record: the first "entity.verb" literals inside each call of
// Audit( / ChangeUser( (up to its end), and each `e.action = "..."` assignment.
std::set<std::string> EmittedActions() {
  std::set<std::string> out;
  const std::regex call(R"((^|[^A-Za-z_])(Audit|ChangeUser)\()");
  const std::regex assign(R"(\.action\s*=\s*\"([a-z_]+\.[a-z_]+)\")");
  // The exports name their action in a spec passed on (app/export.cc).
  const std::regex exported(R"(\"([a-z_]+\.[a-z_]*(export|print)[a-z_]*)\")");
  const std::regex literal(R"(\"([a-z_]+\.[a-z_]+)\")");
  for (const auto& entry :
       fs::recursive_directory_iterator(std::string(ANPEI_SOURCE_DIR) + "/src")) {
    if (entry.path().extension() != ".cc") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
         it != std::sregex_iterator(); ++it) {
      const size_t from = static_cast<size_t>(it->position(0) + it->length(0));
      // The action comes before the first ';' or '{' (a lambda body) of the call.
      const size_t end = std::min(text.find(';', from), text.find('{', from));
      const std::string args = text.substr(from, end - from);
      for (auto m = std::sregex_iterator(args.begin(), args.end(), literal);
           m != std::sregex_iterator(); ++m) {
        out.insert((*m)[1]);
      }
    }
    for (auto m = std::sregex_iterator(text.begin(), text.end(), assign);
         m != std::sregex_iterator(); ++m) {
      out.insert((*m)[1]);
    }
    for (auto m = std::sregex_iterator(text.begin(), text.end(), exported);
         m != std::sregex_iterator(); ++m) {
      out.insert((*m)[1]);
    }
  }
  return out;
}

TEST(AuditActions, EveryRecordedActionHasAChineseName) {
  const auto emitted = EmittedActions();
  // The scan finds the well-known ones (it would pass vacuously if it found none).
  for (const char* known : {"class.declare", "district.create", "trainee.update", "user.disable",
                            "enrolment.confirm", "enrolment.refuse", "key.rotate", "audit.read",
                            "trainee.export", "class.print_declaration"}) {
    EXPECT_TRUE(emitted.count(known)) << known;
  }
  for (const auto& code : emitted) {
    EXPECT_TRUE(AuditActionNameOf(code).has_value()) << "no Chinese name for " << code;
  }
  EXPECT_EQ(AuditActionNameOf("class.declare").value_or(""), "申报培训班");
  EXPECT_EQ(AuditActionNameOf("district.create").value_or(""), "新增辖区");
  EXPECT_FALSE(AuditActionNameOf("no.such").has_value());
  std::set<std::string_view> codes;
  for (const auto& n : AuditActionNames()) EXPECT_TRUE(codes.insert(n.code).second) << n.code;
}

TEST(AuditActions, RolesReadInChinese) {
  EXPECT_EQ(AuditRoleName("system"), "系统");
  EXPECT_EQ(AuditRoleName("institution,auditor"), "培训机构、审计监督");
  EXPECT_EQ(AuditRoleName("unauthenticated"), "未登录");
  EXPECT_EQ(AuditRoleName("odd"), "odd");
}

TEST(AuditChanges, RoundTripAndRejectMalformed) {
  const std::vector<AuditChange> changes = {
      {"姓名", "张*", "李*"}, {"手机号", "", "138****5678"}, {"备注", "a;b:c", "1:;"}};
  const std::string text = EncodeChanges(changes);
  EXPECT_EQ(DecodeChanges(text), changes);
  EXPECT_EQ(EncodeChanges({}), "");
  EXPECT_EQ(DecodeChanges("")->size(), 0u);
  for (const std::string bad : {"x", "c1;3:ab;", "c1;2:ab;", "c1;2:ab;0:;", "c1;a:b;", "c2;"}) {
    EXPECT_FALSE(DecodeChanges(bad).has_value()) << bad;
  }
}

TEST(AuditChanges, RecordCoversChangesOnlyWhenPresent) {
  AuditEvent e;
  e.at = "2026-01-01T00:00:00+08:00";
  e.actor = "a";
  e.role = "institution";
  e.action = "trainee.update";
  e.target = "trainee:1";
  const std::string old_record = AuditRecord(e);
  // The record of an event without changes is the format before change lists existed.
  EXPECT_EQ(old_record,
            "25:2026-01-01T00:00:00+08:00;1:a;11:institution;14:trainee.update;"
            "9:trainee:1;0:;0:;0:;");
  e.changes = {{"人员类别", "安保从业人员", "辅警"}};
  const std::string with = AuditRecord(e);
  EXPECT_NE(with, old_record);
  EXPECT_EQ(with.substr(0, old_record.size()), old_record);
  e.changes[0].after = "其他";
  EXPECT_NE(AuditRecord(e), with);
}

}  // namespace
}  // namespace anpei::domain
