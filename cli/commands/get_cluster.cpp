#include "cluster_report.hpp"
#include "commands/get_commands.hpp"
#include "context.hpp"
#include "service_health.hpp"
#include "table.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace sind::cli {
namespace {

using nlohmann::json;

std::string mark(bool ok)
{
  return ok ? "✓" : "✗";
}

std::string or_dash(const std::string& text)
{
  return text.empty() ? "-" : text;
}

json node_json(const NodeHealth& health)
{
  const auto& node = health.node;
  auto services = json::object();
  for (const auto& service : health.services) {
    services[service.name] = service.active;
  }
  return {{"container", node.container},
          {"cluster", node.cluster},
          {"name", node.name},
          {"role", node.role},
          {"fqdn", node.fqdn},
          {"ip", node.ip},
          {"status", to_string(node.state)},
          {"services", services}};
}

json cluster_json(const ClusterReport& report)
{
  json result = {{"name", report.name},
                 {"slurm_version", report.slurm_version},
                 {"status", report.status},
                 {"containers",
                  {{"running", report.containers.running},
                   {"stopped", report.containers.stopped},
                   {"paused", report.containers.paused},
                   {"total", report.containers.total}}},
                 {"networks", json::array()},
                 {"mesh_services", json::array()},
                 {"mounts", json::array()},
                 {"nodes", json::array()}};

  for (const auto& network : report.networks) {
    result["networks"].push_back({{"name", network.name},
                                  {"driver", network.driver},
                                  {"subnet", network.subnet},
                                  {"gateway", network.gateway},
                                  {"exists", network.exists}});
  }
  for (const auto& service : report.mesh_services) {
    result["mesh_services"].push_back({{"name", service.name},
                                       {"container", service.container},
                                       {"status", service.state},
                                       {"running", service.running}});
  }
  for (const auto& mount : report.mounts) {
    result["mounts"].push_back({{"target", mount.target},
                                {"source", mount.source},
                                {"type", mount.type},
                                {"present", mount.present}});
  }
  for (const auto& node : report.nodes) {
    result["nodes"].push_back(node_json(node));
  }
  return result;
}

// The first two services of every node are munge and sshd, and the role's
// Slurm daemons follow in the SERVICES column.
void print_nodes(const std::vector<NodeHealth>& nodes, std::ostream& out)
{
  Table table({"NAME", "ROLE", "IP", "CONTAINER", "MUNGE", "SSHD", "SERVICES"});
  for (const auto& health : nodes) {
    const auto& node = health.node;
    std::string slurm_services;
    for (std::size_t i = 2; i < health.services.size(); ++i) {
      slurm_services += (slurm_services.empty() ? "" : "  ") + health.services[i].name + " " +
                        mark(health.services[i].active);
    }
    table.add_row({node.name + "." + node.cluster, node.role, or_dash(node.ip), to_string(node.state),
                   mark(health.services.at(0).active), mark(health.services.at(1).active),
                   or_dash(slurm_services)});
  }
  table.print(out);
}

void print_cluster(const ClusterReport& report, std::ostream& out)
{
  const auto& counts = report.containers;
  Table header({"CLUSTER", "STATUS (R/S/P/T)"});
  header.add_row({report.name, report.status + " (" + std::to_string(counts.running) + "/" +
                                   std::to_string(counts.stopped) + "/" + std::to_string(counts.paused) +
                                   "/" + std::to_string(counts.total) + ")"});
  header.print(out);

  out << "\nNETWORKS\n";
  Table networks({"NAME", "DRIVER", "SUBNET", "GATEWAY", "STATUS"});
  for (const auto& network : report.networks) {
    networks.add_row({network.name, or_dash(network.driver), or_dash(network.subnet),
                      or_dash(network.gateway), mark(network.exists)});
  }
  networks.print(out);

  out << "\nMESH SERVICES\n";
  Table services({"NAME", "CONTAINER", "STATUS"});
  for (const auto& service : report.mesh_services) {
    services.add_row({service.name, service.container, mark(service.running)});
  }
  services.print(out);

  out << "\nMOUNTS\n";
  Table mounts({"MOUNT", "SOURCE", "TYPE", "STATUS"});
  for (const auto& mount : report.mounts) {
    mounts.add_row({mount.target, mount.source, mount.type, mark(mount.present)});
  }
  mounts.print(out);

  out << "\nNODES\n";
  print_nodes(report.nodes, out);
}

// Find the node of `address`. The error lists the cluster's nodes, so that a
// typo is easy to spot.
NodeInfo find_node(ClusterManager& manager, const std::string& realm, const NodeAddress& address)
{
  const auto nodes = manager.nodes(address.cluster);
  auto found = std::find_if(nodes.begin(), nodes.end(),
                            [&](const NodeInfo& node) { return node.name == address.node; });
  if (found != nodes.end()) {
    return *found;
  }

  find_cluster(manager, realm, address.cluster);
  std::string known;
  for (const auto& node : nodes) {
    known += (known.empty() ? "" : ", ") + node.name;
  }
  throw Error("node \"" + address.node + "\" not found in cluster \"" + address.cluster + "\" of realm \"" +
              realm + "\"" + (known.empty() ? " (the cluster has no nodes)" : " (it has: " + known + ")"));
}

int show_node(Context& context, const std::string& argument, const std::string& output)
{
  const auto address = parse_node_address(argument, names::default_cluster);
  ClusterManager manager(context.runtime(), context.realm(), context.logger());
  const auto node = find_node(manager, context.realm(), address);
  const auto health = check_node_health(context.runtime(), {node}, context.logger());

  if (output == "json") {
    context.out() << node_json(health.front()).dump(2) << '\n';
  } else {
    print_nodes(health, context.out());
  }
  return 0;
}

struct TargetFlags
{
  std::string target;
  std::string output = "human";
};

} // namespace

int show_cluster(Context& context, const std::string& cluster, const std::string& output)
{
  names::validate_dns_label("cluster", cluster);
  const auto report = inspect_cluster(context.runtime(), context.realm(), cluster, context.logger());

  print_cluster_report(report, output, false, context.out());
  return 0;
}

void print_cluster_report(const ClusterReport& report, const std::string& output, bool one_line, std::ostream& out)
{
  if (output == "json") {
    out << cluster_json(report).dump(one_line ? -1 : 2) << '\n';
  } else {
    print_cluster(report, out);
  }
}

void add_get_cluster_commands(CLI::App& get, const CommandRunner& run)
{
  auto cluster_flags = std::make_shared<TargetFlags>();
  cluster_flags->target = std::string(names::default_cluster);
  auto* cluster = get.add_subcommand(
      "cluster",
      "Show a cluster: its containers, networks, mesh services, mounts and the health of every node");
  cluster->add_option("name", cluster_flags->target, "Cluster name")->capture_default_str();
  add_output_option(*cluster, cluster_flags->output);
  cluster->callback([cluster_flags, run] {
    run([cluster_flags](Context& context) {
      return show_cluster(context, cluster_flags->target, cluster_flags->output);
    });
  });

  auto node_flags = std::make_shared<TargetFlags>();
  auto* node = get.add_subcommand("node", "Show a node and the health of its services");
  node->add_option("node", node_flags->target,
                   "Node as NODE or NODE.CLUSTER; the cluster defaults to \"default\"")
      ->required();
  add_output_option(*node, node_flags->output);
  node->callback([node_flags, run] {
    run([node_flags](Context& context) {
      return show_node(context, node_flags->target, node_flags->output);
    });
  });
}

} // namespace sind::cli
