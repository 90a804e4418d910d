#include <sind/engine/endpoint.hpp>

#include <charconv>

#include <sind/error.hpp>

namespace sind::engine {
namespace {

constexpr std::string_view unix_scheme = "unix://";
constexpr std::string_view tcp_scheme = "tcp://";

[[noreturn]] void throw_invalid(std::string_view text, std::string_view reason)
{
  throw UsageError("invalid engine endpoint \"" + std::string(text) + "\": " + std::string(reason) +
                   " (expected unix:///path/to/socket or tcp://host:port)");
}

Endpoint parse_unix(std::string_view text, std::string_view path)
{
  if (path.empty() || path.front() != '/') {
    throw_invalid(text, "the socket path must be absolute");
  }

  Endpoint endpoint;
  endpoint.transport = Endpoint::Transport::unix_socket;
  endpoint.path = std::string(path);
  return endpoint;
}

std::uint16_t parse_port(std::string_view text, std::string_view port_text)
{
  unsigned value = 0;
  const auto* end = port_text.data() + port_text.size();
  const auto [next, error] = std::from_chars(port_text.data(), end, value);
  if (port_text.empty() || error != std::errc() || next != end || value == 0 || value > 65535) {
    throw_invalid(text, "the port must be a number from 1 to 65535");
  }
  return static_cast<std::uint16_t>(value);
}

Endpoint parse_tcp(std::string_view text, std::string_view authority)
{
  // accept one trailing slash, as in "tcp://127.0.0.1:2375/"
  if (!authority.empty() && authority.back() == '/') {
    authority.remove_suffix(1);
  }

  std::string_view host;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos || close + 1 >= authority.size() || authority[close + 1] != ':') {
      throw_invalid(text, "an IPv6 host needs the form [address]:port");
    }
    host = authority.substr(1, close - 1);
    port = authority.substr(close + 2);
  } else {
    const auto colon = authority.rfind(':');
    if (colon == std::string_view::npos) {
      throw_invalid(text, "the port is missing");
    }
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty() || host.find_first_of("/?#@ ") != std::string_view::npos) {
    throw_invalid(text, "the host is missing or contains invalid characters");
  }

  Endpoint endpoint;
  endpoint.transport = Endpoint::Transport::tcp;
  endpoint.host = std::string(host);
  endpoint.port = parse_port(text, port);
  return endpoint;
}

} // namespace

std::string Endpoint::uri() const
{
  if (transport == Transport::unix_socket) {
    return std::string(unix_scheme) + path;
  }

  const bool ipv6 = host.find(':') != std::string::npos;
  const std::string bracketed = ipv6 ? "[" + host + "]" : host;
  return std::string(tcp_scheme) + bracketed + ":" + std::to_string(port);
}

Endpoint parse_endpoint(std::string_view text)
{
  if (text.starts_with(unix_scheme)) {
    return parse_unix(text, text.substr(unix_scheme.size()));
  }
  if (text.starts_with(tcp_scheme)) {
    return parse_tcp(text, text.substr(tcp_scheme.size()));
  }
  if (text.starts_with('/')) {
    return parse_unix(text, text);
  }
  throw_invalid(text, text.empty() ? "it is empty" : "unknown scheme");
}

} // namespace sind::engine
