#include "commands/commands.hpp"
#include "context.hpp"
#include "duration.hpp"
#include "terminal_progress.hpp"

#include <sind/cluster.hpp>
#include <sind/cluster_config.hpp>
#include <sind/error.hpp>

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

} // namespace

void add_create_command(CLI::App& app, const CommandRunner& run)
{
  auto* create = app.add_subcommand("create", "Create a cluster");
  create->require_subcommand(1);

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
