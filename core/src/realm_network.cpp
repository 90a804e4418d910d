#include <sind/realm_network.hpp>

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/text.hpp>

#include <algorithm>
#include <set>

namespace sind {
namespace {

class RealmNetworkImpl final : public Network
{
public:
  RealmNetworkImpl(Runtime& runtime, std::string realm, Logger& logger)
    : m_runtime(runtime),
      m_realm(std::move(realm)),
      m_logger(logger)
  {
  }

  std::vector<RealmNetwork> networks() override;
  std::vector<AttachedEndpoint> endpoints() override;
  void attach(const std::string& container, const std::vector<std::string>& clusters) override;
  void detach(const std::string& container) override;

private:
  const RealmNetwork* find_cluster_network(const std::vector<RealmNetwork>& networks,
                                           const std::string& cluster) const;
  void check_foreign(const ContainerInfo& container) const;

  Runtime& m_runtime;
  std::string m_realm;
  Logger& m_logger;
};

std::vector<RealmNetwork> RealmNetworkImpl::networks()
{
  std::vector<RealmNetwork> result;
  if (auto mesh = m_runtime.inspect_network(names::mesh_network(m_realm))) {
    result.push_back({RealmNetwork::Kind::mesh, mesh->name, "", mesh->subnet, mesh->gateway});
  }

  std::vector<RealmNetwork> clusters;
  for (const auto& network : m_runtime.list_networks({{std::string(names::realm_label), m_realm}})) {
    const auto cluster = label_value(network.labels, names::cluster_label);
    if (!cluster.empty()) {
      clusters.push_back({RealmNetwork::Kind::cluster, network.name, cluster, network.subnet, network.gateway});
    }
  }
  std::sort(clusters.begin(), clusters.end(),
            [](const RealmNetwork& a, const RealmNetwork& b) { return a.cluster < b.cluster; });

  result.insert(result.end(), clusters.begin(), clusters.end());
  return result;
}

std::vector<AttachedEndpoint> RealmNetworkImpl::endpoints()
{
  // an empty value selects the containers of every realm
  std::set<std::string> managed;
  for (const auto& container : m_runtime.list_containers({{std::string(names::realm_label), ""}})) {
    managed.insert(container.id);
  }

  std::vector<AttachedEndpoint> result;
  for (const auto& network : networks()) {
    auto info = m_runtime.inspect_network(network.name);
    if (!info) {
      continue; // removed since it was listed
    }
    for (const auto& endpoint : info->endpoints) {
      result.push_back({network.name, endpoint.container_id, endpoint.container_name, endpoint.ipv4_address,
                        managed.count(endpoint.container_id) > 0});
    }
  }
  return result;
}

const RealmNetwork* RealmNetworkImpl::find_cluster_network(const std::vector<RealmNetwork>& networks,
                                                           const std::string& cluster) const
{
  auto found = std::find_if(networks.begin(), networks.end(), [&](const RealmNetwork& network) {
    return network.kind == RealmNetwork::Kind::cluster && network.cluster == cluster;
  });
  return found == networks.end() ? nullptr : &*found;
}

void RealmNetworkImpl::check_foreign(const ContainerInfo& container) const
{
  const auto realm = label_value(container.labels, names::realm_label);
  if (!realm.empty()) {
    throw Error("container \"" + container.name + "\" is managed by sind (realm \"" + realm +
                "\"); give a container that sind did not create");
  }
}

void RealmNetworkImpl::attach(const std::string& container, const std::vector<std::string>& clusters)
{
  auto info = m_runtime.inspect_container(container);
  if (!info) {
    throw Error("container \"" + container + "\" not found; give the name or id of an existing container");
  }
  check_foreign(*info);

  // check every target before connecting to any, so a typo changes nothing
  const auto networks = this->networks();
  if (networks.empty() || networks.front().kind != RealmNetwork::Kind::mesh) {
    throw Error("realm \"" + m_realm + "\" has no mesh network; create a cluster with 'sind --realm " + m_realm +
                " create cluster' first");
  }
  std::vector<std::string> targets{networks.front().name};
  for (const auto& cluster : clusters) {
    names::validate_dns_label("cluster", cluster);
    const auto* network = find_cluster_network(networks, cluster);
    if (!network) {
      std::vector<std::string> known;
      for (const auto& candidate : networks) {
        if (candidate.kind == RealmNetwork::Kind::cluster) {
          known.push_back(candidate.cluster);
        }
      }
      throw Error("cluster \"" + cluster + "\" not found in realm \"" + m_realm + "\"" +
                  (known.empty() ? " (the realm has no clusters)" : " (it has: " + join(known) + ")"));
    }
    targets.push_back(network->name);
  }

  for (const auto& network : targets) {
    m_logger.debug("connecting container " + info->name + " to network " + network);
    m_runtime.connect_network(network, {network, {}, ""}, info->id);
  }
}

void RealmNetworkImpl::detach(const std::string& container)
{
  auto info = m_runtime.inspect_container(container);
  if (!info) {
    m_logger.info("container " + container + " not found, so it is attached to no network of realm " + m_realm);
    return;
  }
  check_foreign(*info);

  for (const auto& network : networks()) {
    const bool attached = std::any_of(info->networks.begin(), info->networks.end(),
                                      [&](const EndpointSettings& endpoint) { return endpoint.network == network.name; });
    if (attached) {
      m_logger.debug("disconnecting container " + info->name + " from network " + network.name);
      m_runtime.disconnect_network(network.name, info->id, true);
    }
  }
}

} // namespace

std::unique_ptr<Network> make_realm_network(Runtime& runtime, const std::string& realm, Logger& logger)
{
  return std::make_unique<RealmNetworkImpl>(runtime, realm, logger);
}

} // namespace sind
