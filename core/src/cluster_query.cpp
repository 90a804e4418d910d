#include <sind/cluster.hpp>

#include <sind/names.hpp>

#include "cluster_plan.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace sind {
namespace {

// Compare so that digit runs count as numbers: worker-2 before worker-10.
bool natural_less(const std::string& a, const std::string& b)
{
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() && j < b.size()) {
    if (std::isdigit(static_cast<unsigned char>(a[i])) && std::isdigit(static_cast<unsigned char>(b[j]))) {
      std::size_t end_a = i;
      std::size_t end_b = j;
      while (end_a < a.size() && std::isdigit(static_cast<unsigned char>(a[end_a]))) ++end_a;
      while (end_b < b.size() && std::isdigit(static_cast<unsigned char>(b[end_b]))) ++end_b;
      const auto number_a = std::stoull(a.substr(i, end_a - i));
      const auto number_b = std::stoull(b.substr(j, end_b - j));
      if (number_a != number_b) {
        return number_a < number_b;
      }
      i = end_a;
      j = end_b;
    } else {
      if (a[i] != b[j]) {
        return a[i] < b[j];
      }
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

int role_rank(const std::string& role)
{
  return role == "controller" ? 0 : role == "submitter" ? 1 : 2;
}

} // namespace

std::vector<std::string> ClusterManager::cluster_names()
{
  const Labels realm{{std::string(names::realm_label), m_realm}};
  std::set<std::string> found;

  // a half-created cluster may have a network but no node yet
  for (const auto& container : m_runtime.list_containers(realm)) {
    if (auto name = label_value(container.labels, names::cluster_label); !name.empty()) {
      found.insert(name);
    }
  }
  for (const auto& network : m_runtime.list_networks(realm)) {
    if (auto name = label_value(network.labels, names::cluster_label); !name.empty()) {
      found.insert(name);
    }
  }
  return {found.begin(), found.end()};
}

std::vector<NodeInfo> ClusterManager::nodes(const std::string& cluster)
{
  Labels selector{{std::string(names::realm_label), m_realm}, {std::string(names::component_label), "node"}};
  if (!cluster.empty()) {
    selector[std::string(names::cluster_label)] = cluster;
  }

  std::vector<NodeInfo> nodes;
  for (const auto& container : m_runtime.list_containers(selector)) {
    NodeInfo node;
    node.cluster = label_value(container.labels, names::cluster_label);
    node.name = label_value(container.labels, names::node_label);
    node.role = label_value(container.labels, names::role_label);
    node.container = container.name;
    node.fqdn = names::node_fqdn(m_realm, node.cluster, node.name);
    node.state = container.state;
    node.image = container.image;
    node.slurm_version = label_value(container.labels, names::slurm_version_label);
    node.managed = label_value(container.labels, names::managed_label) != "false";
    const auto network = names::cluster_network(m_realm, node.cluster);
    for (const auto& endpoint : container.networks) {
      if (endpoint.network == network) {
        node.ip = endpoint.ipv4_address;
      }
    }
    nodes.push_back(std::move(node));
  }

  std::sort(nodes.begin(), nodes.end(), [](const NodeInfo& a, const NodeInfo& b) {
    if (a.cluster != b.cluster) {
      return a.cluster < b.cluster;
    }
    if (role_rank(a.role) != role_rank(b.role)) {
      return role_rank(a.role) < role_rank(b.role);
    }
    return natural_less(a.name, b.name);
  });
  return nodes;
}

std::vector<ClusterSummary> ClusterManager::clusters()
{
  std::map<std::string, ClusterSummary> summaries;
  for (const auto& name : cluster_names()) {
    summaries[name].name = name;
  }

  std::map<std::string, int> paused;
  for (const auto& node : nodes()) {
    auto& summary = summaries[node.cluster];
    summary.name = node.cluster;
    summary.slurm_version = node.slurm_version;
    ++summary.nodes;
    summary.controllers += node.role == "controller";
    summary.submitters += node.role == "submitter";
    summary.workers += node.role == "worker";
    summary.running += node.state == ContainerState::running;
    paused[node.cluster] += node.state == ContainerState::paused;
  }

  std::vector<ClusterSummary> result;
  for (auto& [name, summary] : summaries) {
    if (summary.nodes > 0 && summary.running == summary.nodes) {
      summary.status = "running";
    } else if (summary.nodes > 0 && paused[name] == summary.nodes) {
      summary.status = "paused";
    } else if (summary.running == 0 && paused[name] == 0) {
      summary.status = "stopped";
    } else {
      summary.status = "degraded";
    }
    result.push_back(summary);
  }
  return result;
}

} // namespace sind
