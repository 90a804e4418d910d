#include "runtime_fixture.hpp"

#include <sind/error.hpp>

namespace sind::test {
namespace {

class Networks : public RuntimeConformance
{
protected:
  static bool attached(const NetworkInfo& network, const std::string& container)
  {
    return std::any_of(network.endpoints.begin(), network.endpoints.end(),
                       [&](const NetworkEndpoint& endpoint) { return endpoint.container_name == container; });
  }
};

TEST_F(Networks, ConnectResolvesAliasAndDisconnect)
{
  const std::string name = unique_name("net");
  runtime().create_network({name, labels()});

  runtime().connect_network(name, {name, {"alias-one"}, ""}, node());
  EXPECT_NO_THROW(runtime().connect_network(name, {name, {"alias-one"}, ""}, node()));

  auto network = runtime().inspect_network(name);
  ASSERT_TRUE(network.has_value());
  EXPECT_FALSE(network->subnet.empty());
  EXPECT_FALSE(network->gateway.empty());
  EXPECT_TRUE(attached(*network, node()));

  // the engine's DNS answers the alias on the network
  const auto lookup = runtime().exec(node(), {{"getent", "hosts", "alias-one"}});
  EXPECT_EQ(lookup.exit_code, 0) << lookup.stderr_data;

  auto container = runtime().inspect_container(node());
  ASSERT_TRUE(container.has_value());
  EXPECT_TRUE(std::any_of(container->networks.begin(), container->networks.end(),
                          [&](const EndpointSettings& settings) {
                            return settings.network == name && !settings.ipv4_address.empty();
                          }));

  runtime().disconnect_network(name, node());
  EXPECT_NO_THROW(runtime().disconnect_network(name, node()));
  EXPECT_FALSE(attached(*runtime().inspect_network(name), node()));

  runtime().remove_network(name);
  EXPECT_FALSE(runtime().inspect_network(name).has_value());
  EXPECT_NO_THROW(runtime().remove_network(name));
}

TEST_F(Networks, CreateWithSubnetStaticAddressAndDns)
{
  const std::string name = unique_name("static");
  NetworkSpec network{name, labels()};
  network.subnet = "10.231.7.0/24";
  network.gateway = "10.231.7.1";
  runtime().create_network(network);

  ContainerSpec spec;
  spec.name = unique_name("static-node");
  spec.image = "sind-node:latest";
  spec.labels = labels();
  spec.command = {"sleep", "infinity"};
  spec.networks = {{name, {"static-alias"}, "10.231.7.42"}};
  spec.dns_servers = {"10.231.7.42"}; // its own address: no query leaves the network
  spec.dns_search = {"example.sind"};
  runtime().create_container(spec);
  runtime().start_container(spec.name);

  const auto address = runtime().exec(spec.name, {{"hostname", "-i"}});
  const auto resolv = runtime().exec(spec.name, {{"cat", "/etc/resolv.conf"}});
  auto info = runtime().inspect_network(name);

  EXPECT_EQ(address.stdout_data, "10.231.7.42\n");
  EXPECT_NE(resolv.stdout_data.find("search example.sind"), std::string::npos) << resolv.stdout_data;
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->subnet, "10.231.7.0/24");
  EXPECT_EQ(info->gateway, "10.231.7.1");

  runtime().remove_container(spec.name);
  runtime().remove_network(name);
}

TEST_F(Networks, RemoveWithEndpointIsEngineError)
{
  const std::string name = unique_name("busy");
  runtime().create_network({name, labels()});
  runtime().connect_network(name, {name, {}, ""}, node());

  EXPECT_THROW(runtime().remove_network(name), EngineError);

  runtime().disconnect_network(name, node(), true);
  runtime().remove_network(name);
}

TEST_F(Networks, DuplicateNameErrorCarriesEngineMessage)
{
  const std::string name = unique_name("twice");
  runtime().create_network({name, labels()});

  try {
    runtime().create_network({name, labels()});
    FAIL() << "created two networks named " << name;
  } catch (const EngineError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("creating network " + name + ": ", 0), 0u) << error.what();
    EXPECT_NE(error.engine_message().find("already exists"), std::string::npos) << error.what();
  }
  runtime().remove_network(name);
}

TEST_F(Networks, ListByLabel)
{
  const std::string name = unique_name("listed");
  runtime().create_network({name, labels()});

  const auto networks = runtime().list_networks(labels());

  EXPECT_TRUE(std::any_of(networks.begin(), networks.end(),
                          [&](const NetworkInfo& network) { return network.name == name; }));
  runtime().remove_network(name);
}

TEST_F(Networks, VolumesCreateListRemove)
{
  const std::string name = unique_name("volume");
  runtime().create_volume({name, labels()});
  EXPECT_NO_THROW(runtime().create_volume({name, labels()}));

  auto volumes = runtime().list_volumes(labels());
  auto found = std::find_if(volumes.begin(), volumes.end(), [&](const VolumeInfo& v) { return v.name == name; });
  ASSERT_NE(found, volumes.end());
  EXPECT_EQ(found->labels.at("sind.test"), "conformance");

  runtime().remove_volume(name);
  EXPECT_NO_THROW(runtime().remove_volume(name));
  volumes = runtime().list_volumes(labels());
  EXPECT_TRUE(std::none_of(volumes.begin(), volumes.end(), [&](const VolumeInfo& v) { return v.name == name; }));
}

TEST_F(Networks, VolumeMountedReadOnly)
{
  const std::string volume = unique_name("ro-volume");
  runtime().create_volume({volume, labels()});
  ContainerSpec spec;
  spec.name = unique_name("ro-user");
  spec.image = "sind-node:latest";
  spec.labels = labels();
  spec.command = {"sleep", "infinity"};
  spec.mounts = {{Mount::Type::volume, volume, "/data", true, ""},
                 {Mount::Type::tmpfs, "", "/scratch", false, "size=1m"}};
  runtime().create_container(spec);
  runtime().start_container(spec.name);

  const auto write_data = runtime().exec(spec.name, {{"touch", "/data/file"}});
  const auto write_scratch = runtime().exec(spec.name, {{"touch", "/scratch/file"}});

  EXPECT_NE(write_data.exit_code, 0);
  EXPECT_EQ(write_scratch.exit_code, 0) << write_scratch.stderr_data;
  runtime().remove_container(spec.name);
  runtime().remove_volume(volume);
}

} // namespace
} // namespace sind::test
