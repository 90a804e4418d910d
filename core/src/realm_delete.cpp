#include <sind/realm.hpp>

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/mesh.hpp>
#include <sind/names.hpp>
#include <sind/realm_network.hpp>
#include <sind/state.hpp>

#include <filesystem>
#include <set>

namespace sind {
namespace {

Labels realm_selector(const std::string& realm)
{
  return {{std::string(names::realm_label), realm}};
}

bool has_resources(Runtime& runtime, const std::string& realm)
{
  const auto selector = realm_selector(realm);
  return !runtime.list_containers(selector).empty() || !runtime.list_networks(selector).empty() ||
         !runtime.list_volumes(selector).empty();
}

void detach_consumers(Runtime& runtime, const std::string& realm, Logger& logger)
{
  auto network = make_realm_network(runtime, realm, logger);
  std::set<std::string> detached;
  for (const auto& endpoint : network->endpoints()) {
    if (!endpoint.managed && detached.insert(endpoint.container_id).second) {
      logger.info("detaching " + endpoint.container_name + " from the networks of realm " + realm);
      network->detach(endpoint.container_id);
    }
  }
}

// Remove what the cluster and mesh removal left behind: resources of a
// failed create, or ones that a newer sind labelled and this one does not know.
void remove_labelled(Runtime& runtime, const std::string& realm, Logger& logger)
{
  const auto selector = realm_selector(realm);
  for (const auto& container : runtime.list_containers(selector)) {
    logger.debug("removing container " + container.name);
    runtime.remove_container(container.id);
  }
  for (const auto& network : runtime.list_networks(selector)) {
    logger.debug("removing network " + network.name);
    runtime.remove_network(network.name);
  }
  for (const auto& volume : runtime.list_volumes(selector)) {
    logger.debug("removing volume " + volume.name);
    runtime.remove_volume(volume.name);
  }
}

void remove_state_dir(const std::string& realm, Logger& logger)
{
  const auto folder = realm_state_dir(realm);
  std::error_code error;
  std::filesystem::remove_all(folder, error);
  if (error) {
    throw Error("removing the state folder " + folder.string() + " of realm " + realm + " failed: " +
                error.message());
  }
  logger.debug("removed the state folder " + folder.string());
}

} // namespace

std::vector<std::string> realm_names(Runtime& runtime)
{
  // an empty value selects every resource that has the label at all
  const auto selector = realm_selector("");
  std::set<std::string> realms;
  for (const auto& container : runtime.list_containers(selector)) {
    realms.insert(container.labels.at(std::string(names::realm_label)));
  }
  for (const auto& network : runtime.list_networks(selector)) {
    realms.insert(network.labels.at(std::string(names::realm_label)));
  }
  for (const auto& volume : runtime.list_volumes(selector)) {
    realms.insert(volume.labels.at(std::string(names::realm_label)));
  }
  return {realms.begin(), realms.end()};
}

bool delete_realm(Runtime& runtime, const std::string& realm, Logger& logger)
{
  names::validate_dns_label("realm", realm);
  const bool existed = has_resources(runtime, realm);
  if (existed) {
    logger.info("deleting realm " + realm);
  }

  // consumers first: an attached container keeps a network in use
  detach_consumers(runtime, realm, logger);

  // ClusterManager::remove takes the realm lock itself, and flock does not
  // nest within one process, so the lock is taken only after the clusters
  ClusterManager clusters(runtime, realm, logger);
  for (const auto& cluster : clusters.cluster_names()) {
    clusters.remove(cluster);
  }

  {
    RealmLock lock(realm);
    Mesh(runtime, realm, logger).remove();
    remove_labelled(runtime, realm, logger);
  }

  // NOTE: a process that waits for the realm lock meanwhile keeps the lock of
  // the removed file, so it does not exclude a process that starts later.
  remove_state_dir(realm, logger);
  return existed;
}

} // namespace sind
