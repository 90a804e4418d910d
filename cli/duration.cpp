#include "duration.hpp"

#include <sind/error.hpp>

#include <cctype>
#include <string>

namespace sind::cli {

std::chrono::seconds parse_duration(std::string_view text, std::string_view option)
{
  auto invalid = [&] {
    return UsageError("invalid duration \"" + std::string(text) + "\" for " + std::string(option) +
                      ": expected a number with the unit s, m or h, e.g. 90s or 5m");
  };
  if (text.empty()) {
    throw invalid();
  }

  long long total = 0;
  std::size_t position = 0;
  while (position < text.size()) {
    const auto start = position;
    while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
      ++position;
    }
    if (position == start || position - start > 9) {
      throw invalid();
    }
    const long long number = std::stoll(std::string(text.substr(start, position - start)));

    const char unit = position < text.size() ? text[position++] : 's';
    switch (unit) {
    case 's': total += number; break;
    case 'm': total += number * 60; break;
    case 'h': total += number * 3600; break;
    default: throw invalid();
    }
  }
  return std::chrono::seconds(total);
}

} // namespace sind::cli
