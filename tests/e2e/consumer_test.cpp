// A container that sind did not create, standing in for a kind node, uses a
// realm through sind's commands alone: it is attached with `sind network
// connect`, resolves node names through the DNS server named by `sind get
// mesh`, and reaches the controllers over SSH with the credentials of
// `sind get ssh-*`.

#include "command_runner.hpp"
#include "engine_access.hpp"

#include <sind/names.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

#include <gtest/gtest.h>

using nlohmann::json;
using sind::test::engine;
using sind::test::run_sind;

namespace {

constexpr const char* realm = "sindtest-consumer";
constexpr const char* consumer = "sindtest-consumer-client";

sind::test::CommandResult sind_in_realm(std::vector<std::string> arguments)
{
  arguments.insert(arguments.begin(), {"--realm", realm});
  return run_sind(arguments);
}

json json_of(const std::vector<std::string>& arguments)
{
  auto arguments_json = arguments;
  arguments_json.insert(arguments_json.end(), {"-o", "json"});
  const auto result = sind_in_realm(arguments_json);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out.empty() ? "null" : result.out);
}

bool consumer_running()
{
  auto info = engine().inspect_container(consumer);
  return info && info->state == sind::ContainerState::running;
}

std::vector<std::string> consumer_networks()
{
  std::vector<std::string> networks;
  if (auto info = engine().inspect_container(consumer)) {
    for (const auto& endpoint : info->networks) {
      networks.push_back(endpoint.network);
    }
  }
  return networks;
}

void start_consumer()
{
  sind::ContainerSpec spec;
  spec.name = consumer;
  spec.image = std::string(sind::names::default_node_image);
  spec.command = {"sleep", "infinity"};
  spec.stop_signal = "SIGKILL";
  spec.labels = {{"sindtest.consumer", "1"}};
  engine().create_container(spec);
  engine().start_container(consumer);
}

class ConsumerEngine : public ::testing::Test
{
public:
  static void SetUpTestSuite()
  {
    engine().remove_container(consumer);
    sind_in_realm({"delete", "realm"});

    for (const char* cluster : {"alpha", "beta"}) {
      const auto created = sind_in_realm({"create", "cluster", cluster});
      ASSERT_EQ(created.exit_code, 0) << created.err;
    }
    start_consumer();
  }

  static void TearDownTestSuite()
  {
    sind_in_realm({"delete", "realm"});
    engine().remove_container(consumer);
  }
};

TEST_F(ConsumerEngine, ConnectAttachesMeshAndClusters)
{
  const auto connected = sind_in_realm({"network", "connect", consumer, "--all-clusters"});
  const auto again = sind_in_realm({"network", "connect", consumer, "--all-clusters"});
  const auto consumers = json_of({"get", "consumers"});

  EXPECT_EQ(connected.exit_code, 0) << connected.err;
  EXPECT_EQ(again.exit_code, 0) << "connecting twice must not fail: " << again.err;
  ASSERT_EQ(consumers.size(), 1u) << consumers.dump();
  EXPECT_EQ(consumers[0]["container"], consumer);
  const json expected_networks = {sind::names::mesh_network(realm), sind::names::cluster_network(realm, "alpha"),
                                  sind::names::cluster_network(realm, "beta")};
  EXPECT_EQ(consumers[0]["networks"], expected_networks);
  for (const auto& network : expected_networks) {
    EXPECT_FALSE(consumers[0]["ips"].value(network.get<std::string>(), "").empty()) << network;
  }
}

TEST_F(ConsumerEngine, ConnectRejectsManagedAndUnknown)
{
  const auto node = sind::names::node_container(realm, "alpha", "controller");
  const auto managed = sind_in_realm({"network", "connect", node});
  const auto missing = sind_in_realm({"network", "connect", "sindtest-no-such-container"});
  const auto unknown_cluster = sind_in_realm({"network", "connect", consumer, "--cluster", "gamma"});

  EXPECT_EQ(managed.exit_code, 1);
  EXPECT_NE(managed.err.find("is managed by sind"), std::string::npos) << managed.err;
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("not found"), std::string::npos) << missing.err;
  EXPECT_EQ(unknown_cluster.exit_code, 1);
  EXPECT_NE(unknown_cluster.err.find("cluster \"gamma\" not found"), std::string::npos) << unknown_cluster.err;
}

TEST_F(ConsumerEngine, DisconnectDetachesEveryNetwork)
{
  const auto disconnected = sind_in_realm({"network", "disconnect", consumer});
  const auto again = sind_in_realm({"network", "disconnect", consumer});
  const auto consumers = json_of({"get", "consumers"});
  const auto networks = consumer_networks();

  EXPECT_EQ(disconnected.exit_code, 0) << disconnected.err;
  EXPECT_EQ(again.exit_code, 0) << "disconnecting twice must not fail: " << again.err;
  EXPECT_TRUE(consumers.empty()) << consumers.dump();
  EXPECT_EQ(networks, std::vector<std::string>{"bridge"});

  const auto reconnected = sind_in_realm({"network", "connect", consumer, "--cluster", "alpha,beta"});
  EXPECT_EQ(reconnected.exit_code, 0) << reconnected.err;
}

