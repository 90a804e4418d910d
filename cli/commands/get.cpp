#include "commands/get_commands.hpp"
#include "context.hpp"
#include "table.hpp"

#include <sind/cluster.hpp>

#include <nlohmann/json.hpp>

namespace sind::cli {
namespace {

struct GetFlags
{
  std::string output = "human";
  std::string cluster;
};

int get_clusters(Context& context, const GetFlags& flags)
{
  ClusterManager manager(context.runtime(), context.realm(), context.logger());
  const auto clusters = manager.clusters();

  if (flags.output == "json") {
    auto json = nlohmann::json::array();
    for (const auto& cluster : clusters) {
      json.push_back({{"name", cluster.name},
                      {"slurm_version", cluster.slurm_version},
                      {"status", cluster.status},
                      {"nodes", cluster.nodes},
                      {"controllers", cluster.controllers},
                      {"submitters", cluster.submitters},
                      {"workers", cluster.workers}});
    }
    context.out() << json.dump(2) << '\n';
    return 0;
  }

  Table table({"NAME", "CONTROLLERS", "SUBMITTERS", "WORKERS", "SLURM", "STATUS"});
  for (const auto& cluster : clusters) {
    table.add_row({cluster.name, std::to_string(cluster.controllers), std::to_string(cluster.submitters),
                   std::to_string(cluster.workers), cluster.slurm_version, cluster.status});
  }
  table.print(context.out());
  return 0;
}

int get_nodes(Context& context, const GetFlags& flags)
{
  ClusterManager manager(context.runtime(), context.realm(), context.logger());
  const auto nodes = manager.nodes(flags.cluster);

  if (flags.output == "json") {
    auto json = nlohmann::json::array();
    for (const auto& node : nodes) {
      json.push_back({{"container", node.container},
                      {"cluster", node.cluster},
                      {"name", node.name},
                      {"role", node.role},
                      {"fqdn", node.fqdn},
                      {"ip", node.ip},
                      {"status", to_string(node.state)}});
    }
    context.out() << json.dump(2) << '\n';
    return 0;
  }

  Table table({"NAME", "ROLE", "IP", "STATUS", "CONTAINER"});
  for (const auto& node : nodes) {
    table.add_row({node.name + "." + node.cluster, node.role, node.ip, to_string(node.state), node.container});
  }
  table.print(context.out());
  return 0;
}

} // namespace

void add_output_option(CLI::App& command, std::string& output)
{
  command.add_option("-o,--output", output, "Output format: human (aligned tables) or json")
    ->check(CLI::IsMember({"human", "json"}))
    ->capture_default_str();
}

void add_get_command(CLI::App& app, const CommandRunner& run)
{
  auto* get = app.add_subcommand("get", "Show clusters and their parts");
  get->require_subcommand(1);

  auto clusters_flags = std::make_shared<GetFlags>();
  auto* clusters = get->add_subcommand("clusters", "List the clusters of the realm");
  add_output_option(*clusters, clusters_flags->output);
  clusters->callback([clusters_flags, run] {
    run([clusters_flags](Context& context) { return get_clusters(context, *clusters_flags); });
  });

  auto nodes_flags = std::make_shared<GetFlags>();
  auto* nodes = get->add_subcommand("nodes", "List the nodes of a cluster, or of every cluster of the realm");
  nodes->add_option("cluster", nodes_flags->cluster, "Cluster name (default: every cluster)");
  add_output_option(*nodes, nodes_flags->output);
  nodes->callback(
    [nodes_flags, run] { run([nodes_flags](Context& context) { return get_nodes(context, *nodes_flags); }); });

  add_get_cluster_commands(*get, run);
  add_get_realm_commands(*get, run);
  add_get_mesh_commands(*get, run);
  add_get_consumers_command(*get, run);
  add_get_coredns_command(*get, run);
}

} // namespace sind::cli
