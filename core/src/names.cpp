#include <sind/names.hpp>

#include <sind/error.hpp>

#include <initializer_list>

namespace sind::names {

namespace {

std::string join(std::initializer_list<std::string_view> parts, char separator)
{
  std::string result;
  for (auto part : parts) {
    if (!result.empty()) {
      result += separator;
    }
    result += part;
  }
  return result;
}

} // namespace

std::string mesh_network(std::string_view realm)
{
  return join({realm, "mesh"}, '-');
}

std::string dns_container(std::string_view realm)
{
  return join({realm, "dns"}, '-');
}

std::string ssh_container(std::string_view realm)
{
  return join({realm, "ssh"}, '-');
}

std::string ssh_volume(std::string_view realm)
{
  return join({realm, "ssh-config"}, '-');
}

std::string cluster_network(std::string_view realm, std::string_view cluster)
{
  return join({realm, cluster, "net"}, '-');
}

std::string node_container(std::string_view realm, std::string_view cluster, std::string_view node)
{
  return join({realm, cluster, node}, '-');
}

std::string config_volume(std::string_view realm, std::string_view cluster)
{
  return join({realm, cluster, "config"}, '-');
}

std::string munge_volume(std::string_view realm, std::string_view cluster)
{
  return join({realm, cluster, "munge"}, '-');
}

std::string data_volume(std::string_view realm, std::string_view cluster)
{
  return join({realm, cluster, "data"}, '-');
}

std::string dns_zone(std::string_view realm)
{
  return join({realm, "sind"}, '.');
}

std::string node_fqdn(std::string_view realm, std::string_view cluster, std::string_view node)
{
  return join({node, cluster, realm, "sind"}, '.');
}

void validate_dns_label(std::string_view what, std::string_view name)
{
  auto invalid = [&](const std::string& reason) {
    return UsageError("invalid " + std::string(what) + " name \"" + std::string(name) + "\": " + reason);
  };

  if (name.empty()) {
    throw invalid("it is empty");
  }
  if (name.size() > 63) {
    throw invalid("it has " + std::to_string(name.size()) + " characters, at most 63 are allowed");
  }
  if (name.front() < 'a' || name.front() > 'z') {
    throw invalid("it must start with a lowercase letter");
  }
  if (name.back() == '-') {
    throw invalid("it must not end with '-'");
  }
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed) {
      throw invalid(std::string("'") + c + "' is not allowed; use lowercase letters, digits and '-'");
    }
  }
}

} // namespace sind::names
