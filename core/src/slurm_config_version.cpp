// Slurm version strings: `slurmd -V` output and MAJOR.MINOR.PATCH.

#include <sind/slurm_config.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include <sind/error.hpp>

namespace sind {

namespace {

// Parse the digits of `text` from `position` up to the next `stop` character
// or the end. Return false when they are missing or are not a number.
bool read_part(std::string_view text, std::size_t& position, char stop, int& value)
{
  if (position > text.size()) {
    return false;
  }
  const std::size_t end = std::min(text.find(stop, position), text.size());
  const std::string_view digits = text.substr(position, end - position);
  const auto [last, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || error != std::errc() || last != digits.data() + digits.size()) {
    return false;
  }
  position = end + 1;
  return true;
}

std::string_view trim(std::string_view text)
{
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) {
    return {};
  }
  const std::size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(start, end - start + 1);
}

} // namespace

std::string SlurmVersion::to_string() const
{
  char text[32];
  std::snprintf(text, sizeof text, "%d.%02d.%d", major, minor, patch);
  return text;
}

SlurmVersion parse_slurm_version(std::string_view text)
{
  // a pre-release suffix such as "-0rc1" does not change the configuration
  const std::string_view release = text.substr(0, text.find('-'));

  SlurmVersion version;
  std::size_t position = 0;
  const bool valid = read_part(release, position, '.', version.major) &&
                     read_part(release, position, '.', version.minor) &&
                     read_part(release, position, '.', version.patch) &&
                     position > release.size();
  if (!valid) {
    throw Error("invalid Slurm version \"" + std::string(text) +
                "\": expected MAJOR.MINOR.PATCH such as 24.11.5");
  }
  return version;
}

SlurmVersion parse_slurmd_version_output(std::string_view output)
{
  const std::string_view line = trim(output);
  for (std::string_view prefix : {"slurm-wlm ", "slurm "}) {
    if (line.substr(0, prefix.size()) != prefix) {
      continue;
    }
    try {
      return parse_slurm_version(line.substr(prefix.size()));
    } catch (const Error& error) {
      throw Error("unexpected output of slurmd -V: \"" + std::string(line) + "\": " + error.what());
    }
  }
  throw Error("unexpected output of slurmd -V: \"" + std::string(line) +
              "\"; expected \"slurm VERSION\" or \"slurm-wlm VERSION\"");
}

} // namespace sind
