#pragma once

#include <chrono>
#include <string>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/StreamSocket.h>

#include <sind/engine/endpoint.hpp>

namespace sind::engine {

// An HTTP/1.1 session on a socket that sind connected itself. Poco 1.11
// cannot build a client session from a unix socket address, and a session
// built from a socket cannot re-dial, so this session never reconnects: a
// failed write reaches the caller, which decides whether to retry on a new one.
class EngineSession final : public Poco::Net::HTTPClientSession
{
public:
  explicit EngineSession(const Poco::Net::StreamSocket& socket);

  // Return whether this idle session can carry another request, that is
  // whether the engine has neither closed it nor sent anything unrequested.
  bool is_reusable_when_idle();

  // Set the time allowed for each read; zero waits without limit.
  void set_read_timeout(std::chrono::milliseconds timeout);

protected:
  int write(const char* buffer, std::streamsize length) override;
};

// Connect a socket to `endpoint`, giving up after `timeout`. Throws the Poco
// exception of the failure; see describe_failure.
Poco::Net::StreamSocket connect_socket(const Endpoint& endpoint, std::chrono::milliseconds timeout);

// Describe a network failure in a few words, e.g. "No such file or directory"
// or "Connection reset by peer", for messages that name the endpoint.
std::string describe_failure(const Poco::Exception& exception);

// Return whether `exception` means that nothing listens at the endpoint.
bool is_nothing_listening(const Poco::Exception& exception);

} // namespace sind::engine
