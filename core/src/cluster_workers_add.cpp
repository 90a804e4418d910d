// ClusterManager::add_workers: new worker containers on a running cluster.

#include <sind/cluster.hpp>

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/slurm_config.hpp>
#include <sind/state.hpp>

#include "cluster_workers.hpp"
#include "node_boot.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <functional>
#include <map>

namespace sind {
namespace {

using Clock = std::chrono::steady_clock;

// Return the number after "worker-", or -1 for other names.
long worker_index(const std::string& name)
{
  const std::string prefix = "worker-";
  if (!name.starts_with(prefix) || name.size() == prefix.size() ||
      name.find_first_not_of("0123456789", prefix.size()) != std::string::npos) {
    return -1;
  }
  return std::stol(name.substr(prefix.size()));
}

// Resolve the new workers' settings: numbered after the highest worker,
// the controller's image unless another is given.
std::vector<NodeConfig> new_workers(const std::vector<NodeInfo>& nodes, const NodeInfo& controller,
                                    const AddWorkersOptions& options)
{
  long highest = -1;
  for (const auto& node : nodes) {
    if (node.role == "worker") {
      highest = std::max(highest, worker_index(node.name));
    }
  }

  const auto& settings = options.settings;
  std::vector<NodeConfig> workers;
  for (int i = 1; i <= options.count; ++i) {
    NodeConfig worker;
    worker.name = "worker-" + std::to_string(highest + i);
    worker.role = NodeRole::worker;
    worker.image = settings.image.value_or(controller.image);
    worker.cpus = settings.cpus;
    worker.memory_bytes = settings.memory_bytes;
    worker.tmp_size = settings.tmp_size.value_or(std::string(default_tmp_size));
    worker.cap_add = settings.cap_add;
    worker.cap_drop = settings.cap_drop;
    worker.devices = settings.devices;
    worker.security_opt = settings.security_opt;
    worker.managed = options.managed;
    workers.push_back(std::move(worker));
  }
  return workers;
}

class WorkerAddition
{
public:
  WorkerAddition(Runtime& runtime, ClusterPlan plan, std::string controller, const AddWorkersOptions& options,
                 Logger& logger, Progress& progress)
    : m_runtime(runtime),
      m_plan(std::move(plan)),
      m_controller(std::move(controller)),
      m_options(options),
      m_logger(logger),
      m_progress(progress),
      m_deadline(Clock::now() + options.wait)
  {
  }

  void run(const std::vector<NodeConfig>& workers)
  {
    const auto managed = managed_workers();
    check_image(workers.front().image);
    create_nodes(workers);
    if (m_options.managed) {
      auto listed = *managed;
      listed.insert(listed.end(), workers.begin(), workers.end());
      write_managed_workers(m_runtime, m_controller, listed);
    }
    boot_nodes(workers);
    register_nodes(workers);
    if (m_options.managed) {
      add_to_slurm();
    }
  }

private:
  std::string container(const NodeConfig& node) const
  {
    return names::node_container(m_plan.realm, m_plan.cluster, node.name);
  }

  std::chrono::seconds remaining() const
  {
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(m_deadline - Clock::now());
    if (left.count() <= 0) {
      throw Error("timed out after " + std::to_string(m_options.wait.count()) + " s (--wait) adding workers to cluster " +
                  m_plan.cluster);
    }
    return left;
  }

  // Read sind-nodes.conf before creating anything, so that a file sind may
  // not rewrite rejects managed workers while nothing has changed yet.
  std::optional<std::vector<NodeConfig>> managed_workers()
  {
    if (!m_options.managed) {
      return std::nullopt;
    }
    auto managed = read_managed_workers(m_runtime, m_controller);
    if (!managed) {
      throw UsageError("/etc/slurm/sind-nodes.conf of cluster " + m_plan.cluster +
                       " no longer starts with sind's header, so sind cannot add managed workers to it; "
                       "add --unmanaged and list the workers in that file yourself");
    }
    return managed;
  }

  void check_image(const std::string& reference)
  {
    PhaseGuard phase(m_progress, "Checking the node image");
    const auto image = require_image(m_runtime, reference, m_options.pull, m_logger);

    // images that sind did not build carry no version label and are not checked
    const auto version = image.labels.find(std::string(names::slurm_version_label));
    if (version != image.labels.end() && !version->second.empty() && version->second != m_plan.slurm_version) {
      throw UsageError("image " + reference + " has Slurm " + version->second + " but cluster " + m_plan.cluster +
                       " runs Slurm " + m_plan.slurm_version + "; pick an image with Slurm " + m_plan.slurm_version);
    }
    phase.done();
  }

