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

// Check that `name` can be a realm or cluster name: a DNS label of lowercase
// letters, digits and '-', starting with a letter and not ending with '-'.
// Throws sind::UsageError naming `what` ("realm", "cluster") and the value.
void validate_dns_label(std::string_view what, std::string_view name);

} // namespace sind::names
