#pragma once

// The subcommands of `sind get`, registered by add_get_command, and what they
// share with `sind status`.

#include "commands/commands.hpp"

#include <string>

namespace sind::cli {

// Add -o/--output, which selects "human" (aligned tables, the default) or "json".
void add_output_option(CLI::App& command, std::string& output);

// Register `get cluster` and `get node`.
void add_get_cluster_commands(CLI::App& get, const CommandRunner& run);

// Register `get networks`, `get volumes`, `get realms`, `get dns` and `get munge-key`.
void add_get_realm_commands(CLI::App& get, const CommandRunner& run);

// Print the report of `cluster` in the format `output`, as `sind status` and
// `sind get cluster` do.
int show_cluster(Context& context, const std::string& cluster, const std::string& output);

} // namespace sind::cli
