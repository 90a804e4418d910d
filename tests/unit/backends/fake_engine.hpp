#pragma once

// A scriptable HTTP server for the engine client's tests, run inside the test
// process on a unix socket in a temporary folder (or on 127.0.0.1). Each
// connection is handed to the test's handler in a thread of its own, so a
// test decides exactly when a connection answers, streams or closes.

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

namespace sind::test {

struct ReceivedRequest
{
  std::string method;
  std::string uri;
  Poco::Net::NameValueCollection headers;
  std::string body;
};

// One accepted connection as the handler sees it.
class FakeConnection
{
public:
  explicit FakeConnection(Poco::Net::StreamSocket socket);

  // Read the next request, body included. Return nothing when the client
  // closed the connection.
  std::optional<ReceivedRequest> read_request();

  // Send a complete response with a Content-Length.
  void send_response(int status, std::string_view body, std::string_view content_type = "application/json");

  // Send raw bytes, e.g. a chunked body piece by piece.
  void send_raw(std::string_view bytes);

  // Read whatever the client sends until it half-closes its side.
  std::string read_until_end();

  void close();

  Poco::Net::StreamSocket& socket() { return m_socket; }

private:
  Poco::Net::StreamSocket m_socket;
  std::string m_pending; // bytes read beyond the last request
};

class FakeEngine
{
public:
  using Handler = std::function<void(FakeConnection& connection, int connection_index)>;

  enum class Transport { unix_socket, tcp };

  explicit FakeEngine(Handler handler, Transport transport = Transport::unix_socket);
  ~FakeEngine();

  FakeEngine(const FakeEngine&) = delete;
  FakeEngine& operator=(const FakeEngine&) = delete;

  // unix:///tmp/.../engine.sock or tcp://127.0.0.1:PORT
  std::string uri() const;
  int connections_accepted() const { return m_accepted; }

private:
  void accept_connections();

  Handler m_handler;
  std::filesystem::path m_folder;
  std::string m_uri;
  Poco::Net::ServerSocket m_server;
  std::atomic<bool> m_stopping{false};
  std::atomic<int> m_accepted{0};
  std::mutex m_mutex;
  std::vector<std::shared_ptr<FakeConnection>> m_connections;
  std::vector<std::thread> m_connection_threads;
  std::thread m_acceptor;
};

// Return a fresh temporary folder; the caller removes it.
std::filesystem::path make_temporary_folder();

} // namespace sind::test
