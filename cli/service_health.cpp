#include "service_health.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>

#include <sstream>

namespace sind::cli {

std::vector<ServiceCheck> services_for_role(std::string_view role)
{
  std::vector<ServiceCheck> services{{"munge", "munge"}, {"sshd", "ssh"}};
  if (role == "controller") {
    services.push_back({"slurmctld", "slurmctld"});
  } else if (role == "worker") {
    services.push_back({"slurmd", "slurmd"});
  } else if (role == "db") {
    services.push_back({"slurmdbd", "slurmdbd"});
  }
  return services;
}

std::vector<bool> parse_is_active(std::string_view output, std::size_t count)
{
  std::vector<bool> active;
  std::istringstream lines{std::string(output)};
  for (std::string line; active.size() < count && std::getline(lines, line);) {
    active.push_back(line == "active");
  }

  active.resize(count, false);
  return active;
}

NodeAddress parse_node_address(std::string_view argument, std::string_view default_cluster)
{
  const auto dot = argument.find('.');
  NodeAddress address{std::string(argument.substr(0, dot)), dot == std::string_view::npos
                                                                ? std::string(default_cluster)
                                                                : std::string(argument.substr(dot + 1))};

  if (address.node.empty()) {
    throw UsageError("invalid node \"" + std::string(argument) + "\": expected NODE or NODE.CLUSTER");
  }
  names::validate_dns_label("cluster", address.cluster);
  return address;
}

} // namespace sind::cli
