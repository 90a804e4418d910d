#include "cluster_report.hpp"
#include "service_health.hpp"

#include <sind/error.hpp>
#include <sind/mesh.hpp>
#include <sind/names.hpp>
#include <sind/text.hpp>

#include <algorithm>
#include <future>
#include <set>

namespace sind::cli {
namespace {

ContainerCounts count_containers(const std::vector<NodeInfo>& nodes)
{
  ContainerCounts counts;
  for (const auto& node : nodes) {
    counts.running += node.state == ContainerState::running;
    counts.paused += node.state == ContainerState::paused;
  }

  counts.total = static_cast<int>(nodes.size());
  counts.stopped = counts.total - counts.running - counts.paused;
  return counts;
}

NetworkStatus network_status(Runtime& runtime, const std::string& name)
{
  auto network = runtime.inspect_network(name);
  if (!network) {
    return {name, "", "", "", false};
  }
  return {name, network->driver, network->subnet, network->gateway, true};
}

MeshServiceStatus mesh_service_status(Runtime& runtime, const std::string& name, const std::string& container)
{
  auto info = runtime.inspect_container(container);
  if (!info) {
    return {name, container, "missing", false};
  }
  return {name, container, to_string(info->state), info->state == ContainerState::running};
}

// The data mount is a volume or a host folder named by a node label, and the
// cluster configuration sets its path inside the nodes. So it is read from a
// node container rather than assumed.
MountStatus data_mount_status(const std::optional<ContainerInfo>& node, const std::string& data_volume,
                              const std::set<std::string>& volumes)
{
  const std::string host_path = node ? label_value(node->labels, names::data_hostpath_label) : "";
  if (node) {
    for (const auto& mount : node->mounts) {
      if (!host_path.empty() && mount.type == Mount::Type::bind && mount.source == host_path) {
        return {mount.target, host_path, "bind", true};
      }
      if (mount.type == Mount::Type::volume && mount.source == data_volume) {
        return {mount.target, data_volume, "volume", volumes.contains(data_volume)};
      }
    }
  }

  if (!host_path.empty()) {
    return {"/data", host_path, "bind", false};
  }
  return {"/data", data_volume, "volume", volumes.contains(data_volume)};
}

std::vector<MountStatus> mount_statuses(Runtime& runtime, const std::string& realm,
                                        const std::string& cluster, const std::vector<NodeInfo>& nodes)
{
  std::set<std::string> volumes;
  const Labels selector{{std::string(names::realm_label), realm},
                        {std::string(names::cluster_label), cluster}};
  for (const auto& volume : runtime.list_volumes(selector)) {
    volumes.insert(volume.name);
  }

  std::optional<ContainerInfo> node;
  if (!nodes.empty()) {
    node = runtime.inspect_container(nodes.front().container);
  }

  const auto config_volume = names::config_volume(realm, cluster);
  const auto munge_volume = names::munge_volume(realm, cluster);
  return {{"/etc/slurm", config_volume, "volume", volumes.contains(config_volume)},
          {"/etc/munge", munge_volume, "volume", volumes.contains(munge_volume)},
          data_mount_status(node, names::data_volume(realm, cluster), volumes)};
}

NodeHealth check_one_node(Runtime& runtime, const NodeInfo& node, Logger& logger)
{
  const auto checks = services_for_role(node.role);
  NodeHealth health{node, {}};
  for (const auto& check : checks) {
    health.services.push_back({check.name, false});
  }
  if (node.state != ContainerState::running) {
    return health;
  }

  ExecRequest request{{"systemctl", "is-active"}};
  for (const auto& check : checks) {
    request.argv.push_back(check.unit);
  }

  // systemctl exits non-zero when any unit is inactive, so only the output counts
  try {
    const auto result = runtime.exec(node.container, request);
    const auto active = parse_is_active(result.stdout_data, checks.size());
    for (std::size_t i = 0; i < checks.size(); ++i) {
      health.services[i].active = active[i];
    }
  } catch (const Error& error) {
    logger.warning("checking the services of " + node.container + " failed: " + error.what());
  }
  return health;
}

} // namespace

ClusterSummary find_cluster(ClusterManager& manager, const std::string& realm, const std::string& cluster)
{
  const auto clusters = manager.clusters();
  auto found = std::find_if(clusters.begin(), clusters.end(),
                            [&](const ClusterSummary& summary) { return summary.name == cluster; });
  if (found != clusters.end()) {
    return *found;
  }

  std::vector<std::string> known;
  for (const auto& summary : clusters) {
    known.push_back(summary.name);
  }
  throw Error("cluster \"" + cluster + "\" not found in realm \"" + realm + "\"" +
              (known.empty() ? " (the realm has no clusters)" : " (it has: " + join(known) + ")"));
}

std::vector<NodeHealth> check_node_health(Runtime& runtime, const std::vector<NodeInfo>& nodes,
                                          Logger& logger)
{
  std::vector<std::future<NodeHealth>> checks;
  for (const auto& node : nodes) {
    checks.push_back(std::async(
        std::launch::async, [&runtime, &node, &logger] { return check_one_node(runtime, node, logger); }));
  }

  std::vector<NodeHealth> health;
  for (auto& check : checks) {
    health.push_back(check.get());
  }
  return health;
}

ClusterReport inspect_cluster(Runtime& runtime, const std::string& realm, const std::string& cluster,
                              Logger& logger)
{
  ClusterManager manager(runtime, realm, logger);
  const auto summary = find_cluster(manager, realm, cluster);
  const auto nodes = manager.nodes(cluster);

  ClusterReport report;
  report.name = summary.name;
  report.slurm_version = summary.slurm_version;
  report.status = summary.status;
  report.containers = count_containers(nodes);
  report.networks = {network_status(runtime, names::mesh_network(realm)),
                     network_status(runtime, names::cluster_network(realm, cluster))};
  report.mesh_services = {mesh_service_status(runtime, "dns", names::dns_container(realm)),
                          mesh_service_status(runtime, "ssh", names::ssh_container(realm))};
  report.mounts = mount_statuses(runtime, realm, cluster, nodes);
  report.nodes = check_node_health(runtime, nodes, logger);
  return report;
}

} // namespace sind::cli
