#include <sind/plugin_loader.hpp>

#include <sind/consumer.hpp>
#include <sind/error.hpp>
#include <sind/runtime.hpp>

#include <boost/dll/shared_library.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <sstream>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace sind {
namespace {

constexpr const char* descriptor_symbol = "sind_plugin_descriptor";
constexpr const char* factory_symbol = "sind_plugin_create";

std::string kind_name(PluginKind kind)
{
  return kind == PluginKind::runtime ? "runtime" : "consumer";
}

// Parse "sind-<kind>-<name>.so"; return nothing for any other file name.
std::optional<PluginFile> parse_file_name(const fs::path& path)
{
  const std::string file = path.filename().string();
  for (PluginKind kind : {PluginKind::runtime, PluginKind::consumer}) {
    const std::string prefix = "sind-" + kind_name(kind) + "-";
    if (file.size() > prefix.size() + 3 && file.starts_with(prefix) && file.ends_with(".so")) {
      return PluginFile{path, kind, file.substr(prefix.size(), file.size() - prefix.size() - 3)};
    }
  }
  return std::nullopt;
}

// Boost.DLL reports "boost::dll::shared_library::load() failed (dlerror
// system message: <reason>)"; keep only the reason.
std::string load_failure_reason(const boost::system::system_error& error)
{
  const std::string message = error.what();
  const std::string marker = "dlerror system message: ";
  const auto start = message.find(marker);
  if (start == std::string::npos) {
    return message;
  }
  std::string reason = message.substr(start + marker.size());
  if (!reason.empty() && reason.back() == ')') {
    reason.pop_back();
  }
  return reason;
}

// Refuse files that another user could have replaced, as osquery does for its
// extensions: loading one would run that user's code with our privileges.
void check_permissions(const fs::path& path)
{
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    throw PluginError("cannot load plugin " + path.string() + ": file not found");
  }
  if ((status.st_mode & S_IWOTH) != 0) {
    throw PluginError("refusing plugin " + path.string() +
                      ": it is writable by every user (chmod o-w to fix)");
  }
}

// The library and the plugin object it created. Members are destroyed in
// reverse order, so the plugin goes before its code is unloaded.
struct PluginOwner
{
  boost::dll::shared_library library;
  std::unique_ptr<Plugin> plugin;
};

} // namespace

LoadedPlugin::LoadedPlugin(fs::path path, std::shared_ptr<void> library_and_plugin,
                           const PluginDescriptor& descriptor, Plugin& plugin)
  : m_path(std::move(path)),
    m_owner(std::move(library_and_plugin)),
    m_descriptor(descriptor),
    m_plugin(&plugin)
{
}

std::shared_ptr<Runtime> LoadedPlugin::create_runtime(const RuntimeOptions& options) const
{
  auto runtime = m_plugin->create_runtime(options);

  // the aliasing owner below keeps the library loaded while the runtime lives
  struct Holder
  {
    std::shared_ptr<void> owner;
    std::unique_ptr<Runtime> runtime;
  };
  auto holder = std::make_shared<Holder>(Holder{m_owner, std::move(runtime)});
  return {holder, holder->runtime.get()};
}

std::shared_ptr<Consumer> LoadedPlugin::create_consumer(Logger& logger) const
{
  auto consumer = m_plugin->create_consumer(logger);

  struct Holder
  {
    std::shared_ptr<void> owner;
    std::unique_ptr<Consumer> consumer;
  };
  auto holder = std::make_shared<Holder>(Holder{m_owner, std::move(consumer)});
  return {holder, holder->consumer.get()};
}

std::vector<fs::path> plugin_search_path(const std::string& env_plugin_path,
                                         const fs::path& executable_dir)
{
  std::vector<fs::path> folders;

  std::istringstream entries(env_plugin_path);
  for (std::string entry; std::getline(entries, entry, ':');) {
    if (!entry.empty()) {
      folders.emplace_back(entry);
    }
  }

  folders.push_back((executable_dir / ".." / SIND_PLUGIN_INSTALL_DIR).lexically_normal());
  folders.emplace_back(SIND_PLUGIN_BUILD_DIR);
  return folders;
}

PluginLoader::PluginLoader(std::vector<fs::path> search_path, Logger& logger)
  : m_search_path(std::move(search_path)),
    m_logger(logger)
{
}

std::vector<PluginFile> PluginLoader::find(PluginKind kind) const
{
  std::vector<PluginFile> found;
  std::set<std::string> names;

  for (const auto& folder : m_search_path) {
    std::error_code error;
    std::vector<PluginFile> in_folder;
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      auto file = parse_file_name(entry.path());
      if (file && file->kind == kind) {
        in_folder.push_back(*file);
      }
    }
    std::sort(in_folder.begin(), in_folder.end(),
              [](const PluginFile& a, const PluginFile& b) { return a.name < b.name; });
    for (auto& file : in_folder) {
      if (names.insert(file.name).second) {
        found.push_back(std::move(file));
      }
    }
  }
  return found;
}

LoadedPlugin PluginLoader::load(PluginKind kind, const std::string& name) const
{
  for (const auto& file : find(kind)) {
    if (file.name != name) {
      continue;
    }
    auto plugin = load_file(file.path);
    if (plugin.descriptor().kind != kind) {
      throw PluginError("refusing plugin " + file.path.string() + ": its file name says " +
                        kind_name(kind) + " plugin, but it is a " +
                        kind_name(plugin.descriptor().kind) + " plugin");
    }
    return plugin;
  }

  std::string folders;
  for (const auto& folder : m_search_path) {
    folders += (folders.empty() ? "" : ":") + folder.string();
  }
  throw PluginError("no " + kind_name(kind) + " plugin named \"" + name + "\" (looked for sind-" +
                    kind_name(kind) + "-" + name + ".so in " + folders +
                    "; set SIND_PLUGIN_PATH to add a folder)");
}

LoadedPlugin PluginLoader::load_file(const fs::path& path) const
{
  check_permissions(path);
  m_logger.debug("loading plugin " + path.string());

  auto owner = std::make_shared<PluginOwner>();
  try {
    owner->library.load(boost::dll::fs::path(path.string()), boost::dll::load_mode::rtld_now);
  } catch (const boost::system::system_error& error) {
    throw PluginError("cannot load plugin " + path.string() + ": " + load_failure_reason(error));
  }

  // check the descriptor before any C++ object crosses the boundary
  for (const char* symbol : {descriptor_symbol, factory_symbol}) {
    if (!owner->library.has(symbol)) {
      throw PluginError("refusing plugin " + path.string() + ": it does not export " + symbol +
                        " (not a sind plugin)");
    }
  }
  const auto& descriptor = owner->library.get<const PluginDescriptor>(descriptor_symbol);
  if (descriptor.api_version != plugin_api_version) {
    throw PluginError("refusing plugin " + path.string() + ": built for plugin API " +
                      std::to_string(descriptor.api_version) + ", but this sind provides API " +
                      std::to_string(plugin_api_version));
  }

  auto create = owner->library.get<Plugin*()>(factory_symbol);
  owner->plugin.reset(create());
  if (!owner->plugin) {
    throw PluginError("refusing plugin " + path.string() + ": its factory returned no object");
  }

  Plugin& plugin = *owner->plugin;
  return LoadedPlugin(path, std::move(owner), descriptor, plugin);
}

} // namespace sind
