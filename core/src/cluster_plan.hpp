#pragma once

// What every step of cluster creation needs to know, and the container
// specification of a node derived from it.

#include <sind/cluster_config.hpp>
#include <sind/log.hpp>
#include <sind/mesh.hpp>
#include <sind/runtime.hpp>

#include <string>
#include <vector>

namespace sind {

struct ClusterPlan
{
  std::string realm;
  std::string cluster;
  std::string network; // the cluster network
  MeshInfo mesh;
  EngineInfo engine;
  std::string slurm_version;
  DataStorage data;
};

// Return the image `reference`, pulling it first when the engine lacks it and
// `pull` is set. Otherwise throws sind::Error that names the command that builds the image.
ImageInfo require_image(Runtime& runtime, const std::string& reference, bool pull, Logger& logger);

// Labels that select everything of one cluster.
Labels cluster_labels(const std::string& realm, const std::string& cluster);

// Build the container specification of `node`: a system container on the
// cluster network (primary, reachable by its short name) and the mesh (for
// the DNS server and the relay), with the cluster's volumes mounted.
ContainerSpec node_container_spec(const ClusterPlan& plan, const NodeConfig& node);

// Return the systemd drop-ins, relative to /etc/systemd/system, that start
// the node's services during boot: munge everywhere, slurmctld on the
// controller and slurmd on managed workers. Starting them with the boot
// spares one `systemctl enable` per service and node, each of which reloads
// systemd.
std::vector<FileEntry> role_units(const NodeConfig& node);

} // namespace sind
