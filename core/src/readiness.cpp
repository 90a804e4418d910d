#include <sind/readiness.hpp>

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/names.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <thread>

namespace sind {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto poll_interval = 500ms;

// Runs on the controller: exits 3 when slurmctld does not respond to
// `scontrol ping` within $1 seconds, else prints "NODE STATE" per node, the
// state in sinfo's short form ("idle", "idle*", "down*", "drain", ...).
constexpr const char* slurm_state_script = R"SH(
timeout "$1" scontrol ping 2>/dev/null | grep -q 'is UP' || exit 3
timeout "$1" sinfo -h -N -o '%N %t'
)SH";

// Worker states in which slurmd has registered and can take jobs.
const std::set<std::string> usable_states{"idle", "alloc", "mix", "comp"};

struct NodeContainer
{
  std::string name;
  std::string role;
  bool managed = true;
  ContainerState state = ContainerState::unknown;
};

std::string join(const std::vector<std::string>& words, const std::string& separator)
{
  std::string joined;
  for (const auto& word : words) {
    joined += (joined.empty() ? "" : separator) + word;
  }
  return joined;
}

std::vector<NodeContainer> list_nodes(Runtime& runtime, const std::string& realm, const std::string& cluster)
{
  const Labels selector{{std::string(names::realm_label), realm},
                        {std::string(names::cluster_label), cluster},
                        {std::string(names::component_label), "node"}};
  std::vector<NodeContainer> nodes;
  for (const auto& container : runtime.list_containers(selector)) {
    nodes.push_back({label_value(container.labels, names::node_label), label_value(container.labels, names::role_label),
                     label_value(container.labels, names::managed_label) != "false", container.state});
  }

  // shorter names first puts worker-2 before worker-10
  std::sort(nodes.begin(), nodes.end(), [](const NodeContainer& a, const NodeContainer& b) {
    return std::make_pair(a.name.size(), a.name) < std::make_pair(b.name.size(), b.name);
  });
  return nodes;
}

// Describe why a node's container is not running, or return nothing when it runs.
std::optional<std::string> container_fault(const NodeContainer& node)
{
  if (node.state == ContainerState::running) {
    return std::nullopt;
  }
  if (node.state == ContainerState::paused) {
    return node.name + " is frozen (container paused)";
  }
  return node.name + " is stopped (container " + to_string(node.state) + ")";
}

// Pick the workers that `condition` needs. Throws sind::UsageError for a named
// worker that is not a managed worker of the cluster.
std::vector<NodeContainer> target_workers(const std::vector<NodeContainer>& nodes,
                                          const ReadinessCondition& condition, const std::string& cluster)
{
  std::vector<NodeContainer> managed;
  std::vector<std::string> managed_names;
  for (const auto& node : nodes) {
    if (node.role == "worker" && node.managed) {
      managed.push_back(node);
      managed_names.push_back(node.name);
    }
  }
  if (condition.kind == ReadinessCondition::Kind::ready) {
    return managed;
  }

  std::vector<NodeContainer> targets;
  for (const auto& name : condition.workers) {
    auto found = std::find_if(managed.begin(), managed.end(), [&](const auto& node) { return node.name == name; });
    if (found == managed.end()) {
      throw UsageError("\"" + name + "\" is not a managed worker of cluster " + cluster + " (its managed workers: " +
                       (managed_names.empty() ? "none" : join(managed_names, ", ")) + ")");
    }
    targets.push_back(*found);
  }
  return targets;
}

// Ask slurmctld for every node's state. Return nothing when slurmctld does
// not respond.
std::optional<std::map<std::string, std::string>> read_slurm_states(Runtime& runtime, const std::string& controller,
                                                                    std::chrono::seconds timeout)
{
  const auto result =
    runtime.exec(controller, {{"sh", "-c", slurm_state_script, "sh", std::to_string(timeout.count())}});
  if (result.exit_code != 0) {
    return std::nullopt;
  }

  std::map<std::string, std::string> states;
  std::istringstream lines(result.stdout_data);
  for (std::string node, state; lines >> node >> state;) {
    states[node] = state;
  }
  return states;
}

std::optional<std::string> slurm_fault(const std::string& worker, const std::map<std::string, std::string>& states)
{
  auto found = states.find(worker);
  if (found == states.end()) {
    return worker + " is not registered with slurmctld";
  }

  const auto& state = found->second;
  if (state.ends_with('*')) {
    return worker + " is " + state + " in sinfo (slurmd not responding)";
  }
  if (!usable_states.contains(state)) {
    return worker + " is " + state + " in sinfo";
  }
  return std::nullopt;
}

