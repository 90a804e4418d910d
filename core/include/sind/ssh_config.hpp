#pragma once

// OpenSSH settings that reach a realm's nodes from the host through the
// realm's SSH relay, exported to the realm's state folder: ssh_config, the
// private key id_ed25519 and a copy of the relay's known_hosts. The copy is
// kept current while ssh_config exists, and the three files go with the mesh.

#include <filesystem>
#include <string>
#include <vector>

#include <sind/mesh.hpp>

namespace sind {

struct SshConfigPaths
{
  std::filesystem::path config;      // ssh_config
  std::filesystem::path private_key; // id_ed25519, mode 0600
  std::filesystem::path known_hosts;
};

// Return the paths of the exported files in realm_state_dir(realm).
SshConfigPaths ssh_config_paths(const std::string& realm);

// Render an ssh_config with one `Host *.<realm>.sind` block: user root, the
// exported key and known_hosts, strict host key checking, and a ProxyCommand
// that runs `proxy_command` followed by the host and port ssh connects to.
// Throws sind::Error when a path contains a double quote or a line break,
// which ssh_config cannot express.
std::string render_ssh_config(const std::string& realm, const SshConfigPaths& paths,
                              const std::vector<std::string>& proxy_command);

// Write the three files from the relay's SSH volume, ssh_config last, and
// return the path of ssh_config. Takes the realm lock, so that a cluster
// that changes known_hosts meanwhile cannot leave an old copy behind.
std::filesystem::path export_ssh_config(Mesh& mesh, const std::string& realm,
                                        const std::vector<std::string>& proxy_command);

// Replace the exported known_hosts with `content` when ssh_config was
// exported for `realm`; do nothing otherwise. The caller holds the realm lock.
void refresh_exported_known_hosts(const std::string& realm, const std::string& content);

// Remove the exported files, because the key they name goes with the SSH
// volume. Files that do not exist are skipped.
void remove_exported_ssh_config(const std::string& realm);

} // namespace sind
