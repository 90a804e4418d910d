#pragma once

// Steps shared by adding workers to a running cluster and deleting them:
// the cluster's plan read back from the engine, sind-nodes.conf, and the
// DNS records and known_hosts lines of the cluster.

#include <sind/cluster.hpp>
#include <sind/log.hpp>
#include <sind/mesh.hpp>
#include <sind/runtime.hpp>
#include <sind/slurm_config.hpp>

#include "cluster_plan.hpp"

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sind {

// Return the controller among `nodes` (one cluster's nodes). Throws
// sind::UsageError naming the realm's clusters when `nodes` is empty, and
// sind::Error when the cluster has no controller container.
const NodeInfo& find_controller(const std::vector<NodeInfo>& nodes, const std::string& cluster,
                                ClusterManager& manager, const std::string& realm);

// Rebuild the plan that created `cluster` from its controller's labels and
// mounts, the realm's mesh and the engine. Throws sind::Error when the mesh
// or the controller's /data mount is missing.
ClusterPlan running_cluster_plan(Runtime& runtime, const std::string& realm, const std::string& cluster,
                                 const ContainerInfo& controller, Logger& logger);

// Read the managed workers listed in the controller's sind-nodes.conf.
// Return nothing when the file no longer starts with sind's header.
std::optional<std::vector<NodeConfig>> read_managed_workers(Runtime& runtime, const std::string& controller);

// Write sind-nodes.conf for the managed workers `workers`. slurmd of a new
// worker must find itself there when it starts, or it exits.
void write_managed_workers(Runtime& runtime, const std::string& controller, const std::vector<NodeConfig>& workers);

// Make slurmctld read sind-nodes.conf again, then wait up to `timeout`
// until it responds and the workers named in `usable` are usable. A restart
// of slurmctld puts every worker in the unknown state until its slurmd
// registers again, so callers name every running managed worker.
void reload_managed_workers(Runtime& runtime, const ClusterPlan& plan, const std::string& controller,
                            const std::vector<std::string>& usable, std::chrono::seconds timeout, Logger& logger);

// Return the names of the running managed workers among `nodes`, except
// those in `excluded`.
std::vector<std::string> running_managed_workers(const std::vector<NodeInfo>& nodes,
                                                 const std::set<std::string>& excluded);

// Rewrite the DNS records of `cluster` from its node containers, and its
// known_hosts lines: the current ones without the hosts in `dropped` or in
// `added`, followed by `added`.
void update_cluster_hosts(ClusterManager& manager, Mesh& mesh, const std::string& cluster,
                          const std::vector<std::string>& added, const std::set<std::string>& dropped);

} // namespace sind
