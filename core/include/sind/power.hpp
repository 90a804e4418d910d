#pragma once

// Power actions on node containers, as a cluster administrator would apply
// them to machines: shut down, cut the power, power on, reboot, power-cycle,
// and freeze (pause every process) or unfreeze.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sind/log.hpp>
#include <sind/nodeset.hpp>
#include <sind/runtime.hpp>

namespace sind {

enum class PowerAction {
  shutdown, // stop with the stop signal (SIGRTMIN+3: systemd shuts down cleanly)
  cut,      // SIGKILL
  on,       // start
  reboot,   // shutdown, then on
  cycle,    // cut, then on
  freeze,   // pause
  unfreeze  // unpause
};

// Return the action named `name` ("shutdown", "cut", ...), or nothing.
std::optional<PowerAction> parse_power_action(std::string_view name);
std::string_view to_string(PowerAction action);

struct PowerOptions
{
  // How long systemd may take to shut down before the engine kills it.
  std::chrono::seconds stop_timeout{30};
  // How long `on`, `reboot` and `cycle` wait for the nodes to boot and for
  // slurmd on managed workers to register again.
  std::chrono::seconds boot_timeout{std::chrono::minutes(2)};
};

// Outcome of a power action on one node.
struct PowerResult
{
  NodeRef node;
  bool changed = false; // false: it was in the target state already
};

// Apply `action` to every node of `nodes`, all at once. Nodes already in the
// target state are skipped. After a start, wait until each node has booted,
// rewrite its cluster's DNS records and known_hosts lines (the engine may
// assign a new address), and wait until its managed workers are usable in
// Slurm again. Throws sind::UsageError for a node or cluster that does not
// exist, listing what does, and sind::Error when a node cannot take the
// action in its state (freezing a stopped node, powering on a frozen one);
// in both cases before anything is done. Return one result per node, in the
// order of `nodes`.
std::vector<PowerResult> power_nodes(Runtime& runtime, const std::string& realm, const std::vector<NodeRef>& nodes,
                 PowerAction action, const PowerOptions& options, Logger& logger);

} // namespace sind
