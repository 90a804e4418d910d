#pragma once

// The one place where sind's names are decided. Nothing else builds a
// resource name or a label key by hand.

#include <string>
#include <string_view>

namespace sind::names {

inline constexpr std::string_view default_realm = "sind";
inline constexpr std::string_view default_cluster = "default";
inline constexpr std::string_view default_node_image = "sind-node:latest";

// Label keys carried by every resource sind creates.
inline constexpr std::string_view realm_label = "sind.realm";
inline constexpr std::string_view cluster_label = "sind.cluster";
inline constexpr std::string_view role_label = "sind.role";
inline constexpr std::string_view component_label = "sind.component";
inline constexpr std::string_view slurm_version_label = "sind.slurm.version";
inline constexpr std::string_view data_hostpath_label = "sind.data.hostpath";
inline constexpr std::string_view node_label = "sind.node"; // "controller", "worker-0", ...
// "false" on workers left out of sind-nodes.conf, which Slurm never registers;
// absent on every other node.
inline constexpr std::string_view managed_label = "sind.managed";

// Resource names of a realm's mesh.
std::string mesh_network(std::string_view realm);
std::string dns_container(std::string_view realm);
std::string ssh_container(std::string_view realm);
std::string ssh_volume(std::string_view realm);

// Resource names of one cluster.
std::string cluster_network(std::string_view realm, std::string_view cluster);
std::string node_container(std::string_view realm, std::string_view cluster, std::string_view node);
std::string config_volume(std::string_view realm, std::string_view cluster);
std::string munge_volume(std::string_view realm, std::string_view cluster);
std::string data_volume(std::string_view realm, std::string_view cluster);

// DNS names: the realm's zone "<realm>.sind" and a node's
// "<node>.<cluster>.<realm>.sind".
std::string dns_zone(std::string_view realm);
std::string node_fqdn(std::string_view realm, std::string_view cluster, std::string_view node);

// Check that `name` can be a realm or cluster name: a DNS label of lowercase
// letters, digits and '-', starting with a letter and not ending with '-'.
// Throws sind::UsageError naming `what` ("realm", "cluster") and the value.
void validate_dns_label(std::string_view what, std::string_view name);

} // namespace sind::names
