#include <sind/error.hpp>
#include <sind/names.hpp>

#include <gtest/gtest.h>

TEST(ValidateDnsLabel, AcceptsValidNames)
{
  for (const char* name : {"sind", "dev", "a", "ci-42", "x1-y2"}) {
    EXPECT_NO_THROW(sind::names::validate_dns_label("realm", name)) << name;
  }
}

TEST(ValidateDnsLabel, RejectsInvalidNamesWithReason)
{
  const struct
  {
    std::string name;
    std::string reason;
  } cases[] = {
    {"", "it is empty"},
    {"Dev", "start with a lowercase letter"},
    {"1dev", "start with a lowercase letter"},
    {"dev-", "must not end with '-'"},
    {"dev_1", "'_' is not allowed"},
    {"dev.x", "'.' is not allowed"},
    {std::string(64, 'a'), "at most 63"},
  };

  for (const auto& test : cases) {
    try {
      sind::names::validate_dns_label("cluster", test.name);
      ADD_FAILURE() << "accepted \"" << test.name << "\"";
    } catch (const sind::UsageError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find("invalid cluster name \"" + test.name + "\""), std::string::npos) << message;
      EXPECT_NE(message.find(test.reason), std::string::npos) << message;
    }
  }
}

TEST(Names, MeshResources)
{
  EXPECT_EQ(sind::names::mesh_network("sind"), "sind-mesh");
  EXPECT_EQ(sind::names::dns_container("sind"), "sind-dns");
  EXPECT_EQ(sind::names::ssh_container("ci"), "ci-ssh");
  EXPECT_EQ(sind::names::ssh_volume("ci"), "ci-ssh-config");
  EXPECT_EQ(sind::names::dns_zone("ci"), "ci.sind");
}

TEST(Names, ClusterResources)
{
  EXPECT_EQ(sind::names::cluster_network("sind", "alpha"), "sind-alpha-net");
  EXPECT_EQ(sind::names::node_container("sind", "alpha", "worker-3"), "sind-alpha-worker-3");
  EXPECT_EQ(sind::names::config_volume("sind", "alpha"), "sind-alpha-config");
  EXPECT_EQ(sind::names::munge_volume("sind", "alpha"), "sind-alpha-munge");
  EXPECT_EQ(sind::names::data_volume("sind", "alpha"), "sind-alpha-data");
  EXPECT_EQ(sind::names::node_fqdn("sind", "alpha", "controller"), "controller.alpha.sind.sind");
}
