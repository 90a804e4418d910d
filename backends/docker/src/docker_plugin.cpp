#include <cstdlib>

#include <sind/error.hpp>
#include <sind/plugin.hpp>

#include "docker_runtime.hpp"

namespace sind::docker {
namespace {

constexpr const char* default_endpoint = "unix:///var/run/docker.sock";

engine::Endpoint choose_endpoint(const RuntimeOptions& options)
{
  if (!options.endpoint.empty()) {
    return engine::parse_endpoint(options.endpoint);
  }

  const char* docker_host = std::getenv("DOCKER_HOST");
  if (docker_host != nullptr && *docker_host != '\0') {
    try {
      return engine::parse_endpoint(docker_host);
    } catch (const UsageError& error) {
      throw UsageError(std::string("DOCKER_HOST: ") + error.what());
    }
  }
  return engine::parse_endpoint(default_endpoint);
}

class DockerPlugin final : public Plugin
{
public:
  std::unique_ptr<Runtime> create_runtime(const RuntimeOptions& options) override
  {
    return make_docker_runtime(options);
  }
};

} // namespace

std::unique_ptr<Runtime> make_docker_runtime(const RuntimeOptions& options)
{
  if (options.logger == nullptr) {
    throw PluginError("the Docker backend needs a logger in its RuntimeOptions");
  }
  return std::make_unique<DockerRuntime>(choose_endpoint(options), *options.logger);
}

} // namespace sind::docker

SIND_DEFINE_PLUGIN(sind::PluginKind::runtime, "docker", "Docker Engine REST API", sind::docker::DockerPlugin)
