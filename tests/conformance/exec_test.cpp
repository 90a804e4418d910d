#include "runtime_fixture.hpp"

#include <sind/error.hpp>

namespace sind::test {
namespace {

class Exec : public RuntimeConformance
{
};

TEST_F(Exec, SeparatesStreamsAndReturnsExitCode)
{
  const auto result = runtime().exec(node(), {{"sh", "-c", "echo out; echo err >&2; exit 3"}});

  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.stdout_data, "out\n");
  EXPECT_EQ(result.stderr_data, "err\n");
}

TEST_F(Exec, PassesStdinAndClosesIt)
{
  ExecRequest request{{"sh", "-c", "cat; echo done"}};
  request.stdin_data = "line one\nline two\n";

  const auto result = runtime().exec(node(), request);

  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.stdout_data, "line one\nline two\ndone\n");
}

TEST_F(Exec, LargeStdinAndOutputDoNotDeadlock)
{
  // 4 MiB each way: larger than any socket buffer, so writing stdin and
  // reading stdout must overlap
  ExecRequest request{{"cat"}};
  request.stdin_data = std::string(4 << 20, 'x');

  const auto result = runtime().exec(node(), request);

  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.stdout_data.size(), request.stdin_data->size());
}

TEST_F(Exec, EnvironmentUserAndWorkingDir)
{
  ExecRequest request{{"sh", "-c", "echo $GREETING $(id -un) $(pwd)"}};
  request.env = {"GREETING=hello"};
  request.user = "nobody";
  request.working_dir = "/tmp";

  const auto result = runtime().exec(node(), request);

  EXPECT_EQ(result.stdout_data, "hello nobody /tmp\n") << result.stderr_data;
}

TEST_F(Exec, MissingCommandFailsWithoutThrowing)
{
  const auto result = runtime().exec(node(), {{"/no/such/command"}});

  EXPECT_NE(result.exit_code, 0);
}

TEST_F(Exec, InStoppedContainerIsEngineError)
{
  const std::string name = unique_name("exec-stopped");
  create_plain_container("exec-stopped", {"true"});

  try {
    runtime().exec(name, {{"true"}});
    FAIL() << "exec in a container that never started succeeded";
  } catch (const EngineError& error) {
    EXPECT_NE(std::string(error.what()).find(name), std::string::npos) << error.what();
  }
  runtime().remove_container(name);
}

} // namespace
} // namespace sind::test
