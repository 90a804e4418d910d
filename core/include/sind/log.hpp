#pragma once

#include <string_view>

#include <sind/export.hpp>

namespace sind {

// Verbosity levels, as selected by -v, -vv and -vvv on the command line.
enum class LogLevel {
  warning = 0, // always shown
  info = 1,    // -v: phases ("creating mesh")
  debug = 2,   // -vv: operations ("creating container sind-dns")
  trace = 3,   // -vvv: every engine request with its status and duration
};

// Destination of diagnostic messages. It is passed to every component that
// logs; nothing logs through a global. Messages never contain key material.
class SIND_API Logger
{
public:
  virtual ~Logger() = default;

  // Return whether a message at `level` would be written, so callers can skip
  // building expensive messages.
  virtual bool enabled(LogLevel level) const = 0;

  // Write one message. Implementations are safe to call from several threads.
  virtual void write(LogLevel level, std::string_view message) = 0;

  void warning(std::string_view message) { log(LogLevel::warning, message); }
  void info(std::string_view message) { log(LogLevel::info, message); }
  void debug(std::string_view message) { log(LogLevel::debug, message); }
  void trace(std::string_view message) { log(LogLevel::trace, message); }

private:
  void log(LogLevel level, std::string_view message)
  {
    if (enabled(level)) {
      write(level, message);
    }
  }
};

// A logger that drops everything, for tests and library callers that do not log.
class NullLogger final : public Logger
{
public:
  bool enabled(LogLevel) const override { return false; }
  void write(LogLevel, std::string_view) override {}
};

} // namespace sind
