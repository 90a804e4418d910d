#include "node_boot.hpp"

#include <sind/error.hpp>

#include "exec_checked.hpp"

#include <future>
#include <map>
#include <set>
#include <sstream>

namespace sind {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Waits, inside the container, for systemd's private socket and then for the
// end of the boot, at most $1 seconds each: one exec per node and no polling
// from the host. Prints systemd's state ("running", "degraded", ...).
constexpr const char* wait_for_boot_script = R"SH(
timeout "$1" sh -c 'until [ -S /run/systemd/private ]; do sleep 0.05; done' || exit 1
timeout "$1" systemctl is-system-running --wait
)SH";

BootResult probe(Runtime& runtime, const std::string& container, std::chrono::seconds timeout,
                 Logger& logger)
{
  const auto seconds = std::to_string(timeout.count());
  const auto boot = runtime.exec(container, {{"sh", "-c", wait_for_boot_script, "sh", seconds}});
  const std::string state = boot.stdout_data.substr(0, boot.stdout_data.find('\n'));

  if (state == "degraded") {
    const auto failed = runtime.exec(container, {{"systemctl", "--failed", "--no-legend", "--plain"}});
    logger.warning(container + " booted with failed units: " + failed.stdout_data);
  } else if (state != "running") {
    throw Error("node container " + container + " did not finish booting: systemd is " +
                (state.empty() ? "unreachable" : "\"" + state + "\"") + " after " + seconds + " s");
  }

  BootResult result;
  auto key = exec_checked(runtime, container, {{"cat", "/etc/ssh/ssh_host_ed25519_key.pub"}},
                          "reading the SSH host key of " + container);
  std::istringstream fields(key.stdout_data);
  std::string type, value;
  fields >> type >> value;
  result.host_key = type + " " + value;

  if (auto info = runtime.inspect_container(container)) {
    for (const auto& endpoint : info->networks) {
      result.ips[endpoint.network] = endpoint.ipv4_address;
    }
  }
  logger.debug(container + " has booted");
  return result;
}

// Return ": <the container's last line of output>", or nothing.
std::string last_output_line(Runtime& runtime, const std::string& container)
{
  std::string output;
  try {
    runtime.logs(container, {.tail = 5}, [&](OutputStream, std::string_view chunk) {
      output += chunk;
      return true;
    });
  } catch (const Error&) {
    return "";
  }

  const auto end = output.find_last_not_of("\r\n ");
  if (end == std::string::npos) {
    return "";
  }
  const auto start = output.rfind('\n', end);
  return ": " + output.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

class BootWatch
{
public:
  BootWatch(Runtime& runtime, const std::vector<std::string>& containers, std::chrono::seconds timeout,
            Logger& logger)
    : m_runtime(runtime),
      m_pending(containers.begin(), containers.end()),
      m_timeout(timeout),
      m_logger(logger)
  {
  }

  // Start probing `container` unless that has begun already.
  void launch(const std::string& container)
  {
    if (m_pending.count(container) && !m_probes.count(container)) {
      m_probes[container] = std::async(std::launch::async, probe, std::ref(m_runtime), container, m_timeout,
                                       std::ref(m_logger));
    }
  }

  void on_event(const Event& event)
  {
    const auto name = event.attributes.count("name") ? event.attributes.at("name") : "";
    if (!m_pending.count(name)) {
      return;
    }
    if (event.action == "start") {
      launch(name);
    } else if (event.action == "die" || event.action == "oom") {
      const auto code = event.attributes.count("exitCode") ? event.attributes.at("exitCode") : "unknown";
      throw Error("node container " + name + " stopped while booting (" + event.action + ", exit code " +
                  code + ")" + last_output_line(m_runtime, name));
    }
  }

  // Collect the probes that have ended; rethrow a probe's error.
  void collect()
  {
    for (auto probe = m_probes.begin(); probe != m_probes.end();) {
      if (probe->second.wait_for(0ms) != std::future_status::ready) {
        ++probe;
        continue;
      }
      m_results[probe->first] = probe->second.get();
      m_pending.erase(probe->first);
      probe = m_probes.erase(probe);
    }
  }

  bool done() const { return m_pending.empty(); }
  std::map<std::string, BootResult> results() { return std::move(m_results); }

private:
  Runtime& m_runtime;
  std::set<std::string> m_pending;
  std::chrono::seconds m_timeout;
  Logger& m_logger;
  std::map<std::string, std::future<BootResult>> m_probes;
  std::map<std::string, BootResult> m_results;
};

} // namespace

std::map<std::string, BootResult> boot_containers(Runtime& runtime, const Labels& selector,
                                                  const std::vector<std::string>& containers,
                                                  std::chrono::seconds timeout, Logger& logger)
{
  // subscribe before starting, so that no start or die event is missed
  auto events = runtime.events({selector, {"container"}, {"start", "die", "oom"}});
  BootWatch watch(runtime, containers, timeout, logger);

  std::map<std::string, std::future<void>> starts;
  for (const auto& container : containers) {
    starts[container] = std::async(std::launch::async, [&runtime, container] { runtime.start_container(container); });
  }

  const auto deadline = Clock::now() + timeout;
  while (!watch.done()) {
    if (Clock::now() > deadline) {
      throw Error("timed out after " + std::to_string(timeout.count()) + " s waiting for nodes to boot");
    }
    if (auto event = events->next(100ms)) {
      watch.on_event(*event);
    }

    // a start request that returned counts as started even if its event is late
    for (auto start = starts.begin(); start != starts.end();) {
      if (start->second.wait_for(0ms) != std::future_status::ready) {
        ++start;
        continue;
      }
      start->second.get();
      watch.launch(start->first);
      start = starts.erase(start);
    }
    watch.collect();
  }
  return watch.results();
}

} // namespace sind
