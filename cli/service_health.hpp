#pragma once

// Pure helpers for reading a node's service health and for node arguments.
// Nothing here talks to the engine, so the unit tests cover it directly.

#include <string>
#include <string_view>
#include <vector>

namespace sind::cli {

// A service checked on a node: the key it is reported under and the systemd
// unit that runs it (Debian's OpenSSH unit is "ssh", reported as "sshd").
struct ServiceCheck
{
  std::string name;
  std::string unit;
};

// Return the services that a node of `role` runs, in report order: munge and
// sshd on every node, then the role's Slurm daemon (none for a submitter).
std::vector<ServiceCheck> services_for_role(std::string_view role);

// Parse the output of `systemctl is-active UNIT...`: one state per line, in
// the order of the units. Return `count` flags, true where the state is
// "active". Missing lines count as inactive.
std::vector<bool> parse_is_active(std::string_view output, std::size_t count);

// A node named on the command line as NODE[.CLUSTER].
struct NodeAddress
{
  std::string node;
  std::string cluster;
};

// Split `argument` at its first dot. Without a dot, the cluster is
// `default_cluster`. Throws sind::UsageError when the node part is empty or
// the cluster is not a valid cluster name.
NodeAddress parse_node_address(std::string_view argument, std::string_view default_cluster);

} // namespace sind::cli
