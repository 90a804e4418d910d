#pragma once

#include <chrono>
#include <string_view>

namespace sind::cli {

// Parse a duration such as "90s", "5m", "1h" or "1m30s"; a plain number
// means seconds. Throws sind::UsageError naming `option` for anything else.
std::chrono::seconds parse_duration(std::string_view text, std::string_view option);

} // namespace sind::cli
