#include "command_runner.hpp"
#include "engine_access.hpp"

#include <sind/names.hpp>

#include <gtest/gtest.h>

using sind::test::run_sind;

namespace {

constexpr const char* realm = "sindtest-mesh";

std::string fqdn(const std::string& node, const std::string& cluster)
{
  return sind::names::node_fqdn(realm, cluster, node);
}

class MeshEngine : public ::testing::Test
{
public:
  static void SetUpTestSuite()
  {
    run_sind({"--realm", realm, "delete", "cluster", "--all"});
    for (const char* cluster : {"alpha", "beta"}) {
      const auto created = run_sind({"--realm", realm, "create", "cluster", cluster});
      ASSERT_EQ(created.exit_code, 0) << created.err;
    }
  }

  static void TearDownTestSuite() { run_sind({"--realm", realm, "delete", "cluster", "--all"}); }
};

TEST_F(MeshEngine, NodeResolvesOtherCluster)
{
  const auto result =
    run_sind({"--realm", realm, "exec", "alpha", "--", "getent", "hosts", fqdn("controller", "beta")});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find(fqdn("controller", "beta")), std::string::npos) << result.out;
}

TEST_F(MeshEngine, UnknownNameInZoneIsNxdomain)
{
  // musl resolvers stop at SERVFAIL or REFUSED, so the zone must return NXDOMAIN
  const auto result =
    run_sind({"--realm", realm, "exec", "alpha", "--", "getent", "hosts", fqdn("nothing", "alpha")});

  EXPECT_EQ(result.exit_code, 2) << result.out << result.err;
}

TEST_F(MeshEngine, RelayReachesControllersWithStrictHostKeys)
{
  for (const char* cluster : {"alpha", "beta"}) {
    const auto result = sind::test::engine().exec(
      sind::names::ssh_container(realm),
      {{"ssh", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", fqdn("controller", cluster), "hostname"}});

    EXPECT_EQ(result.exit_code, 0) << cluster << ": " << result.stderr_data;
    EXPECT_EQ(result.stdout_data, "controller\n") << cluster;
  }
}

TEST_F(MeshEngine, DeleteOneClusterKeepsOther)
{
  const auto deleted = run_sind({"--realm", realm, "delete", "cluster", "beta"});
  const auto lookup =
    run_sind({"--realm", realm, "exec", "alpha", "--", "getent", "hosts", fqdn("controller", "beta")});
  const auto sinfo = run_sind({"--realm", realm, "exec", "alpha", "--", "sinfo", "-h", "-o", "%t"});

  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(lookup.exit_code, 2) << "the deleted cluster's DNS record is still there";
  EXPECT_EQ(sinfo.out, "idle\n") << sinfo.err;
}

TEST_F(MeshEngine, DeleteAllLeavesNothing)
{
  const auto deleted = run_sind({"--realm", realm, "delete", "cluster", "--all"});

  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(sind::test::count_realm_resources(realm), 0u);
}

} // namespace
