#include "runtime_fixture.hpp"

#include <sind/names.hpp>
#include <sind/plugin_loader.hpp>
#include <sind/system_container.hpp>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <unistd.h>

namespace sind::test {
namespace {

constexpr const char* test_label = "sind.test";
constexpr const char* owner_label = "sind.test.owner";

std::string runtime_name()
{
  const char* name = std::getenv("SIND_CONFORMANCE_RUNTIME");
  return name && *name ? name : "docker";
}

bool owner_is_gone(const Labels& labels)
{
  auto owner = labels.find(owner_label);
  if (owner == labels.end()) {
    return true;
  }
  const pid_t pid = std::atoi(owner->second.c_str());
  return pid <= 0 || (::kill(pid, 0) != 0 && errno == ESRCH);
}

} // namespace

std::shared_ptr<Runtime> RuntimeConformance::s_runtime;
std::string RuntimeConformance::s_node;

void ConformanceEnvironment::SetUp()
{
  auto& s_runtime = RuntimeConformance::s_runtime;

  static NullLogger logger;
  PluginLoader loader({SIND_TEST_PLUGIN_DIR}, logger);
  RuntimeOptions options;
  options.logger = &logger;
  s_runtime = loader.load(PluginKind::runtime, runtime_name()).create_runtime(options);
  s_runtime->ping();

  remove_test_resources(*s_runtime, false);

  // boot one system container for the tests that need systemd
  ContainerSpec spec;
  spec.name = RuntimeConformance::unique_name("node");
  spec.hostname = "node";
  spec.image = std::string(names::default_node_image);
  spec.labels = RuntimeConformance::labels();
  make_system_container(spec, s_runtime->info());
  s_runtime->create_container(spec);
  s_runtime->start_container(spec.name);
  RuntimeConformance::s_node = spec.name;
}

void ConformanceEnvironment::TearDown()
{
  auto& s_runtime = RuntimeConformance::s_runtime;
  if (s_runtime) {
    remove_test_resources(*s_runtime, true);
  }
  s_runtime.reset();
}

// gtest_main runs the tests; registering here puts the environment around them.
[[maybe_unused]] const auto* const environment =
  ::testing::AddGlobalTestEnvironment(new ConformanceEnvironment);

Labels RuntimeConformance::labels()
{
  return {{std::string(names::realm_label), "sind-conformance"},
          {test_label, "conformance"},
          {owner_label, std::to_string(::getpid())}};
}

std::string RuntimeConformance::unique_name(const std::string& what)
{
  return "sind-conformance-" + std::to_string(::getpid()) + "-" + what;
}

std::string RuntimeConformance::create_plain_container(const std::string& what,
                                                       const std::vector<std::string>& command)
{
  ContainerSpec spec;
  spec.name = unique_name(what);
  spec.image = std::string(names::default_node_image);
  spec.labels = labels();
  spec.command = command;
  return runtime().create_container(spec);
}

void remove_test_resources(Runtime& runtime, bool own)
{
  const Labels selector{{test_label, ""}};
  const std::string self = std::to_string(::getpid());
  auto should_remove = [&](const Labels& labels) {
    auto owner = labels.find(owner_label);
    const bool mine = owner != labels.end() && owner->second == self;
    return (own && mine) || owner_is_gone(labels);
  };

  // containers first: networks and volumes in use cannot be removed
  for (const auto& container : runtime.list_containers(selector)) {
    if (should_remove(container.labels)) {
      runtime.remove_container(container.id);
    }
  }
  for (const auto& network : runtime.list_networks(selector)) {
    if (should_remove(network.labels)) {
      runtime.remove_network(network.id);
    }
  }
  for (const auto& volume : runtime.list_volumes(selector)) {
    if (should_remove(volume.labels)) {
      runtime.remove_volume(volume.name);
    }
  }
}

} // namespace sind::test
