#include "command_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

using sind::test::run_sind;

namespace {

constexpr const char* realm = "sindtest-workers";

// Run sind in the test realm, where the cluster is "default".
sind::test::CommandResult sind_in_realm(std::vector<std::string> arguments)
{
  arguments.insert(arguments.begin(), {"--realm", realm});
  return run_sind(arguments);
}

// Return the names of the cluster's node containers, e.g. "worker-1".
std::set<std::string> node_names()
{
  const auto result = sind_in_realm({"get", "nodes", "-o", "json"});
  std::set<std::string> names;
  const std::string prefix = std::string(realm) + "-default-";
  for (const auto& entry : nlohmann::json::parse(result.out)) {
    names.insert(entry.at("container").get<std::string>().substr(prefix.size()));
  }
  return names;
}

// Return sinfo's "NODE STATE" lines, sorted by node.
std::string sinfo_states()
{
  return sind_in_realm({"exec", "--", "sh", "-c", "sinfo -h -N -o '%N %t' | sort"}).out;
}

class WorkersEngine : public ::testing::Test
{
public:
  static void SetUpTestSuite()
  {
    run_sind({"delete", "realm", realm});
    const auto created = sind_in_realm({"create", "cluster"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  static void TearDownTestSuite() { run_sind({"delete", "realm", realm}); }
};

TEST_F(WorkersEngine, ControllerIsNotAWorker)
{
  const auto before = node_names();
  const auto result = sind_in_realm({"delete", "worker", "controller"});

  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("not a worker"), std::string::npos) << result.err;
  EXPECT_EQ(node_names(), before);
}

TEST_F(WorkersEngine, UnknownWorkerChangesNothing)
{
  const auto before = node_names();
  const auto states = sinfo_states();
  const auto result = sind_in_realm({"delete", "worker", "worker-0,worker-7"});

  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.err.find("worker \"worker-7\" not found"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("its workers: worker-0"), std::string::npos) << result.err;
  EXPECT_EQ(node_names(), before);
  EXPECT_EQ(sinfo_states(), states);
}

TEST_F(WorkersEngine, AddThenDeleteTwoWorkers)
{
  const auto added = sind_in_realm({"create", "worker", "--count", "2"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "worker-1\nworker-2\n");
  EXPECT_EQ(sinfo_states(), "worker-0 idle\nworker-1 idle\nworker-2 idle\n");

  for (const std::string worker : {"worker-1", "worker-2"}) {
    const auto fqdn = worker + ".default." + realm + ".sind";
    const auto resolved = sind_in_realm({"exec", "--", "getent", "hosts", fqdn});
    EXPECT_EQ(resolved.exit_code, 0) << fqdn << ": " << resolved.err;
  }
  const auto job = sind_in_realm({"exec", "--", "sh", "-c", "srun -N3 hostname | sort"});
  EXPECT_EQ(job.out, "worker-0\nworker-1\nworker-2\n") << job.err;

  const auto deleted = sind_in_realm({"delete", "worker", "worker-[1-2]"});
  ASSERT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(sinfo_states(), "worker-0 idle\n");
  EXPECT_EQ(node_names(), (std::set<std::string>{"controller", "worker-0"}));
  const auto gone = sind_in_realm({"exec", "--", "getent", "hosts", std::string("worker-1.default.") + realm + ".sind"});
  EXPECT_NE(gone.exit_code, 0) << gone.out;
}

TEST_F(WorkersEngine, UnmanagedWorkerStaysOutOfSlurm)
{
  const auto added = sind_in_realm({"create", "worker", "--unmanaged"});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const auto name = added.out.substr(0, added.out.find('\n'));

  EXPECT_TRUE(node_names().contains(name)) << added.out;
  EXPECT_EQ(sinfo_states(), "worker-0 idle\n");
  const auto nodes_conf = sind_in_realm({"exec", "--", "cat", "/etc/slurm/sind-nodes.conf"});
  EXPECT_EQ(nodes_conf.out.find(name), std::string::npos) << nodes_conf.out;

  const auto deleted = sind_in_realm({"delete", "worker", name});
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_FALSE(node_names().contains(name));
}

TEST_F(WorkersEngine, ReplacedNodesConfRejectsManagedWorkers)
{
  const auto original = sind_in_realm({"exec", "--", "cat", "/etc/slurm/sind-nodes.conf"}).out;
  ASSERT_EQ(sind_in_realm({"exec", "--", "sed", "-i", "1s/^/# edited by hand\\n/", "/etc/slurm/sind-nodes.conf"})
              .exit_code,
            0);

  const auto before = node_names();
  const auto added = sind_in_realm({"create", "worker"});
  EXPECT_EQ(added.exit_code, 2);
  EXPECT_NE(added.err.find("--unmanaged"), std::string::npos) << added.err;
  EXPECT_EQ(node_names(), before);

  // restore the file for the tests after this one
  const auto restored = run_sind({"--realm", realm, "exec", "--", "sh", "-c", "cat > /etc/slurm/sind-nodes.conf"},
                                 {}, original);
  EXPECT_EQ(restored.exit_code, 0) << restored.err;
}

} // namespace
