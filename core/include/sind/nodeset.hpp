#pragma once

// Node sets on the command line: NODE[.CLUSTER] with Slurm's bracket
// expansion, e.g. "controller,worker-[0-3,7].dev". Pure: nothing here talks
// to the engine.

#include <string>
#include <string_view>
#include <vector>

namespace sind {

// One node of a cluster, named as on the command line.
struct NodeRef
{
  std::string cluster;
  std::string node;

  bool operator==(const NodeRef&) const = default;
};

// Expand `argument`, a comma-separated list of NODE[.CLUSTER] items. Each
// item names its own cluster, `default_cluster` when it has no suffix, so
// "controller,worker-0.dev" is controller.default and worker-0.dev. A node
// pattern may hold bracket groups of numbers and ranges ("worker-[0-3,7]"),
// expanded as Slurm does: a range keeps the width of its lower bound, so
// "[01-03]" gives 01, 02, 03. Return the nodes in order, each once.
// Throws sind::UsageError naming the argument and the fault: a full DNS name
// (NODE.CLUSTER.REALM.sind), an invalid cluster name, unbalanced or nested
// brackets, an empty group, a range that runs backwards, a non-number, or
// more than max_nodeset_size nodes.
std::vector<NodeRef> parse_nodeset(std::string_view argument, std::string_view default_cluster);

// Expand every argument as parse_nodeset does and join the results, each
// node once.
std::vector<NodeRef> parse_nodesets(const std::vector<std::string>& arguments,
                                    std::string_view default_cluster);

// Upper bound on the nodes one argument may expand to; it keeps a typo such
// as "worker-[0-99999999]" from allocating millions of names.
inline constexpr std::size_t max_nodeset_size = 10000;

} // namespace sind
