#include "node_start.hpp"

#include <sind/error.hpp>
#include <sind/mesh.hpp>
#include <sind/names.hpp>
#include <sind/readiness.hpp>
#include <sind/state.hpp>

#include "node_boot.hpp"

#include <map>
#include <set>
#include <sstream>

namespace sind {
namespace {

using Clock = std::chrono::steady_clock;

// Rebuild the DNS records of `cluster` from its nodes' current addresses.
void update_dns_records(ClusterManager& manager, Mesh& mesh, const std::string& cluster)
{
  std::vector<DnsRecord> records;
  for (const auto& node : manager.nodes(cluster)) {
    if (!node.ip.empty()) {
      records.push_back({node.fqdn, node.ip});
    }
  }
  mesh.set_dns_records(cluster, records);
}

// Rebuild the known_hosts lines of `cluster`: booted nodes get their new
// address, the others keep their line from the realm's known_hosts.
void update_known_hosts(ClusterManager& manager, Mesh& mesh, const std::string& cluster, const std::string& network,
                        const std::map<std::string, BootResult>& boots)
{
  std::map<std::string, std::string> old_lines; // host name -> line
  std::istringstream known_hosts(mesh.read_ssh_file("known_hosts"));
  for (std::string line; std::getline(known_hosts, line);) {
    old_lines[line.substr(0, line.find_first_of(", "))] = line;
  }

  std::vector<std::string> lines;
  for (const auto& node : manager.nodes(cluster)) {
    auto boot = boots.find(node.container);
    if (boot != boots.end() && boot->second.ips.contains(network)) {
      lines.push_back(node.fqdn + "," + boot->second.ips.at(network) + " " + boot->second.host_key);
    } else if (old_lines.contains(node.fqdn)) {
      lines.push_back(old_lines.at(node.fqdn));
    }
  }
  mesh.set_known_hosts(cluster, lines);
}

// Return what to wait for in Slurm after `started` nodes of one cluster
// booted, or nothing when none of them takes part in Slurm's readiness.
std::optional<ReadinessCondition> readiness_after_start(Runtime& runtime, const std::vector<NodeInfo>& started)
{
  ReadinessCondition condition{ReadinessCondition::Kind::workers, {}};
  bool controller = false;
  for (const auto& node : started) {
    controller = controller || node.role == "controller";
    if (node.role != "worker") {
      continue;
    }
    const auto info = runtime.inspect_container(node.container);
    const bool managed = !info || !info->labels.contains(std::string(names::managed_label));
    if (managed) {
      condition.workers.push_back(node.name);
    }
  }

  if (!condition.workers.empty()) {
    return condition;
  }
  if (controller) {
    return ReadinessCondition{ReadinessCondition::Kind::slurm_ready, {}};
  }
  return std::nullopt;
}

} // namespace

void start_nodes(Runtime& runtime, const std::string& realm, const std::vector<NodeInfo>& nodes,
                 std::chrono::seconds timeout, Logger& logger)
{
  const auto deadline = Clock::now() + timeout;
  std::vector<std::string> containers;
  std::map<std::string, std::vector<NodeInfo>> by_cluster;
  for (const auto& node : nodes) {
    containers.push_back(node.container);
    by_cluster[node.cluster].push_back(node);
  }

  const Labels realm_selector{{std::string(names::realm_label), realm}};
  const auto boots = boot_containers(runtime, realm_selector, containers, timeout, logger);

  // the realm lock keeps another sind from rewriting known_hosts meanwhile
  {
    RealmLock lock(realm);
    ClusterManager manager(runtime, realm, logger);
    Mesh mesh(runtime, realm, logger);
    for (const auto& [cluster, started] : by_cluster) {
      update_dns_records(manager, mesh, cluster);
      update_known_hosts(manager, mesh, cluster, names::cluster_network(realm, cluster), boots);
    }
  }

  for (const auto& [cluster, started] : by_cluster) {
    if (auto condition = readiness_after_start(runtime, started)) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      wait_for_readiness(runtime, realm, cluster, *condition, std::max(left, std::chrono::milliseconds(0)), logger);
    }
  }
}

} // namespace sind
