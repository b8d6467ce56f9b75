#include "adapters/toml/toml_reference_source.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

#include <toml++/toml.h>

#include "domain/certificate.h"
#include "domain/eligibility.h"
#include "domain/evidence_checklist.h"
#include "domain/evidence_video.h"
#include "domain/plan.h"
#include "domain/selfie.h"

namespace anpei::adapters {
namespace fs = std::filesystem;
using domain::Date;

namespace {

// Reads one TOML table with errors that name "origin: key".
class Reader {
 public:
  Reader(const toml::table& root, std::string origin) : root_(root), origin_(std::move(origin)) {}

  Status Error(std::string_view key, std::string message) const {
    return Status::Invalid(origin_ + ": " + std::string(key), std::move(message));
  }

  const toml::node* Node(std::string_view key) const { return root_.at_path(key).node(); }

  Result<std::string> String(std::string_view key, bool required = true) const {
    const toml::node* n = Node(key);
    if (!n) return required ? Result<std::string>(Error(key, "缺少必填项")) : std::string();
    if (!n->is_string()) return Error(key, "应为字符串");
    return std::string(*n->value<std::string_view>());
  }

  Result<int64_t> Int(std::string_view key, int64_t min, int64_t max) const {
    const toml::node* n = Node(key);
    if (!n) return Error(key, "缺少必填项");
    if (!n->is_integer()) return Error(key, "应为整数");
    const int64_t v = *n->value<int64_t>();
    if (v < min || v > max) {
      return Error(key, "取值 " + std::to_string(v) + " 超出范围 " + std::to_string(min) + "–" +
                            std::to_string(max));
    }
    return v;
  }

  Result<bool> Bool(std::string_view key) const {
    const toml::node* n = Node(key);
    if (!n) return Error(key, "缺少必填项");
    if (!n->is_boolean()) return Error(key, "应为 true 或 false");
    return *n->value<bool>();
  }

  Result<Date> DateAt(std::string_view key, const toml::node* n) const {
    if (!n) return Error(key, "缺少必填项");
    if (!n->is_date()) return Error(key, "应为 TOML 日期（例如 2021-06-30，不加引号）");
    const toml::date d = *n->value<toml::date>();
    if (!domain::IsValidDate(d.year, d.month, d.day)) return Error(key, "不是真实日期");
    return Date{d.year, d.month, d.day};
  }

  Result<Date> DateOf(std::string_view key) const { return DateAt(key, Node(key)); }

  const std::string& origin() const { return origin_; }

