#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <sind/engine/endpoint.hpp>
#include <sind/engine/engine_session.hpp>
#include <sind/engine/request.hpp>
#include <sind/engine/response_stream.hpp>
#include <sind/log.hpp>

namespace sind::engine {

struct ClientOptions
{
  Endpoint endpoint;
  // The engine's name in messages: "cannot reach the Docker engine at ...".
  std::string engine_name = "container";
  // Added to the message when nothing listens at the endpoint, e.g. "is dockerd running?".
  std::string unreachable_hint;
  std::chrono::milliseconds connect_timeout{1000};
  // Default time allowed for each read of a response; see Request::timeout.
  std::chrono::milliseconds read_timeout{std::chrono::minutes(2)};
  // Kept-alive connections kept open between requests; more are closed.
  std::size_t max_idle_connections = 8;
};

// The one place where sind talks HTTP to an engine. Every request gets the API
// version prefix, a trace line with its status and duration, and error
// responses become sind::EngineError. Ordinary requests share a pool of
// kept-alive connections, so the client is safe to use from several threads
// at once; streams and hijacked connections get connections of their own.
class HttpClient
{
public:
  HttpClient(ClientOptions options, Logger& logger);
  ~HttpClient();

  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  const ClientOptions& options() const noexcept { return m_options; }
  Logger& logger() noexcept { return m_logger; }

  // Set the API version that versioned paths start with, e.g. "1.41".
  void set_api_version(std::string version);
  std::string api_version() const;

  // Send `request` and read the whole response. Statuses of 400 and above
  // throw sind::EngineError. A request on a kept-alive connection that the
  // engine closed is retried once on a new connection when its method is
  // idempotent (GET, HEAD, PUT, DELETE).
  Response send(const Request& request);

  // Send `request` on a new connection and return its body as a stream.
  // Error statuses throw sind::EngineError before any body is returned.
  std::unique_ptr<ResponseStream> open_stream(const Request& request);

  // Send `request` with "Connection: Upgrade" on a new connection and take
  // the connection over once the engine switched protocols (101) or responded with
  // 200 with a raw stream.
  std::unique_ptr<HijackedConnection> hijack(const Request& request);

  // Number of idle connections in the pool.
  std::size_t idle_connections() const;

private:
  struct Exchange;

  std::unique_ptr<EngineSession> connect();
  std::unique_ptr<EngineSession> take_idle_session();
  void keep_idle_session(std::unique_ptr<EngineSession> session);

  std::string target(const Request& request) const;
  void send_head_and_body(EngineSession& session, const Request& request, const std::string& target);
  std::string engine_description() const;
  [[noreturn]] void throw_unreachable(const Poco::Exception& exception) const;
  [[noreturn]] void throw_lost(const Request& request, const Poco::Exception& exception) const;
  void trace(const Request& request, const std::string& target, int status,
             std::chrono::steady_clock::time_point started, std::string_view note = {});

  ClientOptions m_options;
  Logger& m_logger;

  mutable std::mutex m_mutex;
  std::string m_api_version;
  std::vector<std::unique_ptr<EngineSession>> m_idle_sessions;
};

} // namespace sind::engine
