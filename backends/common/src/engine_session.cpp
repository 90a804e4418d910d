#include <sind/engine/engine_session.hpp>

#include <cerrno>
#include <system_error>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Timespan.h>

namespace sind::engine {
namespace {

Poco::Timespan to_timespan(std::chrono::milliseconds duration)
{
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(duration.count()) * 1000);
}

} // namespace

EngineSession::EngineSession(const Poco::Net::StreamSocket& socket)
  : Poco::Net::HTTPClientSession(socket)
{
  // without keep-alive, Poco adds "Connection: close" to every request
  setKeepAlive(true);
}

bool EngineSession::is_reusable_when_idle()
{
  // An idle connection is readable only when the engine closed it (end of
  // file) or broke the protocol, and neither leaves it usable.
  try {
    return !socket().poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ | Poco::Net::Socket::SELECT_ERROR);
  } catch (const Poco::Exception&) {
    return false;
  }
}

void EngineSession::set_read_timeout(std::chrono::milliseconds timeout)
{
  socket().setReceiveTimeout(to_timespan(timeout));
}

int EngineSession::write(const char* buffer, std::streamsize length)
{
  // HTTPClientSession::write would re-dial its (empty) host after a failure
  return Poco::Net::HTTPSession::write(buffer, length);
}

Poco::Net::StreamSocket connect_socket(const Endpoint& endpoint, std::chrono::milliseconds timeout)
{
  const auto address = endpoint.transport == Endpoint::Transport::unix_socket
                         ? Poco::Net::SocketAddress(Poco::Net::SocketAddress::UNIX_LOCAL, endpoint.path)
                         : Poco::Net::SocketAddress(endpoint.host, endpoint.port);

  Poco::Net::StreamSocket socket(address.family());
  socket.connect(address, to_timespan(timeout));
  if (endpoint.transport == Endpoint::Transport::tcp) {
    socket.setNoDelay(true);
  }
  return socket;
}

std::string describe_failure(const Poco::Exception& exception)
{
  if (dynamic_cast<const Poco::TimeoutException*>(&exception) != nullptr) {
    return "timed out";
  }
  if (exception.code() > 0) {
    return std::system_category().message(exception.code());
  }
  if (dynamic_cast<const Poco::Net::NoMessageException*>(&exception) != nullptr) {
    return "the connection was closed without a response";
  }
  return exception.displayText();
}

bool is_nothing_listening(const Poco::Exception& exception)
{
  const int code = exception.code();
  return code == ENOENT || code == ECONNREFUSED || dynamic_cast<const Poco::TimeoutException*>(&exception) != nullptr;
}

} // namespace sind::engine
