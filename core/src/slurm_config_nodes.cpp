// sind-nodes.conf: the managed workers and the default partition, with node
// names folded into Slurm's hostlist syntax.

#include "slurm_config_files.hpp"

#include <sind/names.hpp>
#include <sind/nodeset.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

namespace sind {

namespace {

// Split "worker-12" into {"worker-", 12}. Return nothing for names without a
// numeric suffix or with a leading zero, which folding would not keep.
std::optional<std::pair<std::string, long>> split_number(const std::string& name)
{
  const std::size_t digits = name.find_last_not_of("0123456789") + 1;
  if (digits == name.size() || (name[digits] == '0' && digits + 1 < name.size()) ||
      name.size() - digits > 9) {
    return std::nullopt;
  }
  return std::pair{name.substr(0, digits), std::stol(name.substr(digits))};
}

// Return "[0-2,5]" for {0, 1, 2, 5}, or "5" for {5}.
std::string fold_numbers(std::vector<long> numbers)
{
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  if (numbers.size() == 1) {
    return std::to_string(numbers.front());
  }

  std::string ranges;
  for (std::size_t i = 0; i < numbers.size();) {
    std::size_t last = i;
    while (last + 1 < numbers.size() && numbers[last + 1] == numbers[last] + 1) {
      ++last;
    }
    ranges += (ranges.empty() ? "" : ",") + std::to_string(numbers[i]);
    if (last > i) {
      ranges += "-" + std::to_string(numbers[last]);
    }
    i = last + 1;
  }
  return "[" + ranges + "]";
}

// The hardware Slurm is told a worker has.
struct NodeShape
{
  std::optional<long> cpus;
  std::optional<std::uint64_t> memory_mib;

  auto operator<=>(const NodeShape&) const = default;
};

NodeShape shape_of(const NodeConfig& node)
{
  NodeShape shape;

  // Slurm counts whole CPUs; a fractional quota such as 1.5 offers 1.
  if (node.cpus) {
    shape.cpus = std::max(1L, static_cast<long>(std::floor(*node.cpus)));
  }
  if (node.memory_bytes) {
    shape.memory_mib = std::max<std::uint64_t>(1, *node.memory_bytes / (1024 * 1024));
  }
  return shape;
}

std::string node_line(const std::string& names, const NodeShape& shape)
{
  std::string line = "NodeName=" + names;
  if (shape.cpus) {
    line += " CPUs=" + std::to_string(*shape.cpus);
  }
  if (shape.memory_mib) {
    line += " RealMemory=" + std::to_string(*shape.memory_mib);
  }
  return line + " State=UNKNOWN\n";
}

// Read one "NodeName=worker-[0-1] CPUs=2 RealMemory=2048 State=UNKNOWN" line
// into one NodeConfig per node.
std::vector<NodeConfig> parse_node_line(const std::string& line)
{
  NodeConfig shape;
  std::string expression;
  std::istringstream words(line);
  for (std::string word; words >> word;) {
    const auto equals = word.find('=');
    const auto key = word.substr(0, equals);
    const auto value = equals == std::string::npos ? "" : word.substr(equals + 1);
    if (key == "NodeName") {
      expression = value;
    } else if (key == "CPUs") {
      shape.cpus = std::stod(value);
    } else if (key == "RealMemory") {
      shape.memory_bytes = std::stoull(value) * 1024 * 1024;
    }
  }

  // the cluster part of the node set is required but unused here
  std::vector<NodeConfig> nodes;
  for (const auto& ref : parse_nodeset(expression, names::default_cluster)) {
    NodeConfig node = shape;
    node.name = ref.node;
    nodes.push_back(std::move(node));
  }
  return nodes;
}

} // namespace

std::string fold_node_names(const std::vector<std::string>& names)
{
  // group numbered names by prefix, keeping the order of first appearance
  std::vector<std::pair<std::string, std::vector<long>>> groups;
  std::vector<std::string> plain;
  for (const std::string& name : names) {
    const auto split = split_number(name);
    if (!split) {
      plain.push_back(name);
      continue;
    }
    auto group = std::find_if(groups.begin(), groups.end(),
                              [&](const auto& g) { return g.first == split->first; });
    if (group == groups.end()) {
      groups.push_back({split->first, {}});
      group = std::prev(groups.end());
    }
    group->second.push_back(split->second);
  }

  std::string folded;
  for (const auto& [prefix, numbers] : groups) {
    folded += (folded.empty() ? "" : ",") + prefix + fold_numbers(numbers);
  }
  for (const std::string& name : plain) {
    folded += (folded.empty() ? "" : ",") + name;
  }
  return folded;
}

std::string generate_nodes_conf(const std::vector<NodeConfig>& nodes)
{
  // group the managed workers by shape, in the order shapes first appear
  std::vector<std::pair<NodeShape, std::vector<std::string>>> groups;
  std::vector<std::string> managed;
  for (const NodeConfig& node : nodes) {
    if (node.role != NodeRole::worker || !node.managed) {
      continue;
    }
    const NodeShape shape = shape_of(node);
    auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == shape; });
    if (group == groups.end()) {
      groups.push_back({shape, {}});
      group = std::prev(groups.end());
    }
    group->second.push_back(node.name);
    managed.push_back(node.name);
  }

  std::string text = std::string(nodes_conf_header) + "\n"
                     "# Unmanaged workers run no slurmd and are not listed here. sind rewrites this\n"
                     "# file when workers are added or deleted, as long as this header stays first.\n"
                     "# CPUs and RealMemory are the container limits; a worker without a limit\n"
                     "# is given Slurm's default of 1 CPU and 1 MiB.\n";
  for (const auto& [shape, names] : groups) {
    text += node_line(fold_node_names(names), shape);
  }

  text += "\nPartitionName=all";
  if (!managed.empty()) {
    text += " Nodes=" + fold_node_names(managed);
  }
  text += " Default=YES MaxTime=INFINITE State=UP\n";
  return text;
}

std::optional<std::vector<NodeConfig>> parse_nodes_conf(std::string_view text)
{
  if (!text.starts_with(nodes_conf_header)) {
    return std::nullopt;
  }

  std::vector<NodeConfig> nodes;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("NodeName=")) {
      auto group = parse_node_line(line);
      nodes.insert(nodes.end(), group.begin(), group.end());
    }
  }
  return nodes;
}

} // namespace sind
