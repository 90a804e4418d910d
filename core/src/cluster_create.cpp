#include <sind/cluster.hpp>

#include <sind/error.hpp>
#include <sind/mesh.hpp>
#include <sind/names.hpp>
#include <sind/slurm_config.hpp>
#include <sind/state.hpp>

#include "cluster_plan.hpp"
#include "exec_checked.hpp"
#include "node_boot.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace sind {
namespace {

using Clock = std::chrono::steady_clock;

// Runs on the controller: wait until slurmctld responds and every worker named
// in the arguments after the time limit ($1, in seconds) has registered, which
// sinfo shows as idle (or allocated, mixed, completing once jobs run). Slurm
// has no event to wait for, so the script polls, inside the container.
constexpr const char* wait_for_slurm_script = R"SH(
end=$(( $(date +%s) + $1 )); shift
until scontrol ping 2>/dev/null | grep -q 'is UP'; do
  if [ "$(date +%s)" -ge "$end" ]; then echo "slurmctld did not respond to scontrol ping" >&2; exit 1; fi
  sleep 0.2
done
not_ready() {
  for node in "$@"; do
    sinfo -h -n "$node" -t idle,alloc,mix,comp -o %n 2>/dev/null | grep -qx "$node" \
      || printf '%s (%s) ' "$node" "$(sinfo -h -n "$node" -o %T 2>/dev/null)"
  done
}
while [ -n "$(not_ready "$@")" ]; do
  if [ "$(date +%s)" -ge "$end" ]; then echo "workers not ready in sinfo: $(not_ready "$@")" >&2; exit 1; fi
  sleep 0.2
done
)SH";

// Read the Slurm version from the image's label, or ask slurmd in a
// throw-away container for images that sind did not build.
std::string image_slurm_version(Runtime& runtime, const ImageInfo& image, const std::string& reference,
                                const Labels& labels)
{
  auto label = image.labels.find(std::string(names::slurm_version_label));
  if (label != image.labels.end() && !label->second.empty()) {
    return label->second;
  }

  ContainerSpec spec;
  spec.name = "sind-slurm-version-" + image.id.substr(image.id.find(':') + 1, 12);
  spec.image = reference;
  spec.labels = labels;
  spec.command = {"slurmd", "-V"};
  runtime.remove_container(spec.name);
  runtime.create_container(spec);
  runtime.start_container(spec.name);
  std::string output;
  runtime.logs(spec.name, {.follow = true}, [&](OutputStream, std::string_view chunk) {
    output += chunk;
    return true;
  });
  runtime.remove_container(spec.name);
  return parse_slurmd_version_output(output).to_string();
}

class ClusterCreation
{
public:
  ClusterCreation(Runtime& runtime, ClusterPlan plan, const ClusterConfig& config,
                  const CreateClusterOptions& options, Logger& logger, Progress& progress)
    : m_runtime(runtime),
      m_plan(std::move(plan)),
      m_config(config),
      m_options(options),
      m_logger(logger),
      m_progress(progress),
      m_deadline(Clock::now() + options.wait)
  {
  }

  void run()
  {
    check_images();
    prepare_mesh_and_resources();
    create_nodes();
    boot_nodes();
    register_nodes();
    wait_for_slurm();
  }

private:
  std::string container(const NodeConfig& node) const
  {
    return names::node_container(m_plan.realm, m_plan.cluster, node.name);
  }

  const NodeConfig& controller() const { return m_config.nodes.front(); }

  std::chrono::seconds remaining() const
  {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(m_deadline - Clock::now());
    if (left.count() <= 0) {
      throw Error("timed out after " + std::to_string(m_options.wait.count()) +
                  " s (--wait) creating cluster " + m_plan.cluster);
    }
    return left;
  }

  void check_images()
  {
    PhaseGuard phase(m_progress, "Checking the node image");
    std::set<std::string> images;
    for (const auto& node : m_config.nodes) {
      images.insert(node.image);
    }

    for (const auto& reference : images) {
      const auto image = require_image(m_runtime, reference, m_options.pull, m_logger);
      if (reference == controller().image) {
        m_plan.slurm_version = image_slurm_version(m_runtime, image, reference,
                                                   cluster_labels(m_plan.realm, m_plan.cluster));
      }
    }
    m_logger.info("Slurm " + m_plan.slurm_version + " in image " + controller().image);
    phase.done();
  }

  // The mesh and the cluster's own resources do not depend on each other, so
  // they are made side by side; the relay joins the cluster network after.
  void prepare_mesh_and_resources()
  {
    PhaseGuard phase(m_progress, "Preparing the mesh, network and volumes");
    Mesh mesh(m_runtime, m_plan.realm, m_logger);
    run_parallel({[&] {
                    m_plan.mesh = mesh.ensure(controller().image);
                    m_public_key = mesh.read_ssh_file("id_ed25519.pub");
                  },
                  [&] { create_resources(); }});
    mesh.connect_relay(m_plan.network);
    phase.done();
  }

  void create_resources()
  {
    const auto labels = cluster_labels(m_plan.realm, m_plan.cluster);
    auto with_component = [&](const std::string& component) {
      auto result = labels;
      result[std::string(names::component_label)] = component;
      return result;
    };

    std::vector<std::function<void()>> tasks;
    tasks.push_back([&] { m_runtime.create_network({m_plan.network, with_component("network")}); });
    tasks.push_back([&] { m_runtime.create_volume({names::config_volume(m_plan.realm, m_plan.cluster), with_component("volume")}); });
    tasks.push_back([&] { m_runtime.create_volume({names::munge_volume(m_plan.realm, m_plan.cluster), with_component("volume")}); });
    if (m_plan.data.type == DataStorage::Type::volume) {
      tasks.push_back([&] { m_runtime.create_volume({names::data_volume(m_plan.realm, m_plan.cluster), with_component("volume")}); });
    }
    run_parallel(tasks);
  }

