#include "context.hpp"

#include <sind/names.hpp>

#include <boost/dll/runtime_symbol_info.hpp>

#include <algorithm>
#include <cstdlib>

namespace sind::cli {

Context::Context(const GlobalOptions& options, std::ostream& out, std::ostream& err)
  : m_options(options),
    m_out(out),
    m_err(err),
    m_logger(err, static_cast<LogLevel>(std::clamp(options.verbosity, 0, 3)))
{
}

const std::string& Context::realm()
{
  names::validate_dns_label("realm", m_options.realm);
  return m_options.realm;
}

const PluginLoader& Context::plugins()
{
  if (!m_plugins) {
    const char* env_path = std::getenv("SIND_PLUGIN_PATH");
    const auto executable_dir = boost::dll::program_location().parent_path().string();
    m_plugins.emplace(plugin_search_path(env_path ? env_path : "", executable_dir), m_logger);
  }
  return *m_plugins;
}

Runtime& Context::runtime()
{
  if (!m_runtime) {
    m_runtime = select_runtime(plugins(), m_options.runtime, m_logger);
    m_logger.debug("using the " + m_runtime->backend + " runtime");
  }
  return *m_runtime->runtime;
}

const std::string& Context::runtime_backend()
{
  runtime();
  return m_runtime->backend;
}

} // namespace sind::cli
