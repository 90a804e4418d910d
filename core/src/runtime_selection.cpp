#include <sind/runtime_selection.hpp>

#include <sind/error.hpp>
#include <sind/runtime.hpp>

#include <algorithm>
#include <vector>

namespace sind {
namespace {

SelectedRuntime connect(const PluginLoader& loader, const std::string& backend, Logger& logger)
{
  RuntimeOptions options;
  options.logger = &logger;

  auto runtime = loader.load(PluginKind::runtime, backend).create_runtime(options);
  runtime->ping();
  return {backend, std::move(runtime)};
}

// docker and podman first, in that order, then the other backends by name.
std::vector<std::string> auto_candidates(const PluginLoader& loader)
{
  std::vector<std::string> names;
  for (const auto& file : loader.find(PluginKind::runtime)) {
    names.push_back(file.name);
  }

  auto rank = [](const std::string& name) { return name == "docker" ? 0 : name == "podman" ? 1 : 2; };
  std::stable_sort(names.begin(), names.end(),
                   [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
  return names;
}

} // namespace

SelectedRuntime select_runtime(const PluginLoader& loader, const std::string& choice, Logger& logger)
{
  if (choice != "auto") {
    return connect(loader, choice, logger);
  }

  const auto candidates = auto_candidates(loader);
  if (candidates.empty()) {
    throw PluginError("no runtime backend found; set SIND_PLUGIN_PATH to the folder that holds "
                      "sind-runtime-docker.so");
  }

  std::string failures;
  for (const auto& backend : candidates) {
    try {
      return connect(loader, backend, logger);
    } catch (const Error& error) {
      logger.debug("runtime " + backend + " is not usable: " + error.what());
      failures += (failures.empty() ? "" : "; ") + std::string(error.what());
    }
  }
  throw EngineUnreachable("no container engine responds: " + failures);
}

} // namespace sind
