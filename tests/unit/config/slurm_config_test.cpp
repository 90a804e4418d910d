#include <sind/cluster_config.hpp>
#include <sind/error.hpp>
#include <sind/slurm_config.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

const sind::FileEntry* find_file(const std::vector<sind::FileEntry>& files, const std::string& path)
{
  const auto file = std::find_if(files.begin(), files.end(), [&](const auto& f) { return f.path == path; });
  return file == files.end() ? nullptr : &*file;
}

std::vector<sind::FileEntry> generate(const std::string& yaml, const std::string& version)
{
  const auto config = sind::parse_cluster_config(yaml, "cluster.yaml");
  sind::SlurmConfigOptions options;
  options.cluster_name = config.name;
  options.version = sind::parse_slurm_version(version);
  options.uid = 64030;
  options.gid = 64030;
  return sind::generate_slurm_config(config.nodes, config.slurm, options);
}

std::string content_of(const std::vector<sind::FileEntry>& files, const std::string& path)
{
  const sind::FileEntry* file = find_file(files, path);
  if (file == nullptr) {
    ADD_FAILURE() << "no file " << path;
    return "";
  }
  return file->content;
}

} // namespace

TEST(SlurmVersion, ParsesVersionStrings)
{
  const struct
  {
    const char* text;
    sind::SlurmVersion version;
  } cases[] = {
    {"22.05.8", {22, 5, 8}},
    {"24.11.5", {24, 11, 5}},
    {"25.11.0", {25, 11, 0}},
    {"25.11.0-0rc1", {25, 11, 0}},
  };

  for (const auto& test : cases) {
    EXPECT_EQ(sind::parse_slurm_version(test.text), test.version) << test.text;
  }
}

TEST(SlurmVersion, RejectsOtherFormats)
{
  for (const char* text : {"", "24", "24.11", "24.11.x", "v24.11.5", "24.11.5.1", "24..5", " 24.11.5"}) {
    EXPECT_THROW(sind::parse_slurm_version(text), sind::Error) << text;
  }
}

TEST(SlurmVersion, FormatsWithTwoDigitMinor)
{
  EXPECT_EQ((sind::SlurmVersion{22, 5, 8}).to_string(), "22.05.8");
}

TEST(SlurmdVersionOutput, ParsesDebianAndUpstream)
{
  EXPECT_EQ(sind::parse_slurmd_version_output("slurm-wlm 22.05.8\n"), (sind::SlurmVersion{22, 5, 8}));
  EXPECT_EQ(sind::parse_slurmd_version_output("slurm 24.11.5\n"), (sind::SlurmVersion{24, 11, 5}));
  EXPECT_EQ(sind::parse_slurmd_version_output("  slurm 25.11.0"), (sind::SlurmVersion{25, 11, 0}));
}

TEST(SlurmdVersionOutput, RejectsOtherOutput)
{
  for (const char* output : {"", "slurmd: command not found", "slurm", "slurm-wlm abc", "munge 0.5.15"}) {
    try {
      sind::parse_slurmd_version_output(output);
      ADD_FAILURE() << "accepted \"" << output << "\"";
    } catch (const sind::Error& error) {
      EXPECT_TRUE(contains(error.what(), "slurm")) << error.what();
    }
  }
}

TEST(SlurmConfig, CommonSettingsForEveryVersion)
{
  for (const char* version : {"22.05.8", "24.11.5", "25.11.0"}) {
    const auto files = generate("kind: Cluster\nname: dev\n", version);
    const std::string slurm_conf = content_of(files, "slurm.conf");

    for (const char* line :
         {"ClusterName=dev\n", "SlurmctldHost=controller\n", "AuthType=auth/munge\n",
          "ProctrackType=proctrack/linuxproc\n", "TaskPlugin=task/none\n",
          "SlurmdParameters=config_overrides\n", "ReturnToService=2\n", "SlurmdTimeout=30\n",
          "StateSaveLocation=/var/spool/slurmctld\n", "SlurmdSpoolDir=/var/spool/slurmd\n",
          "SlurmctldPidFile=/run/slurmctld.pid\n", "SlurmdPidFile=/run/slurmd.pid\n",
          "SlurmctldLogFile=/var/log/slurm/slurmctld.log\n",
          "SlurmdLogFile=/var/log/slurm/slurmd.log\n"}) {
      EXPECT_TRUE(contains(slurm_conf, line)) << version << " lacks " << line;
    }
    EXPECT_TRUE(slurm_conf.ends_with("Include /etc/slurm/sind-nodes.conf\n")) << version;
    EXPECT_FALSE(contains(content_of(files, "cgroup.conf"), "CgroupAutomount")) << version;
    EXPECT_TRUE(contains(content_of(files, "plugstack.conf"), "include /etc/slurm/plugstack.conf.d/*.conf\n"));
    EXPECT_EQ(find_file(files, "gres.conf"), nullptr);
    EXPECT_EQ(find_file(files, "topology.conf"), nullptr);
  }
}

