#include "cluster_config_yaml.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <sind/cluster_config.hpp>
#include <sind/error.hpp>

namespace sind::config_yaml {

namespace {

std::string in_quotes(std::string_view text)
{
  return "\"" + std::string(text) + "\"";
}

} // namespace

void Source::fail(const YAML::Node& node, const std::string& message, Location fallback) const
{
  fail(location_of(node, fallback), message);
}

void Source::fail(Location location, const std::string& message) const
{
  throw UsageError(m_name + ":" + std::to_string(location.line) + ":" +
                   std::to_string(location.column) + ": " + message);
}

Location Source::location_of(const YAML::Node& node, Location fallback) const
{
  // yaml-cpp marks are 0-based; nodes built rather than parsed carry a null mark.
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) {
    return fallback;
  }
  return {mark.line + 1, mark.column + 1};
}

Fields::Fields(const Source& source, const YAML::Node& map, std::string_view what,
               std::initializer_list<std::string_view> allowed)
{
  if (map.IsNull()) {
    return;
  }
  if (!map.IsMap()) {
    source.fail(map, "expected " + std::string(what) + " to be a map, got " + describe_type(map));
  }

  for (const auto& entry : map) {
    const YAML::Node key_node = entry.first;
    if (!key_node.IsScalar()) {
      source.fail(key_node, "expected a string key in " + std::string(what) + ", got " +
                              describe_type(key_node));
    }
    const std::string key = key_node.Scalar();

    // yaml-cpp keeps both entries of a duplicated key; reject it rather than pick one.
    if (find(key) != nullptr) {
      source.fail(key_node, "duplicate key " + in_quotes(key) + " in " + std::string(what));
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string expected;
      for (std::string_view name : allowed) {
        expected += (expected.empty() ? "" : ", ") + std::string(name);
      }
      source.fail(key_node, "unknown key " + in_quotes(key) + " in " + std::string(what) +
                              "; expected one of " + expected);
    }
    m_fields.push_back({key, key_node, entry.second});
  }
}

std::optional<YAML::Node> Fields::get(std::string_view key) const
{
  const Field* field = find(key);
  if (field == nullptr) {
    return std::nullopt;
  }
  return field->value;
}

const Field* Fields::find(std::string_view key) const
{
  for (const Field& field : m_fields) {
    if (field.key == key) {
      return &field;
    }
  }
  return nullptr;
}

std::string describe_type(const YAML::Node& node)
{
  if (node.IsMap()) {
    return "a map";
  }
  if (node.IsSequence()) {
    return "a list";
  }
  if (node.IsScalar()) {
    return "a string";
  }
  return "nothing";
}

std::string read_string(const Source& source, const YAML::Node& node, std::string_view what)
{
  if (!node.IsScalar()) {
    source.fail(node, "expected " + std::string(what) + " to be a string, got " + describe_type(node));
  }
  if (node.Scalar().empty()) {
    source.fail(node, "empty " + std::string(what) + "; expected a non-empty string");
  }
  return node.Scalar();
}

std::vector<std::string> read_string_list(const Source& source, const YAML::Node& node,
                                          std::string_view what)
{
  if (!node.IsSequence()) {
    source.fail(node, "expected " + std::string(what) + " to be a list of strings, got " +
                        describe_type(node));
  }

  std::vector<std::string> items;
  for (const YAML::Node& item : node) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      source.fail(item, "expected " + std::string(what) + " to be a list of strings, got " +
                          (item.IsScalar() ? "an empty string" : describe_type(item)));
    }
    items.push_back(item.Scalar());
  }
  return items;
}

bool read_bool(const Source& source, const YAML::Node& node, std::string_view what)
{
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  if (text == "true") {
    return true;
  }
  if (text == "false") {
    return false;
  }

  const std::string got = node.IsScalar() ? in_quotes(text) : describe_type(node);
  source.fail(node, "invalid " + std::string(what) + " " + got + ": expected true or false");
}

unsigned read_count(const Source& source, const YAML::Node& node)
{
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  unsigned count = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || count < 1) {
    const std::string got = node.IsScalar() ? text : describe_type(node);
    source.fail(node, "invalid count " + got + ": expected a whole number of at least 1");
  }
  return count;
}

double read_cpus(const Source& source, const YAML::Node& node)
{
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  double cpus = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), cpus);
  const bool whole_text = !text.empty() && error == std::errc() && end == text.data() + text.size();
  if (!whole_text || !std::isfinite(cpus) || cpus <= 0) {
    const std::string got = node.IsScalar() ? in_quotes(text) : describe_type(node);
    source.fail(node, "invalid cpus " + got + ": expected a positive number such as 2 or 0.5");
  }
  return cpus;
}

std::uint64_t read_size(const Source& source, const YAML::Node& node, std::string_view what)
{
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  const std::optional<std::uint64_t> bytes = parse_size(text);
  if (!node.IsScalar() || !bytes) {
    const std::string got = node.IsScalar() ? in_quotes(text) : describe_type(node);
    source.fail(node, "invalid " + std::string(what) + " size " + got +
                        ": expected a number greater than 0 with an optional suffix k, m, g or t");
  }
  return *bytes;
}

std::string read_absolute_path(const Source& source, const YAML::Node& node, std::string_view what)
{
  const std::string path = read_string(source, node, what);
  if (path.front() != '/') {
    source.fail(node, "invalid " + std::string(what) + " " + in_quotes(path) +
                        ": expected an absolute path");
  }
  return path;
}

void merge_unique(std::vector<std::string>& list, const std::vector<std::string>& extra)
{
  for (const std::string& item : extra) {
    if (std::find(list.begin(), list.end(), item) == list.end()) {
      list.push_back(item);
    }
  }
}

} // namespace sind::config_yaml
