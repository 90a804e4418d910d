#include "container_json.hpp"

#include <cmath>

namespace sind::docker {
namespace {

using nlohmann::json;

const json& member(const json& object, const char* key)
{
  static const json null_value;
  if (!object.is_object()) {
    return null_value;
  }
  const auto found = object.find(key);
  return found == object.end() ? null_value : *found;
}

Labels parse_labels(const json& object)
{
  Labels labels;
  if (!object.is_object()) {
    return labels;
  }
  for (const auto& [key, value] : object.items()) {
    labels[key] = value.is_string() ? value.get<std::string>() : value.dump();
  }
  return labels;
}

std::vector<std::string> parse_strings(const json& array)
{
  std::vector<std::string> strings;
  if (!array.is_array()) {
    return strings;
  }
  for (const auto& item : array) {
    if (item.is_string()) {
      strings.push_back(item.get<std::string>());
    }
  }
  return strings;
}

ContainerState parse_state(const std::string& status)
{
  static const std::vector<std::pair<std::string, ContainerState>> states = {
    {"created", ContainerState::created}, {"running", ContainerState::running},
    {"paused", ContainerState::paused},   {"restarting", ContainerState::restarting},
    {"exited", ContainerState::exited},   {"removing", ContainerState::removing},
    {"dead", ContainerState::dead}};
  for (const auto& [name, state] : states) {
    if (name == status) {
      return state;
    }
  }
  return ContainerState::unknown;
}

// Strip the prefix length from "172.18.0.2/16".
std::string strip_prefix_length(const std::string& address)
{
  return address.substr(0, address.find('/'));
}

json make_mounts(const ContainerSpec& spec)
{
  auto mounts = json::array();
  for (const auto& mount : spec.mounts) {
    if (mount.type == Mount::Type::tmpfs) {
      continue;
    }
    mounts.push_back({{"Type", mount.type == Mount::Type::bind ? "bind" : "volume"},
                      {"Source", mount.source},
                      {"Target", mount.target},
                      {"ReadOnly", mount.read_only}});
  }
  return mounts;
}

// tmpfs mounts go to HostConfig.Tmpfs, which takes mount(8) options as they are
json make_tmpfs(const ContainerSpec& spec)
{
  auto tmpfs = json::object();
  for (const auto& mount : spec.mounts) {
    if (mount.type != Mount::Type::tmpfs) {
      continue;
    }
    std::string options = mount.read_only ? "ro" : "rw";
    if (!mount.tmpfs_options.empty()) {
      options += "," + mount.tmpfs_options;
    }
    tmpfs[mount.target] = options;
  }
  return tmpfs;
}

json make_devices(const ContainerSpec& spec)
{
  auto devices = json::array();
  for (const auto& device : spec.devices) {
    const auto& inside = device.container_path.empty() ? device.host_path : device.container_path;
    devices.push_back(
      {{"PathOnHost", device.host_path}, {"PathInContainer", inside}, {"CgroupPermissions", device.permissions}});
  }
  return devices;
}

json make_ulimits(const ContainerSpec& spec)
{
  auto ulimits = json::array();
  for (const auto& ulimit : spec.ulimits) {
    ulimits.push_back({{"Name", ulimit.name}, {"Soft", ulimit.soft}, {"Hard", ulimit.hard}});
  }
  return ulimits;
}

json make_host_config(const ContainerSpec& spec)
{
  json host_config = {{"Mounts", make_mounts(spec)},
                      {"Tmpfs", make_tmpfs(spec)},
                      {"Privileged", spec.privileged},
                      {"CapAdd", spec.cap_add},
                      {"CapDrop", spec.cap_drop},
                      {"Devices", make_devices(spec)},
                      {"SecurityOpt", spec.security_opt},
                      {"Ulimits", make_ulimits(spec)},
                      {"Dns", spec.dns_servers},
                      {"DnsSearch", spec.dns_search}};

  if (spec.cgroupns == CgroupNamespace::host) {
    host_config["CgroupnsMode"] = "host";
  } else if (spec.cgroupns == CgroupNamespace::private_) {
    host_config["CgroupnsMode"] = "private";
  }
  if (spec.cpus > 0) {
    host_config["NanoCpus"] = static_cast<std::int64_t>(std::llround(spec.cpus * 1e9));
  }
  if (spec.memory_bytes > 0) {
    host_config["Memory"] = spec.memory_bytes;
  }
  if (!spec.networks.empty()) {
    host_config["NetworkMode"] = spec.networks.front().network;
  }
  return host_config;
}

std::vector<Mount> parse_mounts(const json& container)
{
  std::vector<Mount> mounts;
  for (const auto& item : member(container, "Mounts")) {
    Mount mount;
    const auto type = string_at(item, "Type");
    mount.type = Mount::Type::volume;
    if (type == "bind") {
      mount.type = Mount::Type::bind;
    } else if (type == "tmpfs") {
      mount.type = Mount::Type::tmpfs;
    }
    mount.source = mount.type == Mount::Type::volume ? string_at(item, "Name") : string_at(item, "Source");
    mount.target = string_at(item, "Destination");
    mount.read_only = !member(item, "RW").is_boolean() || !member(item, "RW").get<bool>();
    mounts.push_back(std::move(mount));
  }

  // tmpfs mounts made through HostConfig.Tmpfs are not listed under Mounts
  for (const auto& [target, options] : member(member(container, "HostConfig"), "Tmpfs").items()) {
    Mount mount;
    mount.type = Mount::Type::tmpfs;
    mount.target = target;
    mount.tmpfs_options = options.is_string() ? options.get<std::string>() : "";
    mount.read_only = mount.tmpfs_options == "ro" || mount.tmpfs_options.starts_with("ro,");
    mounts.push_back(std::move(mount));
  }
  return mounts;
}

std::vector<EndpointSettings> parse_endpoints(const json& container)
{
  std::vector<EndpointSettings> endpoints;
  for (const auto& [name, settings] : member(member(container, "NetworkSettings"), "Networks").items()) {
    EndpointSettings endpoint;
    endpoint.network = name;
    endpoint.ipv4_address = string_at(settings, "IPAddress");
    endpoint.gateway = string_at(settings, "Gateway");
    endpoint.mac_address = string_at(settings, "MacAddress");
    endpoint.aliases = parse_strings(member(settings, "Aliases"));
    endpoints.push_back(std::move(endpoint));
  }
  return endpoints;
}

} // namespace

std::string string_at(const json& object, const char* key)
{
  const auto& value = member(object, key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string make_filters(const Labels& labels, const std::vector<std::string>& types,
                         const std::vector<std::string>& actions)
{
  auto filters = json::object();
  for (const auto& [key, value] : labels) {
    filters["label"].push_back(value.empty() ? key : key + "=" + value);
  }
  for (const auto& type : types) {
    filters["type"].push_back(type);
  }
  for (const auto& action : actions) {
    filters["event"].push_back(action);
  }
  return filters.dump();
}

json make_endpoint_config(const NetworkAttachment& attachment)
{
  json endpoint = {{"Aliases", attachment.aliases}};
  if (!attachment.ipv4_address.empty()) {
    endpoint["IPAMConfig"] = {{"IPv4Address", attachment.ipv4_address}};
  }
  return endpoint;
}

json make_create_body(const ContainerSpec& spec)
{
  json body = {{"Image", spec.image},
               {"Hostname", spec.hostname},
               {"Domainname", spec.domainname},
               {"Labels", spec.labels},
               {"Env", spec.env},
               {"HostConfig", make_host_config(spec)}};

  if (!spec.command.empty()) {
    body["Cmd"] = spec.command;
  }
  if (!spec.stop_signal.empty()) {
    body["StopSignal"] = spec.stop_signal;
  }
  if (!spec.networks.empty()) {
    const auto& primary = spec.networks.front();
    body["NetworkingConfig"] = {{"EndpointsConfig", {{primary.network, make_endpoint_config(primary)}}}};
  }
  return body;
}

ContainerInfo parse_container(const json& container)
{
  const auto& config = member(container, "Config");
  const auto& state = member(container, "State");

  ContainerInfo info;
  info.id = string_at(container, "Id");
  info.name = string_at(container, "Name");
  if (info.name.starts_with('/')) {
    info.name.erase(0, 1);
  }
  info.image = string_at(config, "Image");
  info.hostname = string_at(config, "Hostname");
  info.state = parse_state(string_at(state, "Status"));
  info.exit_code = member(state, "ExitCode").is_number_integer() ? member(state, "ExitCode").get<int>() : 0;
  info.labels = parse_labels(member(config, "Labels"));
  info.networks = parse_endpoints(container);
  info.mounts = parse_mounts(container);
  info.created = string_at(container, "Created");

  // Docker reports the zero time for a container that never started
  info.started = string_at(state, "StartedAt");
  if (info.started.starts_with("0001-01-01")) {
    info.started.clear();
  }
  return info;
}

NetworkInfo parse_network(const json& network)
{
  NetworkInfo info;
  info.id = string_at(network, "Id");
  info.name = string_at(network, "Name");
  info.driver = string_at(network, "Driver");
  info.labels = parse_labels(member(network, "Labels"));

  // take the first IPv4 pool; IPv6 pools contain ':'
  for (const auto& pool : member(member(network, "IPAM"), "Config")) {
    const auto subnet = string_at(pool, "Subnet");
    if (!subnet.empty() && subnet.find(':') == std::string::npos) {
      info.subnet = subnet;
      info.gateway = string_at(pool, "Gateway");
      break;
    }
  }

  for (const auto& [id, endpoint] : member(network, "Containers").items()) {
    info.endpoints.push_back({id, string_at(endpoint, "Name"), strip_prefix_length(string_at(endpoint, "IPv4Address"))});
  }
  return info;
}

VolumeInfo parse_volume(const json& volume)
{
  return {string_at(volume, "Name"), string_at(volume, "Driver"), string_at(volume, "Mountpoint"),
          parse_labels(member(volume, "Labels"))};
}

ImageInfo parse_image(const json& image)
{
  ImageInfo info;
  info.id = string_at(image, "Id");
  info.tags = parse_strings(member(image, "RepoTags"));
  info.labels = parse_labels(member(member(image, "Config"), "Labels"));
  info.created = string_at(image, "Created");
  info.size_bytes = member(image, "Size").is_number() ? member(image, "Size").get<std::int64_t>() : 0;
  return info;
}

Event parse_event(const json& event)
{
  const auto& actor = member(event, "Actor");

  Event parsed;
  parsed.type = string_at(event, "Type");
  parsed.action = string_at(event, "Action");
  parsed.actor_id = string_at(actor, "ID");
  parsed.attributes = parse_labels(member(actor, "Attributes"));
  parsed.time_nanoseconds = member(event, "timeNano").is_number() ? member(event, "timeNano").get<std::int64_t>() : 0;
  return parsed;
}

} // namespace sind::docker
