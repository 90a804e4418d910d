#include "passthrough_arguments.hpp"

#include <sind/error.hpp>

#include <gtest/gtest.h>

namespace sind::cli {
namespace {

using Words = std::vector<std::string>;

const std::set<std::string> passthrough_commands{"ssh", "__relay-connect"};

struct SplitCase
{
  const char* name;
  Words arguments;
  bool split;
  Words global_options;
  std::string command;
  Words command_arguments;
};

TEST(SplitPassthroughCommand, FindsCommandAfterGlobalOptions)
{
  const std::vector<SplitCase> cases = {
    {"bare", {"ssh", "controller"}, true, {}, "ssh", {"controller"}},
    {"realm value", {"--realm", "dev", "ssh", "-v", "controller"}, true, {"--realm", "dev"}, "ssh", {"-v", "controller"}},
    {"realm equals", {"--realm=dev", "-vv", "ssh", "c"}, true, {"--realm=dev", "-vv"}, "ssh", {"c"}},
    {"runtime value", {"--runtime", "docker", "__relay-connect", "h", "22"}, true, {"--runtime", "docker"},
     "__relay-connect", {"h", "22"}},
    {"realm named ssh", {"--realm", "ssh", "get", "mesh"}, false, {}, "", {}},
    {"other command", {"exec", "--", "ssh", "x"}, false, {}, "", {}},
    {"ssh as argument", {"get", "ssh-config"}, false, {}, "", {}},
    {"separator first", {"--", "ssh", "x"}, false, {}, "", {}},
    {"empty", {}, false, {}, "", {}},
    {"only options", {"-v", "--realm", "dev"}, false, {}, "", {}},
    {"help for ssh", {"ssh", "--help"}, false, {}, "", {}},
    {"short help for ssh", {"ssh", "-h"}, false, {}, "", {}},
    {"global help", {"-h", "ssh", "c"}, false, {}, "", {}},
    {"help in remote command", {"ssh", "c", "--", "ls", "--help"}, true, {}, "ssh", {"c", "--", "ls", "--help"}},
  };

  for (const auto& test : cases) {
    const auto line = split_passthrough_command(test.arguments, passthrough_commands);

    ASSERT_EQ(line.has_value(), test.split) << test.name;
    if (!line) {
      continue;
    }
    EXPECT_EQ(line->global_options, test.global_options) << test.name;
    EXPECT_EQ(line->command, test.command) << test.name;
    EXPECT_EQ(line->arguments, test.command_arguments) << test.name;
  }
}

struct SshCase
{
  const char* name;
  Words arguments;
  Words options;
  std::string node;
  Words command;
};

TEST(SplitSshArguments, SeparatesOptionsNodeAndCommand)
{
  const std::vector<SshCase> cases = {
    {"node only", {"controller"}, {}, "controller", {}},
    {"command", {"worker-0.dev", "--", "sh", "-c", "exit 5"}, {}, "worker-0.dev", {"sh", "-c", "exit 5"}},
    {"option value", {"-o", "LogLevel=ERROR", "worker-0", "--", "true"}, {"-o", "LogLevel=ERROR"}, "worker-0",
     {"true"}},
    {"attached value", {"-oLogLevel=ERROR", "-p2222", "c"}, {"-oLogLevel=ERROR", "-p2222"}, "c", {}},
    {"flags", {"-v", "-tt", "-4", "c"}, {"-v", "-tt", "-4"}, "c", {}},
    {"flag cluster ending in value option", {"-vi", "key", "c"}, {"-vi", "key"}, "c", {}},
    {"every value option",
     {"-i", "k", "-p", "22", "-l", "root", "-F", "f", "-J", "j", "-L", "1:h:2", "-R", "3:h:4", "-D", "5", "c"},
     {"-i", "k", "-p", "22", "-l", "root", "-F", "f", "-J", "j", "-L", "1:h:2", "-R", "3:h:4", "-D", "5"}, "c", {}},
    {"option after node", {"c", "-v"}, {"-v"}, "c", {}},
    {"value looks like node", {"-l", "controller", "worker-0"}, {"-l", "controller"}, "worker-0", {}},
    {"empty command", {"c", "--"}, {}, "c", {}},
    {"separator in command", {"c", "--", "echo", "--"}, {}, "c", {"echo", "--"}},
  };

  for (const auto& test : cases) {
    const auto ssh = split_ssh_arguments(test.arguments);

    EXPECT_EQ(ssh.options, test.options) << test.name;
    EXPECT_EQ(ssh.node, test.node) << test.name;
    EXPECT_EQ(ssh.command, test.command) << test.name;
  }
}

TEST(SplitSshArguments, RejectsMissingNode)
{
  EXPECT_THROW(split_ssh_arguments({}), UsageError);
  EXPECT_THROW(split_ssh_arguments({"-v"}), UsageError);
  EXPECT_THROW(split_ssh_arguments({"--", "hostname"}), UsageError);
}

TEST(SplitSshArguments, RejectsSecondWordBeforeSeparator)
{
  EXPECT_THROW(split_ssh_arguments({"controller", "hostname"}), UsageError);
}

TEST(SplitSshArguments, RejectsOptionWithoutValue)
{
  EXPECT_THROW(split_ssh_arguments({"controller", "-o"}), UsageError);
  EXPECT_THROW(split_ssh_arguments({"controller", "-p", "--", "true"}), UsageError);
}

TEST(SplitSshArguments, MissingValueMessageNamesOption)
{
  try {
    split_ssh_arguments({"controller", "-i"});
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("-i needs a value"), std::string::npos) << error.what();
  }
}

} // namespace
} // namespace sind::cli
