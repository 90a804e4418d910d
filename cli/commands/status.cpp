#include "commands/commands.hpp"
#include "commands/get_commands.hpp"

#include <sind/names.hpp>

namespace sind::cli {
namespace {

struct StatusFlags
{
  std::string cluster = std::string(names::default_cluster);
  std::string output = "human";
};

} // namespace

void add_status_command(CLI::App& app, const CommandRunner& run)
{
  auto flags = std::make_shared<StatusFlags>();
  auto* status = app.add_subcommand(
      "status",
      "Show a cluster: its containers, networks, mesh services, mounts and the health of every node");
  status->add_option("name", flags->cluster, "Cluster name")->capture_default_str();
  add_output_option(*status, flags->output);
  status->callback([flags, run] {
    run([flags](Context& context) { return show_cluster(context, flags->cluster, flags->output); });
  });
}

} // namespace sind::cli
