#include "docker_runtime.hpp"

#include <sind/error.hpp>

#include "container_json.hpp"

namespace sind::docker {

using engine::format_path;

namespace {

nlohmann::json make_network_body(const NetworkSpec& spec)
{
  nlohmann::json body = {{"Name", spec.name},
                         {"Driver", spec.driver},
                         {"Internal", spec.internal},
                         {"Labels", spec.labels},
                         {"CheckDuplicate", true}}; // API 1.41 allows duplicate names without it

  if (!spec.subnet.empty()) {
    nlohmann::json pool = {{"Subnet", spec.subnet}};
    if (!spec.gateway.empty()) {
      pool["Gateway"] = spec.gateway;
    }
    body["IPAM"] = {{"Driver", "default"}, {"Config", nlohmann::json::array({pool})}};
  }
  return body;
}

} // namespace

std::string DockerRuntime::create_network(const NetworkSpec& spec)
{
  const auto context = "creating network " + spec.name;
  m_logger.debug(context);

  engine::Request request{.method = "POST", .path = "/networks/create", .context = context};
  engine::set_json_body(request, make_network_body(spec));
  return string_at(call(request).json(), "Id");
}

void DockerRuntime::remove_network(const std::string& network)
{
  const auto context = "removing network " + network;
  m_logger.debug(context);

  call_unless_missing({.method = "DELETE", .path = format_path("/networks/{}", {network}), .context = context});
}

void DockerRuntime::connect_network(const std::string& network, const NetworkAttachment& attachment,
                                    const std::string& container)
{
  const auto context = "connecting container " + container + " to network " + network;
  m_logger.debug(context);

  engine::Request request{
    .method = "POST", .path = format_path("/networks/{}/connect", {network}), .context = context};
  engine::set_json_body(request, {{"Container", container}, {"EndpointConfig", make_endpoint_config(attachment)}});

  // Engines word "attached already" differently across versions, so the
  // container's networks decide whether the failure matters.
  try {
    call(request);
  } catch (const EngineError& error) {
    if (error.status() == 404 || !is_attached(network, container)) {
      throw;
    }
  }
}

void DockerRuntime::disconnect_network(const std::string& network, const std::string& container, bool force)
{
  const auto context = "disconnecting container " + container + " from network " + network;
  m_logger.debug(context);

  engine::Request request{
    .method = "POST", .path = format_path("/networks/{}/disconnect", {network}), .context = context};
  engine::set_json_body(request, {{"Container", container}, {"Force", force}});

  try {
    call(request);
  } catch (const EngineError& error) {
    // a missing network has no container attached either; a missing container is still an error
    if (error.status() == 404 && !inspect_network(network)) {
      return;
    }
    if (error.status() == 404 || is_attached(network, container)) {
      throw;
    }
  }
}

bool DockerRuntime::is_attached(const std::string& network, const std::string& container)
{
  const auto network_info = inspect_network(network);
  const auto container_info = inspect_container(container);
  if (!network_info || !container_info) {
    return false;
  }

  for (const auto& endpoint : network_info->endpoints) {
    if (endpoint.container_id == container_info->id) {
      return true;
    }
  }
  return false;
}

std::optional<NetworkInfo> DockerRuntime::inspect_network(const std::string& network)
{
  const auto response = call_unless_missing(
    {.path = format_path("/networks/{}", {network}), .context = "inspecting network " + network});
  if (!response) {
    return std::nullopt;
  }
  return parse_network(response->json());
}

std::vector<NetworkInfo> DockerRuntime::list_networks(const Labels& labels)
{
  const auto listed =
    call({.path = "/networks", .query = {{"filters", make_filters(labels)}}, .context = "listing networks"}).json();

  std::vector<NetworkInfo> networks;
  for (const auto& item : listed) {
    auto info = parse_network(item);
    info.endpoints.clear(); // only inspect_network promises endpoints
    networks.push_back(std::move(info));
  }
  return networks;
}

void DockerRuntime::create_volume(const VolumeSpec& spec)
{
  const auto context = "creating volume " + spec.name;
  m_logger.debug(context);

  // the engine returns an existing volume of that name unchanged
  engine::Request request{.method = "POST", .path = "/volumes/create", .context = context};
  engine::set_json_body(request, {{"Name", spec.name}, {"Driver", "local"}, {"Labels", spec.labels}});
  call(request);
}

void DockerRuntime::remove_volume(const std::string& volume)
{
  const auto context = "removing volume " + volume;
  m_logger.debug(context);

  call_unless_missing({.method = "DELETE", .path = format_path("/volumes/{}", {volume}), .context = context});
}

std::vector<VolumeInfo> DockerRuntime::list_volumes(const Labels& labels)
{
  const auto listed =
    call({.path = "/volumes", .query = {{"filters", make_filters(labels)}}, .context = "listing volumes"}).json();

  std::vector<VolumeInfo> volumes;
  const auto items = listed.find("Volumes");
  if (items == listed.end() || !items->is_array()) {
    return volumes; // "Volumes" is null when there are none
  }
  for (const auto& item : *items) {
    volumes.push_back(parse_volume(item));
  }
  return volumes;
}

} // namespace sind::docker
