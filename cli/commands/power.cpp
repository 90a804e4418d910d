#include "commands/commands.hpp"
#include "context.hpp"
#include "duration.hpp"
#include "terminal_progress.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/nodeset.hpp>
#include <sind/power.hpp>

#include <unistd.h>

namespace sind::cli {
namespace {

struct PowerFlags
{
  std::string action;
  std::vector<std::string> nodes;
  std::string timeout = "2m";
};

// Past participle of each action, for the line printed per node.
std::string_view past_tense(PowerAction action)
{
  switch (action) {
  case PowerAction::shutdown: return "shut down";
  case PowerAction::cut: return "power cut";
  case PowerAction::on: return "powered on";
  case PowerAction::reboot: return "rebooted";
  case PowerAction::cycle: return "power-cycled";
  case PowerAction::freeze: return "frozen";
  case PowerAction::unfreeze: return "unfrozen";
  }
  return "";
}

int power_command(Context& context, const PowerFlags& flags)
{
  const auto action = parse_power_action(flags.action);
  if (!action) {
    throw UsageError("invalid power action \"" + flags.action +
                     "\": expected shutdown, cut, on, reboot, cycle, freeze or unfreeze");
  }
  PowerOptions options;
  options.boot_timeout = parse_duration(flags.timeout, "--timeout");
  const auto nodes = parse_nodesets(flags.nodes, names::default_cluster);

  const auto results = power_nodes(context.runtime(), context.realm(), nodes, *action, options, context.logger());
  if (is_terminal(STDERR_FILENO)) {
    for (const auto& result : results) {
      context.err() << (result.changed ? " ✓ " : " • ") << result.node.node << "." << result.node.cluster
                    << (result.changed ? " " + std::string(past_tense(*action)) : " unchanged (already in that state)")
                    << "\n";
    }
  }
  return 0;
}

} // namespace

void add_power_command(CLI::App& app, const CommandRunner& run)
{
  auto flags = std::make_shared<PowerFlags>();
  auto* power = app.add_subcommand(
    "power", "Power nodes off, on or through a reboot, or freeze them: "
             "shutdown (clean, systemd stops its services), cut (SIGKILL), on, reboot (shutdown + on), "
             "cycle (cut + on), freeze (pause every process), unfreeze");
  power->add_option("action", flags->action, "shutdown, cut, on, reboot, cycle, freeze or unfreeze")->required();
  power->add_option("nodes", flags->nodes,
                    "Nodes as NODE[.CLUSTER] with Slurm ranges, e.g. worker-[0-3].dev or controller,worker-0; "
                    "the cluster defaults to \"default\"")
    ->required();
  power->add_option("--timeout", flags->timeout,
                    "For on, reboot and cycle: how long to wait for the nodes to boot and slurmd to "
                    "register, e.g. 90s or 5m")
    ->capture_default_str();

  power->callback([flags, run] { run([flags](Context& context) { return power_command(context, *flags); }); });
}

} // namespace sind::cli
