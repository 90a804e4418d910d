#include "terminal_progress.hpp"

#include <cstdio>
#include <unistd.h>

namespace sind::cli {

TerminalProgress::TerminalProgress(std::ostream& out)
  : m_out(out)
{
}

void TerminalProgress::begin(std::string_view phase)
{
  m_phase = phase;
  m_started = std::chrono::steady_clock::now();
  m_out << " • " << m_phase << " ..." << std::flush;
}

void TerminalProgress::end(bool success)
{
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - m_started;
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.1fs", elapsed.count());

  // overwrite the running line with its outcome
  m_out << "\r\033[K " << (success ? "✓" : "✗") << ' ' << m_phase << " (" << duration << ")\n" << std::flush;
}

bool is_terminal(int fd)
{
  return ::isatty(fd) == 1;
}

} // namespace sind::cli
