#include <sind/cluster_config.hpp>
#include <sind/error.hpp>

#include <gtest/gtest.h>

namespace {

sind::ClusterConfig parse(const std::string& text)
{
  return sind::parse_cluster_config(text, "cluster.yaml");
}

std::vector<std::string> names_of(const sind::ClusterConfig& config)
{
  std::vector<std::string> names;
  for (const auto& node : config.nodes) {
    names.push_back(node.name);
  }
  return names;
}

} // namespace

TEST(ClusterConfig, OmittedNodesGiveControllerAndWorker)
{
  const auto config = parse("kind: Cluster\n");

  EXPECT_EQ(config.name, "default");
  EXPECT_FALSE(config.realm.has_value());
  ASSERT_EQ(config.nodes.size(), 2u);
  EXPECT_EQ(config.nodes[0].name, "controller");
  EXPECT_EQ(config.nodes[0].role, sind::NodeRole::controller);
  EXPECT_EQ(config.nodes[1].name, "worker-0");
  EXPECT_EQ(config.nodes[1].role, sind::NodeRole::worker);
  EXPECT_EQ(config.nodes[1].image, "sind-node:latest");
  EXPECT_EQ(config.nodes[1].tmp_size, "1g");
  EXPECT_TRUE(config.nodes[1].managed);
  EXPECT_EQ(config.data_storage.type, sind::DataStorage::Type::volume);
  EXPECT_EQ(config.data_storage.mount_path, "/data");
}

TEST(ClusterConfig, DefaultConfigMatchesEmptyFile)
{
  const auto config = sind::default_cluster_config();

  EXPECT_EQ(names_of(config), (std::vector<std::string>{"controller", "worker-0"}));
  EXPECT_EQ(config.name, "default");
}

TEST(ClusterConfig, NameAndRealm)
{
  const auto config = parse("kind: Cluster\nname: dev\nrealm: ci-42\n");

  EXPECT_EQ(config.name, "dev");
  EXPECT_EQ(config.realm, "ci-42");
}

TEST(ClusterConfig, ShorthandAndFullFormsNameNodesInOrder)
{
  const auto config = parse(R"(kind: Cluster
nodes:
  - worker: 2
  - controller
  - role: worker
    count: 3
  - submitter
  - worker
)");

  EXPECT_EQ(names_of(config),
            (std::vector<std::string>{"controller", "submitter", "worker-0", "worker-1", "worker-2",
                                      "worker-3", "worker-4", "worker-5"}));
  EXPECT_EQ(config.nodes[1].role, sind::NodeRole::submitter);
}

TEST(ClusterConfig, FullFormSettings)
{
  const auto config = parse(R"(kind: Cluster
nodes:
  - controller
  - role: worker
    image: my-node:1
    cpus: 1.5
    memory: 512Mi
    tmpSize: 2GB
    capAdd: [NET_ADMIN]
    capDrop: [MKNOD]
    devices: [/dev/fuse, "/dev/net/tun:/dev/net/tun:rwm"]
    securityOpt: [label=disable]
    managed: false
)");

  const auto& worker = config.nodes.at(1);
  EXPECT_EQ(worker.image, "my-node:1");
  EXPECT_DOUBLE_EQ(*worker.cpus, 1.5);
  EXPECT_EQ(*worker.memory_bytes, 512u * 1024 * 1024);
  EXPECT_EQ(worker.tmp_size, "2g");
  EXPECT_EQ(worker.cap_add, std::vector<std::string>{"NET_ADMIN"});
  EXPECT_EQ(worker.cap_drop, std::vector<std::string>{"MKNOD"});
  EXPECT_EQ(worker.devices, (std::vector<std::string>{"/dev/fuse", "/dev/net/tun:/dev/net/tun:rwm"}));
  EXPECT_EQ(worker.security_opt, std::vector<std::string>{"label=disable"});
  EXPECT_FALSE(worker.managed);
}

TEST(ClusterConfig, DefaultsMergeListsAndOverrideScalars)
{
  const auto config = parse(R"(kind: Cluster
defaults:
  image: base:1
  cpus: 2
  memory: 2g
  tmpSize: 512m
  capAdd: [NET_ADMIN, SYS_PTRACE]
  devices: [/dev/fuse]
nodes:
  - controller
  - role: worker
    cpus: 4
    capAdd: [SYS_PTRACE, SYS_NICE]
    devices: [/dev/kvm]
)");

  const auto& controller = config.nodes.at(0);
  EXPECT_EQ(controller.image, "base:1");
  EXPECT_DOUBLE_EQ(*controller.cpus, 2);
  EXPECT_EQ(*controller.memory_bytes, 2ull << 30);
  EXPECT_EQ(controller.tmp_size, "512m");
  EXPECT_EQ(controller.cap_add, (std::vector<std::string>{"NET_ADMIN", "SYS_PTRACE"}));

  const auto& worker = config.nodes.at(1);
  EXPECT_EQ(worker.image, "base:1");
  EXPECT_DOUBLE_EQ(*worker.cpus, 4);
  EXPECT_EQ(*worker.memory_bytes, 2ull << 30);
  EXPECT_EQ(worker.cap_add, (std::vector<std::string>{"NET_ADMIN", "SYS_PTRACE", "SYS_NICE"}));
  EXPECT_EQ(worker.devices, (std::vector<std::string>{"/dev/fuse", "/dev/kvm"}));
}

