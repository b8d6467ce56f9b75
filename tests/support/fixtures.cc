#include "support/fixtures.h"

#include <cstdio>

#include "domain/identity.h"

namespace anpei::testing {

std::string ValidUscc(int n) {
  const std::string chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  char org[16];
  std::snprintf(org, sizeof org, "%08u",
                (10000000u + static_cast<unsigned>(n) * 7919u) % 100000000u);
  for (char org_check : std::string("0123456789X")) {
    for (char last : chars) {
      std::string code = std::string("91350503") + org + org_check + last;
      if (domain::CheckUscc(code).ok()) return code;
    }
  }
  return "";
}

std::string ValidId(int n, int year) {
  char first17[32];
  std::snprintf(first17, sizeof first17, "350503%04d0315%03d", year % 10000,
                static_cast<unsigned>(n) % 1000);
  return std::string(first17) + domain::Mod112CheckChar(first17);
}

}  // namespace anpei::testing
