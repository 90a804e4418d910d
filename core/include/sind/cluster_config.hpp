#pragma once

// The cluster configuration file of `sind create cluster --config FILE`, its
// validation and the per-node settings resolved from it.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <sind/export.hpp>

namespace sind {

enum class NodeRole { controller, submitter, worker };

// Return "controller", "submitter" or "worker".
SIND_API std::string_view to_string(NodeRole role);

// Container settings that `defaults` and each node entry may set. Unset
// scalars fall back to the defaults; lists of a node extend those of the
// defaults.
struct NodeSettings
{
  std::optional<std::string> image;
  std::optional<double> cpus;                // CPU quota; may be fractional
  std::optional<std::uint64_t> memory_bytes; // memory limit
  std::optional<std::string> tmp_size;       // /tmp tmpfs size, normalized (see NodeConfig)
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::vector<std::string> devices;          // host[:container[:permissions]]
  std::vector<std::string> security_opt;
};

// One node of the cluster with every setting resolved.
struct NodeConfig
{
  std::string name; // "controller", "submitter", "worker-0", ...
  NodeRole role = NodeRole::worker;
  std::string image;
  std::optional<double> cpus;                // unset: no CPU limit
  std::optional<std::uint64_t> memory_bytes; // unset: no memory limit
  // Size of the /tmp tmpfs in the kernel's tmpfs syntax: bytes, or a whole
  // number with the suffix k, m or g (binary multiples), e.g. "1g".
  std::string tmp_size;
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::vector<std::string> devices;
  std::vector<std::string> security_opt;
  // Whether slurm.conf lists the node; only workers can be unmanaged.
  bool managed = true;
};

// Where the cluster's /data comes from.
struct DataStorage
{
  enum class Type { volume, host_path };

  Type type = Type::volume;
  std::string host_path;            // absolute; set for Type::host_path only
  std::string mount_path = "/data"; // absolute path inside every node
};

// Extra content for one Slurm configuration file: either a string appended to
// the generated file, or named fragments written to <file>.conf.d/<name>.conf
// and included from it. At most one of the two is set.
struct SlurmFileExtra
{
  std::string content;
  std::map<std::string, std::string> fragments; // fragment name -> content

  bool empty() const { return content.empty() && fragments.empty(); }
};

// The `slurm:` section of the configuration file.
struct SlurmExtras
{
  SlurmFileExtra main; // slurm.conf
  SlurmFileExtra cgroup;
  SlurmFileExtra gres;
  SlurmFileExtra topology;
  SlurmFileExtra plugstack;
};

struct ClusterConfig
{
  std::string name = "default";
  std::optional<std::string> realm; // unset: the realm from --realm or SIND_REALM
  NodeSettings defaults;
  std::vector<NodeConfig> nodes; // controller first, then submitter, then workers in order
  DataStorage data_storage;
  SlurmExtras slurm;
};

// Default tmpfs size of /tmp when neither defaults nor a node set tmpSize.
inline constexpr std::string_view default_tmp_size = "1g";

// Return the configuration of a cluster created without a file: one
// controller and one worker from the default image, data on a volume.
SIND_API ClusterConfig default_cluster_config();

// Parse and validate a cluster configuration. `source_name` is the file name
// shown in messages ("<stdin>" for standard input). Throws sind::UsageError
// with one line "SOURCE:LINE:COLUMN: problem and what was expected" on the
// first invalid input, before anything is created.
SIND_API ClusterConfig parse_cluster_config(std::string_view text, std::string_view source_name);

// Read and parse a configuration file; messages name the path as given.
// Throws sind::UsageError when the file cannot be read or is invalid.
SIND_API ClusterConfig load_cluster_config(const std::filesystem::path& path);

// Apply the `--data` flag to `storage`: "volume" selects a volume, "." the
// working folder, any other value a host folder (made absolute against
// `working_dir`, so a folder named "volume" is given as "./volume"). The
// mount path is kept. Throws sind::UsageError for an empty value.
SIND_API void apply_data_flag(DataStorage& storage, std::string_view value,
                              const std::filesystem::path& working_dir);

// Parse a size such as "2g", "512Mi", "1GB" or "1048576" into bytes. The
// suffixes k, m, g, t, Ki, Mi, Gi, Ti, KB, MB, GB and TB, in any letter case,
// all mean binary multiples (1k = 1024), as the docker CLI reads them. Return
// nothing for malformed or zero sizes.
SIND_API std::optional<std::uint64_t> parse_size(std::string_view text);

} // namespace sind
