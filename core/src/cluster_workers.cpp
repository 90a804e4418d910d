#include "cluster_workers.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/readiness.hpp>
#include <sind/text.hpp>

#include "exec_checked.hpp"
#include "slurm_config_files.hpp"

#include <algorithm>
#include <sstream>

namespace sind {
namespace {

constexpr const char* nodes_conf_path = "/etc/slurm/sind-nodes.conf";

// NOTE: only the restart path has run (Slurm 22.05.8). That `scontrol
// reconfigure` adds and removes nodes from 23.11 on is unverified here.
constexpr SlurmVersion reconfigure_adds_nodes_since{23, 11, 0};

// Find where the cluster's /data comes from: a host folder when the
// controller carries the host path label, else the cluster's data volume.
DataStorage data_storage(const std::string& realm, const std::string& cluster, const ContainerInfo& controller)
{
  DataStorage data;
  data.host_path = label_value(controller.labels, names::data_hostpath_label);
  data.type = data.host_path.empty() ? DataStorage::Type::volume : DataStorage::Type::host_path;
  const auto source = data.host_path.empty() ? names::data_volume(realm, cluster) : data.host_path;

  auto mount = std::find_if(controller.mounts.begin(), controller.mounts.end(),
                            [&](const Mount& candidate) { return candidate.source == source; });
  if (mount == controller.mounts.end()) {
    throw Error("controller container " + controller.name + " has no mount of " + source +
                ", so the /data of new workers is unknown; recreate the cluster with sind create cluster");
  }
  data.mount_path = mount->target;
  return data;
}

} // namespace

const NodeInfo& find_controller(const std::vector<NodeInfo>& nodes, const std::string& cluster,
                                ClusterManager& manager, const std::string& realm)
{
  if (nodes.empty()) {
    const auto known = manager.cluster_names();
    throw UsageError("cluster \"" + cluster + "\" not found in realm \"" + realm + "\"" +
                     (known.empty() ? " (the realm has no clusters)" : " (it has: " + join(known) + ")"));
  }

  auto controller = std::find_if(nodes.begin(), nodes.end(), [](const NodeInfo& node) { return node.role == "controller"; });
  if (controller == nodes.end()) {
    throw Error("cluster " + cluster + " has no controller container; delete it with: sind delete cluster " + cluster);
  }
  return *controller;
}

ClusterPlan running_cluster_plan(Runtime& runtime, const std::string& realm, const std::string& cluster,
                                 const ContainerInfo& controller, Logger& logger)
{
  auto mesh = Mesh(runtime, realm, logger).inspect();
  if (!mesh) {
    throw Error("realm " + realm + " has no mesh network " + names::mesh_network(realm) +
                "; recreate the cluster with sind delete cluster and sind create cluster");
  }

  ClusterPlan plan;
  plan.realm = realm;
  plan.cluster = cluster;
  plan.network = names::cluster_network(realm, cluster);
  plan.mesh = *mesh;
  plan.engine = runtime.info();
  plan.slurm_version = label_value(controller.labels, names::slurm_version_label);
  plan.data = data_storage(realm, cluster, controller);
  return plan;
}

std::optional<std::vector<NodeConfig>> read_managed_workers(Runtime& runtime, const std::string& controller)
{
  const auto result = exec_checked(runtime, controller, {{"cat", nodes_conf_path}},
                                   std::string("reading ") + nodes_conf_path);
  return parse_nodes_conf(result.stdout_data);
}

void write_managed_workers(Runtime& runtime, const std::string& controller, const std::vector<NodeConfig>& workers)
{
  runtime.upload_files(controller, "/etc/slurm", {{"sind-nodes.conf", generate_nodes_conf(workers), 0644, 0, 0}});
}

void reload_managed_workers(Runtime& runtime, const ClusterPlan& plan, const std::string& controller,
                            const std::vector<std::string>& usable, std::chrono::seconds timeout, Logger& logger)
{
  // slurmctld before 23.11 reads the node list only when it starts
  const auto version = parse_slurm_version(plan.slurm_version);
  const std::vector<std::string> reload = version >= reconfigure_adds_nodes_since
                                            ? std::vector<std::string>{"scontrol", "reconfigure"}
                                            : std::vector<std::string>{"systemctl", "restart", "slurmctld"};
  logger.debug("making slurmctld of cluster " + plan.cluster + " read the new node list");
  exec_checked(runtime, controller, {reload}, "making slurmctld read " + std::string(nodes_conf_path));

  const ReadinessCondition condition =
    usable.empty() ? ReadinessCondition{ReadinessCondition::Kind::slurm_ready, {}}
                   : ReadinessCondition{ReadinessCondition::Kind::workers, usable};
  wait_for_readiness(runtime, plan.realm, plan.cluster, condition, timeout, logger);
}

std::vector<std::string> running_managed_workers(const std::vector<NodeInfo>& nodes,
                                                 const std::set<std::string>& excluded)
{
  std::vector<std::string> workers;
  for (const auto& node : nodes) {
    if (node.role == "worker" && node.managed && node.state == ContainerState::running &&
        !excluded.contains(node.name)) {
      workers.push_back(node.name);
    }
  }
  return workers;
}

void update_cluster_hosts(ClusterManager& manager, Mesh& mesh, const std::string& cluster,
                          const std::vector<std::string>& added, const std::set<std::string>& dropped)
{
  std::vector<DnsRecord> records;
  for (const auto& node : manager.nodes(cluster)) {
    if (!node.ip.empty()) {
      records.push_back({node.fqdn, node.ip});
    }
  }
  mesh.set_dns_records(cluster, records);

  // a line starts with "FQDN,IP KEY"
  auto host_of = [](const std::string& line) { return line.substr(0, line.find_first_of(", ")); };
  std::set<std::string> replaced = dropped;
  for (const auto& line : added) {
    replaced.insert(host_of(line));
  }

  std::vector<std::string> lines;
  std::istringstream current(mesh.read_ssh_file("known_hosts.d/" + cluster));
  for (std::string line; std::getline(current, line);) {
    if (!line.empty() && !replaced.contains(host_of(line))) {
      lines.push_back(line);
    }
  }
  lines.insert(lines.end(), added.begin(), added.end());
  mesh.set_known_hosts(cluster, lines);
}

} // namespace sind
