#include "domain/spot_check.h"

#include <algorithm>
#include <utility>

#include "domain/text.h"

namespace anpei::domain {

std::string DrawKeyText(std::string_view seed, int64_t class_id) {
  std::string out(seed);
  out += ':';
  out += std::to_string(class_id);
  return out;
}

std::vector<int64_t> DrawClasses(std::vector<int64_t> candidates, int64_t count,
                                 std::string_view seed, const DrawHash& hash) {
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::vector<std::pair<std::string, int64_t>> keyed;
  keyed.reserve(candidates.size());
  for (int64_t id : candidates) keyed.emplace_back(hash(DrawKeyText(seed, id)), id);
  std::sort(keyed.begin(), keyed.end());
  const size_t take = count <= 0 ? 0 : std::min(keyed.size(), static_cast<size_t>(count));
  std::vector<int64_t> out;
  out.reserve(take);
  for (size_t i = 0; i < take; ++i) out.push_back(keyed[i].second);
  return out;
}

bool IsInTraining(ClassState state, std::optional<Date> first, std::optional<Date> last,
                  Date today) {
  return state == ClassState::kApproved && first && last && *first <= today && today <= *last;
}

Status CheckDrawCount(int64_t count) {
  if (count < 1 || count > kMaxDrawCount) {
    return Status::Invalid("count", "抽取数量应为 1–" + std::to_string(kMaxDrawCount) +
                                        " 的整数，收到 " + std::to_string(count))
        .WithReason("spot_check.count");
  }
  return Status::Ok();
}

Status CheckSeed(std::string_view seed) {
  const bool printable =
      std::all_of(seed.begin(), seed.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  if (seed.empty() || seed.size() > kMaxSeedLength || !printable || seed.front() == ' ' ||
      seed.back() == ' ') {
    return Status::Invalid("seed", "随机种子应为 1–" + std::to_string(kMaxSeedLength) +
                                       " 个可打印的英文字母、数字或符号（首尾不能是空格）；"
                                       "不填则由系统生成")
        .WithReason("spot_check.seed");
  }
  return Status::Ok();
}

Status CheckVisit(const SpotCheckVisit& visit, bool open_case) {
  if (visit.inspectors.empty() || visit.inspectors.size() > kMaxInspectors) {
    return Status::Invalid("inspectors",
                           "请填写 1–" + std::to_string(kMaxInspectors) + " 名检查人员");
  }
  for (const auto& name : visit.inspectors) {
    const size_t n = Utf8Length(name);
    if (n == 0 || n > kMaxInspectorNameLength) {
      return Status::Invalid(
          "inspectors", "检查人员姓名应为 1–" + std::to_string(kMaxInspectorNameLength) + " 个字");
    }
  }
  if (visit.present < 0 || visit.present > kMaxHeadCount) {
    return Status::Invalid("present", "实到人数应为 0–" + std::to_string(kMaxHeadCount));
  }
  if (visit.expected < 0 || visit.expected > kMaxHeadCount) {
    return Status::Invalid("expected", "应到人数应为 0–" + std::to_string(kMaxHeadCount));
  }
  if (Utf8Length(visit.findings) > kMaxFindingsLength) {
    return Status::Invalid("findings",
                           "检查情况最多 " + std::to_string(kMaxFindingsLength) + " 个字");
  }
  if (open_case && visit.findings.empty()) {
    return Status::Invalid("findings", "立案须写明检查发现的问题");
  }
  return Status::Ok();
}

std::string CaseSummary(std::string_view findings) {
  constexpr size_t kChars = 200;
  size_t chars = 0;
  size_t i = 0;
  while (i < findings.size()) {
    if ((static_cast<unsigned char>(findings[i]) & 0xC0) != 0x80) {
      if (chars == kChars) break;
      ++chars;
    }
    ++i;
  }
  return std::string(findings.substr(0, i));
}

}  // namespace anpei::domain
