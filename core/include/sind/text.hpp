#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sind {

// Join `words` with `separator` between them, as in "worker-0, worker-1".
std::string join(const std::vector<std::string>& words, std::string_view separator = ", ");

} // namespace sind
