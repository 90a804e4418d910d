#include "command_runner.hpp"

#include <sind/names.hpp>
#include <sind/state.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using sind::test::run_program;
using sind::test::run_sind;

namespace {

constexpr const char* realm = "sindtest-ssh";

std::string read_file(const std::filesystem::path& path)
{
  std::ifstream file(path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

// Export the realm's ssh_config and return its path.
std::string export_ssh_config()
{
  const auto exported = run_sind({"--realm", realm, "get", "ssh-config"});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  return exported.out.substr(0, exported.out.find('\n'));
}

// Run OpenSSH of the host with the exported ssh_config, with no input and
// no prompts.
sind::test::CommandResult host_ssh(const std::string& config, const std::string& fqdn,
                                   const std::vector<std::string>& command)
{
  std::vector<std::string> arguments{"-F", config, "-o", "BatchMode=yes", fqdn};
  arguments.insert(arguments.end(), command.begin(), command.end());
  return run_program("/usr/bin/ssh", arguments);
}

class SshEngine : public ::testing::Test
{
public:
  static void SetUpTestSuite()
  {
    run_sind({"--realm", realm, "delete", "realm"});
    const auto created = run_sind({"--realm", realm, "create", "cluster"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  static void TearDownTestSuite() { run_sind({"--realm", realm, "delete", "realm"}); }
};

TEST_F(SshEngine, RunsCommandOnNode)
{
  const auto result = run_sind({"--realm", realm, "ssh", "controller", "--", "hostname"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "controller\n");
}

TEST_F(SshEngine, ReturnsRemoteExitCode)
{
  const auto result =
    run_sind({"--realm", realm, "ssh", "-o", "LogLevel=ERROR", "worker-0", "--", "sh", "-c", "exit 5"});

  EXPECT_EQ(result.exit_code, 5) << result.err;
}

TEST_F(SshEngine, ForwardsStandardInput)
{
  const auto result = run_sind({"--realm", realm, "ssh", "worker-0.default", "--", "cat"}, {}, "through the relay\n");

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "through the relay\n");
}

TEST_F(SshEngine, UnknownNodeFails)
{
  const auto result = run_sind({"--realm", realm, "ssh", "worker-9", "--", "true"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("node worker-9.default not found"), std::string::npos) << result.err;
}

TEST_F(SshEngine, HostSshUsesExportedConfig)
{
  const auto config = export_ssh_config();

  const auto result = host_ssh(config, sind::names::node_fqdn(realm, "default", "controller"), {"hostname"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "controller\n");
}

TEST_F(SshEngine, ExportedKeyIsOwnerOnly)
{
  const auto config = std::filesystem::path(export_ssh_config());

  const auto permissions = std::filesystem::status(config.parent_path() / "id_ed25519").permissions();

  EXPECT_EQ(permissions, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(SshEngine, ExportedKnownHostsFollowsClusters)
{
  const auto config = std::filesystem::path(export_ssh_config());
  const auto known_hosts = config.parent_path() / "known_hosts";
  const auto beta_controller = sind::names::node_fqdn(realm, "beta", "controller");

  const auto created = run_sind({"--realm", realm, "create", "cluster", "beta"});
  const auto with_beta = read_file(known_hosts);
  const auto reached = host_ssh(config.string(), beta_controller, {"hostname"});
  const auto deleted = run_sind({"--realm", realm, "delete", "cluster", "beta"});
  const auto without_beta = read_file(known_hosts);

  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(with_beta.find(beta_controller), std::string::npos) << with_beta;
  EXPECT_EQ(reached.out, "controller\n") << reached.err;
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(without_beta.find(beta_controller), std::string::npos) << without_beta;
}

// Runs last: it removes the realm the other tests use.
TEST_F(SshEngine, DeleteRealmRemovesStateFolder)
{
  export_ssh_config();

  const auto deleted = run_sind({"--realm", realm, "delete", "realm"});

  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_FALSE(std::filesystem::exists(sind::realm_state_dir(realm)));
}

} // namespace
