#include "command_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using sind::test::run_sind;

TEST(Version, PrintsVersionAndPluginApi)
{
  const auto result = run_sind({"version"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.rfind("sind ", 0), 0u) << result.out;
  EXPECT_NE(result.out.find("plugin API"), std::string::npos) << result.out;
}

TEST(Version, JsonHasVersionKeys)
{
  const auto result = run_sind({"version", "--json"});

  const auto json = nlohmann::json::parse(result.out);
  EXPECT_TRUE(json.at("version").is_string());
  EXPECT_TRUE(json.at("plugin_api_version").is_number_integer());
}

TEST(Version, LoadsNoBackend)
{
  // with a broken backend first on the search path, loading it would fail
  const auto result = run_sind({"-vvv", "version"}, {{"SIND_PLUGIN_PATH", "/nonexistent"}});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("loading plugin"), std::string::npos) << result.err;
}

TEST(Help, ListsCommandsWithoutLoadingBackend)
{
  const auto result = run_sind({"-vvv", "--help"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("doctor"), std::string::npos) << result.out;
  EXPECT_EQ(result.err.find("loading plugin"), std::string::npos) << result.err;
}

TEST(Usage, UnknownCommandIsOneLineError)
{
  const auto result = run_sind({"frobnicate"});

  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("error: ", 0), 0u) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << result.err;
}

TEST(Usage, InvalidRuntimeNamed)
{
  const auto result = run_sind({"--runtime", "lxc", "doctor"});

  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("lxc"), std::string::npos) << result.err;
}
