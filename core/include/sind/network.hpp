#pragma once

// The Network interface: a realm's networks as an external consumer sees them.
// Core implements it on top of Runtime; consumer plugins receive it instead of
// raw network names, so they never rebuild sind's naming scheme.

#include <string>
#include <vector>

#include <sind/export.hpp>

namespace sind {

struct RealmNetwork
{
  enum class Kind { mesh, cluster };

  Kind kind = Kind::cluster;
  std::string name;
  std::string cluster; // empty for the mesh
  std::string subnet;
  std::string gateway;
};

// A container attached to one of the realm's networks.
struct AttachedEndpoint
{
  std::string network;
  std::string container_id;
  std::string container_name;
  std::string ipv4_address;
  bool managed = false; // created by sind (a node, the DNS server, the SSH relay)
};

class SIND_API Network
{
public:
  virtual ~Network() = default;

  // Return the mesh network first, then each cluster network of the realm.
  virtual std::vector<RealmNetwork> networks() = 0;

  // Return every endpoint on the realm's networks, sind's own and foreign ones.
  virtual std::vector<AttachedEndpoint> endpoints() = 0;

  // Attach a container that sind did not create to the mesh and to the named
  // clusters' networks. Attaching twice is not an error.
  virtual void attach(const std::string& container, const std::vector<std::string>& clusters) = 0;

  // Detach a foreign container from every network of the realm. A container
  // that is not attached is not an error.
  virtual void detach(const std::string& container) = 0;
};

} // namespace sind
