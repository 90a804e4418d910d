#pragma once

#include <memory>
#include <string>

#include <sind/log.hpp>
#include <sind/plugin_loader.hpp>

namespace sind {

class Runtime;

// A connected runtime backend and the name it was chosen by.
struct SelectedRuntime
{
  std::string backend;
  std::shared_ptr<Runtime> runtime;
};

// Load the runtime backend named `choice` ("docker", "podman", any installed
// backend) and check that its engine responds; or, for "auto", try docker, then
// podman, then every other backend found, and take the first whose engine
// responds. Throws sind::EngineUnreachable or sind::PluginError with one line
// that says what was tried.
SelectedRuntime select_runtime(const PluginLoader& loader, const std::string& choice, Logger& logger);

} // namespace sind
