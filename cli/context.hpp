#pragma once

#include <sind/plugin_loader.hpp>
#include <sind/runtime.hpp>
#include <sind/runtime_selection.hpp>

#include "stderr_logger.hpp"

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sind::cli {

// Options that every command accepts.
struct GlobalOptions
{
  std::string realm;
  bool realm_given = false; // set by --realm or SIND_REALM, not the default
  std::string runtime = "auto"; // docker, podman or auto
  int verbosity = 0;            // number of -v flags
  // The words after "--", for commands that run something on a node.
  std::vector<std::string> trailing_command;
  bool has_trailing_command = false;
};

// What a command needs from its surroundings: output streams, the logger and,
// loaded on first use only, the plugins and the container runtime.
class Context
{
public:
  Context(const GlobalOptions& options, std::ostream& out, std::ostream& err);

  const GlobalOptions& options() const { return m_options; }
  std::ostream& out() { return m_out; }
  std::ostream& err() { return m_err; }
  Logger& logger() { return m_logger; }

  // Return the realm, checked to be a valid DNS label.
  const std::string& realm();
  void set_realm(const std::string& realm) { m_options.realm = realm; }

  const PluginLoader& plugins();

  // Connect to the engine chosen by --runtime. Throws when none responds.
  Runtime& runtime();
  const std::string& runtime_backend();

private:
  GlobalOptions m_options;
  std::ostream& m_out;
  std::ostream& m_err;
  StderrLogger m_logger;
  std::optional<PluginLoader> m_plugins;
  std::optional<SelectedRuntime> m_runtime;
};

} // namespace sind::cli