std::vector<std::string> check_once(Runtime& runtime, const std::string& realm, const std::string& cluster,
                                    const ReadinessCondition& condition, std::chrono::seconds probe_timeout)
{
  const auto nodes = list_nodes(runtime, realm, cluster);
  auto controller = std::find_if(nodes.begin(), nodes.end(), [](const auto& node) { return node.role == "controller"; });
  if (controller == nodes.end()) {
    return {"cluster " + cluster + " has no controller container"};
  }

  std::vector<std::string> missing;
  const auto workers = condition.kind == ReadinessCondition::Kind::slurm_ready
                         ? std::vector<NodeContainer>{}
                         : target_workers(nodes, condition, cluster);
  if (auto fault = container_fault(*controller)) {
    missing.push_back(*fault);
  }
  for (const auto& worker : workers) {
    if (auto fault = container_fault(worker)) {
      missing.push_back(*fault);
    }
  }
  if (controller->state != ContainerState::running) {
    return missing;
  }

  const auto container = names::node_container(realm, cluster, controller->name);
  const auto states = read_slurm_states(runtime, container, probe_timeout);
  if (!states) {
    missing.insert(missing.begin(), "slurmctld does not respond to scontrol ping");
    return missing;
  }
  for (const auto& worker : workers) {
    if (worker.state != ContainerState::running) {
      continue;
    }
    if (auto fault = slurm_fault(worker.name, *states)) {
      missing.push_back(*fault);
    }
  }
  return missing;
}

void require_cluster(Runtime& runtime, const std::string& realm, const std::string& cluster, Logger& logger)
{
  const auto clusters = ClusterManager(runtime, realm, logger).cluster_names();
  if (std::find(clusters.begin(), clusters.end(), cluster) == clusters.end()) {
    throw Error("cluster \"" + cluster + "\" not found in realm \"" + realm + "\"" +
                (clusters.empty() ? " (the realm has no clusters)" : " (it has: " + join(clusters, ", ") + ")"));
  }
}

std::string describe(std::chrono::milliseconds duration)
{
  if (duration.count() % 1000 == 0) {
    return std::to_string(duration.count() / 1000) + " s";
  }
  return std::to_string(duration.count()) + " ms";
}

} // namespace

ReadinessCondition parse_readiness_condition(std::string_view text)
{
  const std::string_view node_prefix = "node=";
  if (text == "ready") {
    return {ReadinessCondition::Kind::ready, {}};
  }
  if (text == "slurm-ready") {
    return {ReadinessCondition::Kind::slurm_ready, {}};
  }
  if (text.starts_with(node_prefix) && text.size() > node_prefix.size()) {
    return {ReadinessCondition::Kind::workers, {std::string(text.substr(node_prefix.size()))}};
  }
  throw UsageError("invalid --for value \"" + std::string(text) +
                   "\": expected ready, slurm-ready or node=NAME (e.g. node=worker-0)");
}

std::string to_string(const ReadinessCondition& condition)
{
  switch (condition.kind) {
  case ReadinessCondition::Kind::slurm_ready:
    return "slurm-ready";
  case ReadinessCondition::Kind::ready:
    return "ready";
  case ReadinessCondition::Kind::workers:
    return "node=" + join(condition.workers, ",");
  }
  return "";
}

std::vector<std::string> check_readiness(Runtime& runtime, const std::string& realm, const std::string& cluster,
                                         const ReadinessCondition& condition, Logger& logger)
{
  require_cluster(runtime, realm, cluster, logger);
  return check_once(runtime, realm, cluster, condition, 10s);
}

void wait_for_readiness(Runtime& runtime, const std::string& realm, const std::string& cluster,
                        const ReadinessCondition& condition, std::chrono::milliseconds timeout, Logger& logger)
{
  require_cluster(runtime, realm, cluster, logger);
  const auto deadline = Clock::now() + timeout;

  while (true) {
    // each Slurm command of a probe gets the time left, and at least one second
    const auto left = std::chrono::ceil<std::chrono::seconds>(deadline - Clock::now());
    const auto missing = check_once(runtime, realm, cluster, condition, std::max(left, std::chrono::seconds(1)));
    if (missing.empty()) {
      logger.info("cluster " + cluster + " is " + to_string(condition));
      return;
    }

    const auto now = Clock::now();
    if (now >= deadline) {
      throw Error("cluster " + cluster + " is not " + to_string(condition) + " after " + describe(timeout) + ": " +
                  join(missing, "; "));
    }
    logger.debug("cluster " + cluster + " is not " + to_string(condition) + " yet: " + join(missing, "; "));
    std::this_thread::sleep_until(std::min(now + poll_interval, deadline));
  }
}

} // namespace sind
