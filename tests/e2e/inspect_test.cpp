#include "command_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

using nlohmann::json;
using sind::test::run_sind;

namespace {

// Each suite works in a realm of its own, so that suites cannot disturb each
// other or a user's clusters.
const std::string realm = "sindtest-inspect";
const std::string cluster = "alpha";

class InspectEngine : public ::testing::Test
{
public:
  static void SetUpTestSuite()
  {
    // a crashed earlier run may have left the realm behind
    run_sind({"--realm", realm, "delete", "cluster", "--all"});
    const auto created = run_sind({"--realm", realm, "create", "cluster", cluster});
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  static void TearDownTestSuite() { run_sind({"--realm", realm, "delete", "cluster", "--all"}); }

protected:
  // Run sind in the suite's realm and parse its JSON output.
  static json run_json(std::vector<std::string> arguments)
  {
    arguments.insert(arguments.begin(), {"--realm", realm});
    arguments.insert(arguments.end(), {"-o", "json"});
    const auto result = run_sind(arguments);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return json::parse(result.out);
  }
};

// Decode standard base64 (RFC 4648, with padding). Return nothing when a
// character is outside the alphabet.
std::optional<std::string> decode_base64(const std::string& text)
{
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string decoded;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') {
      break;
    }
    const auto value = alphabet.find(c);
    if (value == std::string::npos) {
      return std::nullopt;
    }
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      decoded += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return decoded;
}

const json* find_by(const json& list, const std::string& key, const std::string& value)
{
  for (const auto& item : list) {
    if (item.at(key) == value) {
      return &item;
    }
  }
  return nullptr;
}

void expect_all_services_active(const json& node)
{
  ASSERT_TRUE(node.at("services").is_object()) << node.dump();
  for (const auto& [service, active] : node.at("services").items()) {
    EXPECT_EQ(active, true) << node.at("container") << " " << service;
  }
}

} // namespace

TEST_F(InspectEngine, StatusJsonHasEverySection)
{
  const auto status = run_json({"status", cluster});

  EXPECT_EQ(status.at("name"), cluster);
  EXPECT_EQ(status.at("status"), "running");
  EXPECT_TRUE(status.at("slurm_version").is_string());
  EXPECT_EQ(status.at("containers").at("running"), 2);
  EXPECT_EQ(status.at("containers").at("stopped"), 0);
  EXPECT_EQ(status.at("containers").at("paused"), 0);
  EXPECT_EQ(status.at("containers").at("total"), 2);
  ASSERT_TRUE(status.at("networks").is_array());
  ASSERT_TRUE(status.at("mesh_services").is_array());
  ASSERT_TRUE(status.at("mounts").is_array());
  ASSERT_TRUE(status.at("nodes").is_array());
}

TEST_F(InspectEngine, StatusNetworksExist)
{
  const auto networks = run_json({"status", cluster}).at("networks");

  ASSERT_EQ(networks.size(), 2u);
  EXPECT_EQ(networks[0].at("name"), realm + "-mesh");
  EXPECT_EQ(networks[1].at("name"), realm + "-" + cluster + "-net");
  for (const auto& network : networks) {
    EXPECT_EQ(network.at("exists"), true) << network.dump();
    EXPECT_EQ(network.at("driver"), "bridge") << network.dump();
    EXPECT_FALSE(network.at("subnet").get<std::string>().empty()) << network.dump();
    EXPECT_FALSE(network.at("gateway").get<std::string>().empty()) << network.dump();
  }
}

TEST_F(InspectEngine, StatusMeshServicesRun)
{
  const auto services = run_json({"status", cluster}).at("mesh_services");

  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[0].at("name"), "dns");
  EXPECT_EQ(services[0].at("container"), realm + "-dns");
  EXPECT_EQ(services[1].at("name"), "ssh");
  EXPECT_EQ(services[1].at("container"), realm + "-ssh");
  for (const auto& service : services) {
    EXPECT_EQ(service.at("running"), true) << service.dump();
    EXPECT_EQ(service.at("status"), "running") << service.dump();
  }
}

