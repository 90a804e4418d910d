#include <sind/nodeset.hpp>

#include <sind/error.hpp>
#include <sind/names.hpp>

#include <algorithm>
#include <set>
#include <utility>

namespace sind {
namespace {

// A node pattern split into literal text and bracket groups: "worker-[0-1]"
// is {"worker-"}, {"0", "1"}. A literal is a group of one.
using Pattern = std::vector<std::vector<std::string>>;

// Numbers in a range have at most 9 digits, so they fit an int.
constexpr std::size_t max_digits = 9;

class NodesetParser
{
public:
  NodesetParser(std::string_view argument, std::string_view default_cluster)
    : m_argument(argument),
      m_default_cluster(default_cluster)
  {
  }

  std::vector<NodeRef> parse()
  {
    if (m_argument.empty()) {
      fail("it is empty; name a node such as worker-0 or worker-0.CLUSTER");
    }

    std::vector<NodeRef> nodes;
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& item : split_items()) {
      for (auto& node : parse_item(item)) {
        if (seen.emplace(node.cluster, node.node).second) {
          nodes.push_back(std::move(node));
        }
        if (nodes.size() > max_nodeset_size) {
          fail("it expands to more than " + std::to_string(max_nodeset_size) + " nodes");
        }
      }
    }
    return nodes;
  }

private:
  [[noreturn]] void fail(const std::string& fault) const
  {
    throw UsageError("invalid node set \"" + std::string(m_argument) + "\": " + fault);
  }

  // Split at the commas outside brackets, checking that brackets pair up.
  std::vector<std::string_view> split_items() const
  {
    std::vector<std::string_view> items;
    std::size_t start = 0;
    bool in_group = false;
    for (std::size_t i = 0; i <= m_argument.size(); ++i) {
      const char c = i < m_argument.size() ? m_argument[i] : ',';
      if (c == '[') {
        if (in_group) {
          fail("brackets cannot be nested");
        }
        in_group = true;
      } else if (c == ']') {
        if (!in_group) {
          fail("']' at position " + std::to_string(i + 1) + " has no matching '['");
        }
        in_group = false;
      } else if (c == ',' && !in_group) {
        if (i == m_argument.size() && start == i && !items.empty()) {
          fail("it ends with ','");
        }
        if (start == i) {
          fail("it has an empty item; separate nodes with single commas");
        }
        items.push_back(m_argument.substr(start, i - start));
        start = i + 1;
      }
    }
    if (in_group) {
      fail("'[' has no matching ']'");
    }
    return items;
  }

  std::vector<NodeRef> parse_item(std::string_view item) const
  {
    const auto dot = find_cluster_dot(item);
    const auto pattern = item.substr(0, dot);
    const std::string cluster =
      dot == std::string_view::npos ? std::string(m_default_cluster) : std::string(item.substr(dot + 1));
    check_cluster(item, pattern, cluster);

    std::vector<NodeRef> nodes;
    for (auto& name : expand(parse_pattern(pattern))) {
      nodes.push_back({cluster, std::move(name)});
    }
    return nodes;
  }

  // Return the first '.' outside brackets, where the cluster suffix starts.
  static std::size_t find_cluster_dot(std::string_view item)
  {
    bool in_group = false;
    for (std::size_t i = 0; i < item.size(); ++i) {
      if (item[i] == '[' || item[i] == ']') {
        in_group = item[i] == '[';
      } else if (item[i] == '.' && !in_group) {
        return i;
      }
    }
    return std::string_view::npos;
  }

  void check_cluster(std::string_view item, std::string_view pattern, const std::string& cluster) const
  {
    const std::string_view zone_suffix = ".sind";
    const bool is_fqdn = cluster.find('.') != std::string::npos && cluster.size() > zone_suffix.size() &&
                         cluster.ends_with(zone_suffix);
    if (is_fqdn) {
      fail("write NODE.CLUSTER, not a full DNS name: use " + std::string(pattern) + "." +
           cluster.substr(0, cluster.find('.')) + ", not " + std::string(item));
    }

    try {
      names::validate_dns_label("cluster", cluster);
    } catch (const UsageError& error) {
      fail(error.what());
    }
  }

