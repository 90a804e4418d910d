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
#include <sind/nodeset.hpp>
#include <sind/progress.hpp>
#include <sind/runtime.hpp>

namespace sind {

struct CreateClusterOptions
{
  std::chrono::seconds wait{std::chrono::minutes(5)}; // until Slurm is ready
  bool pull = false; // pull a missing image instead of failing
};

// Workers added to a running cluster by ClusterManager::add_workers.
struct AddWorkersOptions
{
  int count = 1;
  // Container settings of every new worker. An unset image means the
  // controller's image; an unset tmp_size means default_tmp_size.
  NodeSettings settings;
  bool managed = true; // false: no slurmd and no line in sind-nodes.conf
  bool pull = false;   // pull a missing image instead of failing
  std::chrono::seconds wait{std::chrono::minutes(5)}; // until the workers are idle
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
  bool managed = true; // false: a worker left out of sind-nodes.conf
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

  // Add workers to the running cluster `cluster`, numbered after its highest
  // worker, with the container specification of cluster creation and the
  // cluster's /data. Managed workers are added to sind-nodes.conf, which is
  // regenerated for every managed worker, and slurmctld is restarted (Slurm
  // before 23.11) or reconfigured. Return the new workers' names once they
  // have booted, are in DNS and known_hosts, and, when managed, are idle in
  // sinfo. Throws sind::UsageError before creating anything when the cluster
  // does not exist, or when managed workers are requested and sind-nodes.conf
  // no longer starts with sind's header; sind::Error when a step fails, and
  // the new workers then stay for `sind delete worker`.
  std::vector<std::string> add_workers(const std::string& cluster, const AddWorkersOptions& options,
                                       Progress& progress);

  // Delete the workers `workers`: remove the managed ones from
  // sind-nodes.conf and from slurmctld first, then their containers, DNS
  // records and known_hosts lines. Throws sind::UsageError before changing
  // anything when a node is not an existing worker, naming the cluster's
  // workers. When sind-nodes.conf is no longer sind's, the Slurm step is
  // skipped with a warning.
  void remove_workers(const std::vector<NodeRef>& workers);

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
