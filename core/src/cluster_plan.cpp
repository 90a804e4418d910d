#include "cluster_plan.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/system_container.hpp>

namespace sind {
namespace {

// Parse "host[:container[:permissions]]" as the docker CLI's --device does.
DeviceMapping parse_device(const std::string& text)
{
  DeviceMapping device;
  const auto first = text.find(':');
  device.host_path = text.substr(0, first);
  if (first == std::string::npos) {
    return device;
  }

  const auto second = text.find(':', first + 1);
  device.container_path = text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
  if (second != std::string::npos) {
    device.permissions = text.substr(second + 1);
  }
  return device;
}

} // namespace

ImageInfo require_image(Runtime& runtime, const std::string& reference, bool pull, Logger& logger)
{
  auto image = runtime.inspect_image(reference);
  if (!image && pull) {
    runtime.pull_image(reference, [&](std::string_view line) { logger.debug(line); });
    image = runtime.inspect_image(reference);
  }
  if (!image) {
    throw Error("node image " + reference + " not found; build it with "
                "packaging/images/build-node-image, or pass --pull to pull it");
  }
  return *image;
}

Labels cluster_labels(const std::string& realm, const std::string& cluster)
{
  return {{std::string(names::realm_label), realm}, {std::string(names::cluster_label), cluster}};
}

std::vector<FileEntry> role_units(const NodeConfig& node)
{
  std::string services = "munge.service";
  if (node.role == NodeRole::controller) {
    services += " slurmctld.service";
  } else if (node.role == NodeRole::worker && node.managed) {
    services += " slurmd.service";
  }

  // munged rejects a key file that the munge user does not own, and the
  // image numbers that user, so the owner is set where the name is known
  return {{"multi-user.target.d/sind-role.conf", "[Unit]\nWants=" + services + "\n"},
          {"munge.service.d/sind-key.conf",
           "[Service]\nExecStartPre=+/bin/chown munge:munge /etc/munge/munge.key\n"
           "ExecStartPre=+/bin/chmod 0400 /etc/munge/munge.key\n"}};
}

ContainerSpec node_container_spec(const ClusterPlan& plan, const NodeConfig& node)
{
  ContainerSpec spec;
  spec.name = names::node_container(plan.realm, plan.cluster, node.name);
  spec.hostname = node.name;
  spec.domainname = plan.cluster + "." + plan.mesh.dns_zone;
  spec.image = node.image;

  spec.labels = cluster_labels(plan.realm, plan.cluster);
  spec.labels[std::string(names::role_label)] = std::string(to_string(node.role));
  spec.labels[std::string(names::component_label)] = "node";
  spec.labels[std::string(names::node_label)] = node.name;
  spec.labels[std::string(names::slurm_version_label)] = plan.slurm_version;
  if (node.role == NodeRole::worker && !node.managed) {
    spec.labels[std::string(names::managed_label)] = "false";
  }
  if (plan.data.type == DataStorage::Type::host_path) {
    spec.labels[std::string(names::data_hostpath_label)] = plan.data.host_path;
  }

  // names of the zone resolve through the mesh's DNS server; short node names
  // also resolve through the engine's DNS on the cluster network
  spec.networks = {{plan.network, {node.name}, ""}, {plan.mesh.network, {}, ""}};
  spec.dns_servers = {plan.mesh.dns_ip};
  spec.dns_search = {spec.domainname, plan.mesh.dns_zone};

  spec.mounts = {
    {Mount::Type::volume, names::config_volume(plan.realm, plan.cluster), "/etc/slurm", false, ""},
    {Mount::Type::volume, names::munge_volume(plan.realm, plan.cluster), "/etc/munge", false, ""},
  };
  if (plan.data.type == DataStorage::Type::host_path) {
    spec.mounts.push_back({Mount::Type::bind, plan.data.host_path, plan.data.mount_path, false, ""});
  } else {
    spec.mounts.push_back(
      {Mount::Type::volume, names::data_volume(plan.realm, plan.cluster), plan.data.mount_path, false, ""});
  }

  spec.cpus = node.cpus.value_or(0);
  spec.memory_bytes = static_cast<std::int64_t>(node.memory_bytes.value_or(0));
  spec.cap_add = node.cap_add;
  spec.cap_drop = node.cap_drop;
  spec.security_opt = node.security_opt;
  for (const auto& device : node.devices) {
    spec.devices.push_back(parse_device(device));
  }

  make_system_container(spec, plan.engine, {node.tmp_size});
  return spec;
}

} // namespace sind