  void create_nodes(const std::vector<NodeConfig>& workers)
  {
    PhaseGuard phase(m_progress, "Creating " + std::to_string(workers.size()) + " worker containers");
    const auto public_key = Mesh(m_runtime, m_plan.realm, m_logger).read_ssh_file("id_ed25519.pub");
    std::vector<std::function<void()>> tasks;
    for (const auto& worker : workers) {
      tasks.push_back([this, &worker, &public_key] {
        m_runtime.create_container(node_container_spec(m_plan, worker));
        m_runtime.upload_files(container(worker), "/root", {{".ssh/authorized_keys", public_key, 0600, 0, 0}});
        m_runtime.upload_files(container(worker), "/etc/systemd/system", role_units(worker));
      });
    }
    run_parallel(tasks);
    phase.done();
  }

  void boot_nodes(const std::vector<NodeConfig>& workers)
  {
    PhaseGuard phase(m_progress, "Booting workers");
    std::vector<std::string> containers;
    for (const auto& worker : workers) {
      containers.push_back(container(worker));
    }
    m_boots = boot_containers(m_runtime, cluster_labels(m_plan.realm, m_plan.cluster), containers, remaining(),
                              m_logger);
    phase.done();
  }

  void register_nodes(const std::vector<NodeConfig>& workers)
  {
    PhaseGuard phase(m_progress, "Registering workers in DNS and known_hosts");
    std::vector<std::string> known_hosts;
    for (const auto& worker : workers) {
      const auto& boot = m_boots.at(container(worker));
      const auto fqdn = names::node_fqdn(m_plan.realm, m_plan.cluster, worker.name);
      known_hosts.push_back(fqdn + "," + boot.ips.at(m_plan.network) + " " + boot.host_key);
    }

    ClusterManager manager(m_runtime, m_plan.realm, m_logger);
    Mesh mesh(m_runtime, m_plan.realm, m_logger);
    update_cluster_hosts(manager, mesh, m_plan.cluster, known_hosts, {});
    phase.done();
  }

  // slurmd of a new worker starts during boot and finds itself in
  // sind-nodes.conf. It registers once slurmctld has read that file again.
  void add_to_slurm()
  {
    PhaseGuard phase(m_progress, "Adding workers to Slurm");
    const auto nodes = ClusterManager(m_runtime, m_plan.realm, m_logger).nodes(m_plan.cluster);
    reload_managed_workers(m_runtime, m_plan, m_controller, running_managed_workers(nodes, {}), remaining(),
                           m_logger);
    phase.done();
  }

  Runtime& m_runtime;
  ClusterPlan m_plan;
  std::string m_controller;
  const AddWorkersOptions& m_options;
  Logger& m_logger;
  Progress& m_progress;
  Clock::time_point m_deadline;
  std::map<std::string, BootResult> m_boots;
};

} // namespace

std::vector<std::string> ClusterManager::add_workers(const std::string& cluster, const AddWorkersOptions& options,
                                                     Progress& progress)
{
  names::validate_dns_label("cluster", cluster);
  if (options.count < 1) {
    throw UsageError("invalid --count " + std::to_string(options.count) + ": expected 1 or more workers");
  }
  RealmLock lock(m_realm);

  const auto nodes = this->nodes(cluster);
  const auto& controller = find_controller(nodes, cluster, *this, m_realm);
  const auto controller_info = m_runtime.inspect_container(controller.container);
  if (!controller_info || controller_info->state != ContainerState::running) {
    throw Error("controller of cluster " + cluster + " is not running; start it with: sind power on controller." +
                cluster);
  }

  auto plan = running_cluster_plan(m_runtime, m_realm, cluster, *controller_info, m_logger);
  const auto workers = new_workers(nodes, controller, options);
  m_logger.info("adding " + std::to_string(workers.size()) + " workers to cluster " + cluster + " in realm " +
                m_realm);
  std::vector<std::string> added;
  for (const auto& worker : workers) {
    added.push_back(worker.name);
  }

  try {
    WorkerAddition(m_runtime, std::move(plan), controller.container, options, m_logger, progress).run(workers);
  } catch (const UsageError&) {
    throw;
  } catch (const Error& error) {
    const std::string realm_flag = m_realm == names::default_realm ? "" : " --realm " + m_realm;
    throw Error(std::string(error.what()) + " (the new workers are left for inspection; remove them with: sind" +
                realm_flag + " delete worker " + fold_node_names(added) + "." + cluster + ")");
  }
  return added;
}

} // namespace sind
