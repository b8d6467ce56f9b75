// The query filters of the list routes, parsed once for the list and for its export (so an
// export takes exactly the filters its page sends), and the answer of a file download.
#pragma once

#include <string>

#include "base/status.h"
#include "http/http_types.h"
#include "ports/account_repository.h"
#include "ports/audit_repository.h"
#include "ports/class_repository.h"
#include "ports/enrolment_repository.h"
#include "ports/registry_repository.h"

namespace anpei::http {

Result<ports::ClassFilter> ClassFilterOf(const HttpRequest& req);
Result<ports::InstitutionFilter> InstitutionFilterOf(const HttpRequest& req);
Result<ports::TeacherFilter> TeacherFilterOf(const HttpRequest& req);
Result<ports::TraineeFilter> TraineeFilterOf(const HttpRequest& req);
Result<ports::HeldFilter> HeldFilterOf(const HttpRequest& req);
Result<ports::UserFilter> UserFilterOf(const HttpRequest& req);
Result<ports::AuditFilter> AuditFilterOf(const HttpRequest& req);

inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A file: Content-Disposition with the UTF-8 name (RFC 6266 / RFC 5987 filename*) and an ASCII
// fallback for old clients; `inline` opens it in the browser (a PDF), else it is downloaded.
// Never cached (Cache-Control: no-store): a download may hold personal data, masked or not.
HttpResponse FileResponse(std::string bytes, std::string content_type, const std::string& file_name,
                          const std::string& ascii_fallback, bool inline_view = false);

// RFC 5987 attr-char percent-encoding of a UTF-8 string (for filename*=UTF-8''…).
std::string Rfc5987Encode(const std::string& text);

}  // namespace anpei::http
