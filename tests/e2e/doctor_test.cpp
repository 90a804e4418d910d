#include "command_runner.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>

using sind::test::run_sind;

namespace {

nlohmann::json find_check(const nlohmann::json& report, const std::string& name)
{
  for (const auto& check : report.at("checks")) {
    if (check.at("name") == name) {
      return check;
    }
  }
  return nullptr;
}

} // namespace

TEST(Doctor, UnreachableEngineFailsFastAndClearly)
{
  const auto started = std::chrono::steady_clock::now();
  const auto result = run_sind({"--runtime", "docker", "doctor", "-o", "json"},
                               {{"DOCKER_HOST", "unix:///nonexistent/docker.sock"}});
  const auto elapsed = std::chrono::steady_clock::now() - started;

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_LT(elapsed, std::chrono::seconds(2));
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_FALSE(report.at("ready").get<bool>());
  const auto engine = find_check(report, "engine");
  ASSERT_FALSE(engine.is_null());
  EXPECT_EQ(engine.at("status"), "failed");
  EXPECT_NE(engine.at("detail").get<std::string>().find("/nonexistent/docker.sock"), std::string::npos)
    << engine.dump();
  EXPECT_FALSE(engine.at("fix").get<std::string>().empty());
}

TEST(Doctor, UnreachableEngineHumanOutputSaysFix)
{
  const auto result = run_sind({"--runtime", "docker", "doctor"},
                               {{"DOCKER_HOST", "unix:///nonexistent/docker.sock"}});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("CHECK"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("To fix:"), std::string::npos) << result.out;
}

TEST(DoctorEngine, ReportsReadyAsJson)
{
  const auto result = run_sind({"doctor", "-o", "json"});

  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  const auto report = nlohmann::json::parse(result.out);
  EXPECT_TRUE(report.at("ready").get<bool>());
  EXPECT_EQ(report.at("engine").at("backend"), "docker");
  EXPECT_TRUE(report.at("engine").at("cgroup_version").is_number_integer());
  EXPECT_TRUE(report.at("node_image").at("present").get<bool>());
  EXPECT_EQ(find_check(report, "node image").at("status"), "ok");
}

TEST(DoctorEngine, TraceLogsEngineRequests)
{
  const auto result = run_sind({"-vvv", "doctor"});

  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("/_ping"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find(" ms"), std::string::npos) << result.err;
}