TEST(SlurmConfig, Slurm2205LoadsCgroupPluginWithoutSystemd)
{
  const auto files = generate("kind: Cluster\n", "22.05.8");
  const std::string cgroup_conf = content_of(files, "cgroup.conf");

  EXPECT_TRUE(contains(cgroup_conf, "CgroupPlugin=autodetect\n"));
  EXPECT_TRUE(contains(cgroup_conf, "IgnoreSystemd=yes\n"));
  EXPECT_FALSE(contains(cgroup_conf, "CgroupPlugin=disabled"));
  EXPECT_FALSE(contains(content_of(files, "slurm.conf"), "CommunicationParameters"));
}

TEST(SlurmConfig, Slurm2411DisablesCgroupPlugin)
{
  const auto files = generate("kind: Cluster\n", "24.11.5");
  const std::string cgroup_conf = content_of(files, "cgroup.conf");

  EXPECT_TRUE(contains(cgroup_conf, "CgroupPlugin=disabled\n"));
  EXPECT_FALSE(contains(cgroup_conf, "IgnoreSystemd"));
  EXPECT_FALSE(contains(content_of(files, "slurm.conf"), "CommunicationParameters"));
}

TEST(SlurmConfig, Slurm2511AlsoDisablesHttp)
{
  const auto files = generate("kind: Cluster\n", "25.11.0");

  EXPECT_TRUE(contains(content_of(files, "cgroup.conf"), "CgroupPlugin=disabled\n"));
  EXPECT_TRUE(contains(content_of(files, "slurm.conf"), "CommunicationParameters=disable_http\n"));
}

TEST(SlurmConfig, RejectsSlurmOlderThan2205)
{
  const auto config = sind::default_cluster_config();
  sind::SlurmConfigOptions options;
  options.cluster_name = "default";
  options.version = {21, 8, 5};

  EXPECT_THROW(sind::generate_slurm_config(config.nodes, config.slurm, options), sind::Error);
}

TEST(SlurmConfig, FilesCarryOwnerAndMode)
{
  for (const auto& file : generate("kind: Cluster\n", "24.11.5")) {
    EXPECT_EQ(file.mode, 0644u) << file.path;
    EXPECT_EQ(file.uid, 64030u) << file.path;
    EXPECT_EQ(file.gid, 64030u) << file.path;
  }
}

TEST(SlurmConfig, NodesetsGroupWorkersByShape)
{
  const auto files = generate(R"(kind: Cluster
defaults:
  cpus: 2
  memory: 2g
nodes:
  - controller
  - submitter
  - worker: 3
  - role: worker
    cpus: 4.5
  - worker
)", "24.11.5");
  const std::string nodes_conf = content_of(files, "sind-nodes.conf");

  EXPECT_TRUE(contains(nodes_conf, "NodeName=worker-[0-2,4] CPUs=2 RealMemory=2048 State=UNKNOWN\n")) << nodes_conf;
  EXPECT_TRUE(contains(nodes_conf, "NodeName=worker-3 CPUs=4 RealMemory=2048 State=UNKNOWN\n")) << nodes_conf;
  EXPECT_TRUE(contains(nodes_conf, "PartitionName=all Nodes=worker-[0-4] Default=YES MaxTime=INFINITE State=UP\n"))
    << nodes_conf;
  EXPECT_FALSE(contains(nodes_conf, "controller"));
  EXPECT_FALSE(contains(nodes_conf, "submitter"));
}

TEST(SlurmConfig, WorkersWithoutLimitsHaveNoHardware)
{
  const std::string nodes_conf = content_of(generate("kind: Cluster\n", "22.05.8"), "sind-nodes.conf");

  EXPECT_TRUE(contains(nodes_conf, "NodeName=worker-0 State=UNKNOWN\n")) << nodes_conf;
}

TEST(SlurmConfig, UnmanagedWorkersExcluded)
{
  const auto files = generate(R"(kind: Cluster
nodes:
  - controller
  - worker: 2
  - role: worker
    managed: false
  - worker
)", "24.11.5");
  const std::string nodes_conf = content_of(files, "sind-nodes.conf");

  EXPECT_TRUE(contains(nodes_conf, "NodeName=worker-[0-1,3] State=UNKNOWN\n")) << nodes_conf;
  EXPECT_TRUE(contains(nodes_conf, "Nodes=worker-[0-1,3] ")) << nodes_conf;
  EXPECT_FALSE(contains(nodes_conf, "worker-2"));
}

