// The top level of a cluster configuration file: the document, `kind`,
// `name`, `realm`, and the public entry points.

#include <sind/cluster_config.hpp>

#include <fstream>
#include <sstream>

#include <sind/error.hpp>
#include <sind/names.hpp>

#include "cluster_config_parse.hpp"

namespace sind {

namespace {

using config_yaml::Fields;
using config_yaml::Source;

// Read a realm or cluster name, reporting an invalid one at its position.
std::string read_name(const Source& source, const YAML::Node& node, std::string_view what)
{
  const std::string name = config_yaml::read_string(source, node, std::string(what) + " name");
  try {
    names::validate_dns_label(what, name);
  } catch (const UsageError& error) {
    source.fail(node, error.what());
  }
  return name;
}

YAML::Node load_document(const Source& source, std::string_view text)
{
  YAML::Node document;
  try {
    document = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& error) {
    source.fail({error.mark.line + 1, error.mark.column + 1}, "invalid YAML: " + error.msg);
  }

  if (document.IsNull()) {
    source.fail(config_yaml::Location{}, "the document is empty; expected a map starting with \"kind: Cluster\"");
  }
  if (!document.IsMap()) {
    source.fail(document, "expected the document to be a map, got " + config_yaml::describe_type(document));
  }
  return document;
}

void check_kind(const Source& source, const YAML::Node& document, const Fields& fields)
{
  const std::optional<YAML::Node> kind = fields.get("kind");
  if (!kind) {
    source.fail(document, "missing key \"kind\"; expected \"kind: Cluster\"");
  }
  const std::string value = kind->IsScalar() ? kind->Scalar() : config_yaml::describe_type(*kind);
  if (value != "Cluster") {
    source.fail(*kind, "invalid kind \"" + value + "\": expected Cluster");
  }
}

} // namespace

std::string_view to_string(NodeRole role)
{
  switch (role) {
  case NodeRole::controller:
    return "controller";
  case NodeRole::submitter:
    return "submitter";
  case NodeRole::worker:
    return "worker";
  }
  return "worker";
}

ClusterConfig default_cluster_config()
{
  ClusterConfig config;
  config.nodes = config_yaml::default_nodes(config.defaults);
  return config;
}

ClusterConfig parse_cluster_config(std::string_view text, std::string_view source_name)
{
  const Source source(source_name);
  const YAML::Node document = load_document(source, text);
  const Fields fields(source, document, "the cluster configuration",
                      {"kind", "name", "realm", "defaults", "nodes", "storage", "slurm"});
  check_kind(source, document, fields);

  ClusterConfig config;
  if (auto name = fields.get("name")) {
    config.name = read_name(source, *name, "cluster");
  }
  if (auto realm = fields.get("realm")) {
    config.realm = read_name(source, *realm, "realm");
  }
  if (auto defaults = fields.get("defaults")) {
    config.defaults = config_yaml::parse_defaults(source, *defaults);
  }

  const std::optional<YAML::Node> nodes = fields.get("nodes");
  config.nodes = nodes ? config_yaml::parse_nodes(source, *nodes, config.defaults)
                       : config_yaml::default_nodes(config.defaults);

  if (auto storage = fields.get("storage")) {
    config.data_storage = config_yaml::parse_storage(source, *storage);
  }
  if (auto slurm = fields.get("slurm")) {
    config.slurm = config_yaml::parse_slurm(source, *slurm);
  }
  return config;
}

ClusterConfig load_cluster_config(const std::filesystem::path& path)
{
  std::ifstream file(path, std::ios::binary);
  if (!file.is_open()) {
    throw UsageError("cannot read cluster configuration " + path.string() +
                     ": the file does not exist or is not readable");
  }

  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) {
    throw UsageError("cannot read cluster configuration " + path.string() + ": read error");
  }
  return parse_cluster_config(text.str(), path.string());
}

void apply_data_flag(DataStorage& storage, std::string_view value, const std::filesystem::path& working_dir)
{
  if (value.empty()) {
    throw UsageError("invalid --data value \"\": expected volume, . or a folder path");
  }
  if (value == "volume") {
    storage.type = DataStorage::Type::volume;
    storage.host_path.clear();
    return;
  }

  // "." and relative paths are taken from the working folder
  const std::filesystem::path path = std::filesystem::path(value).is_absolute()
                                       ? std::filesystem::path(value)
                                       : working_dir / value;
  std::string normal = path.lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') {
    normal.pop_back();
  }
  storage.type = DataStorage::Type::host_path;
  storage.host_path = normal;
}

} // namespace sind
