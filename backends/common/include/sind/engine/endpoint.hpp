#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sind::engine {

// Address of a container engine's REST API.
struct Endpoint
{
  enum class Transport { unix_socket, tcp };

  Transport transport = Transport::unix_socket;
  std::string path; // socket path; unix_socket only
  std::string host; // host name or IP address, without brackets; tcp only
  std::uint16_t port = 0;

  // Canonical form, e.g. "unix:///var/run/docker.sock" or "tcp://127.0.0.1:2375".
  std::string uri() const;
};

// Parse "unix:///path", "tcp://host:port" (IPv6 hosts in brackets) or a bare
// absolute socket path. Throws sind::UsageError naming the text when it is
// none of these.
Endpoint parse_endpoint(std::string_view text);

} // namespace sind::engine