TEST(SlurmConfig, AppendsUserStrings)
{
  const auto files = generate(R"(kind: Cluster
slurm:
  main: "SchedulerParameters=bf_interval=5"
  cgroup: "ConstrainCores=no"
  gres: "NodeName=worker-0 Name=gpu Count=1"
  topology: "SwitchName=s0 Nodes=worker-0"
  plugstack: "optional /usr/lib/spank.so"
)", "24.11.5");

  const std::string slurm_conf = content_of(files, "slurm.conf");
  const auto include = slurm_conf.find("Include /etc/slurm/sind-nodes.conf\n");
  const auto appended = slurm_conf.find("SchedulerParameters=bf_interval=5\n");
  ASSERT_NE(include, std::string::npos);
  ASSERT_NE(appended, std::string::npos);
  EXPECT_LT(include, appended);
  EXPECT_FALSE(contains(slurm_conf, "slurm.conf.d"));

  EXPECT_TRUE(contains(content_of(files, "cgroup.conf"), "CgroupPlugin=disabled\n"));
  EXPECT_TRUE(content_of(files, "cgroup.conf").ends_with("ConstrainCores=no\n"));
  EXPECT_EQ(content_of(files, "gres.conf"), "NodeName=worker-0 Name=gpu Count=1\n");
  EXPECT_EQ(content_of(files, "topology.conf"), "SwitchName=s0 Nodes=worker-0\n");
  EXPECT_TRUE(content_of(files, "plugstack.conf").ends_with("optional /usr/lib/spank.so\n"));
}

TEST(SlurmConfig, WritesFragmentsWithIncludes)
{
  const auto files = generate(R"(kind: Cluster
slurm:
  main:
    sched: "SchedulerParameters=bf_interval=5"
    debug: "SlurmctldDebug=debug"
  cgroup:
    cores: "ConstrainCores=no"
  gres:
    gpus: "NodeName=worker-0 Name=gpu Count=1"
  plugstack:
    x11: "optional x11.so"
)", "25.11.0");

  const std::string slurm_conf = content_of(files, "slurm.conf");
  // one line per fragment in name order, since Slurm's Include takes no wildcards
  EXPECT_TRUE(slurm_conf.ends_with("Include /etc/slurm/sind-nodes.conf\n"
                                   "Include /etc/slurm/slurm.conf.d/debug.conf\n"
                                   "Include /etc/slurm/slurm.conf.d/sched.conf\n"))
    << slurm_conf;
  EXPECT_EQ(content_of(files, "slurm.conf.d/sched.conf"), "SchedulerParameters=bf_interval=5\n");
  EXPECT_EQ(content_of(files, "slurm.conf.d/debug.conf"), "SlurmctldDebug=debug\n");

  EXPECT_TRUE(contains(content_of(files, "cgroup.conf"), "Include /etc/slurm/cgroup.conf.d/cores.conf\n"));
  EXPECT_EQ(content_of(files, "cgroup.conf.d/cores.conf"), "ConstrainCores=no\n");

  EXPECT_EQ(content_of(files, "gres.conf"), "Include /etc/slurm/gres.conf.d/gpus.conf\n");
  EXPECT_EQ(content_of(files, "gres.conf.d/gpus.conf"), "NodeName=worker-0 Name=gpu Count=1\n");

  EXPECT_EQ(content_of(files, "plugstack.conf.d/x11.conf"), "optional x11.so\n");
  EXPECT_FALSE(contains(content_of(files, "plugstack.conf"), "Include"));
  EXPECT_EQ(find_file(files, "topology.conf"), nullptr);
}

TEST(FoldNodeNames, FoldsConsecutiveNumbers)
{
  const struct
  {
    std::vector<std::string> names;
    std::string folded;
  } cases[] = {
    {{"worker-0"}, "worker-0"},
    {{"worker-0", "worker-1", "worker-2"}, "worker-[0-2]"},
    {{"worker-3", "worker-0", "worker-1"}, "worker-[0-1,3]"},
    {{"worker-8", "worker-9", "worker-10", "worker-12"}, "worker-[8-10,12]"},
    {{"worker-0", "gpu-1", "worker-1", "login"}, "worker-[0-1],gpu-1,login"},
    {{"node01", "node02"}, "node01,node02"},
    {{}, ""},
  };

  for (const auto& test : cases) {
    EXPECT_EQ(sind::fold_node_names(test.names), test.folded);
  }
}

TEST(MungeKey, Has1024BytesAndDiffersEachTime)
{
  const std::string first = sind::generate_munge_key();
  const std::string second = sind::generate_munge_key();

  EXPECT_EQ(first.size(), 1024u);
  EXPECT_EQ(second.size(), 1024u);
  EXPECT_NE(first, second);
}
