// anpei id check NUMBER [--kind person|resident|uscc] [--today DATE]
#include <chrono>
#include <iostream>

#include "adapters/icu/icu_text_normalizer.h"
#include "cli/cli.h"
#include "domain/identity.h"

namespace anpei::cli {
namespace {

constexpr std::string_view kUsage =
    "用法：anpei id check NUMBER [--kind person|resident|uscc] [--today YYYY-MM-DD]\n"
    "  person（默认）：居民身份证号码或港澳台居民居住证号码\n"
    "  resident：仅居民身份证号码（GB 11643）\n"
    "  uscc：统一社会信用代码（GB 32100）\n"
    "有效时输出 valid 及出生日期，退出码 0；无效时输出原因（length、characters、region、\n"
    "birth_date、check_digit、org_code），退出码 1。\n";

// The civil date at the policy's local time (China Standard Time): ID birth dates are local dates.
domain::Date Today(int offset_minutes) {
  const auto now = std::chrono::system_clock::now();
  const int64_t secs =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  return domain::LocalDate(domain::Instant{secs}, offset_minutes);
}

}  // namespace

int RunId(const Args& args) {
  if (args.empty() || args[0] != "check" || args.size() < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  std::string number, kind = "person";
  auto reference = LoadReferenceOrReport();
  if (!reference) return kExitConfig;
  domain::Date today = Today(reference->local_offset_minutes());
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--kind" && i + 1 < args.size()) {
      kind = args[++i];
    } else if (args[i] == "--today" && i + 1 < args.size()) {
      auto d = domain::ParseDate(args[++i], "--today");
      if (!d.ok()) {
        PrintError(d.status());
        return kExitUsage;
      }
      today = *d;
    } else if (number.empty() && (args[i].empty() || args[i][0] != '-')) {
      number = args[i];
    } else {
      std::cerr << kUsage;
      return kExitUsage;
    }
  }
  if (number.empty()) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  // The same normalisation as the API (full-width digits, invisible characters, spaces).
  auto text = adapters::MakeIcuTextNormalizer();
  if (!text.ok()) {
    PrintError(text.status());
    return kExitConfig;
  }
  number = (*text)->Identifier(number);
  if (kind == "uscc") {
    const domain::OrgCodeCheck r = domain::CheckUscc(domain::CanonicalUscc(number));
    if (r.ok()) {
      std::cout << "valid\n";
      return kExitOk;
    }
    std::cout << "invalid " << domain::IdErrorName(r.error) << ": " << r.detail << "\n";
    if (r.error == domain::IdError::kCheckDigit) {
      std::cerr << "仅校验码不符：登记培训机构时可按旧代码受理，须经市公安局确认后才能申报培训班\n";
    }
    return kExitFailed;
  }
  if (kind != "person" && kind != "resident") {
    PrintError(Status::Invalid("--kind", "应为 person、resident 或 uscc，收到 \"" + kind + "\""));
    return kExitUsage;
  }
  const domain::PersonIdCheck r = kind == "resident" ? domain::CheckResidentId(number, today)
                                                     : domain::CheckPersonId(number, today);
  if (!r.ok()) {
    std::cout << "invalid " << domain::IdErrorName(r.error) << ": " << r.detail << "\n";
    return kExitFailed;
  }
  std::cout << "valid " << r.birth_date.ToString();
  if (r.kind != domain::PersonIdKind::kResident) {
    std::cout << " " << domain::PersonIdKindName(r.kind);
  }
  std::cout << "\n";
  return kExitOk;
}

}  // namespace anpei::cli
