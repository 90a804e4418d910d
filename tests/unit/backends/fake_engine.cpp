#include "fake_engine.hpp"

#include <sstream>
#include <stdexcept>

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/SocketAddress.h>

namespace sind::test {

std::filesystem::path make_temporary_folder()
{
  auto pattern = (std::filesystem::temp_directory_path() / "sind-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary folder");
  }
  return pattern;
}

FakeConnection::FakeConnection(Poco::Net::StreamSocket socket)
  : m_socket(std::move(socket))
{
}

std::optional<ReceivedRequest> FakeConnection::read_request()
{
  char buffer[65536];
  while (m_pending.find("\r\n\r\n") == std::string::npos) {
    const int count = m_socket.receiveBytes(buffer, sizeof buffer);
    if (count <= 0) {
      return std::nullopt;
    }
    m_pending.append(buffer, static_cast<std::size_t>(count));
  }

  const auto head_end = m_pending.find("\r\n\r\n") + 4;
  std::istringstream head(m_pending.substr(0, head_end));
  Poco::Net::HTTPRequest http_request;
  http_request.read(head);
  m_pending.erase(0, head_end);

  const auto body_size = http_request.hasContentLength() ? static_cast<std::size_t>(http_request.getContentLength64()) : 0;
  while (m_pending.size() < body_size) {
    const int count = m_socket.receiveBytes(buffer, sizeof buffer);
    if (count <= 0) {
      return std::nullopt;
    }
    m_pending.append(buffer, static_cast<std::size_t>(count));
  }

  ReceivedRequest request{http_request.getMethod(), http_request.getURI(), {}, m_pending.substr(0, body_size)};
  for (const auto& [name, value] : http_request) {
    request.headers.add(name, value);
  }
  m_pending.erase(0, body_size);
  return request;
}

void FakeConnection::send_response(int status, std::string_view body, std::string_view content_type)
{
  std::string response = "HTTP/1.1 " + std::to_string(status) + " Fake\r\n";
  response += "Content-Type: " + std::string(content_type) + "\r\n";
  response += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  response += body;
  send_raw(response);
}

void FakeConnection::send_raw(std::string_view bytes)
{
  while (!bytes.empty()) {
    const int sent = m_socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
}

std::string FakeConnection::read_until_end()
{
  std::string data = std::exchange(m_pending, {});
  char buffer[65536];
  while (true) {
    const int count = m_socket.receiveBytes(buffer, sizeof buffer);
    if (count <= 0) {
      return data;
    }
    data.append(buffer, static_cast<std::size_t>(count));
  }
}

void FakeConnection::close()
{
  try {
    m_socket.shutdown();
  } catch (const Poco::Exception&) {
    // closed by the client already
  }
  m_socket.close();
}

FakeEngine::FakeEngine(Handler handler, Transport transport)
  : m_handler(std::move(handler))
{
  if (transport == Transport::unix_socket) {
    m_folder = make_temporary_folder();
    const auto path = (m_folder / "engine.sock").string();
    m_server.bind(Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, path));
    m_uri = "unix://" + path;
  } else {
    m_server.bind(Poco::Net::SocketAddress("127.0.0.1", 0));
    m_uri = "tcp://127.0.0.1:" + std::to_string(m_server.address().port());
  }
  m_server.listen();
  m_acceptor = std::thread([this] { accept_connections(); });
}

FakeEngine::~FakeEngine()
{
  m_stopping = true;
  m_acceptor.join();
  {
    std::lock_guard lock(m_mutex);
    for (auto& connection : m_connections) {
      try {
        connection->socket().shutdown();
      } catch (const Poco::Exception&) {
        // closed already
      }
    }
  }
  for (auto& thread : m_connection_threads) {
    thread.join();
  }
  m_server.close();
  if (!m_folder.empty()) {
    std::filesystem::remove_all(m_folder);
  }
}

std::string FakeEngine::uri() const
{
  return m_uri;
}

void FakeEngine::accept_connections()
{
  while (!m_stopping) {
    if (!m_server.poll(Poco::Timespan(20000), Poco::Net::Socket::SELECT_READ)) {
      continue;
    }

    auto connection = std::make_shared<FakeConnection>(m_server.acceptConnection());
    const int index = m_accepted++;
    std::lock_guard lock(m_mutex);
    m_connections.push_back(connection);
    m_connection_threads.emplace_back([this, connection, index] {
      try {
        m_handler(*connection, index);
      } catch (const Poco::Exception&) {
        // the client went away; the test checks what it received
      }
    });
  }
}

} // namespace sind::test
