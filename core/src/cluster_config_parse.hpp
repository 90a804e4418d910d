#pragma once

// The sections of a cluster configuration file, each read by its own file:
// cluster_config_nodes.cpp (defaults, nodes) and cluster_config_sections.cpp
// (storage, slurm).

#include <vector>

#include <sind/cluster_config.hpp>

#include "cluster_config_yaml.hpp"

namespace sind::config_yaml {

// Read the `defaults:` map.
NodeSettings parse_defaults(const Source& source, const YAML::Node& node);

// Read the `nodes:` list and resolve every node against `defaults`: names,
// merged settings and the role rules (exactly one controller, at most one
// submitter, at least one worker).
std::vector<NodeConfig> parse_nodes(const Source& source, const YAML::Node& node,
                                    const NodeSettings& defaults);

// Resolve the nodes of a file without `nodes:`: one controller, one worker.
std::vector<NodeConfig> default_nodes(const NodeSettings& defaults);

// Read the `storage:` map.
DataStorage parse_storage(const Source& source, const YAML::Node& node);

// Read the `slurm:` map.
SlurmExtras parse_slurm(const Source& source, const YAML::Node& node);

} // namespace sind::config_yaml
