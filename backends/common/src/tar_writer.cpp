#include <sind/engine/tar_writer.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include <sind/error.hpp>

namespace sind::engine {
namespace {

constexpr std::size_t block_size = 512;
constexpr std::size_t name_size = 100;
constexpr std::size_t prefix_size = 155;
constexpr std::uint64_t max_file_size = 077777777777; // the largest 11-digit octal size
constexpr unsigned max_id = 07777777;                    // the largest 7-digit octal uid or gid

using Header = std::array<char, block_size>;

// Write `value` as zero-padded octal digits that fill `width - 1` bytes,
// followed by a NUL, as ustar's numeric fields expect. Higher digits that do
// not fit are dropped; callers check the limits first.
void put_octal(Header& header, std::size_t offset, std::size_t width, std::uint64_t value)
{
  for (std::size_t index = width - 1; index-- > 0;) {
    header[offset + index] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  header[offset + width - 1] = '\0';
}

void put_text(Header& header, std::size_t offset, std::size_t width, std::string_view text)
{
  std::memcpy(header.data() + offset, text.data(), std::min(width, text.size()));
}

// Split `path` into ustar's prefix and name fields.
std::pair<std::string, std::string> split_path(const std::string& path)
{
  if (path.size() <= name_size) {
    return {"", path};
  }

  // the prefix ends at a "/" that leaves a name short enough
  for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    if (slash <= prefix_size && path.size() - slash - 1 <= name_size && slash + 1 < path.size()) {
      return {path.substr(0, slash), path.substr(slash + 1)};
    }
  }
  throw UsageError("cannot store \"" + path + "\" in a tar archive: the path is too long for the ustar format");
}

} // namespace

std::string normalize_archive_path(std::string_view path)
{
  std::string normalized;
  std::size_t position = 0;
  while (position <= path.size()) {
    const auto slash = std::min(path.find('/', position), path.size());
    const auto component = path.substr(position, slash - position);
    position = slash + 1;

    if (component.empty() || component == ".") {
      continue;
    }
    if (component == "..") {
      throw UsageError("invalid file path \"" + std::string(path) + "\" for an upload: \"..\" is not allowed");
    }
    if (!normalized.empty()) {
      normalized += '/';
    }
    normalized.append(component);
  }

  if (normalized.empty()) {
    throw UsageError("invalid file path \"" + std::string(path) + "\" for an upload: it names no file");
  }
  return normalized;
}

TarWriter::TarWriter(std::time_t modification_time)
  : m_modification_time(modification_time)
{
}

void TarWriter::add_file(const FileEntry& file)
{
  if (file.path.starts_with('/')) {
    throw UsageError("invalid file path \"" + file.path + "\" for an upload: it must be relative");
  }
  const auto path = normalize_archive_path(file.path);

  // create the parent folders first, outermost first
  for (auto slash = path.find('/'); slash != std::string::npos; slash = path.find('/', slash + 1)) {
    add_folder(path.substr(0, slash), 0755, file.uid, file.gid);
  }

  add_header(path, '0', file.content.size(), file.mode, file.uid, file.gid);
  m_archive.append(file.content);
  m_archive.append((block_size - file.content.size() % block_size) % block_size, '\0');
}

void TarWriter::add_folder(std::string_view path, unsigned mode, unsigned uid, unsigned gid)
{
  const auto normalized = normalize_archive_path(path);
  if (!m_folders.insert(normalized).second) {
    return;
  }
  add_header(normalized + "/", '5', 0, mode, uid, gid);
}

std::string TarWriter::finish()
{
  m_archive.append(2 * block_size, '\0');
  m_folders.clear();
  return std::exchange(m_archive, {});
}

void TarWriter::add_header(const std::string& path, char type, std::uint64_t size, unsigned mode, unsigned uid,
                           unsigned gid)
{
  const auto [prefix, name] = split_path(path);
  if (size > max_file_size) {
    throw UsageError("cannot store \"" + path + "\" in a tar archive: ustar files are limited to 8 GiB");
  }
  if (uid > max_id || gid > max_id) {
    throw UsageError("cannot store \"" + path + "\" in a tar archive: ustar owner ids are limited to " +
                     std::to_string(max_id));
  }

  Header header{};
  put_text(header, 0, name_size, name);
  put_octal(header, 100, 8, mode & 07777);
  put_octal(header, 108, 8, uid);
  put_octal(header, 116, 8, gid);
  put_octal(header, 124, 12, size);
  put_octal(header, 136, 12, static_cast<std::uint64_t>(std::max<std::time_t>(m_modification_time, 0)));
  header[156] = type;
  put_text(header, 257, 6, "ustar"); // magic "ustar" and its NUL
  put_text(header, 263, 2, "00");
  put_text(header, 345, prefix_size, prefix);

  // the checksum is computed with its own field filled with spaces
  std::memset(header.data() + 148, ' ', 8);
  unsigned checksum = 0;
  for (const char byte : header) {
    checksum += static_cast<unsigned char>(byte);
  }
  put_octal(header, 148, 7, checksum);
  header[155] = ' ';

  m_archive.append(header.data(), header.size());
}

std::string make_tar(const std::vector<FileEntry>& files)
{
  TarWriter writer;
  for (const auto& file : files) {
    writer.add_file(file);
  }
  return writer.finish();
}

} // namespace sind::engine
