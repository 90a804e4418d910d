#pragma once

// The subcommands of `sind get`, registered by add_get_command, and what they
// share with `sind status`.

#include "commands/commands.hpp"

#include <sind/mesh.hpp>

#include <iosfwd>
#include <string>

namespace sind::cli {

struct ClusterReport;

// Add -o/--output, which selects "human" (aligned tables, the default) or "json".
void add_output_option(CLI::App& command, std::string& output);

// Register `get cluster` and `get node`.
void add_get_cluster_commands(CLI::App& get, const CommandRunner& run);

// Register `get networks`, `get volumes`, `get realms`, `get dns` and `get munge-key`.
void add_get_realm_commands(CLI::App& get, const CommandRunner& run);

// Register `get mesh`, `get ssh-private-key`, `get ssh-public-key`,
// `get ssh-known-hosts` and `get ssh-config`.
void add_get_mesh_commands(CLI::App& get, const CommandRunner& run);

// Register `get ssh-config`.
void add_get_ssh_config_command(CLI::App& get, const CommandRunner& run);

// Return the mesh of the context's realm. Throws sind::Error naming the
// command that creates one when the realm has no mesh.
MeshInfo require_mesh(Context& context);

// Return the mesh as require_mesh does, and check that its SSH relay runs.
// Throws sind::Error that starts with `purpose` ("reading known_hosts") when
// it does not.
MeshInfo require_running_relay(Context& context, const std::string& purpose);

// Register `get consumers`.
void add_get_consumers_command(CLI::App& get, const CommandRunner& run);

// Register `get coredns-config`.
void add_get_coredns_command(CLI::App& get, const CommandRunner& run);

// Print the report of `cluster` in the format `output`, as `sind status` and
// `sind get cluster` do.
int show_cluster(Context& context, const std::string& cluster, const std::string& output);

// Print `report` in the format `output`; with `one_line`, JSON is compact
// and ends with a newline, one object per line.
void print_cluster_report(const ClusterReport& report, const std::string& output, bool one_line, std::ostream& out);

} // namespace sind::cli
