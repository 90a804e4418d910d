#include "commands/commands.hpp"
#include "context.hpp"
#include "terminal_progress.hpp"

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/nodeset.hpp>
#include <sind/realm.hpp>

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

struct DeleteRealmFlags
{
  std::string name;
  bool all = false;
};

int delete_realms(Context& context, const DeleteRealmFlags& flags)
{
  if (flags.all && !flags.name.empty()) {
    throw UsageError("give a realm name or --all, not both");
  }

  std::vector<std::string> realms;
  if (flags.all) {
    realms = realm_names(context.runtime());
  } else {
    if (!flags.name.empty()) {
      context.set_realm(flags.name);
    }
    realms = {context.realm()};
  }

  const bool interactive = is_terminal(STDERR_FILENO);
  for (const auto& realm : realms) {
    const bool existed = delete_realm(context.runtime(), realm, context.logger());
    if (interactive) {
      context.err() << (existed ? " ✓ Deleted realm \"" : " • No realm \"") << realm << "\"\n";
    }
  }
  return 0;
}

int delete_workers(Context& context, const std::vector<std::string>& arguments)
{
  const auto workers = parse_nodesets(arguments, names::default_cluster);
  ClusterManager clusters(context.runtime(), context.realm(), context.logger());
  clusters.remove_workers(workers);

  if (is_terminal(STDERR_FILENO)) {
    for (const auto& worker : workers) {
      context.err() << " ✓ Deleted worker \"" << worker.node << "." << worker.cluster << "\"\n";
    }
  }
  return 0;
}

} // namespace

void add_delete_command(CLI::App& app, const CommandRunner& run)
{
  auto* remove = app.add_subcommand("delete", "Delete a cluster, workers of a cluster or a whole realm");
  remove->require_subcommand(1);

  auto flags = std::make_shared<DeleteClusterFlags>();
  auto* cluster = remove->add_subcommand(
    "cluster", "Delete a cluster with its containers, network, volumes and DNS records; "
               "a cluster that does not exist is not an error");
  cluster->add_option("name", flags->name, "Cluster name (default: \"default\")");
  cluster->add_flag("--all", flags->all, "Delete every cluster of the realm, and the realm's mesh");

  cluster->callback([flags, run] { run([flags](Context& context) { return delete_clusters(context, *flags); }); });

  auto worker_nodes = std::make_shared<std::vector<std::string>>();
  auto* worker = remove->add_subcommand(
    "worker", "Delete workers: remove them from Slurm, then their containers, DNS records and known_hosts "
              "lines; a worker that does not exist is an error, and then nothing is deleted");
  worker->add_option("nodes", *worker_nodes,
                     "Workers as NODE[.CLUSTER] with Slurm ranges, e.g. worker-[1-2].dev; the cluster defaults "
                     "to \"default\"")
    ->required();
  worker->callback(
    [worker_nodes, run] { run([worker_nodes](Context& context) { return delete_workers(context, *worker_nodes); }); });

  auto realm_flags = std::make_shared<DeleteRealmFlags>();
  auto* realm = remove->add_subcommand(
    "realm", "Delete a realm: every cluster, the mesh and everything else labelled with the realm; attached "
             "containers are detached and keep running; a realm that does not exist is not an error");
  realm->add_option("name", realm_flags->name, "Realm name (default: the value of --realm)");
  realm->add_flag("--all", realm_flags->all, "Delete every realm that has resources on the engine");
  realm->callback(
    [realm_flags, run] { run([realm_flags](Context& context) { return delete_realms(context, *realm_flags); }); });
}

} // namespace sind::cli
