#include "support/pdf_text.h"
#include <filesystem>

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "support/subprocess.h"

namespace anpei::testing {

std::string NoSpaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ') out += c;
  }
  return out;
}

std::string PdfText(const std::string& pdf) {
  // In the test's temporary directory ($TMPDIR), not a fixed /tmp.
  std::string templ = (std::filesystem::temp_directory_path() / "anpei-form-XXXXXX").string();
  char* path = templ.data();
  const int fd = mkstemp(path);
  EXPECT_GE(fd, 0);
  if (fd < 0) return "";
  EXPECT_EQ(write(fd, pdf.data(), pdf.size()), static_cast<ssize_t>(pdf.size()));
  close(fd);
  auto r = RunProcess("/usr/bin/pdftotext", {path, "-"});
  unlink(path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return NoSpaces(r.out);
}

}  // namespace anpei::testing
