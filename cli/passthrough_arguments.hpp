#pragma once

// Command lines that CLI11 must not parse whole: `sind ssh` passes options
// it does not know (-o, -v, -i ...) to OpenSSH, and hidden commands such as
// `__relay-connect` take their arguments verbatim. Pure: nothing here talks
// to the engine.

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sind::cli {

// A command line split at its command word.
struct PassthroughCommandLine
{
  std::vector<std::string> global_options; // the words before the command word
  std::string command;
  std::vector<std::string> arguments; // the words after it, verbatim
};

// Find the command word of `arguments` (the words after "sind"): the first
// word that is neither a global option (--realm X, --realm=X, --runtime X,
// -v, ...) nor the value of one. Return the split command line when that
// word is one of `commands`, and nothing otherwise. Nothing, too, when -h or
// --help comes before any "--", so that CLI11 prints the help.
std::optional<PassthroughCommandLine> split_passthrough_command(const std::vector<std::string>& arguments,
                                                                const std::set<std::string>& commands);

// The arguments of `sind ssh [SSH_OPTIONS] NODE [-- COMMAND...]`.
struct SshArguments
{
  std::vector<std::string> options; // OpenSSH options in their order, verbatim
  std::string node;                 // NODE[.CLUSTER]
  std::vector<std::string> command; // the words after "--"; empty: a login shell
};

// Split the arguments of `sind ssh` by OpenSSH 9.2's option syntax, so the
// value of -o, -i, -p, -l, -F, -J, -L, -R, -D and the other options that take
// one is never taken for NODE. Options may also follow NODE, as OpenSSH
// allows. Throws sind::UsageError when NODE is missing, when a second word
// that is not an option comes before "--", or when an option lacks its value.
SshArguments split_ssh_arguments(const std::vector<std::string>& arguments);

} // namespace sind::cli
