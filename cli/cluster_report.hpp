#pragma once

// What `sind status` and `sind get cluster` show: a cluster's containers,
// networks, mesh services, mounts and the health of each node's services,
// read from the engine at the time of the call.

#include <sind/cluster.hpp>
#include <sind/log.hpp>
#include <sind/runtime.hpp>

#include <string>
#include <vector>

namespace sind::cli {

struct ServiceHealth
{
  std::string name; // "munge", "sshd", "slurmctld", "slurmd", "slurmdbd"
  bool active = false;
};

struct NodeHealth
{
  NodeInfo node;
  std::vector<ServiceHealth> services; // in the order of services_for_role()
};

// Node containers by state. `stopped` counts every state other than running
// and paused (created, exited, dead, ...).
struct ContainerCounts
{
  int running = 0;
  int stopped = 0;
  int paused = 0;
  int total = 0;
};

struct NetworkStatus
{
  std::string name;
  std::string driver;
  std::string subnet;
  std::string gateway;
  bool exists = false;
};

struct MeshServiceStatus
{
  std::string name; // "dns" or "ssh"
  std::string container;
  std::string state; // the container's state, or "missing"
  bool running = false;
};

struct MountStatus
{
  std::string target; // path inside the node containers
  std::string source; // volume name or host path
  std::string type;   // "volume" or "bind"
  bool present = false;
};

struct ClusterReport
{
  std::string name;
  std::string slurm_version;
  std::string status; // as in `sind get clusters`
  ContainerCounts containers;
  std::vector<NetworkStatus> networks;
  std::vector<MeshServiceStatus> mesh_services;
  std::vector<MountStatus> mounts;
  std::vector<NodeHealth> nodes;
};

// Return the summary of `cluster`. Throws sind::Error naming the cluster, the
// realm and the realm's clusters when the realm has no such cluster.
ClusterSummary find_cluster(ClusterManager& manager, const std::string& realm, const std::string& cluster);

// Read the report of `cluster` in `realm`. Throws sind::Error naming the
// cluster and the realm when the realm has no such cluster.
ClusterReport inspect_cluster(Runtime& runtime, const std::string& realm, const std::string& cluster,
                              Logger& logger);

// Check the services of every running node with one exec per node, all nodes
// at once. A node that is not running, or whose exec fails, has every service
// inactive.
std::vector<NodeHealth> check_node_health(Runtime& runtime, const std::vector<NodeInfo>& nodes,
                                          Logger& logger);

} // namespace sind::cli
