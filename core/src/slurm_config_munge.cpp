#include <sind/slurm_config.hpp>

#include <cerrno>
#include <cstring>

#include <sys/random.h>

#include <sind/error.hpp>

namespace sind {

std::string generate_munge_key()
{
  // munged needs the key to be secret and the same on every node of the cluster.
  std::string key(1024, '\0');
  std::size_t filled = 0;
  while (filled < key.size()) {
    const ssize_t count = getrandom(key.data() + filled, key.size() - filled, 0);
    if (count < 0 && errno == EINTR) {
      continue;
    }
    if (count < 0) {
      throw Error(std::string("cannot generate a munge key: getrandom failed: ") + std::strerror(errno));
    }
    filled += static_cast<std::size_t>(count);
  }
  return key;
}

} // namespace sind
