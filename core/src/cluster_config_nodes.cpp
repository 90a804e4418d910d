// The `defaults:` and `nodes:` sections: node entries in their shorthand and
// full forms, the role rules, node names and the merge with the defaults.

#include "cluster_config_parse.hpp"

#include <sind/names.hpp>

namespace sind::config_yaml {

namespace {

// One entry of `nodes:` before names and defaults are applied.
struct NodeEntry
{
  NodeRole role = NodeRole::worker;
  unsigned count = 1;
  NodeSettings settings;
  bool managed = true;
  YAML::Node node; // the entry, for messages
};

std::string in_quotes(std::string_view text)
{
  return "\"" + std::string(text) + "\"";
}

std::optional<NodeRole> role_from_name(std::string_view name)
{
  for (NodeRole role : {NodeRole::controller, NodeRole::submitter, NodeRole::worker}) {
    if (to_string(role) == name) {
      return role;
    }
  }
  return std::nullopt;
}

NodeRole read_role(const Source& source, const YAML::Node& node)
{
  const std::string name = read_string(source, node, "role");
  const std::optional<NodeRole> role = role_from_name(name);
  if (!role) {
    source.fail(node, "invalid role " + in_quotes(name) + ": expected controller, submitter or worker");
  }
  return *role;
}

bool is_capability_name(std::string_view name)
{
  for (char c : name) {
    const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!allowed) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> read_capabilities(const Source& source, const YAML::Node& node,
                                           std::string_view what)
{
  std::vector<std::string> capabilities = read_string_list(source, node, what);
  for (std::size_t i = 0; i < capabilities.size(); ++i) {
    if (!is_capability_name(capabilities[i])) {
      source.fail(node[i], "invalid capability " + in_quotes(capabilities[i]) + " in " +
                             std::string(what) + ": expected a name such as NET_ADMIN");
    }
  }
  return capabilities;
}

// Check HOST[:CONTAINER[:PERMISSIONS]] as `docker run --device` reads it.
bool is_device_mapping(std::string_view device)
{
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = device.find(':', start);
    parts.push_back(device.substr(start, colon - start));
    if (colon == std::string_view::npos) {
      break;
    }
    start = colon + 1;
  }

  if (parts.size() > 3 || parts[0].empty() || parts[0].front() != '/') {
    return false;
  }
  if (parts.size() >= 2 && (parts[1].empty() || parts[1].front() != '/')) {
    return false;
  }
  if (parts.size() == 3) {
    return !parts[2].empty() && parts[2].find_first_not_of("rwm") == std::string_view::npos;
  }
  return true;
}

std::vector<std::string> read_devices(const Source& source, const YAML::Node& node)
{
  std::vector<std::string> devices = read_string_list(source, node, "devices");
  for (std::size_t i = 0; i < devices.size(); ++i) {
    if (!is_device_mapping(devices[i])) {
      source.fail(node[i], "invalid device " + in_quotes(devices[i]) +
                             ": expected HOST[:CONTAINER[:PERMISSIONS]] with absolute paths "
                             "and permissions from r, w and m");
    }
  }
  return devices;
}

// Return the size in the kernel's tmpfs syntax: the largest of g, m and k that
// divides it, or plain bytes. tmpfs rejects the suffixes Gi and GB.
std::string tmpfs_size(std::uint64_t bytes)
{
  static constexpr std::pair<char, int> units[] = {{'g', 30}, {'m', 20}, {'k', 10}};
  for (const auto& [suffix, shift] : units) {
    const std::uint64_t unit = std::uint64_t{1} << shift;
    if (bytes % unit == 0) {
      return std::to_string(bytes / unit) + suffix;
    }
  }
  return std::to_string(bytes);
}

// Read the keys that defaults and node entries share.
NodeSettings read_settings(const Source& source, const Fields& fields)
{
  NodeSettings settings;
  if (auto node = fields.get("image")) {
    settings.image = read_string(source, *node, "image");
  }
  if (auto node = fields.get("cpus")) {
    settings.cpus = read_cpus(source, *node);
  }
  if (auto node = fields.get("memory")) {
    settings.memory_bytes = read_size(source, *node, "memory");
  }
  if (auto node = fields.get("tmpSize")) {
    settings.tmp_size = tmpfs_size(read_size(source, *node, "tmpSize"));
  }
  if (auto node = fields.get("capAdd")) {
    settings.cap_add = read_capabilities(source, *node, "capAdd");
  }
  if (auto node = fields.get("capDrop")) {
    settings.cap_drop = read_capabilities(source, *node, "capDrop");
  }
  if (auto node = fields.get("devices")) {
    settings.devices = read_devices(source, *node);
  }
  if (auto node = fields.get("securityOpt")) {
    settings.security_opt = read_string_list(source, *node, "securityOpt");
  }
  return settings;
}

// Read `role: worker` with its optional keys.
NodeEntry read_full_entry(const Source& source, const YAML::Node& node)
{
  const Fields fields(source, node, "node",
                      {"role", "count", "image", "cpus", "memory", "tmpSize", "capAdd", "capDrop",
                       "devices", "securityOpt", "managed"});

  NodeEntry entry;
  entry.node = node;
  entry.role = read_role(source, *fields.get("role"));
  entry.settings = read_settings(source, fields);

  if (auto count = fields.get("count")) {
    if (entry.role != NodeRole::worker) {
      source.fail(*count, "\"count\" is only allowed on workers");
    }
    entry.count = read_count(source, *count);
  }
  if (auto managed = fields.get("managed")) {
    if (entry.role != NodeRole::worker) {
      source.fail(*managed, "\"managed\" is only allowed on workers");
    }
    entry.managed = read_bool(source, *managed, "managed");
  }
  return entry;
}

// Read one entry: `controller`, `worker: 3` or a map with `role`.
NodeEntry read_entry(const Source& source, const YAML::Node& node)
{
  if (node.IsScalar()) {
    NodeEntry entry;
    entry.node = node;
    entry.role = read_role(source, node);
    return entry;
  }
  if (!node.IsMap()) {
    source.fail(node, "expected a node to be a role name or a map, got " + describe_type(node));
  }
  if (node["role"]) {
    return read_full_entry(source, node);
  }
  if (node.size() != 1) {
    source.fail(node, "missing key \"role\" in node; expected a role name, \"worker: COUNT\" or a "
                      "map with \"role\"");
  }

  // the shorthand `ROLE: COUNT`
  const auto pair = *node.begin();
  NodeEntry entry;
  entry.node = node;
  entry.role = read_role(source, pair.first);
  if (entry.role != NodeRole::worker) {
    source.fail(pair.second, "\"count\" is only allowed on workers");
  }
  entry.count = read_count(source, pair.second);
  return entry;
}

NodeConfig resolve(const NodeEntry& entry, const NodeSettings& defaults, std::string name)
{
  NodeConfig node;
  node.name = std::move(name);
  node.role = entry.role;
  node.managed = entry.managed;

  // scalars: the entry's own value, else the default
  const NodeSettings& own = entry.settings;
  node.image = own.image.value_or(defaults.image.value_or(std::string(names::default_node_image)));
  node.cpus = own.cpus ? own.cpus : defaults.cpus;
  node.memory_bytes = own.memory_bytes ? own.memory_bytes : defaults.memory_bytes;
  node.tmp_size = own.tmp_size.value_or(defaults.tmp_size.value_or(std::string(default_tmp_size)));

  // lists: the defaults first, then the entry's additions
  for (auto [list, from_defaults, from_entry] :
       {std::tuple{&node.cap_add, &defaults.cap_add, &own.cap_add},
        std::tuple{&node.cap_drop, &defaults.cap_drop, &own.cap_drop},
        std::tuple{&node.devices, &defaults.devices, &own.devices},
        std::tuple{&node.security_opt, &defaults.security_opt, &own.security_opt}}) {
    merge_unique(*list, *from_defaults);
    merge_unique(*list, *from_entry);
  }
  return node;
}

// Apply the role rules and name the nodes: controller, submitter, then
// worker-0, worker-1, ... numbered across entries in file order.
std::vector<NodeConfig> resolve_all(const Source& source, const YAML::Node& list,
                                    const std::vector<NodeEntry>& entries,
                                    const NodeSettings& defaults)
{
  std::vector<NodeConfig> controllers, submitters, workers;
  for (const NodeEntry& entry : entries) {
    switch (entry.role) {
    case NodeRole::controller:
      if (!controllers.empty()) {
        source.fail(entry.node, "a second controller; a cluster has exactly one");
      }
      controllers.push_back(resolve(entry, defaults, "controller"));
      break;
    case NodeRole::submitter:
      if (!submitters.empty()) {
        source.fail(entry.node, "a second submitter; a cluster has at most one");
      }
      submitters.push_back(resolve(entry, defaults, "submitter"));
      break;
    case NodeRole::worker:
      for (unsigned i = 0; i < entry.count; ++i) {
        workers.push_back(resolve(entry, defaults, "worker-" + std::to_string(workers.size())));
      }
      break;
    }
  }

  if (controllers.empty()) {
    source.fail(list, "no controller in nodes; a cluster has exactly one");
  }
  if (workers.empty()) {
    source.fail(list, "no worker in nodes; a cluster needs at least one");
  }

  std::vector<NodeConfig> nodes = std::move(controllers);
  nodes.insert(nodes.end(), submitters.begin(), submitters.end());
  nodes.insert(nodes.end(), workers.begin(), workers.end());
  return nodes;
}

} // namespace

NodeSettings parse_defaults(const Source& source, const YAML::Node& node)
{
  const Fields fields(source, node, "defaults",
                      {"image", "cpus", "memory", "tmpSize", "capAdd", "capDrop", "devices",
                       "securityOpt"});
  return read_settings(source, fields);
}

std::vector<NodeConfig> parse_nodes(const Source& source, const YAML::Node& node,
                                    const NodeSettings& defaults)
{
  if (!node.IsSequence()) {
    source.fail(node, "expected nodes to be a list, got " + describe_type(node));
  }

  std::vector<NodeEntry> entries;
  for (const YAML::Node& item : node) {
    entries.push_back(read_entry(source, item));
  }
  return resolve_all(source, node, entries, defaults);
}

std::vector<NodeConfig> default_nodes(const NodeSettings& defaults)
{
  NodeEntry controller;
  controller.role = NodeRole::controller;
  NodeEntry worker;
  worker.role = NodeRole::worker;
  return {resolve(controller, defaults, "controller"), resolve(worker, defaults, "worker-0")};
}

} // namespace sind::config_yaml
