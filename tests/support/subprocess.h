// Runs a real program with arguments and stdin, capturing stdout, stderr and the exit code, with a
// deadline (a hang is killed and reported). Test support only (the anpei_test_support library):
// POSIX fork/exec.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace anpei::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 when killed by a signal or the deadline
  bool timed_out = false;
  int signal = 0;
  std::string out, err;
};

ProcessResult RunProcess(const std::string& program, const std::vector<std::string>& args,
                         const std::string& input = {},
                         std::chrono::milliseconds deadline = std::chrono::seconds(10),
                         const std::vector<std::string>& env = {});

}  // namespace anpei::testing
