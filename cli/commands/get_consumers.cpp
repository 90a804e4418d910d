#include "commands/get_commands.hpp"
#include "context.hpp"
#include "table.hpp"

#include <sind/realm_network.hpp>
#include <sind/text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace sind::cli {
namespace {

using nlohmann::json;

struct OutputFlags
{
  std::string output = "human";
};

// A foreign container and where it is attached, in the order of the realm's
// networks: the mesh first, then the cluster networks by cluster.
struct Consumer
{
  std::string container;
  std::string id;
  std::vector<std::string> networks;
  std::vector<std::string> clusters;
  std::map<std::string, std::string> ips; // network name -> IPv4 address
};

std::vector<Consumer> find_consumers(Network& network)
{
  std::map<std::string, std::string> cluster_of;
  for (const auto& realm_network : network.networks()) {
    cluster_of[realm_network.name] = realm_network.cluster;
  }

  std::map<std::string, Consumer> by_id;
  for (const auto& endpoint : network.endpoints()) {
    if (endpoint.managed) {
      continue;
    }
    auto& consumer = by_id[endpoint.container_id];
    consumer.container = endpoint.container_name;
    consumer.id = endpoint.container_id;
    consumer.networks.push_back(endpoint.network);
    consumer.ips[endpoint.network] = endpoint.ipv4_address;
    if (const auto& cluster = cluster_of[endpoint.network]; !cluster.empty()) {
      consumer.clusters.push_back(cluster);
    }
  }

  std::vector<Consumer> consumers;
  for (auto& [id, consumer] : by_id) {
    consumers.push_back(std::move(consumer));
  }
  std::sort(consumers.begin(), consumers.end(),
            [](const Consumer& a, const Consumer& b) { return a.container < b.container; });
  return consumers;
}

int get_consumers(Context& context, const OutputFlags& flags)
{
  auto network = make_realm_network(context.runtime(), context.realm(), context.logger());
  const auto consumers = find_consumers(*network);

  if (flags.output == "json") {
    auto result = json::array();
    for (const auto& consumer : consumers) {
      result.push_back({{"container", consumer.container},
                        {"id", consumer.id},
                        {"networks", consumer.networks},
                        {"clusters", consumer.clusters},
                        {"ips", consumer.ips}});
    }
    context.out() << result.dump(2) << '\n';
    return 0;
  }

  Table table({"CONTAINER", "CLUSTERS", "NETWORKS", "IPS"});
  for (const auto& consumer : consumers) {
    std::vector<std::string> ips;
    for (const auto& name : consumer.networks) {
      ips.push_back(consumer.ips.at(name));
    }
    table.add_row({consumer.container, join(consumer.clusters, ","), join(consumer.networks, ","), join(ips, ",")});
  }
  table.print(context.out());
  return 0;
}

} // namespace

void add_get_consumers_command(CLI::App& get, const CommandRunner& run)
{
  auto flags = std::make_shared<OutputFlags>();
  auto* consumers = get.add_subcommand(
    "consumers", "List the containers that sind did not create and that are attached to the realm's networks");
  add_output_option(*consumers, flags->output);
  consumers->callback(
    [flags, run] { run([flags](Context& context) { return get_consumers(context, *flags); }); });
}

} // namespace sind::cli
