#include <sind/consumer.hpp>
#include <sind/error.hpp>
#include <sind/plugin.hpp>
#include <sind/runtime.hpp>

namespace sind {

std::unique_ptr<Runtime> Plugin::create_runtime(const RuntimeOptions&)
{
  throw PluginError("this plugin is not a runtime backend");
}

std::unique_ptr<Consumer> Plugin::create_consumer(Logger&)
{
  throw PluginError("this plugin is not a consumer plugin");
}

} // namespace sind
