#include "command_runner.hpp"
#include "engine_access.hpp"

#include <sind/names.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <nlohmann/json.hpp>

using sind::test::run_sind;

namespace {

// Each suite works in a realm of its own, so that suites cannot disturb each
// other or a user's clusters.
constexpr const char* realm = "sindtest-cluster";

class ClusterEngine : public ::testing::Test
{
public:
  static void SetUpTestSuite()
  {
    // a crashed earlier run may have left the realm behind
    run_sind({"--realm", realm, "delete", "cluster", "--all"});
    const auto created = run_sind({"--realm", realm, "create", "cluster", "alpha"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  static void TearDownTestSuite() { run_sind({"--realm", realm, "delete", "cluster", "--all"}); }
};

TEST_F(ClusterEngine, WorkerIdleInSinfo)
{
  const auto result = run_sind({"--realm", realm, "exec", "alpha", "--", "sinfo", "-h", "-N", "-o", "%N %t"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "worker-0 idle\n");
}

TEST_F(ClusterEngine, JobRunsOnWorker)
{
  const auto result = run_sind({"--realm", realm, "exec", "alpha", "--", "srun", "-N1", "hostname"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "worker-0\n");
}

TEST_F(ClusterEngine, ExecExitCodeAndStdin)
{
  const auto failed = run_sind({"--realm", realm, "exec", "alpha", "--", "sh", "-c", "exit 7"});
  const auto echoed = run_sind({"--realm", realm, "exec", "alpha", "--", "sh", "-c", "cat; pwd"}, {}, "hello\n");

  EXPECT_EQ(failed.exit_code, 7);
  EXPECT_EQ(echoed.exit_code, 0) << echoed.err;
  EXPECT_EQ(echoed.out, "hello\n/data\n");
}

TEST_F(ClusterEngine, EnterRunsLoginShell)
{
  const auto result = run_sind({"--realm", realm, "enter", "alpha"}, {}, "echo $(hostname) $(pwd); exit 3\n");

  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(result.out, "controller /data\n");
}

TEST_F(ClusterEngine, LogsShowServiceJournal)
{
  const auto result = run_sind({"--realm", realm, "logs", "worker-0.alpha", "slurmd"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("slurmd version"), std::string::npos) << result.out;
}

TEST_F(ClusterEngine, LogsRejectUnknownNodeAndService)
{
  const auto node = run_sind({"--realm", realm, "logs", "worker-9.alpha"});
  const auto service = run_sind({"--realm", realm, "logs", "worker-0.alpha", "nginx"});

  EXPECT_EQ(node.exit_code, 1);
  EXPECT_NE(node.err.find("worker-9.alpha"), std::string::npos) << node.err;
  EXPECT_EQ(service.exit_code, 2);
  EXPECT_NE(service.err.find("nginx"), std::string::npos) << service.err;
}

TEST_F(ClusterEngine, BashCompletesVerbsAndNodes)
{
  const auto script = run_sind({"completion", "bash"});
  const auto folder = std::filesystem::temp_directory_path() / ("sind-completion-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "sind.bash") << script.out;
  const std::string bin = std::filesystem::path(SIND_EXECUTABLE).parent_path().string();
  const std::string command =
    "PATH=" + bin + ":$PATH; source " + (folder / "sind.bash").string() + "; "
    "COMP_WORDS=(sind get cl); COMP_CWORD=2; _sind; echo \"${COMPREPLY[*]}\"; "
    "COMP_WORDS=(sind --realm " + realm + " logs w); COMP_CWORD=4; _sind; echo \"${COMPREPLY[*]}\"";

  std::string output;
  if (FILE* shell = ::popen(("bash -c '" + command + "'").c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, shell)) {
      output += buffer;
    }
    ::pclose(shell);
  }
  std::filesystem::remove_all(folder);

  EXPECT_EQ(script.exit_code, 0);
  EXPECT_EQ(output, "clusters cluster\nworker-0.alpha\n");
}

TEST_F(ClusterEngine, GetNodesJson)
{
  const auto result = run_sind({"--realm", realm, "get", "nodes", "alpha", "-o", "json"});

  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto nodes = nlohmann::json::parse(result.out);
  ASSERT_EQ(nodes.size(), 2u);
  EXPECT_EQ(nodes[0].at("role"), "controller");
  EXPECT_EQ(nodes[0].at("fqdn"), std::string("controller.alpha.") + realm + ".sind");
  EXPECT_EQ(nodes[1].at("container"), std::string(realm) + "-alpha-worker-0");
  EXPECT_FALSE(nodes[1].at("ip").get<std::string>().empty());
  EXPECT_EQ(nodes[1].at("status"), "running");
}

TEST_F(ClusterEngine, GetClustersCountsRoles)
{
  const auto result = run_sind({"--realm", realm, "get", "clusters", "-o", "json"});

  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto clusters = nlohmann::json::parse(result.out);
  ASSERT_EQ(clusters.size(), 1u);
  EXPECT_EQ(clusters[0].at("name"), "alpha");
  EXPECT_EQ(clusters[0].at("controllers"), 1);
  EXPECT_EQ(clusters[0].at("workers"), 1);
  EXPECT_EQ(clusters[0].at("status"), "running");
  EXPECT_FALSE(clusters[0].at("slurm_version").get<std::string>().empty());
}

TEST_F(ClusterEngine, CreatingExistingClusterFails)
{
  const auto result = run_sind({"--realm", realm, "create", "cluster", "alpha"});

  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("already exists"), std::string::npos) << result.err;
}

TEST_F(ClusterEngine, DeletingMissingClusterSucceeds)
{
  const auto result = run_sind({"--realm", realm, "delete", "cluster", "never-created"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
}

} // namespace
