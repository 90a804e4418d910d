#include <sind/state.hpp>

#include <sind/error.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace sind {

std::filesystem::path realm_state_dir(const std::string& realm)
{
  const char* state_home = std::getenv("XDG_STATE_HOME");
  if (state_home && *state_home) {
    return std::filesystem::path(state_home) / "sind" / realm;
  }

  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : "/root") / ".local" / "state" / "sind" / realm;
}

RealmLock::RealmLock(const std::string& realm)
{
  const auto folder = realm_state_dir(realm);
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw Error("cannot create the state folder " + folder.string() + ": " + error.message());
  }

  const auto path = folder / "lock";
  m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (m_fd < 0) {
    throw Error("cannot open the realm lock " + path.string() + ": " + std::strerror(errno));
  }
  while (::flock(m_fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      const std::string reason = std::strerror(errno);
      ::close(m_fd);
      throw Error("cannot lock realm " + realm + " (" + path.string() + "): " + reason);
    }
  }
}

RealmLock::~RealmLock()
{
  // closing the descriptor releases the lock
  ::close(m_fd);
}

} // namespace sind