 private:
  const toml::table& root_;
  std::string origin_;
};

Result<toml::table> ParseToml(std::string_view text, std::string_view origin) {
  // Debian's toml++ is built with exceptions: its parse errors are turned into values here, at
  // the library boundary.
  try {
    return toml::parse(text, origin);
  } catch (const toml::parse_error& e) {
    return Status::Invalid(std::string(origin) + ":" + std::to_string(e.source().begin.line) + ":" +
                               std::to_string(e.source().begin.column),
                           "TOML 语法错误：" + std::string(e.description()));
  }
}

Result<int> ParseUtcOffset(const Reader& r) {
  ANPEI_ASSIGN_OR_RETURN(auto text, r.String("utc_offset"));
  const std::string& s = text;
  auto digit = [&](size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' || !digit(1) || !digit(2) ||
      !digit(4) || !digit(5)) {
    return r.Error("utc_offset", "应为 ±HH:MM，例如 \"+08:00\"");
  }
  const int minutes = ((s[1] - '0') * 10 + (s[2] - '0')) * 60 + (s[4] - '0') * 10 + (s[5] - '0');
  return s[0] == '-' ? -minutes : minutes;
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(Code::kUnavailable, "无法读取文件 " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<fs::path>> TomlFiles(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Status(Code::kUnavailable, "目录不存在：" + dir.string());
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      files.push_back(entry.path());
  }
  if (ec) return Status(Code::kUnavailable, "无法列出目录 " + dir.string() + "：" + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

// Percent limits and hour counts are bounded so that exact integer arithmetic cannot overflow.
constexpr int64_t kMaxPercent = 100;
constexpr int64_t kMaxHours = 1000;
constexpr int64_t kMaxMinutesPerHour = 120;
constexpr int64_t kMaxWorkingDays = 100;
constexpr int64_t kMaxYears = 100;
constexpr int64_t kMaxSubsidyYuan = 1'000'000;
constexpr int64_t kMaxAge = 100;

// Reads one key into `target` or returns the reader's error.
#define ANPEI_READ(target, expr)                   \
  do {                                             \
    auto v_ = (expr);                              \
    if (!v_.ok()) return v_.status();              \
    (target) = static_cast<decltype(target)>(*v_); \
  } while (false)

// An optional integer key of a policy section: `target` keeps its default when the key is absent.
Status OptionalInt(const Reader& r, const char* key, int& target, int64_t min, int64_t max) {
  if (!r.Node(key)) return Status::Ok();
  auto v = r.Int(key, min, max);
  if (!v.ok()) return v.status();
  target = static_cast<int>(*v);
  return Status::Ok();
}

// [attendance] (issue "Attendance"): each key optional, the default kept when absent.
Status ReadAttendance(const Reader& r, domain::AttendanceLimits& a) {
  const auto opt = [&](const char* key, int& target, int64_t min, int64_t max) {
    return OptionalInt(r, key, target, min, max);
  };
  constexpr int64_t kDay = 24 * 60, kMaxSeconds = 3600, kMaxMetres = 100'000;
  ANPEI_RETURN_IF_ERROR(opt("attendance.token_seconds", a.token_seconds, 5, kMaxSeconds));
  ANPEI_RETURN_IF_ERROR(
      opt("attendance.token_grace_seconds", a.token_grace_seconds, 0, kMaxSeconds));
  ANPEI_RETURN_IF_ERROR(opt("attendance.check_in_before_min", a.check_in_before_min, 0, kDay));
  ANPEI_RETURN_IF_ERROR(opt("attendance.check_in_after_min", a.check_in_after_min, 0, kDay));
  ANPEI_RETURN_IF_ERROR(opt("attendance.check_out_before_min", a.check_out_before_min, 0, kDay));
  ANPEI_RETURN_IF_ERROR(opt("attendance.check_out_after_min", a.check_out_after_min, 0, kDay));
  ANPEI_RETURN_IF_ERROR(opt("attendance.max_distance_m", a.max_distance_m, 1, kMaxMetres));
  ANPEI_RETURN_IF_ERROR(opt("attendance.max_accuracy_m", a.max_accuracy_m, 1, kMaxMetres));
  ANPEI_RETURN_IF_ERROR(opt("attendance.roll_call_seconds", a.roll_call_seconds, 10, kMaxSeconds));
  if (r.Node("attendance.selfie_required")) {
    ANPEI_READ(a.selfie_required, r.Bool("attendance.selfie_required"));
  }
  return Status::Ok();
}

// [fraud] (issue 15, 四（三）): each key optional, the default kept when absent.
Status ReadFraud(const Reader& r, domain::FraudLimits& f) {
  ANPEI_RETURN_IF_ERROR(
      OptionalInt(r, "fraud.response_working_days", f.response_working_days, 1, kMaxWorkingDays));
  return OptionalInt(r, "fraud.blacklist_years", f.blacklist_years, 1, kMaxYears);
}

// [evidence] (issue 14, videos): each key optional, the default kept when absent.
Status ReadEvidence(const Reader& r, domain::EvidenceLimits& e) {
  const auto opt = [&](const char* key, int& target, int64_t min, int64_t max) {
    return OptionalInt(r, key, target, min, max);
  };
  constexpr int64_t kHourSeconds = 3600, kDaySeconds = 24 * 3600;
  ANPEI_RETURN_IF_ERROR(opt("evidence.video_max_gap_seconds", e.video_max_gap_seconds, 1, 600));
  ANPEI_RETURN_IF_ERROR(opt("evidence.practical_continuous_seconds", e.practical_continuous_seconds,
                            1, kHourSeconds));
  ANPEI_RETURN_IF_ERROR(
      opt("evidence.theory_uncovered_max_seconds", e.theory_uncovered_max_seconds, 0, kDaySeconds));
  constexpr int64_t kMaxPhotos = 1000;
  ANPEI_RETURN_IF_ERROR(opt("evidence.group_photos_min", e.group_photos_min, 0, kMaxPhotos));
  ANPEI_RETURN_IF_ERROR(
      opt("evidence.practical_photos_min", e.practical_photos_min, 0, kMaxPhotos));
  ANPEI_RETURN_IF_ERROR(
      opt("evidence.photo_time_tolerance_minutes", e.photo_time_tolerance_minutes, 0, 24 * 60));
  ANPEI_RETURN_IF_ERROR(
      opt("evidence.photo_max_hamming", e.photo_max_hamming, 0, domain::kSelfieReuseMaxBits));
  ANPEI_RETURN_IF_ERROR(opt("evidence.photo_max_mib", e.photo_max_mib, 1, 1024));
  ANPEI_RETURN_IF_ERROR(opt("evidence.video_max_mib", e.video_max_mib, 1, 64 * 1024));
  return Status::Ok();
}

// The scalar keys: identity, time zone, plan rule numbers, eligibility, publicity, retention.
Status ReadPolicyNumbers(const Reader& r, domain::Policy& p) {
  ANPEI_READ(p.id, r.String("id"));
  if (p.id.empty()) return r.Error("id", "不能为空");
  ANPEI_READ(p.version, r.Int("version", 1, 1'000'000));
  ANPEI_READ(p.document, r.String("document"));
  ANPEI_READ(p.title, r.String("title"));
  ANPEI_READ(p.effective_from, r.DateOf("effective_from"));
  if (r.Node("effective_until")) {
    Date until;
    ANPEI_READ(until, r.DateOf("effective_until"));
    if (until < p.effective_from) return r.Error("effective_until", "早于 effective_from");
    p.effective_until = until;
  }
  ANPEI_READ(p.utc_offset_minutes, ParseUtcOffset(r));

  ANPEI_READ(p.plan.min_total_hours, r.Int("plan.min_total_hours", 1, kMaxHours));
  ANPEI_READ(p.plan.min_minutes_per_hour,
             r.Int("plan.min_minutes_per_hour", 1, kMaxMinutesPerHour));
  ANPEI_READ(p.plan.min_theory_percent, r.Int("plan.min_theory_percent", 0, kMaxPercent));
  ANPEI_READ(p.plan.max_practical_percent, r.Int("plan.max_practical_percent", 0, kMaxPercent));
  ANPEI_READ(p.plan.max_online_percent, r.Int("plan.max_online_percent", 0, kMaxPercent));
  ANPEI_READ(p.plan.practical_offline_only, r.Bool("plan.practical_offline_only"));
  ANPEI_READ(p.plan.declare_within_working_days,
             r.Int("plan.declare_within_working_days", 0, kMaxWorkingDays));
  ANPEI_READ(p.eligibility.pass_score, r.Int("eligibility.pass_score", 0, kMaxPercent));
  ANPEI_READ(p.eligibility.max_subsidies_lifetime,
             r.Int("eligibility.max_subsidies_lifetime", 0, kMaxPercent));
  ANPEI_READ(p.eligibility.max_subsidies_per_year,
             r.Int("eligibility.max_subsidies_per_year", 0, kMaxPercent));
  ANPEI_READ(p.publicity_working_days, r.Int("publicity.working_days", 1, kMaxWorkingDays));
  ANPEI_READ(p.retention_years, r.Int("retention.evidence_years", 1, kMaxYears));
  int archive_years = 0;
  ANPEI_READ(archive_years, r.Int("retention.archive_years", 1, kMaxYears));
  p.retention_years = std::max(p.retention_years, archive_years);
  ANPEI_RETURN_IF_ERROR(ReadAttendance(r, p.attendance));
  ANPEI_RETURN_IF_ERROR(ReadFraud(r, p.fraud));
  return ReadEvidence(r, p.evidence);
}

Status ReadOccupations(const toml::table& table, const Reader& r, std::string_view origin,
                       domain::Policy& p) {
  const toml::array* occs = table.get_as<toml::array>("occupations");
  if (!occs || occs->empty()) return r.Error("occupations", "至少需要一个工种（[[occupations]]）");
  for (size_t i = 0; i < occs->size(); ++i) {
    const std::string key = "occupations[" + std::to_string(i) + "]";
    const toml::table* t = occs->get(i)->as_table();
    if (!t) return r.Error(key, "应为表（[[occupations]]）");
    Reader o(*t, std::string(origin) + ": " + key);
    domain::Occupation occ;
    ANPEI_READ(occ.id, o.String("id"));
    ANPEI_READ(occ.name, o.String("name"));
    ANPEI_READ(occ.scarce, o.Bool("scarce"));
    ANPEI_READ(occ.subsidy_yuan, o.Int("subsidy_yuan", 0, kMaxSubsidyYuan));
    ANPEI_READ(occ.min_age, o.Int("min_age", 0, kMaxAge));
    ANPEI_READ(occ.level, o.String("level"));
    if (occ.level.empty()) return o.Error("level", "不能为空（证书打印的职业技能等级）");
    if (occ.id.empty()) return o.Error("id", "不能为空");
    if (p.FindOccupation(occ.id)) return o.Error("id", "工种 " + occ.id + " 重复");
    p.occupations.push_back(std::move(occ));
  }
  return Status::Ok();
}

Status ReadTraineeGroups(const toml::table& table, const Reader& r, std::string_view origin,
                         domain::Policy& p) {
  const toml::array* groups = table.get_as<toml::array>("trainee_groups");
  if (!groups || groups->empty()) {
    return r.Error("trainee_groups", "至少需要一个培训对象类别（[[trainee_groups]]）");
  }
  for (size_t i = 0; i < groups->size(); ++i) {
    const std::string key = "trainee_groups[" + std::to_string(i) + "]";
    const toml::table* t = groups->get(i)->as_table();
    if (!t) return r.Error(key, "应为表（[[trainee_groups]]）");
    Reader g(*t, std::string(origin) + ": " + key);
    domain::TraineeGroup group;
    ANPEI_READ(group.id, g.String("id"));
    ANPEI_READ(group.name, g.String("name"));
    p.trainee_groups.push_back(std::move(group));
  }
  return Status::Ok();
}

// [clauses] (the notice's words) and [rules] (rule id → clause); every plan rule needs a clause.
Status ReadClausesAndRules(const toml::table& table, const Reader& r, domain::Policy& p) {
  const toml::table* clauses = table.get_as<toml::table>("clauses");
  if (!clauses) return r.Error("clauses", "缺少条款原文表 [clauses]");
  for (const auto& [k, v] : *clauses) {
    if (!v.is_string()) return r.Error("clauses." + std::string(k.str()), "应为字符串");
    p.clauses[std::string(k.str())] =
        domain::Clause{std::string(k.str()), std::string(*v.value<std::string_view>())};
  }
  const toml::table* rules = table.get_as<toml::table>("rules");
  if (!rules) return r.Error("rules", "缺少规则与条款对应表 [rules]");
  for (const auto& [k, v] : *rules) {
    const std::string key = "rules." + std::string(k.str());
    if (!v.is_string()) return r.Error(key, "应为条款编号字符串");
    const std::string clause(*v.value<std::string_view>());
    if (!p.clauses.count(clause))
      return r.Error(key, "引用的条款 " + clause + " 不在 [clauses] 中");
    p.rule_clause[std::string(k.str())] = clause;
  }
  std::vector<std::string_view> required(std::begin(domain::kPlanRules),
                                         std::end(domain::kPlanRules));
  required.push_back(domain::kRulePracticalVideo);
  required.push_back(domain::kRuleTheoryVideo);
  for (std::string_view rule : domain::kChecklistRules) required.push_back(rule);
  for (std::string_view rule : domain::kEligibilityRules) required.push_back(rule);
  for (std::string_view rule : required) {
    if (!p.rule_clause.count(std::string(rule))) {
      return r.Error("rules." + std::string(rule), "缺少该规则所依据的条款");
    }
  }
  return Status::Ok();
}
// [certificates] (issue 15): the number prefix of the policy's certificate series; optional.
Status ReadCertificates(const Reader& r, domain::Policy& p) {
  if (!r.Node("certificates.number_prefix")) return Status::Ok();
  ANPEI_READ(p.certificate_prefix, r.String("certificates.number_prefix"));
  if (!domain::IsValidNumberPrefix(p.certificate_prefix)) {
    return r.Error("certificates.number_prefix", "应为 2–8 个大写字母或数字，例如 QZAB");
  }
  return Status::Ok();
}
#undef ANPEI_READ

}  // namespace

Result<domain::Policy> ParsePolicyToml(std::string_view text, std::string_view origin) {
  ANPEI_ASSIGN_OR_RETURN(auto table, ParseToml(text, origin));
  Reader r(table, std::string(origin));
  domain::Policy p;
  ANPEI_RETURN_IF_ERROR(ReadPolicyNumbers(r, p));
  ANPEI_RETURN_IF_ERROR(ReadOccupations(table, r, origin, p));
  ANPEI_RETURN_IF_ERROR(ReadTraineeGroups(table, r, origin, p));
  ANPEI_RETURN_IF_ERROR(ReadClausesAndRules(table, r, p));
  ANPEI_RETURN_IF_ERROR(ReadCertificates(r, p));
  return p;
}

Result<domain::CalendarYear> ParseCalendarToml(std::string_view text, std::string_view origin) {
  ANPEI_ASSIGN_OR_RETURN(auto table, ParseToml(text, origin));
  Reader r(table, std::string(origin));
  domain::CalendarYear y;
  ANPEI_ASSIGN_OR_RETURN(auto year, r.Int("year", 1900, 9999));
  y.year = static_cast<int>(year);
  ANPEI_ASSIGN_OR_RETURN(auto source, r.String("source"));
  y.source = std::move(source);

  const toml::array* hs = table.get_as<toml::array>("holiday");
  if (!hs) return r.Error("holiday", "缺少节假日安排（[[holiday]]）");
  for (size_t i = 0; i < hs->size(); ++i) {
    const std::string key = "holiday[" + std::to_string(i) + "]";
    const toml::table* t = hs->get(i)->as_table();
    if (!t) return r.Error(key, "应为表（[[holiday]]）");
    Reader h(*t, std::string(origin) + ": " + key);
    domain::HolidayPeriod period;
    ANPEI_ASSIGN_OR_RETURN(auto name, h.String("name"));
    period.name = std::move(name);
    ANPEI_ASSIGN_OR_RETURN(auto from, h.DateOf("off.from"));
    ANPEI_ASSIGN_OR_RETURN(auto to, h.DateOf("off.to"));
    period.off_from = from;
    period.off_to = to;
    if (const toml::node* w = h.Node("work")) {
      const toml::array* arr = w->as_array();
      if (!arr) return h.Error("work", "应为日期数组，例如 [2021-09-26, 2021-10-09]");
      for (size_t j = 0; j < arr->size(); ++j) {
        ANPEI_ASSIGN_OR_RETURN(auto d, h.DateAt("work[" + std::to_string(j) + "]", arr->get(j)));
        period.work.push_back(d);
      }
    }
    y.holidays.push_back(std::move(period));
  }
  return y;
}

Result<std::vector<domain::Policy>> TomlReferenceSource::LoadPolicies() {
  ANPEI_ASSIGN_OR_RETURN(auto files, TomlFiles(policy_dir_));
  if (files.empty())
    return Status(Code::kUnavailable, "目录 " + policy_dir_.string() + " 中没有政策文件");
  std::vector<domain::Policy> out;
  for (const fs::path& f : files) {
    ANPEI_ASSIGN_OR_RETURN(auto text, ReadFile(f));
    ANPEI_ASSIGN_OR_RETURN(auto p, ParsePolicyToml(text, f.filename().string()));
    if (p.id != f.stem().string()) {
      return Status::Invalid(f.filename().string() + ": id",
                             "政策编号 " + p.id + " 应与文件名 " + f.stem().string() + " 一致");
    }
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<domain::CalendarYear>> TomlReferenceSource::LoadCalendar() {
  ANPEI_ASSIGN_OR_RETURN(auto files, TomlFiles(calendar_dir_));
  std::vector<domain::CalendarYear> out;
  for (const fs::path& f : files) {
    ANPEI_ASSIGN_OR_RETURN(auto text, ReadFile(f));
    ANPEI_ASSIGN_OR_RETURN(auto y, ParseCalendarToml(text, f.filename().string()));
    out.push_back(std::move(y));
  }
  return out;
}

Result<std::vector<std::string>> TomlReferenceSource::LoadCommonPasswords() {
  std::vector<std::string> out;
  std::error_code ec;
  if (common_passwords_.empty() || !fs::exists(common_passwords_, ec)) return out;
  std::ifstream in(common_passwords_);
  if (!in) return Status(Code::kUnavailable, "无法读取 " + common_passwords_.string());
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.starts_with("#")) continue;
    out.push_back(line);
  }
  return out;
}

}  // namespace anpei::adapters
