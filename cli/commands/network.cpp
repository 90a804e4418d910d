#include "commands/commands.hpp"
#include "context.hpp"
#include "terminal_progress.hpp"

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/realm_network.hpp>

#include <unistd.h>

namespace sind::cli {
namespace {

struct ConnectFlags
{
  std::string container;
  std::vector<std::string> clusters;
  bool all_clusters = false;
};

int connect(Context& context, const ConnectFlags& flags)
{
  if (flags.all_clusters && !flags.clusters.empty()) {
    throw UsageError("give --cluster or --all-clusters, not both");
  }

  auto clusters = flags.clusters;
  if (flags.all_clusters) {
    clusters = ClusterManager(context.runtime(), context.realm(), context.logger()).cluster_names();
  }
  make_realm_network(context.runtime(), context.realm(), context.logger())->attach(flags.container, clusters);

  if (is_terminal(STDERR_FILENO)) {
    context.err() << " ✓ Connected " << flags.container << " to the mesh of realm \"" << context.realm() << "\"";
    for (const auto& cluster : clusters) {
      context.err() << (&cluster == &clusters.front() ? " and cluster " : ", ") << cluster;
    }
    context.err() << '\n';
  }
  return 0;
}

int disconnect(Context& context, const std::string& container)
{
  make_realm_network(context.runtime(), context.realm(), context.logger())->detach(container);

  if (is_terminal(STDERR_FILENO)) {
    context.err() << " ✓ Disconnected " << container << " from the networks of realm \"" << context.realm()
                  << "\"\n";
  }
  return 0;
}

} // namespace

void add_network_command(CLI::App& app, const CommandRunner& run)
{
  auto* network = app.add_subcommand("network", "Attach containers that sind did not create to the realm");
  network->require_subcommand(1);

  auto connect_flags = std::make_shared<ConnectFlags>();
  auto* connect_command = network->add_subcommand(
    "connect", "Attach a container to the realm's mesh and to cluster networks; attaching twice is not an error");
  connect_command->add_option("container", connect_flags->container, "Container name or id")->required();
  connect_command
    ->add_option("--cluster", connect_flags->clusters,
                 "Also attach to this cluster's network; repeat or separate with commas")
    ->delimiter(',');
  connect_command->add_flag("--all-clusters", connect_flags->all_clusters,
                            "Also attach to the network of every cluster of the realm");
  connect_command->callback(
    [connect_flags, run] { run([connect_flags](Context& context) { return connect(context, *connect_flags); }); });

  auto container = std::make_shared<std::string>();
  auto* disconnect_command = network->add_subcommand(
    "disconnect", "Detach a container from every network of the realm; one that is not attached is not an error");
  disconnect_command->add_option("container", *container, "Container name or id")->required();
  disconnect_command->callback(
    [container, run] { run([container](Context& context) { return disconnect(context, *container); }); });
}

} // namespace sind::cli
