#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <sind/log.hpp>
#include <sind/plugin.hpp>

namespace sind {

class Consumer;
class Runtime;

// A plugin library found on the search path, identified by its file name
// sind-<kind>-<name>.so. Nothing has been loaded yet.
struct PluginFile
{
  std::filesystem::path path;
  PluginKind kind;
  std::string name;
};

// A loaded plugin library whose descriptor matched this sind's API version.
// Objects it creates keep the library loaded for as long as they live.
class LoadedPlugin
{
public:
  LoadedPlugin(std::filesystem::path path, std::shared_ptr<void> library_and_plugin,
               const PluginDescriptor& descriptor, Plugin& plugin);

  const std::filesystem::path& path() const { return m_path; }
  const PluginDescriptor& descriptor() const { return m_descriptor; }

  std::shared_ptr<Runtime> create_runtime(const RuntimeOptions& options) const;
  std::shared_ptr<Consumer> create_consumer(Logger& logger) const;

private:
  std::filesystem::path m_path;
  std::shared_ptr<void> m_owner; // the library and the Plugin object, in that order
  PluginDescriptor m_descriptor;
  Plugin* m_plugin;
};

// Return the folders searched for plugins, in order: each entry of
// `env_plugin_path` (colon-separated, as in $SIND_PLUGIN_PATH), the install's
// lib/sind/plugins relative to `executable_dir`, then the build tree's folder.
std::vector<std::filesystem::path> plugin_search_path(const std::string& env_plugin_path,
                                                      const std::filesystem::path& executable_dir);

class PluginLoader
{
public:
  PluginLoader(std::vector<std::filesystem::path> search_path, Logger& logger);

  const std::vector<std::filesystem::path>& search_path() const { return m_search_path; }

  // List the plugin files of `kind` on the search path, without loading them.
  // A name found in several folders is listed once, from the earliest folder.
  std::vector<PluginFile> find(PluginKind kind) const;

  // Load the plugin `name` of `kind` found first on the search path. Throws
  // sind::PluginError when there is none or it cannot be used.
  LoadedPlugin load(PluginKind kind, const std::string& name) const;

  // Load one library file. Throws sind::PluginError, naming the file and the
  // reason, when it cannot be loaded, lacks a plugin symbol, is writable by
  // other users, or was built against another plugin API version.
  LoadedPlugin load_file(const std::filesystem::path& path) const;

private:
  std::vector<std::filesystem::path> m_search_path;
  Logger& m_logger;
};

} // namespace sind
