#include "cluster_report.hpp"
#include "commands/get_commands.hpp"
#include "context.hpp"
#include "table.hpp"

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/mesh.hpp>
#include <sind/names.hpp>
#include <sind/realm.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace sind::cli {
namespace {

using nlohmann::json;

struct OutputFlags
{
  std::string output = "human";
};

struct MungeKeyFlags
{
  std::string cluster = std::string(names::default_cluster);
  std::string output = "human";
};

Labels realm_selector(const std::string& realm)
{
  return {{std::string(names::realm_label), realm}};
}

// Sort the mesh's resources (no cluster label) first, then by cluster and name.
template <typename Resource> void sort_by_cluster(std::vector<Resource>& resources)
{
  std::sort(resources.begin(), resources.end(), [](const Resource& a, const Resource& b) {
    const auto cluster_a = label_value(a.labels, names::cluster_label);
    const auto cluster_b = label_value(b.labels, names::cluster_label);
    return cluster_a != cluster_b ? cluster_a < cluster_b : a.name < b.name;
  });
}

int get_networks(Context& context, const OutputFlags& flags)
{
  auto networks = context.runtime().list_networks(realm_selector(context.realm()));
  sort_by_cluster(networks);

  if (flags.output == "json") {
    auto result = json::array();
    for (const auto& network : networks) {
      result.push_back({{"name", network.name},
                        {"driver", network.driver},
                        {"subnet", network.subnet},
                        {"gateway", network.gateway},
                        {"cluster", label_value(network.labels, names::cluster_label)}});
    }
    context.out() << result.dump(2) << '\n';
    return 0;
  }

  Table table({"NAME", "CLUSTER", "DRIVER", "SUBNET", "GATEWAY"});
  for (const auto& network : networks) {
    table.add_row({network.name, label_value(network.labels, names::cluster_label), network.driver, network.subnet,
                   network.gateway});
  }
  table.print(context.out());
  return 0;
}

int get_volumes(Context& context, const OutputFlags& flags)
{
  auto volumes = context.runtime().list_volumes(realm_selector(context.realm()));
  sort_by_cluster(volumes);

  if (flags.output == "json") {
    auto result = json::array();
    for (const auto& volume : volumes) {
      result.push_back({{"name", volume.name},
                        {"driver", volume.driver},
                        {"cluster", label_value(volume.labels, names::cluster_label)}});
    }
    context.out() << result.dump(2) << '\n';
    return 0;
  }

  Table table({"NAME", "CLUSTER", "DRIVER"});
  for (const auto& volume : volumes) {
    table.add_row({volume.name, label_value(volume.labels, names::cluster_label), volume.driver});
  }
  table.print(context.out());
  return 0;
}

// Map each realm found on the engine to the names of its clusters. A realm
// whose only resources are its mesh's has no clusters.
std::map<std::string, std::vector<std::string>> find_realms(Context& context)
{
  std::map<std::string, std::vector<std::string>> realms;
  for (const auto& realm : realm_names(context.runtime())) {
    realms[realm] = ClusterManager(context.runtime(), realm, context.logger()).cluster_names();
  }
  return realms;
}

int get_realms(Context& context, const OutputFlags& flags)
{
  const auto realms = find_realms(context);

  if (flags.output == "json") {
    auto result = json::array();
    for (const auto& [name, clusters] : realms) {
      result.push_back({{"name", name}, {"clusters", clusters.size()}});
    }
    context.out() << result.dump(2) << '\n';
    return 0;
  }

  Table table({"NAME", "CLUSTERS"});
  for (const auto& [name, clusters] : realms) {
    table.add_row({name, std::to_string(clusters.size())});
  }
  table.print(context.out());
  return 0;
}

int get_dns(Context& context, const OutputFlags& flags)
{
  Mesh mesh(context.runtime(), context.realm(), context.logger());
  if (!mesh.inspect()) {
    throw Error("realm \"" + context.realm() +
                "\" has no mesh, so it has no DNS records. Create a cluster with "
                "'sind --realm " +
                context.realm() + " create cluster' first");
  }
  const auto records = mesh.dns_records();

  if (flags.output == "json") {
    auto result = json::array();
    for (const auto& record : records) {
      result.push_back({{"hostname", record.hostname}, {"ip", record.ip}});
    }
    context.out() << result.dump(2) << '\n';
    return 0;
  }

  Table table({"HOSTNAME", "IP"});
  for (const auto& record : records) {
    table.add_row({record.hostname, record.ip});
  }
  table.print(context.out());
  return 0;
}

// Read the key with an exec in the controller, because the Runtime interface
// writes files but cannot read them. The key never reaches a log message or
// an error message.
std::string read_munge_key(Context& context, const std::string& cluster)
{
  ClusterManager manager(context.runtime(), context.realm(), context.logger());
  const auto nodes = manager.nodes(cluster);
  auto controller = std::find_if(nodes.begin(), nodes.end(),
                                 [](const NodeInfo& node) { return node.role == "controller"; });
  if (controller == nodes.end()) {
    find_cluster(manager, context.realm(), cluster);
    throw Error("cluster \"" + cluster + "\" of realm \"" + context.realm() +
                "\" has no controller to read the munge key from");
  }
  if (controller->state != ContainerState::running) {
    throw Error("reading the munge key of cluster \"" + cluster + "\" failed: its controller " +
                controller->container + " is " + to_string(controller->state) + ", not running");
  }

  const auto result =
      context.runtime().exec(controller->container, {{"base64", "-w0", "/etc/munge/munge.key"}});
  if (result.exit_code != 0) {
    const auto message = result.stderr_data.substr(0, result.stderr_data.find('\n'));
    throw Error("reading /etc/munge/munge.key in " + controller->container + " failed with exit code " +
                std::to_string(result.exit_code) + (message.empty() ? "" : ": " + message));
  }
  return result.stdout_data.substr(0, result.stdout_data.find_last_not_of("\r\n") + 1);
}

int get_munge_key(Context& context, const MungeKeyFlags& flags)
{
  names::validate_dns_label("cluster", flags.cluster);
  const auto key = read_munge_key(context, flags.cluster);

  if (flags.output == "json") {
    context.out() << json{{"key", key}}.dump(2) << '\n';
  } else {
    context.out() << key << '\n';
  }
  return 0;
}

// Register a `get` subcommand that takes no argument but -o.
void add_listing(CLI::App& get, const CommandRunner& run, const std::string& name,
                 const std::string& description, int (*body)(Context&, const OutputFlags&))
{
  auto flags = std::make_shared<OutputFlags>();
  auto* command = get.add_subcommand(name, description);
  add_output_option(*command, flags->output);
  command->callback(
      [flags, run, body] { run([flags, body](Context& context) { return body(context, *flags); }); });
}

} // namespace

void add_get_realm_commands(CLI::App& get, const CommandRunner& run)
{
  add_listing(get, run, "networks", "List the networks of the realm: its mesh and every cluster network",
              get_networks);
  add_listing(get, run, "volumes", "List the volumes of the realm", get_volumes);
  add_listing(get, run, "realms", "List every realm that has resources on the engine (ignores --realm)",
              get_realms);
  add_listing(get, run, "dns", "List the DNS records of the realm's zone", get_dns);

  auto munge_flags = std::make_shared<MungeKeyFlags>();
  auto* munge_key = get.add_subcommand("munge-key", "Print a cluster's munge key, base64-encoded");
  munge_key->add_option("cluster", munge_flags->cluster, "Cluster name")->capture_default_str();
  add_output_option(*munge_key, munge_flags->output);
  munge_key->callback([munge_flags, run] {
    run([munge_flags](Context& context) { return get_munge_key(context, *munge_flags); });
  });
}

} // namespace sind::cli
