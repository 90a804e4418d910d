#pragma once

#include <optional>

#include <termios.h>

#include <sind/runtime.hpp>

namespace sind::engine {

// Puts a terminal into raw mode (no echo, no line editing, no signals from
// keys, so that Ctrl-C reaches the remote process) and restores its previous
// settings when destroyed. Does nothing when `fd` is not a terminal.
class RawTerminalGuard
{
public:
  explicit RawTerminalGuard(int fd);
  ~RawTerminalGuard();

  RawTerminalGuard(const RawTerminalGuard&) = delete;
  RawTerminalGuard& operator=(const RawTerminalGuard&) = delete;

  // Whether the terminal was switched to raw mode.
  bool active() const noexcept { return m_active; }

private:
  int m_fd;
  termios m_saved{};
  bool m_active = false;
};

bool is_terminal(int fd);

// Return the window size of the terminal at `fd`, or nothing when `fd` is not
// a terminal.
std::optional<TerminalSize> read_window_size(int fd);

} // namespace sind::engine
