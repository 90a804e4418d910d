#include "runtime_fixture.hpp"

#include <sind/error.hpp>

namespace sind::test {
namespace {

using namespace std::chrono_literals;

class Containers : public RuntimeConformance
{
protected:
  // Wait inside the container until systemd listens on its private socket,
  // then until boot has finished; `timeout` guards a hung boot.
  ExecResult wait_for_systemd()
  {
    return runtime().exec(node(), {{"sh", "-c",
                                    "timeout 120 sh -c 'until [ -S /run/systemd/private ]; do sleep 0.05; done' "
                                    "&& timeout 120 systemctl is-system-running --wait"}});
  }

  ContainerState state_of(const std::string& container)
  {
    auto info = runtime().inspect_container(container);
    return info ? info->state : ContainerState::unknown;
  }
};

TEST_F(Containers, SystemdReachesRunning)
{
  const auto result = wait_for_systemd();

  EXPECT_EQ(result.stdout_data, "running\n") << result.stderr_data;
  EXPECT_EQ(result.exit_code, 0);
}

TEST_F(Containers, InspectReportsSpec)
{
  const auto info = runtime().inspect_container(node());

  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->name, node());
  EXPECT_EQ(info->hostname, "node");
  EXPECT_EQ(info->state, ContainerState::running);
  EXPECT_EQ(info->labels.at("sind.test"), "conformance");
  EXPECT_FALSE(info->id.empty());
  EXPECT_FALSE(info->started.empty());
  const bool has_cgroup_mount = std::any_of(info->mounts.begin(), info->mounts.end(),
                                            [](const Mount& m) { return m.target == "/sys/fs/cgroup"; });
  EXPECT_EQ(has_cgroup_mount, runtime().info().cgroup_version == 1);
}

TEST_F(Containers, ListByLabelFindsOwnContainers)
{
  const auto all = runtime().list_containers(labels());
  const auto none = runtime().list_containers({{"sind.test.owner", "no-such-owner"}});

  EXPECT_TRUE(std::any_of(all.begin(), all.end(), [&](const ContainerInfo& c) { return c.name == node(); }));
  EXPECT_TRUE(none.empty());
}

TEST_F(Containers, InspectMissingReturnsNothing)
{
  EXPECT_FALSE(runtime().inspect_container(unique_name("never-created")).has_value());
  EXPECT_NO_THROW(runtime().remove_container(unique_name("never-created")));
}

TEST_F(Containers, DuplicateNameIsConflict)
{
  const std::string name = unique_name("duplicate");
  create_plain_container("duplicate", {"true"});

  try {
    create_plain_container("duplicate", {"true"});
    FAIL() << "created two containers named " << name;
  } catch (const EngineError& error) {
    EXPECT_TRUE(error.is_conflict()) << error.what();
    EXPECT_NE(error.context().find(name), std::string::npos) << error.what();
    EXPECT_FALSE(error.engine_message().empty());
  }
  runtime().remove_container(name);
}

TEST_F(Containers, LifecycleStates)
{
  const std::string name = unique_name("lifecycle");
  create_plain_container("lifecycle", {"sleep", "infinity"});
  EXPECT_EQ(state_of(name), ContainerState::created);

  runtime().start_container(name);
  EXPECT_EQ(state_of(name), ContainerState::running);

  runtime().pause_container(name);
  EXPECT_EQ(state_of(name), ContainerState::paused);

  runtime().unpause_container(name);
  EXPECT_EQ(state_of(name), ContainerState::running);

  runtime().kill_container(name, "SIGKILL");
  EXPECT_EQ(state_of(name), ContainerState::exited);

  runtime().start_container(name);
  runtime().stop_container(name, 1s);
  EXPECT_EQ(state_of(name), ContainerState::exited);

  runtime().remove_container(name);
  EXPECT_FALSE(runtime().inspect_container(name).has_value());
}

TEST_F(Containers, SystemContainerStopsCleanlyWithinTimeout)
{
  // systemd shuts down on SIGRTMIN+3; with SIGTERM the stop would wait out
  // the whole timeout and then kill
  const auto started = std::chrono::steady_clock::now();
  runtime().stop_container(node(), 30s);
  const auto elapsed = std::chrono::steady_clock::now() - started;

  auto stopped = runtime().inspect_container(node());
  ASSERT_TRUE(stopped.has_value());
  EXPECT_EQ(stopped->state, ContainerState::exited);
  EXPECT_LT(elapsed, 20s);

  // bring it back for the tests that follow
  runtime().start_container(node());
  const auto result = wait_for_systemd();
  EXPECT_EQ(result.stdout_data, "running\n");
}

TEST_F(Containers, UploadFilesWithModeAndFolders)
{
  runtime().upload_files(node(), "/root",
                         {{"upload/nested/secret.key", "top secret\n", 0600, 0, 0},
                          {"upload/readme.txt", "hello\n", 0644, 0, 0}});

  const auto content = runtime().exec(node(), {{"cat", "/root/upload/nested/secret.key"}});
  const auto mode = runtime().exec(
    node(), {{"stat", "-c", "%a %U", "/root/upload/nested/secret.key", "/root/upload/readme.txt"}});

  EXPECT_EQ(content.stdout_data, "top secret\n");
  EXPECT_EQ(mode.stdout_data, "600 root\n644 root\n");
}

TEST_F(Containers, UploadIntoCreatedContainer)
{
  const std::string name = unique_name("upload-created");
  create_plain_container("upload-created", {"cat", "/etc/sind-uploaded"});

  runtime().upload_files(name, "/etc", {{"sind-uploaded", "before start\n", 0644, 0, 0}});
  runtime().start_container(name);

  std::string output;
  runtime().logs(name, {.follow = true}, [&](OutputStream, std::string_view chunk) {
    output += chunk;
    return true;
  });
  EXPECT_EQ(output, "before start\n");
  runtime().remove_container(name);
}

} // namespace
} // namespace sind::test
