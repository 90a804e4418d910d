#pragma once

// The mesh of a realm: one network that carries the realm's DNS server
// (authoritative for <realm>.sind) and its SSH relay, plus the SSH volume
// with the realm's key pair and known_hosts. Every cluster of the realm uses
// it; the last cluster to go takes it along.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <sind/log.hpp>
#include <sind/runtime.hpp>

namespace sind {

struct MeshInfo
{
  std::string realm;
  std::string dns_zone;       // <realm>.sind
  std::string network;        // <realm>-mesh
  std::string subnet;
  std::string gateway;
  std::string dns_container;  // <realm>-dns
  std::string dns_ip;         // fixed address of the DNS server on the mesh
  std::string dns_image;
  std::string ssh_container;  // <realm>-ssh
  std::string ssh_volume;     // <realm>-ssh-config
  std::string ssh_image;
};

// A DNS record of the zone: a node's FQDN and its address.
struct DnsRecord
{
  std::string hostname;
  std::string ip;
};

class Mesh
{
public:
  Mesh(Runtime& runtime, std::string realm, Logger& logger);

  // Create what is missing of the mesh from `image` and start it: network,
  // DNS server, SSH volume with a fresh ed25519 key pair, SSH relay. Return
  // the mesh as it then is. Parts that exist are kept as they are.
  MeshInfo ensure(const std::string& image);

  // Return the mesh, or nothing when the realm has no mesh network.
  std::optional<MeshInfo> inspect();

  // Remove the relay, the DNS server, the network and the SSH volume, and
  // the SSH settings exported from it. Parts that do not exist are skipped.
  void remove();

  // Replace the DNS records of `cluster` (an empty list removes them).
  void set_dns_records(const std::string& cluster, const std::vector<DnsRecord>& records);

  // Return every DNS record of the realm, ordered by cluster then host.
  std::vector<DnsRecord> dns_records();

  // Replace the known_hosts lines of `cluster` (an empty list removes them)
  // and rebuild the realm's known_hosts from every cluster's lines. Copies
  // it to the state folder when `sind get ssh-config` exported one there.
  void set_known_hosts(const std::string& cluster, const std::vector<std::string>& lines);

  // Attach the SSH relay to a cluster network, or detach it.
  void connect_relay(const std::string& network);
  void disconnect_relay(const std::string& network);

  // Read one file of the SSH volume: "id_ed25519", "id_ed25519.pub", "known_hosts".
  std::string read_ssh_file(const std::string& file);

private:
  std::string create_network();
  void create_dns_server(const MeshInfo& mesh, const std::string& image);
  void create_ssh_relay(const MeshInfo& mesh, const std::string& image);
  Labels labels(const std::string& component) const;

  Runtime& m_runtime;
  std::string m_realm;
  Logger& m_logger;
};

} // namespace sind
