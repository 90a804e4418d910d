#include "commands/commands.hpp"
#include "context.hpp"
#include "duration.hpp"
#include "terminal_progress.hpp"

#include <sind/cluster.hpp>
#include <sind/cluster_config.hpp>
#include <sind/error.hpp>
#include <sind/names.hpp>

#include <filesystem>
#include <iostream>
#include <iterator>
#include <unistd.h>

namespace sind::cli {
namespace {

struct CreateClusterFlags
{
  std::string name;
  std::string config_file; // "-" for standard input
  std::string data;
  std::string wait = "5m";
  bool pull = false;
};

ClusterConfig read_config(const CreateClusterFlags& flags)
{
  if (flags.config_file.empty()) {
    return default_cluster_config();
  }
  if (flags.config_file == "-") {
    const std::string text(std::istreambuf_iterator<char>(std::cin), {});
    return parse_cluster_config(text, "<stdin>");
  }
  return load_cluster_config(flags.config_file);
}

// The realm comes from the configuration file unless --realm or SIND_REALM
// names another one, which is a contradiction the user must resolve.
void choose_realm(Context& context, const ClusterConfig& config)
{
  if (!config.realm || *config.realm == context.options().realm) {
    return;
  }
  if (context.options().realm_given) {
    throw UsageError("the configuration names realm \"" + *config.realm + "\" but --realm or SIND_REALM names \"" +
                     context.options().realm + "\"; remove one of them");
  }
  context.set_realm(*config.realm);
}

int create_cluster(Context& context, const CreateClusterFlags& flags)
{
  auto config = read_config(flags);
  if (!flags.name.empty()) {
    config.name = flags.name;
  }
  if (!flags.data.empty()) {
    apply_data_flag(config.data_storage, flags.data, std::filesystem::current_path());
  }
  choose_realm(context, config);

  CreateClusterOptions options;
  options.wait = parse_duration(flags.wait, "--wait");
  options.pull = flags.pull;

  const bool interactive = is_terminal(STDERR_FILENO);
  TerminalProgress terminal(context.err());
  NullProgress silent;
  Progress& progress = interactive ? static_cast<Progress&>(terminal) : silent;
  if (interactive) {
    context.err() << "Creating cluster \"" << config.name << "\" in realm \"" << context.realm() << "\"\n";
  }

  ClusterManager clusters(context.runtime(), context.realm(), context.logger());
  clusters.create(config, options, progress);
  return 0;
}

struct CreateWorkerFlags
{
  std::string cluster = std::string(names::default_cluster);
  int count = 1;
  std::string image;
  double cpus = 0;
  std::string memory;
  std::string tmp_size;
  bool unmanaged = false;
  std::vector<std::string> cap_add;
  std::vector<std::string> cap_drop;
  std::vector<std::string> devices;
  std::vector<std::string> security_opt;
  std::string wait = "5m";
  bool pull = false;
};

std::uint64_t read_size_flag(const std::string& value, const std::string& flag)
{
  const auto bytes = parse_size(value);
  if (!bytes) {
    throw UsageError("invalid " + flag + " \"" + value + "\": expected a size such as 512m or 2g");
  }
  return *bytes;
}

NodeSettings worker_settings(const CreateWorkerFlags& flags)
{
  NodeSettings settings;
  if (!flags.image.empty()) {
    settings.image = flags.image;
  }
  if (flags.cpus != 0) {
    settings.cpus = flags.cpus;
  }
  if (!flags.memory.empty()) {
    settings.memory_bytes = read_size_flag(flags.memory, "--memory");
  }
  // the kernel's tmpfs takes a size in bytes as it is
  if (!flags.tmp_size.empty()) {
    settings.tmp_size = std::to_string(read_size_flag(flags.tmp_size, "--tmp-size"));
  }
  settings.cap_add = flags.cap_add;
  settings.cap_drop = flags.cap_drop;
  settings.devices = flags.devices;
  settings.security_opt = flags.security_opt;
  return settings;
}

int create_worker(Context& context, const CreateWorkerFlags& flags)
{
  AddWorkersOptions options;
  options.count = flags.count;
  options.settings = worker_settings(flags);
  options.managed = !flags.unmanaged;
  options.pull = flags.pull;
  options.wait = parse_duration(flags.wait, "--wait");

  const bool interactive = is_terminal(STDERR_FILENO);
  TerminalProgress terminal(context.err());
  NullProgress silent;
  Progress& progress = interactive ? static_cast<Progress&>(terminal) : silent;
  if (interactive) {
    context.err() << "Adding " << flags.count << (flags.count == 1 ? " worker" : " workers") << " to cluster \""
                  << flags.cluster << "\" in realm \"" << context.realm() << "\"\n";
  }

  ClusterManager clusters(context.runtime(), context.realm(), context.logger());
  for (const auto& name : clusters.add_workers(flags.cluster, options, progress)) {
    context.out() << name << "\n";
  }
  return 0;
}

void add_create_worker_command(CLI::App& create, const CommandRunner& run)
{
  auto flags = std::make_shared<CreateWorkerFlags>();
  auto* worker = create.add_subcommand(
    "worker", "Add workers to a running cluster, numbered after its highest worker, and wait until "
              "they are idle in Slurm; prints the new workers' names");
  worker->add_option("cluster", flags->cluster, "Cluster name")->capture_default_str();
  worker->add_option("--count", flags->count, "Number of workers to add")->capture_default_str()->check(
    CLI::PositiveNumber);
  worker->add_option("--image", flags->image, "Node image (default: the controller's image)");
  worker->add_option("--cpus", flags->cpus, "CPU limit per worker, may be fractional (default: none)")
    ->check(CLI::PositiveNumber);
  worker->add_option("--memory", flags->memory, "Memory limit per worker, e.g. 2g (default: none)");
  worker->add_option("--tmp-size", flags->tmp_size, "Size of the /tmp tmpfs, e.g. 512m (default: 1g)");
  worker->add_flag("--unmanaged", flags->unmanaged,
                   "Leave the workers out of Slurm: no slurmd and no line in sind-nodes.conf");
  worker->add_option("--cap-add", flags->cap_add, "Linux capability to add; repeat for more")
    ->allow_extra_args(false);
  worker->add_option("--cap-drop", flags->cap_drop, "Linux capability to drop; repeat for more")
    ->allow_extra_args(false);
  worker->add_option("--device", flags->devices, "Host device as host[:container[:permissions]]; repeat for more")
    ->allow_extra_args(false);
  worker->add_option("--security-opt", flags->security_opt, "Security option such as seccomp=unconfined; repeat for more")
    ->allow_extra_args(false);
  worker->add_option("--wait", flags->wait, "How long to wait for the workers to be ready, e.g. 90s or 5m")
    ->capture_default_str();
  worker->add_flag("--pull", flags->pull, "Pull the node image when the engine does not have it");

  worker->callback([flags, run] { run([flags](Context& context) { return create_worker(context, *flags); }); });
}

} // namespace

void add_create_command(CLI::App& app, const CommandRunner& run)
{
  auto* create = app.add_subcommand("create", "Create a cluster, or add workers to one");
  create->require_subcommand(1);
  add_create_worker_command(*create, run);

  auto flags = std::make_shared<CreateClusterFlags>();
  auto* cluster = create->add_subcommand("cluster", "Create a Slurm cluster and wait until it is ready");
  cluster->add_option("name", flags->name, "Cluster name (default: the configuration's, else \"default\")");
  cluster->add_option("--config", flags->config_file, "Cluster configuration file, or - for standard input");
  cluster->add_option("--data", flags->data,
                      "Where /data comes from: volume, . (this folder) or a host folder");
  cluster->add_option("--wait", flags->wait, "How long to wait for Slurm to be ready, e.g. 90s or 5m")
    ->capture_default_str();
  cluster->add_flag("--pull", flags->pull, "Pull the node image when the engine does not have it");

  cluster->callback([flags, run] { run([flags](Context& context) { return create_cluster(context, *flags); }); });
}

} // namespace sind::cli
