#include <sind/power.hpp>

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/readiness.hpp>
#include <sind/state.hpp>
#include <sind/text.hpp>

#include "node_boot.hpp"
#include "node_start.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <set>

namespace sind {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr std::array<std::pair<PowerAction, std::string_view>, 7> action_names{{
  {PowerAction::shutdown, "shutdown"},
  {PowerAction::cut, "cut"},
  {PowerAction::on, "on"},
  {PowerAction::reboot, "reboot"},
  {PowerAction::cycle, "cycle"},
  {PowerAction::freeze, "freeze"},
  {PowerAction::unfreeze, "unfreeze"},
}};

// The engine calls one node needs, in this order, given its current state.
struct NodeSteps
{
  bool unpause = false;
  bool stop = false;
  bool kill = false;
  bool pause = false;
  bool start = false;

  bool any() const { return unpause || stop || kill || pause || start; }
};

std::string node_name(const NodeInfo& node)
{
  return node.name + "." + node.cluster;
}

// Find every node of `refs`. Throws sind::UsageError for the first one that
// does not exist, listing the nodes of its cluster.
std::vector<NodeInfo> resolve_nodes(ClusterManager& manager, const std::string& realm,
                                    const std::vector<NodeRef>& refs)
{
  std::map<std::string, std::vector<NodeInfo>> clusters;
  std::vector<NodeInfo> resolved;
  for (const auto& ref : refs) {
    if (!clusters.contains(ref.cluster)) {
      clusters[ref.cluster] = manager.nodes(ref.cluster);
    }
    const auto& nodes = clusters[ref.cluster];
    if (nodes.empty()) {
      const auto known = manager.cluster_names();
      throw UsageError("cluster \"" + ref.cluster + "\" not found in realm \"" + realm + "\"" +
                       (known.empty() ? " (the realm has no clusters)" : " (it has: " + join(known) + ")"));
    }

    auto found = std::find_if(nodes.begin(), nodes.end(), [&](const NodeInfo& node) { return node.name == ref.node; });
    if (found == nodes.end()) {
      std::vector<std::string> names;
      for (const auto& node : nodes) {
        names.push_back(node.name);
      }
      throw UsageError("node \"" + ref.node + "\" not found in cluster \"" + ref.cluster + "\" of realm \"" + realm +
                       "\" (it has: " + join(names) + ")");
    }
    resolved.push_back(*found);
  }
  return resolved;
}

// Decide the steps for one node. Throws sind::Error when the node cannot
// take `action` in its state.
NodeSteps plan_steps(const NodeInfo& node, PowerAction action)
{
  const bool running = node.state == ContainerState::running;
  const bool paused = node.state == ContainerState::paused;
  const bool stopped = !running && !paused;
  const auto name = node_name(node);

  if (paused && action == PowerAction::on) {
    throw Error("node " + name + " is frozen (container paused); unfreeze it with: sind power unfreeze " + name);
  }
  if (stopped && (action == PowerAction::freeze || action == PowerAction::unfreeze)) {
    throw Error("node " + name + " is stopped (container " + to_string(node.state) +
                "), so it cannot be " + (action == PowerAction::freeze ? "frozen" : "unfrozen") +
                "; start it with: sind power on " + name);
  }

  NodeSteps steps;
  const bool graceful = action == PowerAction::shutdown || action == PowerAction::reboot;
  const bool hard = action == PowerAction::cut || action == PowerAction::cycle;
  // a frozen systemd cannot handle the stop signal, and the engine may
  // reject killing a paused container, so it is thawed first either way
  steps.unpause = paused && (graceful || hard || action == PowerAction::unfreeze);
  steps.stop = !stopped && graceful;
  steps.kill = !stopped && hard;
  steps.pause = running && action == PowerAction::freeze;
  steps.start = action == PowerAction::on || action == PowerAction::reboot || action == PowerAction::cycle;
  steps.start = steps.start && !(running && action == PowerAction::on);
  return steps;
}

// Run the steps that come before a start, one thread per node.
void halt_nodes(Runtime& runtime, const std::vector<NodeInfo>& nodes, const std::vector<NodeSteps>& steps,
                const PowerOptions& options)
{
  std::vector<std::function<void()>> tasks;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    tasks.push_back([&runtime, &options, container = nodes[i].container, step = steps[i]] {
      if (step.unpause) {
        runtime.unpause_container(container);
      }
      if (step.stop) {
        runtime.stop_container(container, options.stop_timeout);
      }
      if (step.kill) {
        runtime.kill_container(container, "SIGKILL");
      }
      if (step.pause) {
        runtime.pause_container(container);
      }
    });
  }
  run_parallel(tasks);
}

// Wait for the die event of every container in `killed`. The engine may
// return from a kill before the container has exited, and starting it then would
// find it still running.
void wait_until_dead(EventStream& events, std::set<std::string> killed, std::chrono::seconds timeout)
{
  const auto deadline = Clock::now() + timeout;
  while (!killed.empty()) {
    if (Clock::now() > deadline) {
      throw Error("timed out after " + std::to_string(timeout.count()) +
                  " s waiting for killed containers to exit: " + join({killed.begin(), killed.end()}));
    }
    if (auto event = events.next(100ms)) {
      const auto name = event->attributes.find("name");
      if (name != event->attributes.end()) {
        killed.erase(name->second);
      }
    }
  }
}

} // namespace

std::optional<PowerAction> parse_power_action(std::string_view name)
{
  for (const auto& [action, action_name] : action_names) {
    if (action_name == name) {
      return action;
    }
  }
  return std::nullopt;
}

std::string_view to_string(PowerAction action)
{
  for (const auto& [candidate, name] : action_names) {
    if (candidate == action) {
      return name;
    }
  }
  return "unknown";
}

std::vector<PowerResult> power_nodes(Runtime& runtime, const std::string& realm, const std::vector<NodeRef>& refs,
                                     PowerAction action, const PowerOptions& options, Logger& logger)
{
  // check everything before changing anything
  ClusterManager manager(runtime, realm, logger);
  const auto nodes = resolve_nodes(manager, realm, refs);
  std::vector<NodeSteps> steps;
  for (const auto& node : nodes) {
    steps.push_back(plan_steps(node, action));
  }

  // subscribe before killing, so that no die event is missed
  const Labels realm_selector{{std::string(names::realm_label), realm}};
  auto deaths = runtime.events({realm_selector, {"container"}, {"die"}});
  halt_nodes(runtime, nodes, steps, options);
  std::set<std::string> killed;
  std::vector<NodeInfo> to_start;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (steps[i].kill) {
      killed.insert(nodes[i].container);
    }
    if (steps[i].start) {
      to_start.push_back(nodes[i]);
    }
  }
  wait_until_dead(*deaths, killed, options.stop_timeout);

  if (!to_start.empty()) {
    start_nodes(runtime, realm, to_start, options.boot_timeout, logger);
  }

  std::vector<PowerResult> results;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    logger.info(node_name(nodes[i]) + ": " + (steps[i].any() ? std::string(to_string(action)) + " done" : "unchanged"));
    results.push_back({refs[i], steps[i].any()});
  }
  return results;
}

} // namespace sind