TEST_F(InspectEngine, StatusMountsPresent)
{
  const auto mounts = run_json({"status", cluster}).at("mounts");

  ASSERT_EQ(mounts.size(), 3u);
  EXPECT_EQ(mounts[0].at("target"), "/etc/slurm");
  EXPECT_EQ(mounts[0].at("source"), realm + "-" + cluster + "-config");
  EXPECT_EQ(mounts[1].at("target"), "/etc/munge");
  EXPECT_EQ(mounts[1].at("source"), realm + "-" + cluster + "-munge");
  EXPECT_EQ(mounts[2].at("target"), "/data");
  EXPECT_EQ(mounts[2].at("source"), realm + "-" + cluster + "-data");
  for (const auto& mount : mounts) {
    EXPECT_EQ(mount.at("type"), "volume") << mount.dump();
    EXPECT_EQ(mount.at("present"), true) << mount.dump();
  }
}

TEST_F(InspectEngine, FreshClusterServicesHealthy)
{
  const auto nodes = run_json({"status", cluster}).at("nodes");

  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].at("role"), "controller");
  EXPECT_TRUE(nodes[0].at("services").contains("slurmctld")) << nodes[0].dump();
  EXPECT_EQ(nodes[1].at("role"), "worker");
  EXPECT_TRUE(nodes[1].at("services").contains("slurmd")) << nodes[1].dump();
  for (const auto& node : nodes) {
    EXPECT_TRUE(node.at("services").contains("munge")) << node.dump();
    EXPECT_TRUE(node.at("services").contains("sshd")) << node.dump();
    expect_all_services_active(node);
  }
}

TEST_F(InspectEngine, StatusHumanShowsSections)
{
  const auto result = run_sind({"--realm", realm, "status", cluster});

  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("running (2/0/0/2)"), std::string::npos) << result.out;
  for (const auto* section : {"NETWORKS", "MESH SERVICES", "MOUNTS", "NODES"}) {
    EXPECT_NE(result.out.find(std::string("\n") + section + "\n"), std::string::npos) << section << "\n"
                                                                                      << result.out;
  }
  EXPECT_NE(result.out.find("controller." + cluster), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("slurmctld ✓"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("✗"), std::string::npos) << result.out;
}

TEST_F(InspectEngine, GetClusterMatchesStatus)
{
  const auto status = run_json({"status", cluster});
  auto cluster_report = run_json({"get", "cluster", cluster});

  EXPECT_EQ(cluster_report.at("name"), status.at("name"));
  EXPECT_EQ(cluster_report.at("networks"), status.at("networks"));
  EXPECT_EQ(cluster_report.at("mounts"), status.at("mounts"));
  EXPECT_EQ(cluster_report.at("nodes").size(), status.at("nodes").size());
}

TEST_F(InspectEngine, UnknownClusterExitsOne)
{
  const auto status = run_sind({"--realm", realm, "status", "nope"});
  const auto get = run_sind({"--realm", realm, "get", "cluster", "nope", "-o", "json"});

  EXPECT_EQ(status.exit_code, 1);
  EXPECT_NE(status.err.find("\"nope\""), std::string::npos) << status.err;
  EXPECT_NE(status.err.find(realm), std::string::npos) << status.err;
  EXPECT_EQ(status.err.find('\n'), status.err.size() - 1) << status.err;
  EXPECT_EQ(status.out, "");
  EXPECT_EQ(get.exit_code, 1);
  EXPECT_NE(get.err.find("\"nope\""), std::string::npos) << get.err;
}

TEST_F(InspectEngine, GetNodeJson)
{
  const auto node = run_json({"get", "node", "worker-0." + cluster});

  EXPECT_EQ(node.at("container"), realm + "-" + cluster + "-worker-0");
  EXPECT_EQ(node.at("cluster"), cluster);
  EXPECT_EQ(node.at("role"), "worker");
  EXPECT_EQ(node.at("fqdn"), "worker-0." + cluster + "." + realm + ".sind");
  EXPECT_FALSE(node.at("ip").get<std::string>().empty());
  EXPECT_EQ(node.at("status"), "running");
  EXPECT_EQ(node.at("services").size(), 3u) << node.dump();
  expect_all_services_active(node);
}

TEST_F(InspectEngine, UnknownNodeListsNodes)
{
  const auto result = run_sind({"--realm", realm, "get", "node", "worker-9." + cluster});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("\"worker-9\""), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("controller, worker-0"), std::string::npos) << result.err;
}

