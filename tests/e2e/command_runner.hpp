#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sind::test {

struct CommandResult
{
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Run the sind executable under test with `arguments`, with `environment`
// added to (or, with an empty value, removed from) the current environment,
// and `stdin_data` on its standard input, and wait for it to end. With
// `interrupt_after`, send SIGINT once that time has passed, and SIGKILL if it
// is still running 10 s later.
CommandResult run_sind(const std::vector<std::string>& arguments,
                       const std::map<std::string, std::string>& environment = {},
                       const std::string& stdin_data = "",
                       std::optional<std::chrono::milliseconds> interrupt_after = std::nullopt);

// Run `program`, an absolute path, as run_sind runs sind.
CommandResult run_program(const std::string& program, const std::vector<std::string>& arguments,
                          const std::map<std::string, std::string>& environment = {},
                          const std::string& stdin_data = "",
                          std::optional<std::chrono::milliseconds> interrupt_after = std::nullopt);

} // namespace sind::test
