#pragma once

// Readiness of a cluster in Slurm's terms: slurmctld responds, and workers
// have registered and respond. A running container alone is not ready.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <sind/log.hpp>
#include <sind/runtime.hpp>

namespace sind {

struct ReadinessCondition
{
  enum class Kind {
    slurm_ready, // slurmctld responds to `scontrol ping`
    ready,       // slurm_ready, and every managed worker is usable
    workers      // slurm_ready, and the workers in `workers` are usable
  };

  Kind kind = Kind::ready;
  std::vector<std::string> workers; // Kind::workers only
};

// Parse "ready", "slurm-ready" or "node=NAME". Throws sind::UsageError
// naming the value and the accepted forms.
ReadinessCondition parse_readiness_condition(std::string_view text);

// Describe `condition` for messages: "ready", "slurm-ready", "node=worker-0".
std::string to_string(const ReadinessCondition& condition);

// Check `condition` on `cluster` once. Return what is missing, one phrase per
// fault ("worker-0 is frozen (container paused)"), or nothing when it holds.
// A usable worker has a running container and is idle, alloc, mix or comp in
// sinfo, without '*' (not responding). Throws sind::Error when the realm has
// no such cluster, and sind::UsageError when a named worker is not a managed
// worker of the cluster.
std::vector<std::string> check_readiness(Runtime& runtime, const std::string& realm, const std::string& cluster,
                                         const ReadinessCondition& condition, Logger& logger);

// Check `condition` about every half second until it holds. Throws
// sind::Error naming the cluster and what is still missing once `timeout`
// has passed, and the errors of check_readiness at once.
void wait_for_readiness(Runtime& runtime, const std::string& realm, const std::string& cluster,
                        const ReadinessCondition& condition, std::chrono::milliseconds timeout, Logger& logger);

} // namespace sind
