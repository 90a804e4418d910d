#include <sind/engine/terminal.hpp>

#include <sys/ioctl.h>
#include <unistd.h>

namespace sind::engine {

RawTerminalGuard::RawTerminalGuard(int fd)
  : m_fd(fd)
{
  if (!is_terminal(fd) || ::tcgetattr(fd, &m_saved) != 0) {
    return;
  }

  termios raw = m_saved;
  ::cfmakeraw(&raw);
  m_active = ::tcsetattr(fd, TCSADRAIN, &raw) == 0;
}

RawTerminalGuard::~RawTerminalGuard()
{
  if (m_active) {
    ::tcsetattr(m_fd, TCSADRAIN, &m_saved);
  }
}

bool is_terminal(int fd)
{
  return ::isatty(fd) == 1;
}

std::optional<TerminalSize> read_window_size(int fd)
{
  winsize size{};
  if (::ioctl(fd, TIOCGWINSZ, &size) != 0) {
    return std::nullopt;
  }
  return TerminalSize{size.ws_row, size.ws_col};
}

} // namespace sind::engine
