#include <sind/engine/http_client.hpp>

#include <cstdio>

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <sind/error.hpp>

namespace sind::engine {
namespace {

using Clock = std::chrono::steady_clock;

bool is_idempotent(std::string_view method)
{
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

// Whether the connection can carry another request once this response has
// been read: the engine keeps it alive and the body had a known end.
bool can_keep_alive(const Poco::Net::HTTPResponse& response, std::string_view method)
{
  const int status = response.getStatus();
  const bool body_has_end = response.getChunkedTransferEncoding() || response.hasContentLength() ||
                            method == "HEAD" || status == 204 || status == 304;
  return response.getKeepAlive() && body_has_end;
}

std::string host_header(const Endpoint& endpoint)
{
  if (endpoint.transport == Endpoint::Transport::unix_socket) {
    return "localhost";
  }
  const bool ipv6 = endpoint.host.find(':') != std::string::npos;
  const auto host = ipv6 ? "[" + endpoint.host + "]" : endpoint.host;
  return host + ":" + std::to_string(endpoint.port);
}

Response make_response(const Poco::Net::HTTPResponse& http_response, std::string body, const Request& request)
{
  Response response;
  response.status = static_cast<int>(http_response.getStatus());
  for (const auto& [name, value] : http_response) {
    response.headers.add(name, value);
  }
  response.body = std::move(body);
  response.context = request.context;
  return response;
}

// The purpose of a request in messages: its context, or its method and path when it has none.
std::string purpose_of(const Request& request)
{
  return request.context.empty() ? "sending " + request.method + " " + request.path : request.context;
}

std::string read_body(std::istream& body)
{
  // surface read failures as exceptions rather than as a short body
  body.exceptions(std::ios::badbit);
  std::string text;
  Poco::StreamCopier::copyToString(body, text);
  return text;
}

} // namespace

HttpClient::HttpClient(ClientOptions options, Logger& logger)
  : m_options(std::move(options)),
    m_logger(logger)
{
}

HttpClient::~HttpClient() = default;

void HttpClient::set_api_version(std::string version)
{
  std::lock_guard lock(m_mutex);
  m_api_version = std::move(version);
}

std::string HttpClient::api_version() const
{
  std::lock_guard lock(m_mutex);
  return m_api_version;
}

Response HttpClient::send(const Request& request)
{
  const auto path = target(request);

  for (int attempt = 1;; ++attempt) {
    auto session = take_idle_session();
    const bool reused = session != nullptr;
    if (!session) {
      session = connect();
    }

    const auto started = Clock::now();
    try {
      session->set_read_timeout(request.timeout.value_or(m_options.read_timeout));
      send_head_and_body(*session, request, path);
      Poco::Net::HTTPResponse http_response;
      auto body = read_body(session->receiveResponse(http_response));
      auto response = make_response(http_response, std::move(body), request);
      trace(request, path, response.status, started);

      if (can_keep_alive(http_response, request.method)) {
        keep_idle_session(std::move(session));
      }
      if (response.status >= 400) {
        throw_engine_error(response.status, purpose_of(request), response.body, http_response.getReason());
      }
      return response;
    } catch (const Poco::Exception& exception) {
      trace(request, path, 0, started, describe_failure(exception));

      // the engine may have closed the kept-alive connection while the request was on its way
      if (reused && attempt == 1 && is_idempotent(request.method)) {
        m_logger.trace("retrying " + request.method + " " + path + " on a new connection");
        continue;
      }
      throw_lost(request, exception);
    }
  }
}

std::unique_ptr<ResponseStream> HttpClient::open_stream(const Request& request)
{
  const auto path = target(request);
  auto session = connect();

  const auto started = Clock::now();
  try {
    session->set_read_timeout(request.timeout.value_or(m_options.read_timeout));
    send_head_and_body(*session, request, path);
    Poco::Net::HTTPResponse http_response;
    auto& body = session->receiveResponse(http_response);
    const int status = static_cast<int>(http_response.getStatus());
    trace(request, path, status, started, "stream");

    if (status >= 400) {
      throw_engine_error(status, purpose_of(request), read_body(body), http_response.getReason());
    }
    return std::make_unique<ResponseStream>(std::move(session), body, status, engine_description(),
                                            purpose_of(request));
  } catch (const Poco::Exception& exception) {
    trace(request, path, 0, started, describe_failure(exception));
    throw_lost(request, exception);
  }
}

std::unique_ptr<HijackedConnection> HttpClient::hijack(const Request& request)
{
  auto upgrade = request;
  upgrade.headers.emplace_back("Connection", "Upgrade");
  upgrade.headers.emplace_back("Upgrade", "tcp");
  const auto path = target(upgrade);
  auto session = connect();

  const auto started = Clock::now();
  try {
    session->set_read_timeout(request.timeout.value_or(m_options.read_timeout));
    send_head_and_body(*session, upgrade, path);
    Poco::Net::HTTPResponse http_response;
    auto& body = session->receiveResponse(http_response);
    const int status = static_cast<int>(http_response.getStatus());
    trace(upgrade, path, status, started, "hijacked");

    if (status >= 400) {
      throw_engine_error(status, purpose_of(request), read_body(body), http_response.getReason());
    }
    if (status != 101 && status != 200) {
      throw EngineError(status, purpose_of(request), "the engine did not switch to a raw stream (HTTP " +
                                                   std::to_string(status) + ")");
    }

    // bytes of the raw stream may have arrived together with the response head
    Poco::Buffer<char> buffered(0);
    session->drainBuffer(buffered);
    return std::make_unique<HijackedConnection>(std::move(session), std::string(buffered.begin(), buffered.size()),
                                                engine_description(), purpose_of(request));
  } catch (const Poco::Exception& exception) {
    trace(upgrade, path, 0, started, describe_failure(exception));
    throw_lost(request, exception);
  }
}

std::size_t HttpClient::idle_connections() const
{
  std::lock_guard lock(m_mutex);
  return m_idle_sessions.size();
}

std::unique_ptr<EngineSession> HttpClient::connect()
{
  try {
    return std::make_unique<EngineSession>(connect_socket(m_options.endpoint, m_options.connect_timeout));
  } catch (const Poco::Exception& exception) {
    throw_unreachable(exception);
  }
}

std::unique_ptr<EngineSession> HttpClient::take_idle_session()
{
  std::lock_guard lock(m_mutex);
  while (!m_idle_sessions.empty()) {
    auto session = std::move(m_idle_sessions.back());
    m_idle_sessions.pop_back();
    if (session->is_reusable_when_idle()) {
      return session;
    }
  }
  return nullptr;
}

void HttpClient::keep_idle_session(std::unique_ptr<EngineSession> session)
{
  std::lock_guard lock(m_mutex);
  if (m_idle_sessions.size() < m_options.max_idle_connections) {
    m_idle_sessions.push_back(std::move(session));
  }
}

std::string HttpClient::target(const Request& request) const
{
  std::string path;
  if (request.versioned) {
    const auto version = api_version();
    if (!version.empty()) {
      path = "/v" + version;
    }
  }
  path += request.path;

  if (!request.query.empty()) {
    path += '?';
    path += encode_query(request.query);
  }
  return path;
}

void HttpClient::send_head_and_body(EngineSession& session, const Request& request, const std::string& target)
{
  Poco::Net::HTTPRequest http_request(request.method, target, Poco::Net::HTTPMessage::HTTP_1_1);
  http_request.setHost(host_header(m_options.endpoint));
  http_request.setKeepAlive(true);
  for (const auto& [name, value] : request.headers) {
    http_request.set(name, value);
  }

  if (request.body) {
    http_request.setContentType(request.content_type);
    http_request.setContentLength64(static_cast<Poco::Int64>(request.body->size()));
  } else if (request.method == "POST" || request.method == "PUT") {
    http_request.setContentLength(0);
  }

  auto& out = session.sendRequest(http_request);
  if (request.body) {
    out.write(request.body->data(), static_cast<std::streamsize>(request.body->size()));
  }
  out.flush();
}

std::string HttpClient::engine_description() const
{
  return "the " + m_options.engine_name + " engine at " + m_options.endpoint.uri();
}

void HttpClient::throw_unreachable(const Poco::Exception& exception) const
{
  auto message = "cannot reach " + engine_description() + ": " + describe_failure(exception);
  if (is_nothing_listening(exception) && !m_options.unreachable_hint.empty()) {
    message += " (" + m_options.unreachable_hint + ")";
  }
  throw EngineUnreachable(message);
}

void HttpClient::throw_lost(const Request& request, const Poco::Exception& exception) const
{
  if (dynamic_cast<const Poco::TimeoutException*>(&exception) != nullptr) {
    throw EngineUnreachable("timed out waiting for a response from " + engine_description() + " while " +
                            purpose_of(request));
  }
  throw EngineUnreachable("lost the connection to " + engine_description() + " while " + purpose_of(request) + ": " +
                          describe_failure(exception));
}

void HttpClient::trace(const Request& request, const std::string& target, int status, Clock::time_point started,
                       std::string_view note)
{
  if (!m_logger.enabled(LogLevel::trace)) {
    return;
  }

  const std::chrono::duration<double, std::milli> elapsed = Clock::now() - started;
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2f ms", elapsed.count());

  auto line = request.method + " " + target + " " + (status > 0 ? std::to_string(status) : "---") + " " + duration;
  if (!note.empty()) {
    line += " (" + std::string(note) + ")";
  }
  m_logger.trace(line);
}

} // namespace sind::engine
