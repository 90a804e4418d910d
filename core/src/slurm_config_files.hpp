#pragma once

// Pieces of the generated Slurm configuration, one file each.

#include <string>
#include <vector>

#include <sind/slurm_config.hpp>

namespace sind {

// Return sind-nodes.conf for the managed workers among `nodes`.
std::string generate_nodes_conf(const std::vector<NodeConfig>& nodes);

} // namespace sind
