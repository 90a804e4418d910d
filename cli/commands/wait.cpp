#include "commands/commands.hpp"
#include "context.hpp"
#include "duration.hpp"

#include <sind/names.hpp>
#include <sind/readiness.hpp>

namespace sind::cli {
namespace {

struct WaitFlags
{
  std::string cluster = std::string(names::default_cluster);
  std::string condition = "ready";
  std::string timeout = "2m";
};

int wait_command(Context& context, const WaitFlags& flags)
{
  names::validate_dns_label("cluster", flags.cluster);
  const auto condition = parse_readiness_condition(flags.condition);
  const auto timeout = parse_duration(flags.timeout, "--timeout");

  wait_for_readiness(context.runtime(), context.realm(), flags.cluster, condition, timeout, context.logger());
  return 0;
}

} // namespace

void add_wait_command(CLI::App& app, const CommandRunner& run)
{
  auto flags = std::make_shared<WaitFlags>();
  auto* wait = app.add_subcommand(
    "wait", "Wait until a cluster is usable in Slurm; exit 1 naming what is missing when the timeout passes");
  wait->add_option("cluster", flags->cluster, "Cluster name")->capture_default_str();
  wait->add_option("--for", flags->condition,
                   "ready: slurmctld responds and every managed worker is registered and responding; "
                   "slurm-ready: slurmctld responds to scontrol ping; node=NAME: slurmctld and that worker")
    ->capture_default_str();
  wait->add_option("--timeout", flags->timeout, "How long to wait, e.g. 90s, 2m or 1m30s")->capture_default_str();

  wait->callback([flags, run] { run([flags](Context& context) { return wait_command(context, *flags); }); });
}

} // namespace sind::cli
