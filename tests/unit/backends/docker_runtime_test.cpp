#include "docker_runtime.hpp"

#include <gtest/gtest.h>

#include <sind/error.hpp>

#include "fake_engine.hpp"

namespace sind::test {
namespace {

// Respond to /_ping with `api_version` and pass every other request to `respond`.
FakeEngine::Handler engine_with_api(std::string api_version,
                                    std::function<void(FakeConnection&, const ReceivedRequest&)> respond)
{
  return [api_version, respond](FakeConnection& connection, int) {
    while (auto request = connection.read_request()) {
      if (request->uri == "/_ping") {
        connection.send_raw("HTTP/1.1 200 OK\r\nApi-Version: " + api_version + "\r\nContent-Length: 2\r\n\r\nOK");
        continue;
      }
      respond(connection, *request);
    }
  };
}

TEST(DockerRuntime, RejectsApiBelow141)
{
  FakeEngine fake(engine_with_api("1.40", [](FakeConnection&, const ReceivedRequest&) {}));
  NullLogger logger;
  docker::DockerRuntime runtime(engine::parse_endpoint(fake.uri()), logger);

  try {
    runtime.ping();
    FAIL() << "expected an Error";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("API version 1.40, but sind needs 1.41 or later"), std::string::npos)
      << error.what();
  }
}

TEST(DockerRuntime, CapsApiVersionAt147)
{
  std::string received_uri;
  FakeEngine fake(engine_with_api("1.50", [&received_uri](FakeConnection& connection, const ReceivedRequest& request) {
    received_uri = request.uri;
    connection.send_response(200, "[]");
  }));
  NullLogger logger;
  docker::DockerRuntime runtime(engine::parse_endpoint(fake.uri()), logger);

  runtime.list_networks({});

  EXPECT_EQ(received_uri, "/v1.47/networks?filters=%7B%7D");
}

TEST(DockerRuntime, PullTurnsStreamErrorIntoEngineError)
{
  FakeEngine fake(engine_with_api("1.41", [](FakeConnection& connection, const ReceivedRequest& request) {
    EXPECT_EQ(request.uri, "/v1.41/images/create?fromImage=sind-node%3Alatest");
    connection.send_raw("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const std::string progress = R"({"status":"Pulling from library/sind-node","id":"latest"})"
                                 "\r\n"
                                 R"({"errorDetail":{"message":"manifest unknown"},"error":"manifest unknown"})"
                                 "\r\n";
    std::ostringstream chunk;
    chunk << std::hex << progress.size() << "\r\n" << progress << "\r\n0\r\n\r\n";
    connection.send_raw(chunk.str());
  }));
  NullLogger logger;
  docker::DockerRuntime runtime(engine::parse_endpoint(fake.uri()), logger);

  std::vector<std::string> lines;
  try {
    runtime.pull_image("sind-node", [&lines](std::string_view line) { lines.emplace_back(line); });
    FAIL() << "expected an EngineError";
  } catch (const EngineError& error) {
    EXPECT_STREQ(error.what(), "pulling image sind-node: manifest unknown");
  }
  EXPECT_EQ(lines, std::vector<std::string>{"latest: Pulling from library/sind-node"});
}

TEST(DockerRuntime, RemoveMissingContainerIsNoError)
{
  FakeEngine fake(engine_with_api("1.41", [](FakeConnection& connection, const ReceivedRequest&) {
    connection.send_response(404, R"({"message": "No such container: gone"})");
  }));
  NullLogger logger;
  docker::DockerRuntime runtime(engine::parse_endpoint(fake.uri()), logger);

  EXPECT_NO_THROW(runtime.remove_container("gone"));
  EXPECT_FALSE(runtime.inspect_container("gone").has_value());
}

TEST(DockerRuntime, UnreachableEngineNamesEndpoint)
{
  const auto folder = make_temporary_folder();
  NullLogger logger;
  docker::DockerRuntime runtime(engine::parse_endpoint("unix://" + (folder / "docker.sock").string()), logger);

  try {
    runtime.ping();
    FAIL() << "expected EngineUnreachable";
  } catch (const EngineUnreachable& error) {
    EXPECT_EQ(std::string(error.what()), "cannot reach the Docker engine at unix://" + (folder / "docker.sock").string() +
                                           ": No such file or directory (is dockerd running?)");
  }
  std::filesystem::remove_all(folder);
}

} // namespace
} // namespace sind::test