  void create_node(const NodeConfig& node)
  {
    m_runtime.create_container(node_container_spec(m_plan, node));
    m_runtime.upload_files(container(node), "/root", {{".ssh/authorized_keys", m_public_key, 0600, 0, 0}});
    m_runtime.upload_files(container(node), "/etc/systemd/system", role_units(node));
  }

  void create_nodes()
  {
    PhaseGuard phase(m_progress, "Creating " + std::to_string(m_config.nodes.size()) + " node containers");

    // Docker 20.10 copies the image's files into an empty volume when the
    // first container mounts it. Concurrent copies into one volume can fail
    // with "file exists" (moby/moby#43068), so the controller fills the shared
    // volumes first and the other nodes are created side by side after it.
    create_node(controller());
    std::vector<std::function<void()>> tasks;
    for (const auto& node : m_config.nodes) {
      if (&node != &controller()) {
        tasks.push_back([this, &node] { create_node(node); });
      }
    }
    run_parallel(tasks);

    // the controller mounts the shared volumes, so its files reach every node
    SlurmConfigOptions slurm;
    slurm.cluster_name = m_plan.cluster;
    slurm.version = parse_slurm_version(m_plan.slurm_version);
    m_runtime.upload_files(container(controller()), "/etc/slurm",
                           generate_slurm_config(m_config.nodes, m_config.slurm, slurm));
    m_runtime.upload_files(container(controller()), "/etc/munge",
                           {{"munge.key", generate_munge_key(), 0400, 0, 0}});
    phase.done();
  }

  void boot_nodes()
  {
    PhaseGuard phase(m_progress, "Booting nodes");
    std::vector<std::string> containers;
    for (const auto& node : m_config.nodes) {
      containers.push_back(container(node));
    }
    m_boots = boot_containers(m_runtime, cluster_labels(m_plan.realm, m_plan.cluster), containers,
                              remaining(), m_logger);
    phase.done();
  }

  void register_nodes()
  {
    PhaseGuard phase(m_progress, "Registering nodes in DNS and known_hosts");
    std::vector<DnsRecord> records;
    std::vector<std::string> known_hosts;
    for (const auto& node : m_config.nodes) {
      const auto& boot = m_boots.at(container(node));
      const auto fqdn = names::node_fqdn(m_plan.realm, m_plan.cluster, node.name);
      const auto& ip = boot.ips.at(m_plan.network);
      records.push_back({fqdn, ip});
      known_hosts.push_back(fqdn + "," + ip + " " + boot.host_key);
    }

    Mesh mesh(m_runtime, m_plan.realm, m_logger);
    mesh.set_dns_records(m_plan.cluster, records);
    mesh.set_known_hosts(m_plan.cluster, known_hosts);
    phase.done();
  }

  void wait_for_slurm()
  {
    PhaseGuard phase(m_progress, "Waiting for Slurm to be ready");
    ExecRequest request{{"sh", "-c", wait_for_slurm_script, "sh", std::to_string(remaining().count())}};
    for (const auto& node : m_config.nodes) {
      if (node.role == NodeRole::worker && node.managed) {
        request.argv.push_back(node.name);
      }
    }
    exec_checked(m_runtime, container(controller()), request, "waiting for Slurm on cluster " + m_plan.cluster);
    phase.done();
  }

  Runtime& m_runtime;
  ClusterPlan m_plan;
  const ClusterConfig& m_config;
  const CreateClusterOptions& m_options;
  Logger& m_logger;
  Progress& m_progress;
  Clock::time_point m_deadline;
  std::string m_public_key;
  std::map<std::string, BootResult> m_boots;
};

} // namespace

ClusterManager::ClusterManager(Runtime& runtime, std::string realm, Logger& logger)
  : m_runtime(runtime),
    m_realm(std::move(realm)),
    m_logger(logger)
{
}

void ClusterManager::create(const ClusterConfig& config, const CreateClusterOptions& options,
                            Progress& progress)
{
  names::validate_dns_label("realm", m_realm);
  names::validate_dns_label("cluster", config.name);
  RealmLock lock(m_realm);

  const auto existing = cluster_names();
  if (std::find(existing.begin(), existing.end(), config.name) != existing.end() ||
      !m_runtime.list_networks(cluster_labels(m_realm, config.name)).empty()) {
    throw UsageError("cluster " + config.name + " already exists in realm " + m_realm +
                     "; delete it first with: sind delete cluster " + config.name);
  }

  ClusterPlan plan;
  plan.realm = m_realm;
  plan.cluster = config.name;
  plan.network = names::cluster_network(m_realm, config.name);
  plan.engine = m_runtime.info();
  plan.data = config.data_storage;

  m_logger.info("creating cluster " + config.name + " in realm " + m_realm);
  try {
    ClusterCreation(m_runtime, std::move(plan), config, options, m_logger, progress).run();
  } catch (const UsageError&) {
    throw;
  } catch (const Error& error) {
    const std::string realm_flag = m_realm == names::default_realm ? "" : " --realm " + m_realm;
    throw Error(std::string(error.what()) + " (the partial cluster is left for inspection; remove it with: sind" +
                realm_flag + " delete cluster " + config.name + ")");
  }
}

} // namespace sind
