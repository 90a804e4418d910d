// The `storage:` and `slurm:` sections of a cluster configuration file.

#include "cluster_config_parse.hpp"

namespace sind::config_yaml {

namespace {

std::string in_quotes(std::string_view text)
{
  return "\"" + std::string(text) + "\"";
}

// Check a fragment name: it becomes the file name <name>.conf in a .conf.d folder.
void check_fragment_name(const Source& source, const YAML::Node& key_node, const std::string& name)
{
  if (name.find('/') != std::string::npos) {
    source.fail(key_node, "invalid fragment name " + in_quotes(name) +
                            ": fragment names must not contain \"/\"");
  }
  const bool valid_characters = name.find_first_not_of("abcdefghijklmnopqrstuvwxyz"
                                                       "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                       "0123456789._-") == std::string::npos;
  if (name.empty() || name.front() == '.' || !valid_characters) {
    source.fail(key_node, "invalid fragment name " + in_quotes(name) +
                            ": expected letters, digits, '.', '_' and '-', not starting with '.'");
  }
}

// Read one file's extra content: a string, or a map of fragment name -> content.
SlurmFileExtra read_file_extra(const Source& source, const YAML::Node& node, std::string_view file)
{
  SlurmFileExtra extra;
  if (node.IsScalar()) {
    extra.content = node.Scalar();
    return extra;
  }
  if (!node.IsMap()) {
    source.fail(node, "expected slurm." + std::string(file) +
                        " to be a string or a map of fragment names to strings, got " +
                        describe_type(node));
  }

  for (const auto& entry : node) {
    const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
    check_fragment_name(source, entry.first, name);
    if (extra.fragments.count(name) != 0) {
      source.fail(entry.first, "duplicate fragment name " + in_quotes(name));
    }
    if (!entry.second.IsScalar()) {
      source.fail(entry.second, "expected fragment " + in_quotes(name) + " to be a string, got " +
                                  describe_type(entry.second));
    }
    extra.fragments[name] = entry.second.Scalar();
  }
  return extra;
}

} // namespace

DataStorage parse_storage(const Source& source, const YAML::Node& node)
{
  const Fields storage_fields(source, node, "storage", {"dataStorage"});
  const std::optional<YAML::Node> data = storage_fields.get("dataStorage");
  if (!data) {
    return {};
  }

  const Fields fields(source, *data, "dataStorage", {"type", "hostPath", "mountPath"});
  DataStorage storage;
  const std::optional<YAML::Node> type = fields.get("type");
  const std::optional<YAML::Node> host_path = fields.get("hostPath");

  // type: volume (the default) or hostPath, which needs an absolute hostPath
  const std::string type_name = type ? read_string(source, *type, "type") : "volume";
  if (type_name == "hostPath") {
    if (!host_path) {
      source.fail(*type, "missing key \"hostPath\" in dataStorage; type hostPath needs an absolute path");
    }
    storage.type = DataStorage::Type::host_path;
    storage.host_path = read_absolute_path(source, *host_path, "hostPath");
  } else if (type_name == "volume") {
    if (host_path) {
      source.fail(fields.find("hostPath")->key_node,
                  "\"hostPath\" is only allowed with type hostPath");
    }
  } else {
    source.fail(*type, "invalid dataStorage type " + in_quotes(type_name) + ": expected volume or hostPath");
  }

  if (auto mount_path = fields.get("mountPath")) {
    storage.mount_path = read_absolute_path(source, *mount_path, "mountPath");
    if (storage.mount_path == "/") {
      source.fail(*mount_path, "invalid mountPath \"/\": expected a folder below /");
    }
  }
  return storage;
}

SlurmExtras parse_slurm(const Source& source, const YAML::Node& node)
{
  const Fields fields(source, node, "slurm", {"main", "cgroup", "gres", "topology", "plugstack"});

  SlurmExtras extras;
  for (auto [key, extra] : {std::pair{"main", &extras.main}, std::pair{"cgroup", &extras.cgroup},
                            std::pair{"gres", &extras.gres}, std::pair{"topology", &extras.topology},
                            std::pair{"plugstack", &extras.plugstack}}) {
    if (auto value = fields.get(key)) {
      *extra = read_file_extra(source, *value, key);
    }
  }
  return extras;
}

} // namespace sind::config_yaml
