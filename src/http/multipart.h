// multipart/form-data (RFC 7578) request bodies, as browsers and curl -F send file uploads.
// Boost.Beast has no parser for it; this one reads the whole (already size-limited) body.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/status.h"

namespace anpei::http {

struct FormPart {
  std::string file_name;  // the filename parameter, empty for a plain field
  std::string content_type;
  std::string data;
};

// True when the Content-Type header is multipart/form-data.
bool IsMultipartForm(std::string_view content_type);

// The parts by field name (the first of a repeated name wins). InvalidArgument (field "body",
// reason http.multipart) naming the fault: no boundary, a part without a name, no closing line.
Result<std::map<std::string, FormPart>> ParseMultipartForm(std::string_view content_type,
                                                           std::string_view body);

// The file in form field `field` of a multipart/form-data body: its bytes and file name. A body
// that is not multipart, or a form without the field, gives an empty file, for the import use
// cases to name what is missing in their own words; InvalidArgument only for a malformed form.
struct UploadedFile {
  std::string bytes;
  std::string name;
};
Result<UploadedFile> OptionalFormFile(std::string_view content_type, std::string_view body,
                                      const std::string& field = "file");

}  // namespace anpei::http
