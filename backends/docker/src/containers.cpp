#include "docker_runtime.hpp"

#include <sind/error.hpp>

#include "container_json.hpp"

namespace sind::docker {

using engine::format_path;

std::string DockerRuntime::create_container(const ContainerSpec& spec)
{
  const auto context = "creating container " + spec.name;
  m_logger.debug(context);

  engine::Request request{
    .method = "POST", .path = "/containers/create", .query = {{"name", spec.name}}, .context = context};
  engine::set_json_body(request, make_create_body(spec));
  const auto id = string_at(call(request).json(), "Id");

  // Before API 1.44 a container is created on one network only; the others are
  // attached before it starts, which works on every API version.
  try {
    for (std::size_t index = 1; index < spec.networks.size(); ++index) {
      connect_network(spec.networks[index].network, spec.networks[index], id);
    }
  } catch (const Error&) {
    // leave no half-attached container behind, so that creating it again works
    try {
      remove_container(id);
    } catch (const Error& cleanup_error) {
      m_logger.warning("removing container " + spec.name + " after a failed create: " + cleanup_error.what());
    }
    throw;
  }
  return id;
}

void DockerRuntime::start_container(const std::string& container)
{
  const auto context = "starting container " + container;
  m_logger.debug(context);

  // 304 (started already) is a success like 204
  call({.method = "POST", .path = format_path("/containers/{}/start", {container}), .context = context});
}

void DockerRuntime::stop_container(const std::string& container, std::chrono::seconds timeout)
{
  const auto context = "stopping container " + container;
  m_logger.debug(context);

  // the engine responds only after the container stopped, so wait for longer than the stop timeout
  call({.method = "POST",
        .path = format_path("/containers/{}/stop", {container}),
        .query = {{"t", std::to_string(timeout.count())}},
        .context = context,
        .timeout = timeout + m_client.options().read_timeout});
}

void DockerRuntime::kill_container(const std::string& container, const std::string& signal)
{
  const auto context = "sending " + signal + " to container " + container;
  m_logger.debug(context);

  call({.method = "POST",
        .path = format_path("/containers/{}/kill", {container}),
        .query = {{"signal", signal}},
        .context = context});
}

void DockerRuntime::pause_container(const std::string& container)
{
  const auto context = "pausing container " + container;
  m_logger.debug(context);

  call({.method = "POST", .path = format_path("/containers/{}/pause", {container}), .context = context});
}

void DockerRuntime::unpause_container(const std::string& container)
{
  const auto context = "unpausing container " + container;
  m_logger.debug(context);

  call({.method = "POST", .path = format_path("/containers/{}/unpause", {container}), .context = context});
}

void DockerRuntime::remove_container(const std::string& container)
{
  const auto context = "removing container " + container;
  m_logger.debug(context);

  // v=true removes the container's anonymous volumes with it
  call_unless_missing({.method = "DELETE",
                       .path = format_path("/containers/{}", {container}),
                       .query = {{"force", "true"}, {"v", "true"}},
                       .context = context});
}

std::optional<ContainerInfo> DockerRuntime::inspect_container(const std::string& container)
{
  const auto response = call_unless_missing(
    {.path = format_path("/containers/{}/json", {container}), .context = "inspecting container " + container});
  if (!response) {
    return std::nullopt;
  }
  return parse_container(response->json());
}

std::vector<ContainerInfo> DockerRuntime::list_containers(const Labels& labels)
{
  const auto listed = call({.path = "/containers/json",
                            .query = {{"all", "true"}, {"filters", make_filters(labels)}},
                            .context = "listing containers"})
                        .json();

  // The list omits hostnames, exit codes and start times, so each container is
  // inspected; one removed in between is left out.
  std::vector<ContainerInfo> containers;
  for (const auto& item : listed) {
    if (auto info = inspect_container(string_at(item, "Id"))) {
      containers.push_back(std::move(*info));
    }
  }
  return containers;
}

} // namespace sind::docker
