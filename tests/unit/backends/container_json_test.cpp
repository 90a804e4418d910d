#include "container_json.hpp"

#include <gtest/gtest.h>

namespace sind::test {
namespace {

using nlohmann::json;

ContainerSpec system_container_spec()
{
  ContainerSpec spec;
  spec.name = "sind-default-controller";
  spec.image = "sind-node:latest";
  spec.hostname = "controller";
  spec.domainname = "default.sind.sind";
  spec.labels = {{"sind.realm", "sind"}};
  spec.stop_signal = "SIGRTMIN+3";
  spec.networks = {{"sind-default-net", {"controller"}, "10.10.0.5"}, {"sind-mesh", {}, ""}};
  spec.dns_servers = {"10.9.0.2"};
  spec.dns_search = {"default.sind.sind"};
  spec.mounts = {{Mount::Type::tmpfs, "", "/run", false, "size=64m"},
                 {Mount::Type::volume, "sind-default-config", "/etc/slurm", true, ""},
                 {Mount::Type::bind, "/sys/fs/cgroup", "/sys/fs/cgroup", false, ""}};
  spec.cgroupns = CgroupNamespace::host;
  spec.cap_add = {"SYS_ADMIN"};
  spec.devices = {{"/dev/fuse", "", "rwm"}};
  spec.security_opt = {"seccomp=unconfined"};
  spec.ulimits = {{"nofile", 1024, 4096}};
  spec.cpus = 1.5;
  spec.memory_bytes = 1 << 30;
  return spec;
}

TEST(MakeCreateBody, TranslatesSystemContainerSpec)
{
  const auto body = docker::make_create_body(system_container_spec());
  const auto& host = body["HostConfig"];

  EXPECT_EQ(body["Image"], "sind-node:latest");
  EXPECT_EQ(body["Domainname"], "default.sind.sind");
  EXPECT_EQ(body["StopSignal"], "SIGRTMIN+3");
  EXPECT_FALSE(body.contains("Cmd"));
  EXPECT_EQ(host["CgroupnsMode"], "host");
  EXPECT_EQ(host["NanoCpus"], 1500000000);
  EXPECT_EQ(host["Memory"], 1 << 30);
  EXPECT_EQ(host["Tmpfs"], json({{"/run", "rw,size=64m"}}));
  EXPECT_EQ(host["Mounts"].size(), 2u);
  EXPECT_EQ(host["Mounts"][0], json({{"Type", "volume"}, {"Source", "sind-default-config"}, {"Target", "/etc/slurm"}, {"ReadOnly", true}}));
  EXPECT_EQ(host["Devices"][0]["PathInContainer"], "/dev/fuse");
  EXPECT_EQ(host["Ulimits"][0], json({{"Name", "nofile"}, {"Soft", 1024}, {"Hard", 4096}}));
  EXPECT_EQ(host["Dns"], json({"10.9.0.2"}));
}

TEST(MakeCreateBody, PutsOnlyPrimaryNetworkInBody)
{
  const auto body = docker::make_create_body(system_container_spec());
  const auto& endpoints = body["NetworkingConfig"]["EndpointsConfig"];

  EXPECT_EQ(body["HostConfig"]["NetworkMode"], "sind-default-net");
  ASSERT_EQ(endpoints.size(), 1u);
  EXPECT_EQ(endpoints["sind-default-net"]["IPAMConfig"]["IPv4Address"], "10.10.0.5");
  EXPECT_EQ(endpoints["sind-default-net"]["Aliases"], json({"controller"}));
}

TEST(MakeFilters, KeyAloneMatchesAnyValue)
{
  EXPECT_EQ(docker::make_filters({{"sind.realm", "dev"}, {"sind.cluster", ""}}),
            R"({"label":["sind.cluster","sind.realm=dev"]})");
  EXPECT_EQ(docker::make_filters({}, {"container"}, {"start", "die"}),
            R"({"event":["start","die"],"type":["container"]})");
  EXPECT_EQ(docker::make_filters({}), "{}");
}

TEST(ParseContainer, ReadsInspectResponse)
{
  const auto inspected = json::parse(R"({
    "Id": "abc", "Name": "/sind-dns", "Created": "2024-01-01T00:00:00Z",
    "State": {"Status": "exited", "ExitCode": 137, "StartedAt": "2024-01-01T00:00:01Z"},
    "Config": {"Image": "sind-node:latest", "Hostname": "dns", "Labels": {"sind.realm": "sind"}},
    "HostConfig": {"Tmpfs": {"/run": "rw,size=64m"}},
    "Mounts": [{"Type": "volume", "Name": "v", "Source": "/var/lib/docker/volumes/v/_data", "Destination": "/data", "RW": false}],
    "NetworkSettings": {"Networks": {"sind-mesh": {"IPAddress": "10.9.0.2", "Gateway": "10.9.0.1",
                                                   "MacAddress": "02:42:0a:09:00:02", "Aliases": ["dns", "abc"]}}}
  })");

