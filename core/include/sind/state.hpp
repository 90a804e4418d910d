#pragma once

// sind keeps its state in the engine's labels. The only files it writes live
// in a per-realm state folder: the realm lock and exported SSH settings.

#include <filesystem>
#include <string>

namespace sind {

// Return $XDG_STATE_HOME/sind/<realm>, or ~/.local/state/sind/<realm> when
// XDG_STATE_HOME is unset. Does not create it.
std::filesystem::path realm_state_dir(const std::string& realm);

// An exclusive lock on a realm, held from construction to destruction, so
// that two sind processes never change one realm's mesh at the same time.
// Blocks while another process holds it.
class RealmLock
{
public:
  explicit RealmLock(const std::string& realm);
  ~RealmLock();

  RealmLock(const RealmLock&) = delete;
  RealmLock& operator=(const RealmLock&) = delete;

private:
  int m_fd = -1;
};

} // namespace sind
