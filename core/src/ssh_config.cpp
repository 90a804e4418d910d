#include <sind/ssh_config.hpp>

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/state.hpp>

#include "exec_checked.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sind {
namespace {

// ssh expands %-tokens in IdentityFile, UserKnownHostsFile and ProxyCommand,
// so a literal '%' is written "%%".
std::string escape_percent(const std::string& text)
{
  std::string escaped;
  for (char c : text) {
    escaped += c == '%' ? "%%" : std::string(1, c);
  }
  return escaped;
}

std::string quote_config_path(const std::filesystem::path& path)
{
  const auto text = path.string();
  if (text.find_first_of("\"\n") != std::string::npos) {
    throw Error("cannot write the ssh_config: the path " + text +
                " contains a double quote or a line break; set XDG_STATE_HOME to a plain folder");
  }
  return "\"" + escape_percent(text) + "\"";
}

void write_file(const std::filesystem::path& path, const std::string& content, mode_t mode)
{
  const auto temporary = path.string() + ".tmp";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) {
    throw Error("cannot write " + temporary + ": " + std::strerror(errno));
  }

  // a temporary file left by an earlier run keeps its old mode through O_TRUNC
  bool written = ::fchmod(fd, mode) == 0;
  for (std::size_t offset = 0; written && offset < content.size();) {
    const auto count = ::write(fd, content.data() + offset, content.size() - offset);
    if (count < 0 && errno == EINTR) {
      continue;
    }
    written = count > 0;
    offset += written ? static_cast<std::size_t>(count) : 0;
  }
  const std::string reason = written ? "" : std::strerror(errno);
  ::close(fd);
  if (!written) {
    throw Error("cannot write " + temporary + ": " + reason);
  }

  // readers see the old file or the new one, never a part
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    throw Error("cannot replace " + path.string() + ": " + std::strerror(errno));
  }
}

} // namespace

SshConfigPaths ssh_config_paths(const std::string& realm)
{
  const auto folder = realm_state_dir(realm);
  return {folder / "ssh_config", folder / "id_ed25519", folder / "known_hosts"};
}

std::string render_ssh_config(const std::string& realm, const SshConfigPaths& paths,
                              const std::vector<std::string>& proxy_command)
{
  std::string command;
  for (const auto& word : proxy_command) {
    command += escape_percent(shell_quote(word)) + " ";
  }

  return "# Written by 'sind get ssh-config' for realm " + realm + ". It reaches the realm's nodes\n"
         "# through the realm's SSH relay: ssh -F " + paths.config.string() + " NODE.CLUSTER." +
         names::dns_zone(realm) + "\n"
         "# or add \"Include " + paths.config.string() + "\" to ~/.ssh/config.\n"
         "Host *." + names::dns_zone(realm) + "\n"
         "  User root\n"
         "  IdentityFile " + quote_config_path(paths.private_key) + "\n"
         "  IdentitiesOnly yes\n"
         "  UserKnownHostsFile " + quote_config_path(paths.known_hosts) + "\n"
         "  StrictHostKeyChecking yes\n"
         "  ProxyCommand " + command + "%h %p\n";
}

std::filesystem::path export_ssh_config(Mesh& mesh, const std::string& realm,
                                        const std::vector<std::string>& proxy_command)
{
  const auto paths = ssh_config_paths(realm);
  const auto config = render_ssh_config(realm, paths, proxy_command);

  // RealmLock creates the state folder
  RealmLock lock(realm);
  write_file(paths.private_key, mesh.read_ssh_file("id_ed25519"), 0600);
  write_file(paths.known_hosts, mesh.read_ssh_file("known_hosts"), 0644);
  write_file(paths.config, config, 0644);
  return paths.config;
}

void refresh_exported_known_hosts(const std::string& realm, const std::string& content)
{
  const auto paths = ssh_config_paths(realm);
  std::error_code error;
  if (std::filesystem::exists(paths.config, error)) {
    write_file(paths.known_hosts, content, 0644);
  }
}

void remove_exported_ssh_config(const std::string& realm)
{
  const auto paths = ssh_config_paths(realm);
  for (const auto& path : {paths.config, paths.private_key, paths.known_hosts}) {
    std::error_code error;
    std::filesystem::remove(path, error);
    if (error) {
      throw Error("cannot remove " + path.string() + ": " + error.message());
    }
  }
}

} // namespace sind