  Pattern parse_pattern(std::string_view pattern) const
  {
    if (pattern.empty()) {
      fail("a node name is empty (expected NODE or NODE.CLUSTER)");
    }

    Pattern parts;
    std::size_t i = 0;
    while (i < pattern.size()) {
      if (pattern[i] == '[') {
        const auto close = pattern.find(']', i);
        if (close == std::string_view::npos) {
          fail("'[' has no matching ']' in " + std::string(pattern));
        }
        parts.push_back(parse_group(pattern.substr(i + 1, close - i - 1)));
        i = close + 1;
        continue;
      }

      const auto end = std::min(pattern.find('[', i), pattern.size());
      const auto literal = pattern.substr(i, end - i);
      check_literal(literal);
      parts.push_back({std::string(literal)});
      i = end;
    }
    return parts;
  }

  void check_literal(std::string_view literal) const
  {
    for (const char c : literal) {
      const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      if (!allowed) {
        fail(std::string("'") + c + "' is not allowed in a node name; use lowercase letters, digits and '-'");
      }
    }
  }

  // Expand the inside of one bracket group: "0-3,7".
  std::vector<std::string> parse_group(std::string_view group) const
  {
    if (group.empty()) {
      fail("the brackets [] are empty; write a number or a range such as [0-3]");
    }

    std::vector<std::string> values;
    std::size_t start = 0;
    while (start <= group.size()) {
      const auto comma = std::min(group.find(',', start), group.size());
      const auto element = group.substr(start, comma - start);
      if (element.empty()) {
        fail("[" + std::string(group) + "] has an empty range; separate ranges with single commas");
      }
      append_range(element, values);
      start = comma + 1;
    }
    return values;
  }

  // Append "3" or the numbers of "1-3", padded to the width of the lower bound.
  void append_range(std::string_view element, std::vector<std::string>& values) const
  {
    const auto dash = element.find('-');
    const auto low_text = element.substr(0, dash);
    const auto high_text = dash == std::string_view::npos ? low_text : element.substr(dash + 1);
    const int low = parse_number(low_text, element);
    const int high = parse_number(high_text, element);
    if (low > high) {
      fail("the range " + std::string(element) + " runs backwards; write it as " + std::string(high_text) + "-" +
           std::string(low_text));
    }
    if (static_cast<std::size_t>(high - low) >= max_nodeset_size) {
      fail("the range " + std::string(element) + " has more than " + std::to_string(max_nodeset_size) + " nodes");
    }

    for (int number = low; number <= high; ++number) {
      auto text = std::to_string(number);
      if (text.size() < low_text.size()) {
        text.insert(0, low_text.size() - text.size(), '0');
      }
      values.push_back(std::move(text));
    }
  }

  int parse_number(std::string_view text, std::string_view element) const
  {
    if (text.empty()) {
      fail("the range \"" + std::string(element) + "\" lacks a number; write N or N-M");
    }
    if (text.size() > max_digits) {
      fail("the number " + std::string(text) + " has more than " + std::to_string(max_digits) + " digits");
    }
    for (const char c : text) {
      if (c < '0' || c > '9') {
        fail("\"" + std::string(element) + "\" in brackets is not a number or a range N-M");
      }
    }
    return std::stoi(std::string(text));
  }

  std::vector<std::string> expand(const Pattern& parts) const
  {
    std::size_t total = 1;
    for (const auto& part : parts) {
      total *= part.size();
      if (total > max_nodeset_size) {
        fail("it expands to more than " + std::to_string(max_nodeset_size) + " nodes");
      }
    }

    std::vector<std::string> names{""};
    for (const auto& part : parts) {
      std::vector<std::string> longer;
      for (const auto& prefix : names) {
        for (const auto& value : part) {
          longer.push_back(prefix + value);
        }
      }
      names = std::move(longer);
    }
    return names;
  }

  std::string_view m_argument;
  std::string_view m_default_cluster;
};

} // namespace

std::vector<NodeRef> parse_nodeset(std::string_view argument, std::string_view default_cluster)
{
  return NodesetParser(argument, default_cluster).parse();
}

std::vector<NodeRef> parse_nodesets(const std::vector<std::string>& arguments,
                                    std::string_view default_cluster)
{
  std::vector<NodeRef> nodes;
  for (const auto& argument : arguments) {
    for (auto& node : parse_nodeset(argument, default_cluster)) {
      if (std::find(nodes.begin(), nodes.end(), node) == nodes.end()) {
        nodes.push_back(std::move(node));
      }
    }
  }
  return nodes;
}

} // namespace sind
