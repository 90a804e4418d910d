#include "command_runner.hpp"
#include "engine_access.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using sind::test::run_sind;

namespace {

constexpr const char* realm = "sindtest-config";

struct MalformedCase
{
  const char* name;
  const char* yaml;
  const char* position; // "LINE:COLUMN" of the first error
  const char* problem;  // part of the message
};

const MalformedCase malformed_cases[] = {
  {"unknown_key", "kind: Cluster\nnodes:\n  - role: worker\n    cpu: 2\n", "4:5", "unknown key \"cpu\""},
  {"wrong_type", "kind: Cluster\ndefaults:\n  capAdd: {a: b}\n", "3:11", "a list of strings"},
  {"two_controllers", "kind: Cluster\nnodes:\n  - controller\n  - controller\n  - worker\n", "4:5", "controller"},
  {"count_on_controller", "kind: Cluster\nnodes:\n  - role: controller\n    count: 2\n  - worker\n", "4:12", "count"},
  {"bad_memory", "kind: Cluster\ndefaults:\n  memory: 2x\n", "3:11", "2x"},
  {"fragment_with_slash", "kind: Cluster\nslurm:\n  main:\n    a/b: \"X=1\"\n", "4:5", "a/b"},
  {"bad_realm", "kind: Cluster\nrealm: Bad_Realm\n", "2:8", "realm"},
  {"bad_cluster_name", "kind: Cluster\nname: -dev\n", "2:7", "cluster"},
  {"missing_kind", "name: dev\n", "1:1", "kind"},
  {"yaml_syntax", "kind: Cluster\nnodes: [controller\n", "", "cluster.yaml:"},
  {"no_workers", "kind: Cluster\nnodes:\n  - controller\n", "", "worker"},
};

// Name a case in test output by its name rather than by its bytes.
void PrintTo(const MalformedCase& test, std::ostream* out)
{
  *out << test.name;
}

class MalformedConfigEngine : public ::testing::TestWithParam<MalformedCase>
{
};

TEST_P(MalformedConfigEngine, RejectedAndNothingCreated)
{
  const auto& test = GetParam();
  const auto folder = std::filesystem::temp_directory_path() / ("sind-config-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto file = folder / "cluster.yaml";
  std::ofstream(file) << test.yaml;

  const auto result = run_sind({"--realm", realm, "create", "cluster", "--config", file.string()});
  std::filesystem::remove_all(folder);

  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(result.err.rfind("error: " + file.string() + ":" + test.position, 0), 0u) << result.err;
  EXPECT_NE(result.err.find(test.problem), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;
  EXPECT_EQ(sind::test::count_realm_resources(realm), 0u);
}

INSTANTIATE_TEST_SUITE_P(Cases, MalformedConfigEngine, ::testing::ValuesIn(malformed_cases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(ConfigFileEngine, MissingFileNamed)
{
  const auto result = run_sind({"--realm", realm, "create", "cluster", "--config", "/nonexistent/cluster.yaml"});

  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("/nonexistent/cluster.yaml"), std::string::npos) << result.err;
}

} // namespace

namespace {

TEST(CreateFailureEngine, NamesNodeAndLeavesClusterForDelete)
{
  const auto folder = std::filesystem::temp_directory_path() / ("sind-failure-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  const auto file = folder / "cluster.yaml";
  std::ofstream(file) << "kind: Cluster\nnodes:\n  - controller\n  - role: worker\n    devices: [/dev/sind-missing]\n";

  const auto created = run_sind({"--realm", realm, "create", "cluster", "broken", "--config", file.string()});
  std::filesystem::remove_all(folder);
  const auto listed = run_sind({"--realm", realm, "get", "clusters", "-o", "json"});
  const auto deleted = run_sind({"--realm", realm, "delete", "cluster", "broken"});

  EXPECT_EQ(created.exit_code, 1);
  EXPECT_NE(created.err.find("worker-0"), std::string::npos) << created.err;
  EXPECT_NE(created.err.find("/dev/sind-missing"), std::string::npos) << created.err;
  EXPECT_NE(created.err.find("delete cluster broken"), std::string::npos) << created.err;
  EXPECT_NE(listed.out.find("\"broken\""), std::string::npos) << listed.out;
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_EQ(sind::test::count_realm_resources(realm), 0u);
}

} // namespace
