#include "docker_runtime.hpp"

#include <charconv>
#include <utility>

#include <sind/error.hpp>

#include "container_json.hpp"

namespace sind::docker {
namespace {

using namespace std::chrono_literals;

engine::ClientOptions make_client_options(const engine::Endpoint& endpoint)
{
  engine::ClientOptions options;
  options.endpoint = endpoint;
  options.engine_name = "Docker";
  options.unreachable_hint = "is dockerd running?";
  return options;
}

// Parse "1.41" into {1, 41}; anything unparsable compares as {0, 0}.
std::pair<int, int> parse_api_version(std::string_view text)
{
  int major = 0;
  int minor = 0;
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) {
    return {0, 0};
  }
  const auto major_result = std::from_chars(text.data(), text.data() + dot, major);
  const auto minor_result = std::from_chars(text.data() + dot + 1, text.data() + text.size(), minor);
  if (major_result.ec != std::errc() || minor_result.ec != std::errc()) {
    return {0, 0};
  }
  return {major, minor};
}

int parse_cgroup_version(const nlohmann::json& info)
{
  const auto version = string_at(info, "CgroupVersion");
  if (version == "2") {
    return 2;
  }
  return 1; // Docker before 20.10 reports no CgroupVersion and ran on cgroup v1 only
}

bool is_rootless(const nlohmann::json& info)
{
  const auto options = info.find("SecurityOptions");
  if (options == info.end() || !options->is_array()) {
    return false;
  }
  for (const auto& option : *options) {
    if (option.is_string() && option.get<std::string>().find("name=rootless") != std::string::npos) {
      return true;
    }
  }
  return false;
}

} // namespace

DockerRuntime::DockerRuntime(const engine::Endpoint& endpoint, Logger& logger)
  : m_client(make_client_options(endpoint), logger),
    m_logger(logger)
{
}

engine::HttpClient& DockerRuntime::api()
{
  std::lock_guard lock(m_negotiation_mutex);
  if (!m_negotiated) {
    ping_and_negotiate();
  }
  return m_client;
}

engine::Response DockerRuntime::call(const engine::Request& request)
{
  return api().send(request);
}

std::optional<engine::Response> DockerRuntime::call_unless_missing(const engine::Request& request)
{
  try {
    return call(request);
  } catch (const EngineError& error) {
    if (error.is_not_found()) {
      return std::nullopt;
    }
    throw;
  }
}

bool DockerRuntime::api_version_at_least(int major, int minor)
{
  api();
  return parse_api_version(m_client.api_version()) >= std::pair(major, minor);
}

void DockerRuntime::ping_and_negotiate()
{
  const auto response = m_client.send(
    {.path = "/_ping", .context = "checking the Docker engine", .versioned = false, .timeout = 1s});
  if (m_negotiated) {
    return;
  }

  const auto server_version = response.headers.get("Api-Version", "");
  const auto server = parse_api_version(server_version);
  if (server < parse_api_version(min_api_version)) {
    throw Error("the Docker engine at " + m_client.options().endpoint.uri() + " speaks API version " +
                (server_version.empty() ? "(none reported)" : server_version) + ", but sind needs " +
                min_api_version + " or later (Docker 20.10 or later)");
  }

  const std::string version = server < parse_api_version(max_api_version) ? server_version : max_api_version;
  m_client.set_api_version(version);
  m_negotiated = true;
  m_logger.debug("using Docker API " + version + " at " + m_client.options().endpoint.uri());
}

void DockerRuntime::ping()
{
  std::lock_guard lock(m_negotiation_mutex);
  ping_and_negotiate();
}

EngineInfo DockerRuntime::info()
{
  m_logger.debug("reading Docker engine information");
  const auto info = call({.path = "/info", .context = "reading Docker engine information"}).json();
  const auto version = call({.path = "/version", .context = "reading the Docker engine version"}).json();

  EngineInfo engine_info;
  engine_info.backend = "docker";
  engine_info.endpoint = m_client.options().endpoint.uri();
  engine_info.version = string_at(version, "Version");
  engine_info.api_version = m_client.api_version();
  engine_info.cgroup_version = parse_cgroup_version(info);
  engine_info.cgroup_driver = string_at(info, "CgroupDriver");
  engine_info.rootless = is_rootless(info);
  engine_info.os = string_at(info, "OperatingSystem");
  engine_info.kernel_version = string_at(info, "KernelVersion");
  engine_info.architecture = string_at(info, "Architecture");
  engine_info.needs_explicit_ulimits = false;
  return engine_info;
}

} // namespace sind::docker
