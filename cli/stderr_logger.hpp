#pragma once

#include <sind/log.hpp>

#include <chrono>
#include <mutex>
#include <ostream>

namespace sind::cli {

// Writes messages up to the chosen verbosity to a stream, each prefixed with
// the seconds elapsed since the logger was created.
class StderrLogger final : public Logger
{
public:
  StderrLogger(std::ostream& out, LogLevel max_level);

  bool enabled(LogLevel level) const override;
  void write(LogLevel level, std::string_view message) override;

private:
  std::ostream& m_out;
  LogLevel m_max_level;
  std::chrono::steady_clock::time_point m_start;
  std::mutex m_mutex;
};

} // namespace sind::cli