TEST_F(InspectEngine, NodeOfUnknownClusterExitsOne)
{
  const auto result = run_sind({"--realm", realm, "get", "node", "worker-0"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("\"default\""), std::string::npos) << result.err;
}

TEST_F(InspectEngine, NetworksContainMesh)
{
  const auto networks = run_json({"get", "networks"});

  ASSERT_TRUE(networks.is_array());
  const auto* mesh = find_by(networks, "name", realm + "-mesh");
  ASSERT_NE(mesh, nullptr) << networks.dump();
  EXPECT_EQ(mesh->at("cluster"), "");
  const auto* cluster_network = find_by(networks, "name", realm + "-" + cluster + "-net");
  ASSERT_NE(cluster_network, nullptr) << networks.dump();
  EXPECT_EQ(cluster_network->at("cluster"), cluster);
  for (const auto& network : networks) {
    for (const auto* key : {"name", "driver", "subnet", "gateway", "cluster"}) {
      EXPECT_TRUE(network.at(key).is_string()) << key << " in " << network.dump();
    }
  }
}

TEST_F(InspectEngine, VolumesListClusterAndMesh)
{
  const auto volumes = run_json({"get", "volumes"});

  ASSERT_TRUE(volumes.is_array());
  EXPECT_NE(find_by(volumes, "name", realm + "-ssh-config"), nullptr) << volumes.dump();
  for (const auto* suffix : {"-config", "-munge", "-data"}) {
    const auto* volume = find_by(volumes, "name", realm + "-" + cluster + suffix);
    ASSERT_NE(volume, nullptr) << suffix << " in " << volumes.dump();
    EXPECT_EQ(volume->at("cluster"), cluster);
    EXPECT_TRUE(volume->at("driver").is_string());
  }
}

TEST_F(InspectEngine, RealmsIgnoreRealmOption)
{
  const auto result = run_sind({"--realm", "sindtest-other", "get", "realms", "-o", "json"});

  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto realms = json::parse(result.out);
  const auto* found = find_by(realms, "name", realm);
  ASSERT_NE(found, nullptr) << realms.dump();
  EXPECT_EQ(found->at("clusters"), 1);
  EXPECT_EQ(find_by(realms, "name", "sindtest-other"), nullptr) << realms.dump();
}

TEST_F(InspectEngine, DnsHasController)
{
  const auto records = run_json({"get", "dns"});
  const auto node = run_json({"get", "node", "controller." + cluster});

  const auto* controller = find_by(records, "hostname", "controller." + cluster + "." + realm + ".sind");
  ASSERT_NE(controller, nullptr) << records.dump();
  EXPECT_EQ(controller->at("ip"), node.at("ip"));
}

TEST_F(InspectEngine, DnsHumanTable)
{
  const auto result = run_sind({"--realm", realm, "get", "dns"});

  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("HOSTNAME", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("worker-0." + cluster + "." + realm + ".sind"), std::string::npos) << result.out;
}

TEST_F(InspectEngine, DnsWithoutMeshExitsOne)
{
  const auto result = run_sind({"--realm", "sindtest-inspect-empty", "get", "dns"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("sindtest-inspect-empty"), std::string::npos) << result.err;
}

TEST_F(InspectEngine, MungeKeyDecodesTo1024Bytes)
{
  const auto human = run_sind({"--realm", realm, "get", "munge-key", cluster});
  const auto json_key = run_json({"get", "munge-key", cluster}).at("key").get<std::string>();

  ASSERT_EQ(human.exit_code, 0) << human.err;
  ASSERT_FALSE(human.out.empty());
  EXPECT_EQ(human.out.back(), '\n');
  const auto key = human.out.substr(0, human.out.size() - 1);
  EXPECT_EQ(key.find('\n'), std::string::npos);
  EXPECT_EQ(key, json_key);
  const auto decoded = decode_base64(key);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 1024u);
}

TEST_F(InspectEngine, MungeKeyOfUnknownClusterExitsOne)
{
  const auto result = run_sind({"--realm", realm, "get", "munge-key", "nope"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("\"nope\""), std::string::npos) << result.err;
}
