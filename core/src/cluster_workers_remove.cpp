// ClusterManager::remove_workers: workers leave Slurm, then the engine.

#include <sind/cluster.hpp>

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/state.hpp>
#include <sind/text.hpp>

#include "cluster_workers.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace sind {
namespace {

using namespace std::chrono_literals;

// How long slurmctld and the remaining workers may take to respond after
// slurmctld read the shorter node list.
constexpr auto slurmctld_timeout = 60s;

// Find the node of `ref` among its cluster's nodes. Throws sind::UsageError
// when it is not a worker there, naming the cluster's workers.
const NodeInfo& find_worker(const std::vector<NodeInfo>& nodes, const NodeRef& ref, const std::string& realm)
{
  auto found = std::find_if(nodes.begin(), nodes.end(), [&](const NodeInfo& node) { return node.name == ref.node; });
  if (found != nodes.end() && found->role == "worker") {
    return *found;
  }
  if (found != nodes.end()) {
    throw UsageError("node \"" + ref.node + "." + ref.cluster + "\" is the " + found->role +
                     ", not a worker; only workers can be deleted, delete the whole cluster with: sind delete cluster " +
                     ref.cluster);
  }

  std::vector<std::string> workers;
  for (const auto& node : nodes) {
    if (node.role == "worker") {
      workers.push_back(node.name);
    }
  }
  throw UsageError("worker \"" + ref.node + "\" not found in cluster \"" + ref.cluster + "\" of realm \"" + realm +
                   "\" (its workers: " + (workers.empty() ? "none" : join(workers)) + ")");
}

// Remove the managed workers among `doomed` from sind-nodes.conf and from
// slurmctld. A sind-nodes.conf that someone replaced is left as it is.
void remove_from_slurm(Runtime& runtime, const std::string& realm, const std::string& cluster,
                       const std::vector<NodeInfo>& nodes, const std::vector<NodeInfo>& doomed, Logger& logger)
{
  std::set<std::string> names;
  for (const auto& node : doomed) {
    if (node.managed) {
      names.insert(node.name);
    }
  }
  if (names.empty()) {
    return;
  }

  ClusterManager manager(runtime, realm, logger);
  const auto& controller = find_controller(nodes, cluster, manager, realm);
  auto managed = read_managed_workers(runtime, controller.container);
  if (!managed) {
    logger.warning("/etc/slurm/sind-nodes.conf of cluster " + cluster +
                   " no longer starts with sind's header, so sind leaves it unchanged; remove " +
                   join({names.begin(), names.end()}) + " from it yourself");
    return;
  }

  std::erase_if(*managed, [&](const NodeConfig& worker) { return names.contains(worker.name); });
  const auto info = runtime.inspect_container(controller.container);
  const auto plan = running_cluster_plan(runtime, realm, cluster, *info, logger);
  write_managed_workers(runtime, controller.container, *managed);
  std::set<std::string> all_doomed;
  for (const auto& node : doomed) {
    all_doomed.insert(node.name);
  }
  reload_managed_workers(runtime, plan, controller.container, running_managed_workers(nodes, all_doomed),
                         slurmctld_timeout, logger);
}

} // namespace

void ClusterManager::remove_workers(const std::vector<NodeRef>& workers)
{
  RealmLock lock(m_realm);

  // check every node before changing anything
  std::map<std::string, std::vector<NodeInfo>> nodes;      // cluster -> its nodes
  std::map<std::string, std::vector<NodeInfo>> doomed;     // cluster -> workers to delete
  for (const auto& ref : workers) {
    if (!nodes.contains(ref.cluster)) {
      nodes[ref.cluster] = this->nodes(ref.cluster);
      find_controller(nodes[ref.cluster], ref.cluster, *this, m_realm);
    }
    doomed[ref.cluster].push_back(find_worker(nodes[ref.cluster], ref, m_realm));
  }

  Mesh mesh(m_runtime, m_realm, m_logger);
  for (const auto& [cluster, removed] : doomed) {
    m_logger.info("deleting " + std::to_string(removed.size()) + " workers of cluster " + cluster + " in realm " +
                  m_realm);
    remove_from_slurm(m_runtime, m_realm, cluster, nodes[cluster], removed, m_logger);

    std::vector<std::function<void()>> removals;
    std::set<std::string> fqdns;
    for (const auto& worker : removed) {
      removals.push_back([this, container = worker.container] { m_runtime.remove_container(container); });
      fqdns.insert(worker.fqdn);
    }
    run_parallel(removals);
    update_cluster_hosts(*this, mesh, cluster, {}, fqdns);
  }
}

} // namespace sind
