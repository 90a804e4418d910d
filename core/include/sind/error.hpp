#pragma once

#include <stdexcept>
#include <string>

#include <sind/export.hpp>

namespace sind {

// Base of every error sind reports to the user. The message is one line that
// states what failed and why; the top level prints it once, prefixed by "error: ".
class SIND_API Error : public std::runtime_error
{
public:
  using std::runtime_error::runtime_error;
  ~Error() override;
};

// Invalid input from the user (arguments, names, configuration files). Nothing
// has been created when it is thrown.
class SIND_API UsageError : public Error
{
public:
  using Error::Error;
  ~UsageError() override;
};

// A container engine could not be reached at all (no socket, refused, timed out).
class SIND_API EngineUnreachable : public Error
{
public:
  using Error::Error;
  ~EngineUnreachable() override;
};

// A container engine rejected a request with an error status. what() reads
// "<what sind was doing>: <the engine's own message>".
class SIND_API EngineError : public Error
{
public:
  EngineError(int status, std::string context, std::string engine_message)
    : Error(context + ": " + engine_message),
      m_status(status),
      m_context(std::move(context)),
      m_engine_message(std::move(engine_message))
  {
  }
  ~EngineError() override;

  // HTTP status of the engine's response, so callers can branch on 404 or 409.
  int status() const noexcept { return m_status; }
  bool is_not_found() const noexcept { return m_status == 404; }
  bool is_conflict() const noexcept { return m_status == 409; }

  const std::string& context() const noexcept { return m_context; }
  const std::string& engine_message() const noexcept { return m_engine_message; }

private:
  int m_status;
  std::string m_context;
  std::string m_engine_message;
};

// A backend or consumer plugin that cannot be used: unloadable file, missing
// symbol, or another plugin API version.
class SIND_API PluginError : public Error
{
public:
  using Error::Error;
  ~PluginError() override;
};

} // namespace sind
