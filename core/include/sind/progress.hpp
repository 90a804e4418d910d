#pragma once

#include <string_view>

#include <sind/export.hpp>

namespace sind {

// Receives the phases of a long operation such as `sind create cluster`, so
// that the CLI can show them. Phases do not nest.
class SIND_API Progress
{
public:
  virtual ~Progress() = default;

  virtual void begin(std::string_view phase) = 0;
  // End the current phase, successfully or not.
  virtual void end(bool success) = 0;
};

// Progress that shows nothing.
class SIND_API NullProgress final : public Progress
{
public:
  void begin(std::string_view) override {}
  void end(bool) override {}
};

// Runs one phase: begin on construction, end(false) on destruction unless
// done() was called.
class PhaseGuard
{
public:
  PhaseGuard(Progress& progress, std::string_view phase)
    : m_progress(progress)
  {
    m_progress.begin(phase);
  }
  ~PhaseGuard()
  {
    if (!m_done) {
      m_progress.end(false);
    }
  }
  PhaseGuard(const PhaseGuard&) = delete;
  PhaseGuard& operator=(const PhaseGuard&) = delete;

  void done()
  {
    m_done = true;
    m_progress.end(true);
  }

private:
  Progress& m_progress;
  bool m_done = false;
};

} // namespace sind
