#include <sind/text.hpp>

namespace sind {

std::string join(const std::vector<std::string>& words, std::string_view separator)
{
  std::string joined;
  for (const auto& word : words) {
    if (!joined.empty()) {
      joined += separator;
    }
    joined += word;
  }
  return joined;
}

} // namespace sind
