#pragma once

// The Consumer interface: a plugin that connects something outside sind to a
// realm (a kind cluster, CoreDNS, SSH clients, third-party tools).

#include <string>
#include <vector>

#include <sind/network.hpp>

#include <sind/export.hpp>

namespace sind {

struct RealmNode
{
  std::string cluster;
  std::string name; // "controller", "worker-0", ...
  std::string role;
  std::string fqdn; // <node>.<cluster>.<realm>.sind
  std::string container;
  std::string ipv4_address;
};

// A read-only description of a realm, handed to consumer plugins.
struct RealmDescription
{
  std::string realm;
  std::string dns_zone;        // <realm>.sind
  std::string dns_container;
  std::string dns_ipv4_address; // the DNS server's address on the mesh
  std::string ssh_container;
  std::string node_image;
  std::vector<std::string> clusters;
  std::vector<RealmNode> nodes;
  std::string ssh_private_key;
  std::string ssh_public_key;
  std::string ssh_known_hosts;
};

// One CLI verb that a consumer adds, e.g. `sind kind connect`.
struct ConsumerCommand
{
  std::string name;
  std::string description;
};

class SIND_API Consumer
{
public:
  virtual ~Consumer() = default;

  virtual std::string name() const = 0;
  virtual std::vector<ConsumerCommand> commands() const = 0;

  // Run one of the commands with its arguments. Return the process exit code.
  virtual int run(const std::string& command, const std::vector<std::string>& arguments,
                  const RealmDescription& realm, Network& network) = 0;
};

} // namespace sind