TEST_F(ConsumerEngine, MeshNamesDnsServerAndClusterNetworks)
{
  const auto mesh = json_of({"get", "mesh"});

  for (const char* key : {"realm", "network", "subnet", "gateway", "dns_container", "dns_ip", "dns_zone",
                          "dns_image", "ssh_container", "ssh_volume", "ssh_image"}) {
    ASSERT_TRUE(mesh.contains(key)) << key << " missing in " << mesh.dump();
    EXPECT_FALSE(mesh[key].get<std::string>().empty()) << key << " is empty in " << mesh.dump();
  }
  ASSERT_EQ(mesh["cluster_networks"].size(), 2u) << mesh.dump();
  EXPECT_EQ(mesh["cluster_networks"][0]["cluster"], "alpha");
  EXPECT_EQ(mesh["cluster_networks"][1]["cluster"], "beta");
  EXPECT_FALSE(mesh["cluster_networks"][1]["subnet"].get<std::string>().empty());
}

TEST_F(ConsumerEngine, ConsumerRunsSinfoOverSsh)
{
  // everything the consumer needs comes from sind's output
  const auto mesh = json_of({"get", "mesh"});
  const auto key = json_of({"get", "ssh-private-key"})["private_key"].get<std::string>();
  const auto known_hosts = json_of({"get", "ssh-known-hosts"})["known_hosts"].get<std::string>();
  const auto nodes = json_of({"get", "nodes"});
  ASSERT_FALSE(key.empty());

  engine().upload_files(consumer, "/root", {{"sind/id_ed25519", key, 0600}, {"sind/known_hosts", known_hosts}});
  const auto resolv = engine().exec(consumer, {{"sh", "-c", "cat > /etc/resolv.conf"},
                                               "nameserver " + mesh["dns_ip"].get<std::string>() + "\n"});
  ASSERT_EQ(resolv.exit_code, 0) << resolv.stderr_data;

  int controllers = 0;
  for (const auto& node : nodes) {
    if (node["role"] != "controller") {
      continue;
    }
    ++controllers;
    const auto fqdn = node["fqdn"].get<std::string>();
    EXPECT_TRUE(fqdn.ends_with("." + mesh["dns_zone"].get<std::string>())) << fqdn;

    const auto lookup = engine().exec(consumer, {{"getent", "hosts", fqdn}});
    EXPECT_EQ(lookup.exit_code, 0) << fqdn << ": " << lookup.stderr_data;
    EXPECT_NE(lookup.stdout_data.find(node["ip"].get<std::string>()), std::string::npos) << lookup.stdout_data;

    const auto sinfo = engine().exec(
      consumer, {{"ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o",
                  "UserKnownHostsFile=/root/sind/known_hosts", "-i", "/root/sind/id_ed25519", "root@" + fqdn,
                  "sinfo", "-h", "-o", "%t"}});
    EXPECT_EQ(sinfo.exit_code, 0) << fqdn << ": " << sinfo.stderr_data;
    EXPECT_EQ(sinfo.stdout_data, "idle\n") << fqdn;
  }
  EXPECT_EQ(controllers, 2);
}

TEST_F(ConsumerEngine, CorednsConfigForwardsZoneToDnsServer)
{
  const auto mesh = json_of({"get", "mesh"});
  const auto config = json_of({"get", "coredns-config", "--format", "configmap"});

  EXPECT_EQ(config["zone"], mesh["dns_zone"]);
  EXPECT_EQ(config["dns_ip"], mesh["dns_ip"]);
  EXPECT_NE(config["corefile"].get<std::string>().find("forward . " + mesh["dns_ip"].get<std::string>()),
            std::string::npos)
    << config.dump();
  EXPECT_NE(config["configmap"].get<std::string>().find("kind: ConfigMap"), std::string::npos) << config.dump();
}

TEST_F(ConsumerEngine, DeleteClusterKeepsConsumer)
{
  const auto deleted = sind_in_realm({"delete", "cluster", "beta"});
  const auto networks = consumer_networks();

  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_TRUE(consumer_running());
  EXPECT_EQ(std::count(networks.begin(), networks.end(), sind::names::cluster_network(realm, "beta")), 0);
  EXPECT_EQ(std::count(networks.begin(), networks.end(), sind::names::mesh_network(realm)), 1);
}

TEST_F(ConsumerEngine, DeleteRealmKeepsConsumer)
{
  const auto deleted = sind_in_realm({"delete", "realm"});

  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(sind::test::count_realm_resources(realm), 0u);
  EXPECT_TRUE(consumer_running());
  EXPECT_EQ(consumer_networks(), std::vector<std::string>{"bridge"});
}

} // namespace
