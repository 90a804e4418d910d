#pragma once

#include <sind/progress.hpp>

#include <chrono>
#include <ostream>
#include <string>

namespace sind::cli {

// Shows each phase on its own line, as kind does: the phase while it runs,
// then a check mark (or a cross) and its duration. Only for terminals.
class TerminalProgress final : public Progress
{
public:
  explicit TerminalProgress(std::ostream& out);

  void begin(std::string_view phase) override;
  void end(bool success) override;

private:
  std::ostream& m_out;
  std::string m_phase;
  std::chrono::steady_clock::time_point m_started;
};

// Return whether the file descriptor is a terminal.
bool is_terminal(int fd);

} // namespace sind::cli
