#include "parallel.hpp"

#include <exception>
#include <future>

namespace sind {

void run_parallel(const std::vector<std::function<void()>>& tasks)
{
  std::vector<std::future<void>> running;
  running.reserve(tasks.size());
  for (const auto& task : tasks) {
    running.push_back(std::async(std::launch::async, task));
  }

  std::exception_ptr first_error;
  for (auto& task : running) {
    try {
      task.get();
    } catch (...) {
      if (!first_error) {
        first_error = std::current_exception();
      }
    }
  }
  if (first_error) {
    std::rethrow_exception(first_error);
  }
}

} // namespace sind
