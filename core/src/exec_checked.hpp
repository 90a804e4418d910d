#pragma once

#include <sind/runtime.hpp>

#include <string>

namespace sind {

// Run `request` in `container` and return its result when it exits with 0.
// Otherwise throw sind::Error that names `purpose`, the container, the
// command, its exit code and the last line it wrote to stderr (or stdout).
ExecResult exec_checked(Runtime& runtime, const std::string& container, const ExecRequest& request,
                        const std::string& purpose);

// Quote `word` for a POSIX shell.
std::string shell_quote(const std::string& word);

} // namespace sind
