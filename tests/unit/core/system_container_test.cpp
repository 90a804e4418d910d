#include <sind/system_container.hpp>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

sind::EngineInfo engine(int cgroup_version, bool explicit_ulimits = false)
{
  sind::EngineInfo info;
  info.backend = "docker";
  info.cgroup_version = cgroup_version;
  info.needs_explicit_ulimits = explicit_ulimits;
  return info;
}

const sind::Mount* find_mount(const sind::ContainerSpec& spec, const std::string& target)
{
  auto found = std::find_if(spec.mounts.begin(), spec.mounts.end(),
                            [&](const sind::Mount& mount) { return mount.target == target; });
  return found == spec.mounts.end() ? nullptr : &*found;
}

bool contains(const std::vector<std::string>& values, const std::string& value)
{
  return std::find(values.begin(), values.end(), value) != values.end();
}

} // namespace

TEST(SystemContainer, CgroupV1SharesHostNamespaceWithWritableTree)
{
  sind::ContainerSpec spec;

  sind::make_system_container(spec, engine(1));

  EXPECT_EQ(spec.cgroupns, sind::CgroupNamespace::host);
  const auto* cgroup = find_mount(spec, "/sys/fs/cgroup");
  ASSERT_NE(cgroup, nullptr);
  EXPECT_EQ(cgroup->type, sind::Mount::Type::bind);
  EXPECT_FALSE(cgroup->read_only);
  EXPECT_FALSE(spec.privileged);
}

TEST(SystemContainer, CgroupV2UsesPrivateNamespace)
{
  sind::ContainerSpec spec;

  sind::make_system_container(spec, engine(2));

  EXPECT_EQ(spec.cgroupns, sind::CgroupNamespace::private_);
  EXPECT_EQ(find_mount(spec, "/sys/fs/cgroup"), nullptr);
}

TEST(SystemContainer, AddsTmpfsSignalAndSecurity)
{
  sind::ContainerSpec spec;

  sind::make_system_container(spec, engine(1), {"256m"});

  for (const char* target : {"/run", "/run/lock", "/tmp"}) {
    const auto* mount = find_mount(spec, target);
    ASSERT_NE(mount, nullptr) << target;
    EXPECT_EQ(mount->type, sind::Mount::Type::tmpfs) << target;
  }
  EXPECT_NE(find_mount(spec, "/tmp")->tmpfs_options.find("size=256m"), std::string::npos);
  EXPECT_EQ(spec.stop_signal, "SIGRTMIN+3");
  EXPECT_TRUE(contains(spec.cap_add, "SYS_ADMIN"));
  EXPECT_TRUE(contains(spec.security_opt, "seccomp=unconfined"));
  EXPECT_TRUE(spec.ulimits.empty());
}

TEST(SystemContainer, KeepsCallerSettingsWithoutDuplicates)
{
  sind::ContainerSpec spec;
  spec.cap_add = {"SYS_ADMIN", "NET_ADMIN"};
  spec.mounts.push_back({sind::Mount::Type::volume, "data", "/tmp", false, ""});

  sind::make_system_container(spec, engine(1));

  EXPECT_EQ(std::count(spec.cap_add.begin(), spec.cap_add.end(), "SYS_ADMIN"), 1);
  EXPECT_TRUE(contains(spec.cap_add, "NET_ADMIN"));
  EXPECT_EQ(find_mount(spec, "/tmp")->type, sind::Mount::Type::volume);
}

TEST(SystemContainer, ExplicitUlimitsWhenEngineNeedsThem)
{
  sind::ContainerSpec spec;

  sind::make_system_container(spec, engine(1, true));

  ASSERT_EQ(spec.ulimits.size(), 2u);
  EXPECT_EQ(spec.ulimits[0].name, "nofile");
  EXPECT_EQ(spec.ulimits[1].name, "nproc");
}
