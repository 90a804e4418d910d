#pragma once

// Clusters of a realm: creation in the order that makes Slurm usable as early
// as possible, deletion that leaves nothing behind, and queries that read the
// engine's labels (sind keeps no other record of a cluster).

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <sind/cluster_config.hpp>
#include <sind/log.hpp>
#include <sind/progress.hpp>
#include <sind/runtime.hpp>

namespace sind {

struct CreateClusterOptions
{
  std::chrono::seconds wait{std::chrono::minutes(5)}; // until Slurm is ready
  bool pull = false; // pull a missing image instead of failing
};

// One node container of a cluster, as read from the engine.
struct NodeInfo
{
  std::string name; // "controller", "worker-0", ...
  std::string cluster;
  std::string role;
  std::string container;
  std::string fqdn;
  std::string ip; // on the cluster network
  ContainerState state = ContainerState::unknown;
  std::string image;
  std::string slurm_version;
};

struct ClusterSummary
{
  std::string name;
  std::string slurm_version;
  std::string status; // "running", "stopped", "paused" or "degraded"
  int nodes = 0;
  int controllers = 0;
  int submitters = 0;
  int workers = 0;
  int running = 0;
};

class ClusterManager
{
public:
  ClusterManager(Runtime& runtime, std::string realm, Logger& logger);

  // Create the cluster described by `config` and return once slurmctld
  // responds and every managed worker is idle in sinfo. Throws sind::UsageError
  // when the cluster exists already, and sind::Error naming the node and the
  // check when something fails; what was created then stays for
  // `sind delete cluster`.
  void create(const ClusterConfig& config, const CreateClusterOptions& options, Progress& progress);

  // Delete a cluster's containers, network, volumes, DNS records and
  // known_hosts lines, detaching foreign containers from its network first;
  // the realm's last cluster takes the mesh along. Return false when the
  // realm had nothing of that cluster. Works on half-created and stopped
  // clusters.
  bool remove(const std::string& cluster);

  // Return the names of the realm's clusters, sorted.
  std::vector<std::string> cluster_names();

  std::vector<ClusterSummary> clusters();

  // Return the nodes of one cluster, or of every cluster when `cluster` is
  // empty, sorted by cluster and then naturally by name (worker-2 before worker-10).
  std::vector<NodeInfo> nodes(const std::string& cluster = "");

private:
  Runtime& m_runtime;
  std::string m_realm;
  Logger& m_logger;
};

} // namespace sind
