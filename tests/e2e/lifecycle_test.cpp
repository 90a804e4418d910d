#include "command_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include <unistd.h>

using sind::test::run_sind;
using namespace std::chrono_literals;

namespace {

constexpr const char* realm = "sindtest-power";

// Run sind in the test realm, where the cluster is "default".
sind::test::CommandResult sind_in_realm(std::vector<std::string> arguments)
{
  arguments.insert(arguments.begin(), {"--realm", realm});
  return run_sind(arguments);
}

std::string node_status(const std::string& node)
{
  const auto result = sind_in_realm({"get", "nodes", "-o", "json"});
  for (const auto& entry : nlohmann::json::parse(result.out)) {
    if (entry.at("container") == std::string(realm) + "-default-" + node) {
      return entry.at("status");
    }
  }
  return "missing";
}

std::string node_ip(const std::string& node)
{
  const auto result = sind_in_realm({"get", "nodes", "-o", "json"});
  for (const auto& entry : nlohmann::json::parse(result.out)) {
    if (entry.at("container") == std::string(realm) + "-default-" + node) {
      return entry.at("ip");
    }
  }
  return "";
}

class PowerEngine : public ::testing::Test
{
public:
  static void SetUpTestSuite()
  {
    run_sind({"--realm", realm, "delete", "cluster", "--all"});
    const auto config = std::filesystem::temp_directory_path() / ("sind-power-test-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(config) << "kind: Cluster\nnodes: [controller, worker: 2]\n";
    const auto created = run_sind({"--realm", realm, "create", "cluster", "--config", config.string()});
    std::filesystem::remove(config);
    ASSERT_EQ(created.exit_code, 0) << created.err;
  }

  static void TearDownTestSuite() { run_sind({"--realm", realm, "delete", "cluster", "--all"}); }
};

TEST_F(PowerEngine, InvalidNodesetsChangeNothing)
{
  const struct
  {
    std::string nodeset;
    std::string message;
  } cases[] = {
    {"worker-[3-1]", "runs backwards"},
    {"worker-[0-1", "no matching ']'"},
    {"worker-[]", "are empty"},
    {"worker-9", "it has: controller, worker-0, worker-1"},
    {"worker-0.nosuch", "cluster \"nosuch\" not found"},
    {"worker-0.default.sindtest-power.sind", "use worker-0.default, not worker-0.default.sindtest-power.sind"},
  };

  for (const auto& test : cases) {
    const auto result = sind_in_realm({"power", "freeze", test.nodeset});
    EXPECT_EQ(result.exit_code, 2) << test.nodeset;
    EXPECT_NE(result.err.find(test.message), std::string::npos) << test.nodeset << ": " << result.err;
  }
  EXPECT_EQ(node_status("worker-0"), "running");
  EXPECT_EQ(node_status("worker-1"), "running");
}

TEST_F(PowerEngine, FrozenWorkerFailsWaitAtOnce)
{
  ASSERT_EQ(sind_in_realm({"power", "freeze", "worker-0"}).exit_code, 0);

  const auto start = std::chrono::steady_clock::now();
  const auto waited = sind_in_realm({"wait", "--for", "ready", "--timeout", "1s"});
  const auto elapsed = std::chrono::steady_clock::now() - start;

  EXPECT_EQ(waited.exit_code, 1);
  EXPECT_NE(waited.err.find("worker-0 is frozen (container paused)"), std::string::npos) << waited.err;
  EXPECT_LT(elapsed, 3s);
  EXPECT_EQ(node_status("worker-0"), "paused");

  ASSERT_EQ(sind_in_realm({"power", "unfreeze", "worker-0"}).exit_code, 0);
  const auto ready = sind_in_realm({"wait", "--for", "ready", "--timeout", "90s"});
  EXPECT_EQ(ready.exit_code, 0) << ready.err;
}

TEST_F(PowerEngine, WaitConditions)
{
  const auto slurm_ready = sind_in_realm({"wait", "--for", "slurm-ready", "--timeout", "30s"});
  const auto node_ready = sind_in_realm({"wait", "--for", "node=worker-1", "--timeout", "30s"});
  const auto unknown_node = sind_in_realm({"wait", "--for", "node=worker-9", "--timeout", "5s"});
  const auto unknown_condition = sind_in_realm({"wait", "--for", "idle", "--timeout", "5s"});

  EXPECT_EQ(slurm_ready.exit_code, 0) << slurm_ready.err;
  EXPECT_EQ(node_ready.exit_code, 0) << node_ready.err;
  EXPECT_EQ(unknown_node.exit_code, 2);
  EXPECT_NE(unknown_node.err.find("worker-0, worker-1"), std::string::npos) << unknown_node.err;
  EXPECT_EQ(unknown_condition.exit_code, 2);
}

TEST_F(PowerEngine, CycledWorkerReturnsIdleWithDnsRecord)
{
  const auto cycled = sind_in_realm({"power", "cycle", "worker-1"});
  ASSERT_EQ(cycled.exit_code, 0) << cycled.err;

  const auto sinfo = sind_in_realm({"exec", "--", "sinfo", "-h", "-n", "worker-1", "-o", "%t"});
  EXPECT_EQ(sinfo.out, "idle\n") << sinfo.err;
  const auto fqdn = std::string("worker-1.default.") + realm + ".sind";
  const auto resolved = sind_in_realm({"exec", "--", "getent", "hosts", fqdn});
  EXPECT_EQ(resolved.exit_code, 0) << resolved.err;
  const auto ip = node_ip("worker-1");
  ASSERT_FALSE(ip.empty());
  EXPECT_EQ(resolved.out.substr(0, resolved.out.find(' ')), ip) << resolved.out;
}

TEST_F(PowerEngine, ShutdownThenOn)
{
  const auto shut_down = sind_in_realm({"power", "shutdown", "worker-0"});
  ASSERT_EQ(shut_down.exit_code, 0) << shut_down.err;
  EXPECT_EQ(node_status("worker-0"), "exited");

  const auto powered_on = sind_in_realm({"power", "on", "worker-0"});
  ASSERT_EQ(powered_on.exit_code, 0) << powered_on.err;
  EXPECT_EQ(node_status("worker-0"), "running");
  const auto ready = sind_in_realm({"wait", "--timeout", "90s"});
  EXPECT_EQ(ready.exit_code, 0) << ready.err;
}

TEST_F(PowerEngine, JobRunsOnBothWorkers)
{
  const auto result = sind_in_realm({"exec", "--", "sh", "-c", "srun -N2 hostname | sort"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "worker-0\nworker-1\n");
}

TEST_F(PowerEngine, StatusWatchPrintsLinePerChange)
{
  auto watch = std::async(std::launch::async, [] {
    return run_sind({"--realm", realm, "status", "--watch", "-o", "json"}, {}, "", 15s);
  });
  // NOTE: nothing signals that the watch has subscribed, so the test gives
  // it a few seconds, far more than the first report takes
  std::this_thread::sleep_for(4s);
  ASSERT_EQ(sind_in_realm({"power", "freeze", "worker-1"}).exit_code, 0);
  ASSERT_EQ(sind_in_realm({"power", "unfreeze", "worker-1"}).exit_code, 0);
  const auto result = watch.get();

  EXPECT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::vector<nlohmann::json> reports;
  for (std::string line; std::getline(lines, line);) {
    reports.push_back(nlohmann::json::parse(line));
  }
  ASSERT_GE(reports.size(), 2u) << result.out;
  EXPECT_EQ(reports.front().at("name"), "default");
  EXPECT_EQ(result.out.find('\x1b'), std::string::npos);
}

} // namespace

namespace {

// slurmctld marks a frozen node as not responding ("*" after the state) once
// SlurmdTimeout (30 s in the generated slurm.conf) has passed without an
// answer to its pings; polled here every second for at most 120 s.
TEST_F(PowerEngine, FrozenNodeNotRespondingInSlurm)
{
  auto state = [] {
    const auto result = sind_in_realm({"exec", "--", "sinfo", "-h", "-n", "worker-0", "-o", "%t"});
    return result.out.substr(0, result.out.find('\n'));
  };
  ASSERT_EQ(sind_in_realm({"power", "freeze", "worker-0"}).exit_code, 0);

  std::string frozen_state = state();
  const auto deadline = std::chrono::steady_clock::now() + 120s;
  while (frozen_state.find('*') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1s);
    frozen_state = state();
  }
  const auto unfrozen = sind_in_realm({"power", "unfreeze", "worker-0"});
  const auto ready = sind_in_realm({"wait", "--for", "node=worker-0", "--timeout", "120s"});

  EXPECT_NE(frozen_state.find('*'), std::string::npos) << "worker-0 is " << frozen_state;
  EXPECT_EQ(unfrozen.exit_code, 0) << unfrozen.err;
  EXPECT_EQ(ready.exit_code, 0) << ready.err;
  EXPECT_EQ(state().find('*'), std::string::npos);
}

} // namespace
