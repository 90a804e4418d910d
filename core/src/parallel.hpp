#pragma once

#include <functional>
#include <vector>

namespace sind {

// Run `tasks` concurrently, each on a thread of its own, and wait for all of
// them. Rethrow the first exception that a task threw, once every task ended.
void run_parallel(const std::vector<std::function<void()>>& tasks);

} // namespace sind
