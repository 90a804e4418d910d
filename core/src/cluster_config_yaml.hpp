#pragma once

// Typed reading of yaml-cpp nodes for the cluster configuration parser. Every
// failure throws sind::UsageError as "SOURCE:LINE:COLUMN: message".

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace sind::config_yaml {

// Position of a value in the source, 1-based.
struct Location
{
  int line = 1;
  int column = 1;
};

// The source being parsed, for messages.
class Source
{
public:
  explicit Source(std::string_view name) : m_name(name) {}

  // Throw sind::UsageError pointing at `node`, or at `fallback` when the node
  // carries no position (a key that is absent).
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message,
                         Location fallback = {}) const;
  [[noreturn]] void fail(Location location, const std::string& message) const;

  Location location_of(const YAML::Node& node, Location fallback = {}) const;

private:
  std::string m_name;
};

// One key of a map with its key and value nodes.
struct Field
{
  std::string key;
  YAML::Node key_node;
  YAML::Node value;
};

// The keys of a map, checked against the allowed ones.
class Fields
{
public:
  // Read `map`, naming it `what` in messages ("node", "defaults"). Reject a
  // value that is not a map, unknown keys and duplicate keys. A null value
  // reads as an empty map.
  Fields(const Source& source, const YAML::Node& map, std::string_view what,
         std::initializer_list<std::string_view> allowed);

  // Return the value of `key`, or nothing when the map lacks it.
  std::optional<YAML::Node> get(std::string_view key) const;
  const Field* find(std::string_view key) const;
  const std::vector<Field>& all() const { return m_fields; }

private:
  std::vector<Field> m_fields;
};

// Return "a map", "a list", "a string" or "nothing" for messages.
std::string describe_type(const YAML::Node& node);

// Read a scalar. Reject maps, lists, null and empty strings.
std::string read_string(const Source& source, const YAML::Node& node, std::string_view what);

// Read a list of non-empty strings.
std::vector<std::string> read_string_list(const Source& source, const YAML::Node& node,
                                          std::string_view what);

bool read_bool(const Source& source, const YAML::Node& node, std::string_view what);

// Read a whole number of at least 1.
unsigned read_count(const Source& source, const YAML::Node& node);

// Read a positive, finite CPU count.
double read_cpus(const Source& source, const YAML::Node& node);

// Read a size (see sind::parse_size) naming it `what` ("memory", "tmpSize").
std::uint64_t read_size(const Source& source, const YAML::Node& node, std::string_view what);

// Read an absolute path, naming it `what` in messages.
std::string read_absolute_path(const Source& source, const YAML::Node& node, std::string_view what);

// Append the items of `extra` to `list` that it does not hold yet.
void merge_unique(std::vector<std::string>& list, const std::vector<std::string>& extra);

} // namespace sind::config_yaml