  const auto info = docker::parse_container(inspected);

  EXPECT_EQ(info.name, "sind-dns");
  EXPECT_EQ(info.state, ContainerState::exited);
  EXPECT_EQ(info.exit_code, 137);
  EXPECT_EQ(info.labels.at("sind.realm"), "sind");
  ASSERT_EQ(info.networks.size(), 1u);
  EXPECT_EQ(info.networks[0].ipv4_address, "10.9.0.2");
  EXPECT_EQ(info.networks[0].aliases, (std::vector<std::string>{"dns", "abc"}));
  ASSERT_EQ(info.mounts.size(), 2u);
  EXPECT_EQ(info.mounts[0].source, "v");
  EXPECT_TRUE(info.mounts[0].read_only);
  EXPECT_EQ(info.mounts[1].type, Mount::Type::tmpfs);
  EXPECT_EQ(info.started, "2024-01-01T00:00:01Z");
}

TEST(ParseContainer, NeverStartedHasNoStartTime)
{
  const auto info = docker::parse_container(
    json::parse(R"({"State": {"Status": "created", "StartedAt": "0001-01-01T00:00:00Z"}, "Config": {"Labels": null}})"));

  EXPECT_EQ(info.state, ContainerState::created);
  EXPECT_EQ(info.started, "");
  EXPECT_TRUE(info.labels.empty());
}

TEST(ParseNetwork, ReadsIpv4PoolAndEndpoints)
{
  const auto info = docker::parse_network(json::parse(R"({
    "Id": "n1", "Name": "sind-mesh", "Driver": "bridge",
    "IPAM": {"Config": [{"Subnet": "fd00::/64"}, {"Subnet": "10.9.0.0/24", "Gateway": "10.9.0.1"}]},
    "Containers": {"c1": {"Name": "sind-dns", "IPv4Address": "10.9.0.2/24"}}
  })"));

  EXPECT_EQ(info.subnet, "10.9.0.0/24");
  EXPECT_EQ(info.gateway, "10.9.0.1");
  ASSERT_EQ(info.endpoints.size(), 1u);
  EXPECT_EQ(info.endpoints[0].container_name, "sind-dns");
  EXPECT_EQ(info.endpoints[0].ipv4_address, "10.9.0.2");
}

TEST(ParseEvent, ReadsActorAndTime)
{
  const auto event = docker::parse_event(json::parse(R"({
    "Type": "container", "Action": "start", "Actor": {"ID": "c1", "Attributes": {"name": "sind-dns", "sind.realm": "sind"}},
    "time": 1700000000, "timeNano": 1700000000123456789
  })"));

  EXPECT_EQ(event.type, "container");
  EXPECT_EQ(event.action, "start");
  EXPECT_EQ(event.actor_id, "c1");
  EXPECT_EQ(event.attributes.at("name"), "sind-dns");
  EXPECT_EQ(event.time_nanoseconds, 1700000000123456789);
}

} // namespace
} // namespace sind::test
