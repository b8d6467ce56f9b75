// Valid identifiers for test data: unified social credit codes (GB 32100) and resident ID numbers
// (GB 11643) that pass their check characters, distinct for distinct n. Test support only.
#pragma once

#include <string>

namespace anpei::testing {

// A valid USCC of a Fengze (350503) enterprise, distinct for each n.
std::string ValidUscc(int n);
// A valid resident ID number registered in Fengze, born 15 March `year`, distinct for n < 1000.
std::string ValidId(int n, int year = 1990);

}  // namespace anpei::testing
