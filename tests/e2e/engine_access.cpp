#include "engine_access.hpp"

#include <sind/names.hpp>
#include <sind/plugin_loader.hpp>

namespace sind::test {

Runtime& engine()
{
  static NullLogger logger;
  static const auto runtime = [] {
    PluginLoader loader({SIND_TEST_PLUGIN_DIR}, logger);
    RuntimeOptions options;
    options.logger = &logger;
    return loader.load(PluginKind::runtime, "docker").create_runtime(options);
  }();
  return *runtime;
}

std::size_t count_realm_resources(const std::string& realm)
{
  const Labels selector{{std::string(names::realm_label), realm}};
  return engine().list_containers(selector).size() + engine().list_networks(selector).size() +
         engine().list_volumes(selector).size();
}

} // namespace sind::test
