// A check one evidence file failed (domain/evidence.h finds them; domain/evidence_checklist.h
// lists them): the rule, the clause of the notice it enforces, a plain Chinese sentence.
#pragma once

#include <string>

namespace anpei::domain {

struct EvidenceProblem {
  std::string rule;     // EVIDENCE_PHOTO_REUSED, EVIDENCE_PHOTO_TIME, …
  std::string clause;   // the clause it cites
  std::string message;  // plain Chinese
  friend bool operator==(const EvidenceProblem&, const EvidenceProblem&) = default;
};

}  // namespace anpei::domain
