#include <sind/cluster.hpp>

#include <sind/error.hpp>
#include <sind/mesh.hpp>
#include <sind/names.hpp>
#include <sind/state.hpp>

#include "cluster_plan.hpp"
#include "parallel.hpp"

#include <functional>
#include <set>

namespace sind {
namespace {

// Detach every container from `network` that is not in `own`: consumers that
// a user or another tool attached, which would keep the network in use.
void detach_foreign_endpoints(Runtime& runtime, const std::string& network, const std::set<std::string>& own,
                              Logger& logger)
{
  auto info = runtime.inspect_network(network);
  if (!info) {
    return;
  }
  for (const auto& endpoint : info->endpoints) {
    if (!own.count(endpoint.container_id) && !own.count(endpoint.container_name)) {
      logger.info("detaching " + endpoint.container_name + " from " + network);
      runtime.disconnect_network(network, endpoint.container_id, true);
    }
  }
}

} // namespace

bool ClusterManager::remove(const std::string& cluster)
{
  names::validate_dns_label("cluster", cluster);
  RealmLock lock(m_realm);
  const auto labels = cluster_labels(m_realm, cluster);
  const auto network = names::cluster_network(m_realm, cluster);

  const auto containers = m_runtime.list_containers(labels);
  const auto volumes = m_runtime.list_volumes(labels);
  const bool has_network = m_runtime.inspect_network(network).has_value();
  if (containers.empty() && volumes.empty() && !has_network) {
    return false;
  }
  m_logger.info("deleting cluster " + cluster + " in realm " + m_realm);

  // nodes first: a network or volume in use cannot be removed
  std::set<std::string> own{names::ssh_container(m_realm)};
  std::vector<std::function<void()>> removals;
  for (const auto& container : containers) {
    own.insert(container.id);
    removals.push_back([this, id = container.id] { m_runtime.remove_container(id); });
  }
  detach_foreign_endpoints(m_runtime, network, own, m_logger);
  run_parallel(removals);

  Mesh mesh(m_runtime, m_realm, m_logger);
  const bool has_mesh = mesh.inspect().has_value();
  if (has_mesh) {
    mesh.disconnect_relay(network);
  }
  m_runtime.remove_network(network);
  for (const auto& volume : volumes) {
    m_runtime.remove_volume(volume.name);
  }

  if (!has_mesh) {
    return true;
  }
  if (cluster_names().empty()) {
    // the last cluster takes the mesh with it
    std::set<std::string> mesh_containers{names::dns_container(m_realm), names::ssh_container(m_realm)};
    detach_foreign_endpoints(m_runtime, names::mesh_network(m_realm), mesh_containers, m_logger);
    mesh.remove();
    return true;
  }

  try {
    mesh.set_dns_records(cluster, {});
    mesh.set_known_hosts(cluster, {});
  } catch (const Error& error) {
    m_logger.warning(std::string("could not remove the DNS records and known_hosts lines of cluster ") +
                     cluster + ": " + error.what());
  }
  return true;
}

} // namespace sind
