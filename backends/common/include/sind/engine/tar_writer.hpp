#pragma once

#include <cstdint>
#include <ctime>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sind/runtime.hpp>

namespace sind::engine {

// Builds a POSIX ustar archive in memory, for archive uploads into containers.
class TarWriter
{
public:
  // `modification_time` is stamped on every entry (seconds since the epoch).
  explicit TarWriter(std::time_t modification_time = std::time(nullptr));

  // Add a regular file, preceded by entries for its parent folders not added
  // yet (mode 0755, owned by the file's uid and gid). Throws sind::UsageError
  // on an empty or absolute path, a ".." component, or a path that ustar
  // cannot store.
  void add_file(const FileEntry& file);

  // Add a folder entry; adding the same folder twice adds it once.
  void add_folder(std::string_view path, unsigned mode = 0755, unsigned uid = 0, unsigned gid = 0);

  // Return the archive, closed by its two zero blocks. The writer is empty afterwards.
  std::string finish();

private:
  void add_header(const std::string& path, char type, std::uint64_t size, unsigned mode, unsigned uid,
                  unsigned gid);

  std::time_t m_modification_time;
  std::string m_archive;
  std::set<std::string> m_folders;
};

// Return a ustar archive of `files`, with entries for their parent folders.
std::string make_tar(const std::vector<FileEntry>& files);

// Return `path` in the form stored in archives: relative, without "." or
// empty components. Throws sind::UsageError on "..", or when nothing is left.
std::string normalize_archive_path(std::string_view path);

} // namespace sind::engine