TEST(ClusterConfig, UnsetLimitsStayUnset)
{
  const auto config = parse("kind: Cluster\n");

  EXPECT_FALSE(config.nodes[0].cpus.has_value());
  EXPECT_FALSE(config.nodes[0].memory_bytes.has_value());
}

TEST(ClusterConfig, StorageHostPath)
{
  const auto config = parse(R"(kind: Cluster
storage:
  dataStorage:
    type: hostPath
    hostPath: /srv/data
    mountPath: /shared
)");

  EXPECT_EQ(config.data_storage.type, sind::DataStorage::Type::host_path);
  EXPECT_EQ(config.data_storage.host_path, "/srv/data");
  EXPECT_EQ(config.data_storage.mount_path, "/shared");
}

TEST(ClusterConfig, SlurmStringsAndFragments)
{
  const auto config = parse(R"(kind: Cluster
slurm:
  main: |
    SchedulerParameters=bf_interval=5
  cgroup:
    extra: "ConstrainCores=no"
    more-1.x: "# nothing"
)");

  EXPECT_EQ(config.slurm.main.content, "SchedulerParameters=bf_interval=5\n");
  EXPECT_TRUE(config.slurm.main.fragments.empty());
  EXPECT_TRUE(config.slurm.cgroup.content.empty());
  EXPECT_EQ(config.slurm.cgroup.fragments.size(), 2u);
  EXPECT_EQ(config.slurm.cgroup.fragments.at("extra"), "ConstrainCores=no");
  EXPECT_TRUE(config.slurm.gres.empty());
}

TEST(ParseSize, AcceptsSuffixes)
{
  const struct
  {
    const char* text;
    std::uint64_t bytes;
  } cases[] = {
    {"1048576", 1048576},     {"2k", 2048},          {"2K", 2048},
    {"3m", 3ull << 20},       {"1g", 1ull << 30},    {"1t", 1ull << 40},
    {"1Ki", 1024},            {"4Mi", 4ull << 20},   {"2Gi", 2ull << 30},
    {"1Ti", 1ull << 40},      {"1KB", 1024},         {"1MB", 1ull << 20},
    {"1GB", 1ull << 30},      {"1.5g", 3ull << 29},
  };

  for (const auto& test : cases) {
    EXPECT_EQ(sind::parse_size(test.text), test.bytes) << test.text;
  }
}

TEST(ParseSize, RejectsMalformedAndZero)
{
  for (const char* text : {"", "2x", "g", "0", "0g", "-1g", "1.2.3g", "1 g", "1gg", "1e3"}) {
    EXPECT_FALSE(sind::parse_size(text).has_value()) << text;
  }
}

TEST(DataFlag, ResolvesValues)
{
  const std::filesystem::path working_dir = "/home/user/project";
  const struct
  {
    const char* value;
    sind::DataStorage::Type type;
    const char* host_path;
  } cases[] = {
    {"volume", sind::DataStorage::Type::volume, ""},
    {".", sind::DataStorage::Type::host_path, "/home/user/project"},
    {"./volume", sind::DataStorage::Type::host_path, "/home/user/project/volume"},
    {"data", sind::DataStorage::Type::host_path, "/home/user/project/data"},
    {"../shared/", sind::DataStorage::Type::host_path, "/home/user/shared"},
    {"/srv/data", sind::DataStorage::Type::host_path, "/srv/data"},
  };

  for (const auto& test : cases) {
    sind::DataStorage storage;
    storage.type = sind::DataStorage::Type::host_path;
    storage.host_path = "/previous";
    storage.mount_path = "/shared";

    sind::apply_data_flag(storage, test.value, working_dir);

    EXPECT_EQ(storage.type, test.type) << test.value;
    EXPECT_EQ(storage.host_path, test.host_path) << test.value;
    EXPECT_EQ(storage.mount_path, "/shared") << test.value;
  }
}

TEST(DataFlag, RejectsEmptyValue)
{
  sind::DataStorage storage;

  EXPECT_THROW(sind::apply_data_flag(storage, "", "/tmp"), sind::UsageError);
}

TEST(LoadClusterConfig, MissingFileIsUsageError)
{
  try {
    sind::load_cluster_config("/nonexistent/cluster.yaml");
    ADD_FAILURE() << "accepted a missing file";
  } catch (const sind::UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/cluster.yaml"), std::string::npos);
  }
}
