#pragma once

// The plugin ABI. A backend or consumer plugin is a shared library named
// sind-<kind>-<name>.so that exports exactly two C symbols:
//
//   extern "C" const sind::PluginDescriptor sind_plugin_descriptor;
//   extern "C" sind::Plugin* sind_plugin_create();
//
// The loader reads the descriptor first and refuses the library when its API
// version differs from sind::plugin_api_version, before any C++ object crosses
// the boundary. SIND_DEFINE_PLUGIN below writes both symbols.

#include <cstdint>
#include <memory>
#include <string>

#include <sind/log.hpp>

#include <sind/export.hpp>

namespace sind {

class Runtime;
class Consumer;

// Incremented on every change to a header under include/sind/ that alters the
// layout or the virtual tables of a type that crosses the plugin boundary.
inline constexpr std::uint32_t plugin_api_version = 1;

enum class PluginKind : std::uint32_t { runtime = 1, consumer = 2 };

// Plain C data, so that a library built against any API version can be read.
struct PluginDescriptor
{
  std::uint32_t api_version;
  PluginKind kind;
  const char* name;        // "docker", "kind", ...
  const char* description; // one line for `sind doctor` and `sind version`
};

// How a runtime backend is to reach its engine.
struct RuntimeOptions
{
  // Engine address as unix:///path or tcp://host:port; empty: the backend's
  // default, honouring its environment (DOCKER_HOST, CONTAINER_HOST).
  std::string endpoint;
  Logger* logger = nullptr; // never null when passed by the loader
};

// The object a plugin library creates. It must not outlive the library; the
// loader keeps the library loaded for as long as any object from it lives.
class SIND_API Plugin
{
public:
  virtual ~Plugin() = default;

  // Create a Runtime. Only runtime backends override it; the default throws
  // sind::PluginError.
  virtual std::unique_ptr<Runtime> create_runtime(const RuntimeOptions& options);

  // Create a Consumer. Only consumer plugins override it; the default throws
  // sind::PluginError.
  virtual std::unique_ptr<Consumer> create_consumer(Logger& logger);
};

} // namespace sind

#define SIND_PLUGIN_EXPORT extern "C" __attribute__((visibility("default")))

// Define the two exported symbols of a plugin library. PLUGIN_CLASS is a
// default-constructible subclass of sind::Plugin.
#define SIND_DEFINE_PLUGIN(KIND, NAME, DESCRIPTION, PLUGIN_CLASS)                                  \
  SIND_PLUGIN_EXPORT const sind::PluginDescriptor sind_plugin_descriptor{                          \
    sind::plugin_api_version, KIND, NAME, DESCRIPTION};                                             \
  SIND_PLUGIN_EXPORT sind::Plugin* sind_plugin_create()                                            \
  {                                                                                                 \
    return new PLUGIN_CLASS();                                                                      \
  }
