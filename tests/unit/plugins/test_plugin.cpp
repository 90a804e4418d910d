// A runtime plugin for the loader tests. Compile definitions turn it into each
// kind of broken plugin: another API version, a missing factory, a wrong kind.

#include <sind/error.hpp>
#include <sind/plugin.hpp>
#include <sind/runtime.hpp>

#ifndef SIND_TEST_API_VERSION
#define SIND_TEST_API_VERSION sind::plugin_api_version
#endif

#ifndef SIND_TEST_KIND
#define SIND_TEST_KIND sind::PluginKind::runtime
#endif

namespace {

class FakePlugin final : public sind::Plugin
{
public:
  std::unique_ptr<sind::Runtime> create_runtime(const sind::RuntimeOptions&) override
  {
    throw sind::PluginError("fake runtime created");
  }
};

} // namespace

SIND_PLUGIN_EXPORT const sind::PluginDescriptor sind_plugin_descriptor{
  SIND_TEST_API_VERSION, SIND_TEST_KIND, "fake", "plugin for the loader tests"};

#ifndef SIND_TEST_NO_FACTORY
SIND_PLUGIN_EXPORT sind::Plugin* sind_plugin_create()
{
  return new FakePlugin();
}
#endif
