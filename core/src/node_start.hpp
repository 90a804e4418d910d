#pragma once

#include <sind/cluster.hpp>
#include <sind/log.hpp>
#include <sind/runtime.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace sind {

// Start the stopped node containers `nodes` of `realm` and wait until each
// has booted. Then rewrite the DNS records and known_hosts lines of their
// clusters, because a restarted container may get another address. Last,
// wait until slurmd on the managed workers among them is registered and
// responding, or until slurmctld responds when a controller was started.
// Everything must end within `timeout`. Throws sind::Error naming the node
// or the check that failed.
void start_nodes(Runtime& runtime, const std::string& realm, const std::vector<NodeInfo>& nodes,
                 std::chrono::seconds timeout, Logger& logger);

} // namespace sind
