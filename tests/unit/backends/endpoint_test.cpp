#include <sind/engine/endpoint.hpp>

#include <gtest/gtest.h>

#include <sind/error.hpp>

namespace sind::test {
namespace {

using engine::Endpoint;
using engine::parse_endpoint;

struct ValidCase
{
  std::string text;
  Endpoint::Transport transport;
  std::string path;
  std::string host;
  std::uint16_t port;
  std::string uri;
};

TEST(ParseEndpoint, AcceptsValidForms)
{
  const std::vector<ValidCase> cases = {
    {"unix:///var/run/docker.sock", Endpoint::Transport::unix_socket, "/var/run/docker.sock", "", 0,
     "unix:///var/run/docker.sock"},
    {"/run/podman/podman.sock", Endpoint::Transport::unix_socket, "/run/podman/podman.sock", "", 0,
     "unix:///run/podman/podman.sock"},
    {"tcp://127.0.0.1:2375", Endpoint::Transport::tcp, "", "127.0.0.1", 2375, "tcp://127.0.0.1:2375"},
    {"tcp://localhost:2375/", Endpoint::Transport::tcp, "", "localhost", 2375, "tcp://localhost:2375"},
    {"tcp://[::1]:2376", Endpoint::Transport::tcp, "", "::1", 2376, "tcp://[::1]:2376"},
  };

  for (const auto& expected : cases) {
    SCOPED_TRACE(expected.text);
    const auto endpoint = parse_endpoint(expected.text);
    EXPECT_EQ(endpoint.transport, expected.transport);
    EXPECT_EQ(endpoint.path, expected.path);
    EXPECT_EQ(endpoint.host, expected.host);
    EXPECT_EQ(endpoint.port, expected.port);
    EXPECT_EQ(endpoint.uri(), expected.uri);
  }
}

TEST(ParseEndpoint, RejectsInvalidForms)
{
  const std::vector<std::string> cases = {
    "",
    "unix://relative.sock",
    "unix://",
    "relative/path.sock",
    "ssh://user@host",
    "tcp://host",
    "tcp://:2375",
    "tcp://host:0",
    "tcp://host:65536",
    "tcp://host:23a",
    "tcp://[::1]2375",
    "http://127.0.0.1:2375",
  };

  for (const auto& text : cases) {
    SCOPED_TRACE(text);
    EXPECT_THROW(parse_endpoint(text), UsageError);
  }
}

TEST(ParseEndpoint, MessageNamesTheText)
{
  try {
    parse_endpoint("ssh://user@host");
    FAIL() << "expected a UsageError";
  } catch (const UsageError& error) {
    EXPECT_NE(std::string(error.what()).find("\"ssh://user@host\""), std::string::npos) << error.what();
  }
}

} // namespace
} // namespace sind::test
