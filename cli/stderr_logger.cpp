#include "stderr_logger.hpp"

#include <cstdio>

namespace sind::cli {

StderrLogger::StderrLogger(std::ostream& out, LogLevel max_level)
  : m_out(out),
    m_max_level(max_level),
    m_start(std::chrono::steady_clock::now())
{
}

bool StderrLogger::enabled(LogLevel level) const
{
  return level <= m_max_level;
}

void StderrLogger::write(LogLevel level, std::string_view message)
{
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - m_start;
  char stamp[32];
  std::snprintf(stamp, sizeof stamp, "[%7.3fs] ", elapsed.count());

  const char* prefix = level == LogLevel::warning ? "warning: " : "";
  std::lock_guard lock(m_mutex);
  m_out << stamp << prefix << message << '\n' << std::flush;
}

} // namespace sind::cli
