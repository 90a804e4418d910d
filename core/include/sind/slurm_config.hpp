#pragma once

// Slurm configuration generated for a cluster: the files of the config volume
// mounted at /etc/slurm, written for the Slurm version the node image reports.

#include <compare>
#include <string>
#include <string_view>
#include <vector>

#include <sind/cluster_config.hpp>
#include <sind/runtime.hpp>

#include <sind/export.hpp>

namespace sind {

struct SlurmVersion
{
  int major = 0;
  int minor = 0;
  int patch = 0;

  auto operator<=>(const SlurmVersion&) const = default;

  // Return "22.05.8".
  SIND_API std::string to_string() const;
};

// The oldest Slurm release the generator writes configuration for.
inline constexpr SlurmVersion oldest_supported_slurm{22, 5, 0};

// Parse "MAJOR.MINOR.PATCH" such as "22.05.8" or "25.11.0", optionally with a
// pre-release suffix after '-' ("25.11.0-0rc1"). Throws sind::Error naming the
// text for any other format.
SIND_API SlurmVersion parse_slurm_version(std::string_view text);

// Parse the output of `slurmd -V`: "slurm-wlm 22.05.8" (Debian) or
// "slurm 24.11.5" (upstream), with surrounding whitespace. Throws sind::Error
// quoting the output when it has another form.
SIND_API SlurmVersion parse_slurmd_version_output(std::string_view output);

struct SlurmConfigOptions
{
  std::string cluster_name;
  SlurmVersion version;
  // The user slurmctld drops its privileges to (slurm.conf SlurmUser).
  std::string slurm_user = "slurm";
  // Owner of every generated file, as the image numbers its users.
  unsigned uid = 0;
  unsigned gid = 0;
};

// Generate the files of /etc/slurm for `nodes` (a resolved ClusterConfig) and
// the user's `extras`, with paths relative to /etc/slurm:
//   slurm.conf        ends with "Include /etc/slurm/sind-nodes.conf", then the
//                     user's main string or one Include per fragment
//   sind-nodes.conf   a NodeName line per group of managed workers with the
//                     same CPUs and memory, and the default partition "all"
//   cgroup.conf, plugstack.conf, and gres.conf and topology.conf when given
//   <file>.conf.d/<fragment>.conf for every fragment, included by name from
//   <file>.conf (plugstack.conf includes plugstack.conf.d/*.conf always)
// Every file has mode 0644 and the owner from `options`. Throws sind::Error
// when the version is older than oldest_supported_slurm.
SIND_API std::vector<FileEntry> generate_slurm_config(const std::vector<NodeConfig>& nodes,
                                                      const SlurmExtras& extras,
                                                      const SlurmConfigOptions& options);

// Return the NodeName expression for `names` in Slurm's hostlist syntax, with
// runs of consecutive numbers folded: {"worker-0", "worker-1", "worker-3"}
// gives "worker-[0-1,3]". Names without a numeric suffix are listed as they are.
SIND_API std::string fold_node_names(const std::vector<std::string>& names);

// Return 1024 bytes from the kernel's random source (getrandom), for
// /etc/munge/munge.key. Throws sind::Error when the source fails.
SIND_API std::string generate_munge_key();

} // namespace sind
