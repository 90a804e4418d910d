#include <sind/system_container.hpp>

#include <algorithm>

namespace sind {
namespace {

void add_unique(std::vector<std::string>& values, const std::string& value)
{
  if (std::find(values.begin(), values.end(), value) == values.end()) {
    values.push_back(value);
  }
}

void add_tmpfs(ContainerSpec& spec, const std::string& target, const std::string& options)
{
  const bool present = std::any_of(spec.mounts.begin(), spec.mounts.end(),
                                   [&](const Mount& mount) { return mount.target == target; });
  if (!present) {
    spec.mounts.push_back({Mount::Type::tmpfs, "", target, false, options});
  }
}

// systemd must see and manage the cgroup its units run in.
void set_up_cgroups(ContainerSpec& spec, const EngineInfo& engine)
{
  if (engine.cgroup_version == 1) {
    // On cgroup v1, systemd refuses units whose main PID it cannot see, which
    // happens in a private cgroup namespace; so the container shares the host's
    // namespace and gets the cgroup tree read-write.
    spec.cgroupns = CgroupNamespace::host;
    spec.mounts.push_back({Mount::Type::bind, "/sys/fs/cgroup", "/sys/fs/cgroup", false, ""});
    return;
  }

  // On cgroup v2 a private namespace makes the container's cgroup the root of
  // its tree. Docker mounts that tree writable only for privileged containers.
  // NOTE: this branch is not exercised by the test hosts, which run cgroup v1.
  spec.cgroupns = CgroupNamespace::private_;
  if (engine.backend == "docker") {
    spec.privileged = true;
  }
}

} // namespace

void make_system_container(ContainerSpec& spec, const EngineInfo& engine,
                           const SystemContainerOptions& options)
{
  add_tmpfs(spec, "/run", "mode=755");
  add_tmpfs(spec, "/run/lock", "mode=1777");
  add_tmpfs(spec, "/tmp", "size=" + options.tmp_size + ",mode=1777");

  set_up_cgroups(spec, engine);

  add_unique(spec.cap_add, "SYS_ADMIN");
  add_unique(spec.security_opt, "seccomp=unconfined");
  add_unique(spec.security_opt, "apparmor=unconfined");
  add_unique(spec.env, "container=docker");
  if (spec.stop_signal.empty()) {
    spec.stop_signal = systemd_stop_signal;
  }

  // Engines whose default limits exceed what the host allows fail to start
  // the container with "error setting rlimit"; these values fit any host.
  if (engine.needs_explicit_ulimits && spec.ulimits.empty()) {
    spec.ulimits.push_back({"nofile", 65536, 65536});
    spec.ulimits.push_back({"nproc", 65536, 65536});
  }
}

} // namespace sind
