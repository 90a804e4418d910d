#pragma once

#include <sind/log.hpp>
#include <sind/runtime.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace sind {

struct BootResult
{
  std::map<std::string, std::string> ips; // network name -> IPv4 address
  std::string host_key;                   // "ssh-ed25519 AAAA..."
};

// Start `containers` (system containers that carry every label of
// `selector`) and wait until systemd has finished booting in each. Each one
// is probed as soon as the engine's event stream reports it started, and a
// container that dies while booting fails the boot at once. Return each
// container's addresses and SSH host key. Throws sind::Error naming the
// container and the check that failed.
std::map<std::string, BootResult> boot_containers(Runtime& runtime, const Labels& selector,
                                                  const std::vector<std::string>& containers,
                                                  std::chrono::seconds timeout, Logger& logger);

} // namespace sind
