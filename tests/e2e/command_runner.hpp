#pragma once

#include <map>
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
// and `stdin_data` on its standard input, and wait for it to end.
CommandResult run_sind(const std::vector<std::string>& arguments,
                       const std::map<std::string, std::string>& environment = {},
                       const std::string& stdin_data = "");

} // namespace sind::test
