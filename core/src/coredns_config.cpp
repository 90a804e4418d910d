#include <sind/coredns.hpp>

#include <sind/error.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <sstream>
#include <vector>

namespace sind {
namespace {

constexpr const char* kubeadm_corefile = R"(.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
)";

// Fields that the API server sets. `kubectl apply` rejects a stale
// resourceVersion, so these are dropped from a ConfigMap read with `kubectl get`.
constexpr const char* server_fields[] = {"resourceVersion", "uid", "creationTimestamp", "managedFields"};

std::string trim(const std::string& text)
{
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) {
    return "";
  }
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// Reduce a server block key ("dns://Sind.Sind.:53") to its zone ("sind.sind").
std::string key_zone(std::string key)
{
  if (auto scheme = key.find("://"); scheme != std::string::npos) {
    key.erase(0, scheme + 3);
  }
  if (auto port = key.rfind(':'); port != std::string::npos) {
    key.erase(port);
  }
  if (!key.empty() && key.back() == '.') {
    key.pop_back();
  }
  std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
  return key;
}

// Return whether `line` opens a server block whose keys are all `zone`.
bool opens_block_for(const std::string& line, const std::string& zone)
{
  const auto code = trim(line.substr(0, line.find('#')));
  if (code.empty() || code.back() != '{') {
    return false;
  }

  std::istringstream keys(code.substr(0, code.size() - 1));
  bool any = false;
  for (std::string key; keys >> key;) {
    if (key_zone(key) != zone) {
      return false;
    }
    any = true;
  }
  return any;
}

int brace_balance(const std::string& line)
{
  const auto code = line.substr(0, line.find('#'));
  return static_cast<int>(std::count(code.begin(), code.end(), '{')) -
         static_cast<int>(std::count(code.begin(), code.end(), '}'));
}

// Emit `node` in block style, with multi-line strings as literal blocks so
// that the Corefile stays readable, and strings that were quoted in the input
// quoted again so that "123" stays a string.
void emit(YAML::Emitter& out, const YAML::Node& node)
{
  switch (node.Type()) {
  case YAML::NodeType::Map:
    out << YAML::BeginMap;
    for (const auto& entry : node) {
      out << YAML::Key;
      emit(out, entry.first);
      out << YAML::Value;
      emit(out, entry.second);
    }
    out << YAML::EndMap;
    break;
  case YAML::NodeType::Sequence:
    out << YAML::BeginSeq;
    for (const auto& item : node) {
      emit(out, item);
    }
    out << YAML::EndSeq;
    break;
  case YAML::NodeType::Scalar: {
    const auto& text = node.Scalar();
    if (text.find('\n') != std::string::npos) {
      out << YAML::Literal << text;
    } else if (node.Tag() == "!") {
      out << YAML::DoubleQuoted << text;
    } else {
      out << text;
    }
    break;
  }
  default:
    out << YAML::Null;
  }
}

YAML::Node load_configmap(const std::string& configmap, const std::string& source)
{
  YAML::Node root;
  try {
    root = YAML::Load(configmap);
  } catch (const YAML::Exception& error) {
    throw UsageError("invalid YAML in " + source + ": " + error.msg + " (line " + std::to_string(error.mark.line + 1) +
                     ")");
  }

  if (!root.IsMap() || !root["kind"] || root["kind"].as<std::string>("") != "ConfigMap") {
    throw UsageError(source + " is not a ConfigMap; give the output of "
                              "'kubectl -n kube-system get configmap coredns -o yaml'");
  }
  const auto corefile = root["data"] ? root["data"]["Corefile"] : YAML::Node();
  if (!corefile || !corefile.IsScalar()) {
    throw UsageError("the ConfigMap in " + source + " has no data.Corefile; give the ConfigMap that CoreDNS reads");
  }
  return root;
}

std::string with_final_newline(std::string text)
{
  if (!text.ends_with('\n')) {
    text += '\n';
  }
  return text;
}

} // namespace

std::string render_stub_zone(const std::string& zone, const std::string& dns_ip)
{
  return zone + ":53 {\n"
                "    errors\n"
                "    cache 30\n"
                "    forward . " +
         dns_ip + "\n}\n";
}

std::string replace_server_block(const std::string& corefile, const std::string& zone, const std::string& block)
{
  const auto target_zone = key_zone(zone);
  std::istringstream lines(corefile);
  std::string remaining;
  int skipped_depth = 0;

  for (std::string line; std::getline(lines, line);) {
    if (skipped_depth > 0) {
      skipped_depth += brace_balance(line);
      continue;
    }
    if (opens_block_for(line, target_zone)) {
      skipped_depth = brace_balance(line);
      continue;
    }
    remaining += line + "\n";
  }

  // one blank line between the remaining blocks and the new one
  while (remaining.size() >= 2 && remaining.ends_with("\n\n")) {
    remaining.pop_back();
  }
  return remaining.empty() ? block : remaining + "\n" + block;
}

std::string default_coredns_configmap()
{
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "apiVersion" << YAML::Value << "v1";
  out << YAML::Key << "kind" << YAML::Value << "ConfigMap";
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << "coredns";
  out << YAML::Key << "namespace" << YAML::Value << "kube-system";
  out << YAML::EndMap;
  out << YAML::Key << "data" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "Corefile" << YAML::Value << YAML::Literal << kubeadm_corefile;
  out << YAML::EndMap;
  out << YAML::EndMap;
  return with_final_newline(out.c_str());
}

std::string merge_stub_zone(const std::string& configmap, const std::string& source, const std::string& zone,
                            const std::string& block)
{
  auto root = load_configmap(configmap, source);

  auto corefile = root["data"]["Corefile"];
  corefile = replace_server_block(corefile.as<std::string>(), zone, block);

  if (auto metadata = root["metadata"]; metadata && metadata.IsMap()) {
    for (const char* field : server_fields) {
      metadata.remove(field);
    }
  }

  YAML::Emitter out;
  emit(out, root);
  return with_final_newline(out.c_str());
}

} // namespace sind
