#include "service_health.hpp"

#include <sind/error.hpp>

#include <gtest/gtest.h>

using sind::cli::parse_is_active;
using sind::cli::parse_node_address;
using sind::cli::services_for_role;

namespace {

std::vector<std::string> service_names(std::string_view role)
{
  std::vector<std::string> names;
  for (const auto& service : services_for_role(role)) {
    names.push_back(service.name);
  }
  return names;
}

} // namespace

TEST(ServicesForRole, AddsTheRolesSlurmDaemon)
{
  EXPECT_EQ(service_names("controller"), (std::vector<std::string>{"munge", "sshd", "slurmctld"}));
  EXPECT_EQ(service_names("worker"), (std::vector<std::string>{"munge", "sshd", "slurmd"}));
  EXPECT_EQ(service_names("db"), (std::vector<std::string>{"munge", "sshd", "slurmdbd"}));
  EXPECT_EQ(service_names("submitter"), (std::vector<std::string>{"munge", "sshd"}));
}

TEST(ServicesForRole, ChecksDebiansSshUnit)
{
  const auto services = services_for_role("worker");

  ASSERT_EQ(services.size(), 3u);
  EXPECT_EQ(services[1].name, "sshd");
  EXPECT_EQ(services[1].unit, "ssh");
}

TEST(ParseIsActive, ReadsOneStatePerLine)
{
  EXPECT_EQ(parse_is_active("active\ninactive\nactive\n", 3), (std::vector<bool>{true, false, true}));
}

TEST(ParseIsActive, TreatsOtherStatesAsInactive)
{
  EXPECT_EQ(parse_is_active("failed\nactivating\nunknown\n", 3), (std::vector<bool>{false, false, false}));
}

TEST(ParseIsActive, MissingLinesAreInactive)
{
  EXPECT_EQ(parse_is_active("active\n", 3), (std::vector<bool>{true, false, false}));
  EXPECT_EQ(parse_is_active("", 2), (std::vector<bool>{false, false}));
}

TEST(ParseIsActive, IgnoresExtraLines)
{
  EXPECT_EQ(parse_is_active("active\nactive\nactive", 2), (std::vector<bool>{true, true}));
}

TEST(ParseNodeAddress, DefaultsTheCluster)
{
  const auto address = parse_node_address("worker-0", "default");

  EXPECT_EQ(address.node, "worker-0");
  EXPECT_EQ(address.cluster, "default");
}

TEST(ParseNodeAddress, SplitsAtTheFirstDot)
{
  const auto address = parse_node_address("controller.alpha", "default");

  EXPECT_EQ(address.node, "controller");
  EXPECT_EQ(address.cluster, "alpha");
}

TEST(ParseNodeAddress, RejectsEmptyNode)
{
  EXPECT_THROW(parse_node_address(".alpha", "default"), sind::UsageError);
  EXPECT_THROW(parse_node_address("", "default"), sind::UsageError);
}

TEST(ParseNodeAddress, RejectsInvalidCluster)
{
  EXPECT_THROW(parse_node_address("worker-0.Alpha", "default"), sind::UsageError);
  EXPECT_THROW(parse_node_address("worker-0.", "default"), sind::UsageError);
  EXPECT_THROW(parse_node_address("worker-0.alpha.sind", "default"), sind::UsageError);
}
