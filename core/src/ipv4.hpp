#pragma once

#include <string>

namespace sind {

// Return the highest host address of an IPv4 subnet in CIDR notation, e.g.
// "172.18.255.254" for "172.18.0.0/16". Engines assign addresses from the low
// end, so a fixed address at the top does not collide with them. Throws
// sind::Error for anything but an IPv4 subnet of at most /30.
std::string last_host_address(const std::string& subnet);

} // namespace sind
