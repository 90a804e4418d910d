#include <sind/cluster_config.hpp>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

namespace sind {

namespace {

std::string to_lower(std::string_view text)
{
  std::string lower(text);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

// Return the multiplier of a size suffix, or 0 for an unknown one.
std::uint64_t suffix_multiplier(std::string_view suffix)
{
  static constexpr std::array<std::pair<std::string_view, int>, 13> suffixes{{
    {"", 0},
    {"k", 1}, {"ki", 1}, {"kb", 1},
    {"m", 2}, {"mi", 2}, {"mb", 2},
    {"g", 3}, {"gi", 3}, {"gb", 3},
    {"t", 4}, {"ti", 4}, {"tb", 4},
  }};

  const std::string lower = to_lower(suffix);
  for (const auto& [name, power] : suffixes) {
    if (lower == name) {
      return std::uint64_t{1} << (10 * power);
    }
  }
  return 0;
}

} // namespace

std::optional<std::uint64_t> parse_size(std::string_view text)
{
  // split "1.5Gi" into the number "1.5" and the suffix "Gi"
  const auto suffix_start = text.find_first_not_of("0123456789.");
  const std::string_view number = text.substr(0, suffix_start);
  const std::string_view suffix = suffix_start == std::string_view::npos ? "" : text.substr(suffix_start);
  if (number.empty()) {
    return std::nullopt;
  }

  double value = 0;
  const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  const std::uint64_t multiplier = suffix_multiplier(suffix);
  if (error != std::errc() || end != number.data() + number.size() || multiplier == 0) {
    return std::nullopt;
  }

  const double bytes = std::floor(value * static_cast<double>(multiplier));
  if (!std::isfinite(bytes) || bytes < 1 ||
      bytes >= static_cast<double>(std::numeric_limits<std::uint64_t>::max())) {
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(bytes);
}

} // namespace sind
