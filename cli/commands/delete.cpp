#include "commands/commands.hpp"
#include "context.hpp"
#include "terminal_progress.hpp"

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/names.hpp>

#include <unistd.h>

namespace sind::cli {
namespace {

struct DeleteClusterFlags
{
  std::string name;
  bool all = false;
};

int delete_clusters(Context& context, const DeleteClusterFlags& flags)
{
  if (flags.all && !flags.name.empty()) {
    throw UsageError("give a cluster name or --all, not both");
  }

  ClusterManager clusters(context.runtime(), context.realm(), context.logger());
  std::vector<std::string> names =
    flags.all ? clusters.cluster_names()
              : std::vector<std::string>{flags.name.empty() ? std::string(names::default_cluster) : flags.name};

  const bool interactive = is_terminal(STDERR_FILENO);
  for (const auto& name : names) {
    const bool existed = clusters.remove(name);
    if (interactive) {
      context.err() << (existed ? " ✓ Deleted cluster \"" : " • No cluster \"") << name << "\" in realm \""
                    << context.realm() << "\"\n";
    }
  }
  return 0;
}

} // namespace

void add_delete_command(CLI::App& app, const CommandRunner& run)
{
  auto* remove = app.add_subcommand("delete", "Delete a cluster");
  remove->require_subcommand(1);

  auto flags = std::make_shared<DeleteClusterFlags>();
  auto* cluster = remove->add_subcommand(
    "cluster", "Delete a cluster with its containers, network, volumes and DNS records; "
               "a cluster that does not exist is not an error");
  cluster->add_option("name", flags->name, "Cluster name (default: \"default\")");
  cluster->add_flag("--all", flags->all, "Delete every cluster of the realm, and the realm's mesh");

  cluster->callback([flags, run] { run([flags](Context& context) { return delete_clusters(context, *flags); }); });
}

} // namespace sind::cli
