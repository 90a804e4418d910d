#include "runtime_fixture.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/plugin_loader.hpp>

#include <cstdlib>

namespace sind::test {
namespace {

using namespace std::chrono_literals;

class Engine : public RuntimeConformance
{
};

TEST_F(Engine, InfoDescribesEngine)
{
  const auto info = runtime().info();

  EXPECT_FALSE(info.backend.empty());
  EXPECT_FALSE(info.version.empty());
  EXPECT_FALSE(info.api_version.empty());
  EXPECT_TRUE(info.cgroup_version == 1 || info.cgroup_version == 2) << info.cgroup_version;
  EXPECT_FALSE(info.endpoint.empty());
  EXPECT_FALSE(info.os.empty());
}

TEST_F(Engine, NodeImageExistsWithLabels)
{
  const std::string image(names::default_node_image);

  const auto info = runtime().inspect_image(image);

  EXPECT_TRUE(runtime().image_exists(image));
  ASSERT_TRUE(info.has_value());
  EXPECT_FALSE(info->id.empty());
  EXPECT_TRUE(info->labels.count("sind.slurm.version")) << "image built without its recipe labels";
}

TEST_F(Engine, MissingImage)
{
  EXPECT_FALSE(runtime().image_exists("sind-node:no-such-tag"));
  EXPECT_FALSE(runtime().inspect_image("sind-node:no-such-tag").has_value());
}

TEST_F(Engine, PullFailureIsEngineError)
{
  // a registry on a loopback port where nothing listens: the pull fails at once
  EXPECT_THROW(runtime().pull_image("127.0.0.1:1/sind/none:latest", [](std::string_view) {}), EngineError);
}

TEST_F(Engine, UnreachableSocketFailsFast)
{
  NullLogger logger;
  PluginLoader loader({SIND_TEST_PLUGIN_DIR}, logger);
  RuntimeOptions options;
  options.endpoint = "unix:///nonexistent/sind-test.sock";
  options.logger = &logger;
  const char* backend = std::getenv("SIND_CONFORMANCE_RUNTIME");
  auto runtime = loader.load(PluginKind::runtime, backend && *backend ? backend : "docker")
                   .create_runtime(options);

  const auto started = std::chrono::steady_clock::now();
  try {
    runtime->ping();
    FAIL() << "ping succeeded on a socket that does not exist";
  } catch (const EngineUnreachable& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/sind-test.sock"), std::string::npos)
      << error.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

} // namespace
} // namespace sind::test
