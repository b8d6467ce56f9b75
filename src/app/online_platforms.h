// Online learning platforms (线上学习平台, 三（一）3（2）; issue 14, Deliver 4): the registry 人社
// keeps (names are data: the approved ones marked approved_by_hrss), each approved platform's API
// tokens, the platform a class's online sessions use (chosen by the class's institution), the
// learning records a platform pushes with its token, and a class's online hours per trainee.
// Every change audited; tokens stored as keyed hashes and shown once.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "domain/online_learning.h"

namespace anpei::app {

// Who keeps the registry and issues the platforms' tokens: 人社.
inline constexpr std::initializer_list<std::string_view> kPlatformAdmins = {domain::kRoleHrss};
// Who reads the registry: the console's roles (an institution picks its class's platform).
inline constexpr std::initializer_list<std::string_view> kPlatformReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin,
    domain::kRoleHrss,        domain::kRoleFinance,  domain::kRoleAuditor};
// Who reads a class's online records and imports: as its attendance.
inline constexpr std::initializer_list<std::string_view> kOnlineReaders = {
    domain::kRoleInstitution, domain::kRoleReviewer, domain::kRolePoliceAdmin, domain::kRoleHrss,
    domain::kRoleAuditor};

struct PlatformInput {
  std::string name;
  bool approved_by_hrss = false;
  bool active = true;
};
struct PlatformPatch {
  std::optional<std::string> name;
  std::optional<bool> approved_by_hrss, active;
  std::optional<int64_t> version;  // when given, a stale one is 409 version.stale
};

Result<std::vector<domain::OnlinePlatform>> ListOnlinePlatforms(const AppContext& ctx,
                                                                const Actor& actor);
Result<domain::OnlinePlatform> CreateOnlinePlatform(const AppContext& ctx, const Actor& actor,
                                                    const PlatformInput& in);
Result<domain::OnlinePlatform> UpdateOnlinePlatform(const AppContext& ctx, const Actor& actor,
                                                    int64_t id, PlatformPatch patch);

// A new token of an approved, active platform (409 online.platform_not_approved otherwise):
// the token itself is in `secret`, returned this once.
struct IssuedPlatformToken {
  domain::PlatformToken token;
  std::string secret;
};
Result<IssuedPlatformToken> CreatePlatformToken(const AppContext& ctx, const Actor& actor,
                                                int64_t platform_id, const std::string& name);
Result<std::vector<domain::PlatformToken>> ListPlatformTokens(const AppContext& ctx,
                                                              const Actor& actor,
                                                              int64_t platform_id);
Result<domain::PlatformToken> RevokePlatformToken(const AppContext& ctx, const Actor& actor,
                                                  int64_t platform_id, int64_t token_id);

// The actor of a platform token (Authorization: Bearer): role platform, platform_id set;
// Unauthenticated (token.revoked) for an unknown or revoked token. The last use is written at
// most once a minute.
Result<Actor> AuthenticatePlatformToken(const AppContext& ctx, const std::string& token);

// The platform a class's online sessions use (nullopt: none chosen yet), for the class's readers.
struct ClassPlatformView {
  int64_t class_id = 0;
  std::optional<domain::OnlinePlatform> platform;
  std::optional<std::string> chosen_at;
};
Result<ClassPlatformView> GetClassOnlinePlatform(const AppContext& ctx, const Actor& actor,
                                                 int64_t class_id);
// The class's institution chooses (or clears, nullopt) the platform: the class must have online
// sessions (409 online.no_online_sessions) and not be rejected or finished; the platform must be
// active (400 platform_id). Audited class.online_platform.
Result<ClassPlatformView> SetClassOnlinePlatform(const AppContext& ctx, const Actor& actor,
                                                 int64_t class_id,
                                                 std::optional<int64_t> platform_id);

// POST /platform/learning-records: a platform's records for a class that uses it (404 for any
// other class, as for a missing one). Every record is checked (domain CheckOnlineRow, overlaps
// with each other, with records already held and with offline attendance); all or nothing: with
// any problem nothing is kept (FailedPrecondition online.records_refused, the problems in
// `problems`). A record already held (same person, course and start) is counted as a duplicate.
// Audited online.push.
struct PushOutcome {
  int64_t received = 0, accepted = 0, duplicates = 0;
  std::vector<domain::OnlineProblem> problems;  // non-empty: refused, nothing kept
};
inline constexpr size_t kMaxPushRecords = 5000;
// Whether the actor may push at all (a platform token): before the body is read.
Status CheckPlatformPush(const Actor& actor);
Result<PushOutcome> PushLearningRecords(const AppContext& ctx, const Actor& actor, int64_t class_id,
                                        std::vector<domain::OnlineRow> rows);

// GET /classes/{id}/online-records: per trainee of the roster the accepted online class hours and
// minutes, and the records (masked names as the class page masks them).
struct TraineeOnline {
  int64_t person_id = 0;
  std::string name;
  int64_t class_hours = 0, minutes = 0, records = 0;
};
struct ClassOnline {
  int64_t class_id = 0;
  int64_t planned_online_hours = 0;
  std::vector<TraineeOnline> trainees;
  std::vector<domain::OnlineRecord> records;
};
Result<ClassOnline> GetClassOnline(const AppContext& ctx, const Actor& actor, int64_t class_id);

// Internal to the online use cases (online_platforms.cc, online_imports.cc): the check context of
// a class — its period, the policy's minutes per hour, its roster by ID number and the offline
// attendance of its trainees (check-in to check-out).
Result<domain::OnlineCheckContext> OnlineContextOf(const AppContext& ctx, ports::StoreTx& tx,
                                                   const domain::TrainingClass& cls);
// Whether records may arrive for a class in this state (approved: training runs).
Status OnlineRecordsOpen(const domain::TrainingClass& cls);

}  // namespace anpei::app
