#include "cli/demo_people.h"

#include <cstdio>

#include "domain/identity.h"

namespace anpei::cli {

// A valid 18-digit resident ID: region, birth date, sequence, MOD 11-2 check character.
std::string ResidentId(std::mt19937& rng, const char* region, int year) {
  std::uniform_int_distribution<int> month(1, 12), day(1, 28), seq(1, 999);
  char first17[18];
  std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03d", region, year, month(rng), day(rng),
                seq(rng));
  return std::string(first17) + domain::Mod112CheckChar(first17);
}

// A valid unified social credit code of a company (91...) registered in `region`: the two check
// characters are found by trying each candidate against the domain's checker.
std::string Uscc(std::mt19937& rng, const char* region) {
  std::uniform_int_distribution<int> digit(0, 9);
  std::string org;
  for (int i = 0; i < 8; ++i) org += static_cast<char>('0' + digit(rng));
  const std::string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  for (char org_check : std::string("0123456789X")) {
    for (char last : chars) {
      std::string code = std::string("91") + region + org + org_check + last;
      if (domain::CheckUscc(code).ok()) return code;
    }
  }
  return "";
}

std::string Phone(std::mt19937& rng) {
  constexpr const char* kPrefixes[] = {"138", "139", "135", "150", "158", "186", "189", "177"};
  std::uniform_int_distribution<int> p(0, 7), digit(0, 9);
  std::string s = kPrefixes[p(rng)];
  for (int i = 0; i < 8; ++i) s += static_cast<char>('0' + digit(rng));
  return s;
}

}  // namespace anpei::cli
