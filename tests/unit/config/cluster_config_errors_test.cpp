// Malformed cluster configurations: each is rejected with the position of
// the problem and a message that names it.

#include <sind/cluster_config.hpp>
#include <sind/error.hpp>

#include <gtest/gtest.h>

namespace {

struct MalformedCase
{
  const char* name;
  const char* text;
  const char* position; // "cluster.yaml:LINE:COLUMN: "
  const char* message;  // part of the message after the position
};

// Name a case in test output by its name rather than by its bytes.
void PrintTo(const MalformedCase& test, std::ostream* out)
{
  *out << test.name;
}

const MalformedCase malformed_cases[] = {
  {"unknown key in node",
   "kind: Cluster\n"
   "nodes:\n"
   "  - controller\n"
   "  - role: worker\n"
   "    cpu: 2\n",
   "cluster.yaml:5:5: ",
   "unknown key \"cpu\" in node; expected one of role, count, image, cpus, memory, tmpSize, "
   "capAdd, capDrop, devices, securityOpt, managed"},
  {"unknown top-level key",
   "kind: Cluster\n"
   "node: []\n",
   "cluster.yaml:2:1: ", "unknown key \"node\""},
  {"list where a map is expected",
   "kind: Cluster\n"
   "defaults:\n"
   "  capAdd: {a: b}\n",
   "cluster.yaml:3:11: ", "expected capAdd to be a list of strings, got a map"},
  {"string where a list is expected",
   "kind: Cluster\n"
   "nodes: controller\n",
   "cluster.yaml:2:8: ", "expected nodes to be a list, got a string"},
  {"second controller",
   "kind: Cluster\n"
   "nodes:\n"
   "  - controller\n"
   "  - worker\n"
   "  - controller\n",
   "cluster.yaml:5:5: ", "a second controller; a cluster has exactly one"},
  {"second submitter",
   "kind: Cluster\n"
   "nodes: [controller, submitter, worker, submitter]\n",
   "cluster.yaml:2:40: ", "a second submitter; a cluster has at most one"},
  {"count on a controller in full form",
   "kind: Cluster\n"
   "nodes:\n"
   "  - role: controller\n"
   "    count: 2\n"
   "  - worker\n",
   "cluster.yaml:4:12: ", "\"count\" is only allowed on workers"},
  {"count on a controller in shorthand",
   "kind: Cluster\n"
   "nodes:\n"
   "  - controller: 2\n"
   "  - worker\n",
   "cluster.yaml:3:17: ", "\"count\" is only allowed on workers"},
  {"count zero",
   "kind: Cluster\n"
   "nodes:\n"
   "  - controller\n"
   "  - worker: 0\n",
   "cluster.yaml:4:13: ", "invalid count 0: expected a whole number of at least 1"},
  {"bad memory size",
   "kind: Cluster\n"
   "defaults:\n"
   "  memory: 2x\n",
   "cluster.yaml:3:11: ", "invalid memory size \"2x\""},
  {"zero tmp size",
   "kind: Cluster\n"
   "defaults:\n"
   "  tmpSize: 0\n",
   "cluster.yaml:3:12: ", "invalid tmpSize size \"0\""},
  {"negative cpus",
   "kind: Cluster\n"
   "defaults:\n"
   "  cpus: -1\n",
   "cluster.yaml:3:9: ", "invalid cpus \"-1\": expected a positive number"},
  {"fragment name with a slash",
   "kind: Cluster\n"
   "slurm:\n"
   "  main:\n"
   "    a/b: \"X=1\"\n",
   "cluster.yaml:4:5: ", "invalid fragment name \"a/b\": fragment names must not contain \"/\""},
  {"bad realm name",
   "kind: Cluster\n"
   "realm: Dev_1\n",
   "cluster.yaml:2:8: ", "invalid realm name \"Dev_1\": it must start with a lowercase letter"},
  {"bad cluster name",
   "kind: Cluster\n"
   "name: dev.x\n",
   "cluster.yaml:2:7: ", "invalid cluster name \"dev.x\": '.' is not allowed"},
  {"missing kind",
   "name: dev\n",
   "cluster.yaml:1:1: ", "missing key \"kind\"; expected \"kind: Cluster\""},
  {"wrong kind",
   "kind: Pod\n",
   "cluster.yaml:1:7: ", "invalid kind \"Pod\": expected Cluster"},
  {"YAML syntax error",
   "kind: Cluster\n"
   "nodes: [controller, worker\n",
   "cluster.yaml:3:1: ", "invalid YAML: "},
  {"empty document",
   "",
   "cluster.yaml:1:1: ", "the document is empty"},
  {"document that is a list",
   "- kind: Cluster\n",
   "cluster.yaml:1:1: ", "expected the document to be a map, got a list"},
  {"zero workers",
   "kind: Cluster\n"
   "nodes:\n"
   "  - controller\n",
   "cluster.yaml:3:3: ", "no worker in nodes; a cluster needs at least one"},
  {"no controller",
   "kind: Cluster\n"
   "nodes: [worker]\n",
   "cluster.yaml:2:8: ", "no controller in nodes; a cluster has exactly one"},
  {"unknown role",
   "kind: Cluster\n"
   "nodes: [controller, compute]\n",
   "cluster.yaml:2:21: ", "invalid role \"compute\": expected controller, submitter or worker"},
  {"managed on a controller",
   "kind: Cluster\n"
   "nodes:\n"
   "  - role: controller\n"
   "    managed: false\n"
   "  - worker\n",
   "cluster.yaml:4:14: ", "\"managed\" is only allowed on workers"},
  {"duplicate key",
   "kind: Cluster\n"
   "defaults:\n"
   "  cpus: 1\n"
   "  cpus: 2\n",
   "cluster.yaml:4:3: ", "duplicate key \"cpus\" in defaults"},
  {"invalid device",
   "kind: Cluster\n"
   "defaults:\n"
   "  devices: [fuse]\n",
   "cluster.yaml:3:13: ", "invalid device \"fuse\""},
  {"relative host path",
   "kind: Cluster\n"
   "storage:\n"
   "  dataStorage:\n"
   "    type: hostPath\n"
   "    hostPath: data\n",
   "cluster.yaml:5:15: ", "invalid hostPath \"data\": expected an absolute path"},
  {"host path type without a path",
   "kind: Cluster\n"
   "storage:\n"
   "  dataStorage:\n"
   "    type: hostPath\n",
   "cluster.yaml:4:11: ", "missing key \"hostPath\""},
  {"unknown storage type",
   "kind: Cluster\n"
   "storage:\n"
   "  dataStorage:\n"
   "    type: nfs\n",
   "cluster.yaml:4:11: ", "invalid dataStorage type \"nfs\": expected volume or hostPath"},
  {"slurm file as a list",
   "kind: Cluster\n"
   "slurm:\n"
   "  gres: [a]\n",
   "cluster.yaml:3:9: ", "expected slurm.gres to be a string or a map of fragment names to strings, got a list"},
  {"managed not a boolean",
   "kind: Cluster\n"
   "nodes:\n"
   "  - controller\n"
   "  - role: worker\n"
   "    managed: maybe\n",
   "cluster.yaml:5:14: ", "invalid managed \"maybe\": expected true or false"},
};

class MalformedConfig : public testing::TestWithParam<MalformedCase>
{
};

TEST_P(MalformedConfig, RejectedWithPositionAndReason)
{
  const MalformedCase& test = GetParam();
  try {
    sind::parse_cluster_config(test.text, "cluster.yaml");
    ADD_FAILURE() << "accepted: " << test.name;
  } catch (const sind::UsageError& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.rfind(test.position, 0), 0u) << message;
    EXPECT_NE(message.find(test.message), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

std::string case_name(const testing::TestParamInfo<MalformedCase>& info)
{
  std::string name;
  for (const char* c = info.param.name; *c != '\0'; ++c) {
    name += std::isalnum(static_cast<unsigned char>(*c)) ? *c : '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(ClusterConfig, MalformedConfig, testing::ValuesIn(malformed_cases), case_name);

TEST(ClusterConfig, StdinSourceNameInMessages)
{
  try {
    sind::parse_cluster_config("kind: Pod\n", "<stdin>");
    ADD_FAILURE() << "accepted kind Pod";
  } catch (const sind::UsageError& error) {
    EXPECT_EQ(std::string(error.what()).rfind("<stdin>:1:7: ", 0), 0u) << error.what();
  }
}

} // namespace
