#include "ipv4.hpp"

#include <sind/error.hpp>

#include <arpa/inet.h>

namespace sind {

std::string last_host_address(const std::string& subnet)
{
  const auto slash = subnet.find('/');
  in_addr address{};
  int prefix = -1;
  if (slash != std::string::npos) {
    prefix = std::atoi(subnet.c_str() + slash + 1);
  }
  if (slash == std::string::npos || ::inet_pton(AF_INET, subnet.substr(0, slash).c_str(), &address) != 1 ||
      prefix < 1 || prefix > 30) {
    throw Error("invalid IPv4 subnet \"" + subnet + "\"");
  }

  const std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t(0) << (32 - prefix);
  const std::uint32_t broadcast = (ntohl(address.s_addr) & mask) | ~mask;
  in_addr last{htonl(broadcast - 1)};

  char text[INET_ADDRSTRLEN];
  ::inet_ntop(AF_INET, &last, text, sizeof text);
  return text;
}

} // namespace sind
