#include <sind/engine/http_client.hpp>

#include <chrono>
#include <future>
#include <regex>
#include <thread>

#include <gtest/gtest.h>

#include <sind/error.hpp>

#include "fake_engine.hpp"

namespace sind::test {
namespace {

using namespace std::chrono_literals;
using engine::HttpClient;
using engine::Request;

// Records trace lines so that tests can check them.
class RecordingLogger final : public Logger
{
public:
  bool enabled(LogLevel) const override { return true; }
  void write(LogLevel, std::string_view message) override
  {
    std::lock_guard lock(m_mutex);
    m_lines.emplace_back(message);
  }
  std::vector<std::string> lines()
  {
    std::lock_guard lock(m_mutex);
    return m_lines;
  }

private:
  std::mutex m_mutex;
  std::vector<std::string> m_lines;
};

engine::ClientOptions options_for(const std::string& uri)
{
  engine::ClientOptions options;
  options.endpoint = engine::parse_endpoint(uri);
  options.engine_name = "Fake";
  options.unreachable_hint = "is the fake engine running?";
  options.read_timeout = 5s;
  return options;
}

// Respond to every request on the connection with 200 and the request's target.
void echo_targets(FakeConnection& connection, int)
{
  while (auto request = connection.read_request()) {
    connection.send_response(200, request->uri, "text/plain");
  }
}

TEST(HttpClient, ReusesKeptAliveConnection)
{
  FakeEngine fake(echo_targets);
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  for (int index = 0; index < 3; ++index) {
    EXPECT_EQ(client.send({.path = "/ping", .context = "pinging"}).status, 200);
  }

  EXPECT_EQ(fake.connections_accepted(), 1);
  EXPECT_EQ(client.idle_connections(), 1u);
}

TEST(HttpClient, ReconnectsAfterServerClose)
{
  // the first connection answers once and then closes while idle
  FakeEngine fake([](FakeConnection& connection, int index) {
    if (index == 0) {
      auto request = connection.read_request();
      connection.send_response(200, "first", "text/plain");
      connection.close();
      return;
    }
    echo_targets(connection, index);
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  EXPECT_EQ(client.send({.path = "/a", .context = "first request"}).body, "first");
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(client.send({.path = "/b", .context = "second request"}).body, "/b");

  EXPECT_EQ(fake.connections_accepted(), 2);
}

// The first connection answers one request, then takes the next one and
// closes without answering, as an engine does when it drops a connection at
// the moment a request arrives.
void drop_second_request(FakeConnection& connection, int index)
{
  if (index == 0) {
    connection.read_request();
    connection.send_response(200, "first", "text/plain");
    connection.read_request();
    connection.close();
    return;
  }
  echo_targets(connection, index);
}

TEST(HttpClient, RetriesIdempotentRequestOnce)
{
  FakeEngine fake(drop_second_request);
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  client.send({.path = "/a", .context = "first request"});
  const auto response = client.send({.method = "GET", .path = "/b", .context = "second request"});

  EXPECT_EQ(response.body, "/b");
  EXPECT_EQ(fake.connections_accepted(), 2);
}

TEST(HttpClient, DoesNotRetryPost)
{
  FakeEngine fake(drop_second_request);
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  client.send({.path = "/a", .context = "first request"});

  EXPECT_THROW(client.send({.method = "POST", .path = "/containers/create", .context = "creating container x"}),
               EngineUnreachable);
  EXPECT_EQ(fake.connections_accepted(), 1);
}

TEST(HttpClient, DecodesEngineErrorBody)
{
  FakeEngine fake([](FakeConnection& connection, int) {
    connection.read_request();
    connection.send_response(409, R"({"message": "network with name sind-mesh already exists"})");
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  try {
    client.send({.method = "POST", .path = "/networks/create", .context = "creating network sind-mesh"});
    FAIL() << "expected an EngineError";
  } catch (const EngineError& error) {
    EXPECT_EQ(error.status(), 409);
    EXPECT_TRUE(error.is_conflict());
    EXPECT_EQ(error.context(), "creating network sind-mesh");
    EXPECT_EQ(error.engine_message(), "network with name sind-mesh already exists");
    EXPECT_STREQ(error.what(), "creating network sind-mesh: network with name sind-mesh already exists");
  }
}

TEST(HttpClient, UsesTextBodyWhenErrorIsNotJson)
{
  FakeEngine fake([](FakeConnection& connection, int) {
    connection.read_request();
    connection.send_response(500, "page not found\n", "text/plain");
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  try {
    client.send({.path = "/x", .context = "reading x"});
    FAIL() << "expected an EngineError";
  } catch (const EngineError& error) {
    EXPECT_EQ(error.status(), 500);
    EXPECT_EQ(error.engine_message(), "page not found");
  }
}

TEST(HttpClient, PrefixesApiVersionAndEscapesArguments)
{
  FakeEngine fake(echo_targets);
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);
  client.set_api_version("1.41");

  const auto response = client.send({.path = engine::format_path("/containers/{}/json", {"a b/../c"}),
                                     .query = {{"filters", R"({"label":["k=v"]})"}},
                                     .context = "inspecting"});
  const auto unversioned = client.send({.path = "/_ping", .context = "pinging", .versioned = false});

  EXPECT_EQ(response.body, "/v1.41/containers/a%20b%2F..%2Fc/json?filters=%7B%22label%22%3A%5B%22k%3Dv%22%5D%7D");
  EXPECT_EQ(unversioned.body, "/_ping");
}

TEST(HttpClient, SendsJsonBody)
{
  std::promise<ReceivedRequest> received;
  FakeEngine fake([&received](FakeConnection& connection, int) {
    auto request = connection.read_request();
    received.set_value(*request);
    connection.send_response(201, R"({"Id": "abc"})");
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  Request request{.method = "POST", .path = "/volumes/create", .context = "creating volume v"};
  engine::set_json_body(request, {{"Name", "v"}});
  const auto response = client.send(request);

  const auto sent = received.get_future().get();
  EXPECT_EQ(sent.method, "POST");
  EXPECT_EQ(sent.body, R"({"Name":"v"})");
  EXPECT_EQ(sent.headers.get("Content-Type", ""), "application/json");
  EXPECT_EQ(response.json()["Id"], "abc");
}

TEST(HttpClient, TracesEachRequest)
{
  FakeEngine fake(echo_targets);
  RecordingLogger logger;
  HttpClient client(options_for(fake.uri()), logger);
  client.set_api_version("1.41");

  client.send({.path = "/containers/json", .context = "listing containers"});

  const auto lines = logger.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_TRUE(std::regex_match(lines[0], std::regex(R"(GET /v1\.41/containers/json 200 \d+\.\d\d ms)"))) << lines[0];
}

TEST(HttpClient, StreamsChunksAsTheyArrive)
{
  std::promise<void> first_chunk_read;
  FakeEngine fake([&first_chunk_read](FakeConnection& connection, int) {
    connection.read_request();
    connection.send_raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    connection.send_raw("6\r\nfirst\n\r\n");
    first_chunk_read.get_future().wait(); // the rest follows only once the client has the first chunk
    connection.send_raw("7\r\nsecond\n\r\n0\r\n\r\n");
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  auto stream = client.open_stream({.path = "/events", .context = "reading events", .timeout = 0ms});
  std::string received;
  char buffer[256];
  while (received.size() < 6) {
    const auto count = stream->read_some(buffer, sizeof buffer);
    ASSERT_GT(count, 0u);
    received.append(buffer, count);
  }
  EXPECT_EQ(received, "first\n");
  first_chunk_read.set_value();

  EXPECT_EQ(stream->read_all(), "second\n");
}

TEST(HttpClient, StreamErrorStatusThrowsEngineError)
{
  FakeEngine fake([](FakeConnection& connection, int) {
    connection.read_request();
    connection.send_response(404, R"({"message": "No such container: x"})");
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  try {
    client.open_stream({.path = "/containers/x/logs", .context = "reading the logs of container x"});
    FAIL() << "expected an EngineError";
  } catch (const EngineError& error) {
    EXPECT_TRUE(error.is_not_found());
    EXPECT_EQ(error.engine_message(), "No such container: x");
  }
}

TEST(ResponseStream, CloseUnblocksReader)
{
  FakeEngine fake([](FakeConnection& connection, int) {
    connection.read_request();
    connection.send_raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    connection.read_until_end(); // then silence until the client goes away
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);
  auto stream = client.open_stream({.path = "/events", .context = "reading events", .timeout = 0ms});

  auto reader = std::async(std::launch::async, [&stream] {
    char buffer[64];
    return stream->read_some(buffer, sizeof buffer);
  });
  std::this_thread::sleep_for(50ms);
  const auto started = std::chrono::steady_clock::now();
  stream->close();

  ASSERT_EQ(reader.wait_for(1s), std::future_status::ready);
  EXPECT_EQ(reader.get(), 0u);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(HttpClient, HijackedConnectionCarriesLargeInputAndOutput)
{
  // the engine echoes all input and then ends with "done", like `cat; echo done`
  FakeEngine fake([](FakeConnection& connection, int) {
    connection.read_request();
    connection.send_raw("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nstart:");
    char buffer[65536];
    while (true) {
      const int count = connection.socket().receiveBytes(buffer, sizeof buffer);
      if (count <= 0) {
        break;
      }
      connection.send_raw(std::string_view(buffer, static_cast<std::size_t>(count)));
    }
    connection.send_raw(":done");
    connection.close();
  });
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  auto connection = client.hijack({.method = "POST", .path = "/exec/1/start", .context = "running cat"});
  const std::string input(8 << 20, 'x');
  std::thread writer([&] {
    connection->write(input);
    connection->close_write();
  });
  std::string output;
  char buffer[65536];
  while (const auto count = connection->read_some(buffer, sizeof buffer)) {
    output.append(buffer, count);
  }
  writer.join();

  EXPECT_EQ(output.size(), input.size() + 11);
  EXPECT_EQ(output, "start:" + input + ":done");
}

TEST(HttpClient, UnreachableSocketFailsWithinASecond)
{
  const auto folder = make_temporary_folder();
  const auto path = (folder / "missing.sock").string();
  NullLogger logger;
  HttpClient client(options_for("unix://" + path), logger);

  const auto started = std::chrono::steady_clock::now();
  try {
    client.send({.path = "/_ping", .context = "pinging"});
    FAIL() << "expected EngineUnreachable";
  } catch (const EngineUnreachable& error) {
    EXPECT_EQ(std::string(error.what()), "cannot reach the Fake engine at unix://" + path +
                                           ": No such file or directory (is the fake engine running?)");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
  std::filesystem::remove_all(folder);
}

TEST(HttpClient, SocketWithoutListenerIsUnreachable)
{
  const auto folder = make_temporary_folder();
  const auto path = (folder / "stale.sock").string();
  {
    // a socket file left behind by a server that is gone
    Poco::Net::ServerSocket stale;
    stale.bind(Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, path));
  }
  NullLogger logger;
  HttpClient client(options_for("unix://" + path), logger);

  try {
    client.send({.path = "/_ping", .context = "pinging"});
    FAIL() << "expected EngineUnreachable";
  } catch (const EngineUnreachable& error) {
    EXPECT_NE(std::string(error.what()).find(path + ": Connection refused"), std::string::npos) << error.what();
  }
  std::filesystem::remove_all(folder);
}

TEST(HttpClient, TalksToTcpEndpoint)
{
  FakeEngine fake(echo_targets, FakeEngine::Transport::tcp);
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  EXPECT_EQ(client.send({.path = "/_ping", .context = "pinging", .versioned = false}).body, "/_ping");
}

TEST(HttpClient, SharesPoolAcrossThreads)
{
  FakeEngine fake(echo_targets);
  NullLogger logger;
  HttpClient client(options_for(fake.uri()), logger);

  std::vector<std::future<std::string>> results;
  for (int thread = 0; thread < 8; ++thread) {
    results.push_back(std::async(std::launch::async, [&client, thread] {
      std::string bodies;
      for (int index = 0; index < 20; ++index) {
        bodies += client.send({.path = "/t" + std::to_string(thread), .context = "pinging"}).body;
      }
      return bodies;
    }));
  }

  for (int thread = 0; thread < 8; ++thread) {
    std::string expected;
    for (int index = 0; index < 20; ++index) {
      expected += "/t" + std::to_string(thread);
    }
    EXPECT_EQ(results[static_cast<std::size_t>(thread)].get(), expected);
  }
  EXPECT_LE(fake.connections_accepted(), 8);
}

} // namespace
} // namespace sind::test
