#pragma once

#include <string>

#include <sind/runtime.hpp>

namespace sind {

// The stop signal that makes systemd shut down cleanly; it ignores SIGTERM.
inline constexpr const char* systemd_stop_signal = "SIGRTMIN+3";

struct SystemContainerOptions
{
  std::string tmp_size = "1g"; // size of the /tmp tmpfs, in tmpfs size= syntax
};

// Add what a container needs to run systemd as PID 1 on the given engine to
// `spec`, which already names the node's image, networks, mounts and labels:
// tmpfs on /run, /run/lock and /tmp, the cgroup set-up for the engine's cgroup
// version, SYS_ADMIN, relaxed seccomp and AppArmor, the systemd stop signal,
// and explicit ulimits where the engine needs them. Fields the caller set are
// kept; list fields are extended without duplicates.
void make_system_container(ContainerSpec& spec, const EngineInfo& engine,
                           const SystemContainerOptions& options = {});

} // namespace sind
