#pragma once

#include <atomic>
#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include <Poco/Net/HTTPResponse.h>

#include <sind/engine/engine_session.hpp>

namespace sind::engine {

// The body of a response read as it arrives, on a connection of its own
// (event streams, logs, image pull progress). Closing it, or destroying it,
// drops the connection.
class ResponseStream
{
public:
  // `engine` names the engine in messages, e.g. "the Docker engine at unix:///var/run/docker.sock".
  ResponseStream(std::unique_ptr<EngineSession> session, std::istream& body, int status,
                 std::string engine, std::string context);
  ~ResponseStream();

  ResponseStream(const ResponseStream&) = delete;
  ResponseStream& operator=(const ResponseStream&) = delete;

  int status() const noexcept { return m_status; }

  // Read up to `size` bytes as soon as any arrive. Return 0 at the end of the
  // body and after close(). Throws sind::EngineUnreachable when the connection
  // fails.
  std::size_t read_some(char* buffer, std::size_t size);

  // Read the rest of the body.
  std::string read_all();

  // Stop reading: a read_some blocked in another thread returns 0. Safe to
  // call from any thread, and more than once.
  void close() noexcept;

private:
  std::unique_ptr<EngineSession> m_session;
  std::istream& m_body;
  int m_status;
  std::string m_engine;
  std::string m_context;
  std::atomic<bool> m_closed{false};
};

// A connection taken over from HTTP after the engine switched protocols, so
// that both sides write raw bytes (exec attach). Reading and writing may run
// in two threads at once; that is how large input and output avoid a deadlock.
class HijackedConnection
{
public:
  // `buffered` contains bytes that arrived with the response head.
  HijackedConnection(std::unique_ptr<EngineSession> session, std::string buffered, std::string engine,
                     std::string context);
  ~HijackedConnection();

  HijackedConnection(const HijackedConnection&) = delete;
  HijackedConnection& operator=(const HijackedConnection&) = delete;

  // Write all of `data`. Throws sind::EngineUnreachable when the connection fails.
  void write(std::string_view data);

  // Half-close the send side, so the process reads the end of its input.
  void close_write();

  // Read up to `size` bytes as soon as any arrive; return 0 at the end of
  // the output and after close().
  std::size_t read_some(char* buffer, std::size_t size);

  // Drop the connection: a read_some blocked in another thread returns 0.
  void close() noexcept;

private:
  [[noreturn]] void throw_lost(const Poco::Exception& exception) const;

  std::unique_ptr<EngineSession> m_session;
  Poco::Net::StreamSocket m_socket;
  std::string m_buffered;
  std::size_t m_buffered_offset = 0;
  std::string m_engine;
  std::string m_context;
  std::atomic<bool> m_closed{false};
};

} // namespace sind::engine
