#include "commands/commands.hpp"
#include "context.hpp"
#include "terminal_progress.hpp"

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/names.hpp>

#include <unistd.h>

namespace sind::cli {
namespace {

// The node that users work on: the submitter when the cluster has one, else
// the controller.
const NodeInfo& login_node(const std::vector<NodeInfo>& nodes, const std::string& cluster,
                           const std::string& realm)
{
  const NodeInfo* controller = nullptr;
  for (const auto& node : nodes) {
    if (node.role == "submitter") {
      return node;
    }
    if (node.role == "controller") {
      controller = &node;
    }
  }
  if (!controller) {
    throw Error("cluster " + cluster + " in realm " + realm + " has no controller or submitter");
  }
  return *controller;
}

// Run `command` on the cluster's login node with the caller's standard
// streams, in a pseudo terminal when both stdin and stdout are terminals.
int run_on_login_node(Context& context, const std::string& cluster_flag, const std::vector<std::string>& command)
{
  const std::string cluster = cluster_flag.empty() ? std::string(names::default_cluster) : cluster_flag;

  ClusterManager clusters(context.runtime(), context.realm(), context.logger());
  const auto nodes = clusters.nodes(cluster);
  if (nodes.empty()) {
    throw Error("cluster " + cluster + " not found in realm " + context.realm());
  }
  const auto& node = login_node(nodes, cluster, context.realm());
  if (node.state != ContainerState::running) {
    throw Error("node " + node.name + "." + cluster + " is " + to_string(node.state) + ", not running");
  }

  InteractiveExecRequest request;
  request.argv = command;
  request.working_dir = "/data";
  request.tty = is_terminal(STDIN_FILENO) && is_terminal(STDOUT_FILENO);
  return context.runtime().exec_interactive(node.container, request);
}

int exec_command(Context& context, const std::string& cluster)
{
  const auto& command = context.options().trailing_command;
  if (command.empty()) {
    throw UsageError("no command given; write it after --, e.g. sind exec -- sinfo");
  }
  return run_on_login_node(context, cluster, command);
}

} // namespace

void add_exec_command(CLI::App& app, const CommandRunner& run)
{
  auto cluster = std::make_shared<std::string>();
  auto* exec = app.add_subcommand(
    "exec", "Run a command on the cluster's submitter, or its controller when it has none, in /data; "
            "usage: sind exec [CLUSTER] -- COMMAND [ARGS...]");
  exec->add_option("cluster", *cluster, "Cluster name (default: \"default\")");

  exec->callback([cluster, run] { run([cluster](Context& context) { return exec_command(context, *cluster); }); });
}

} // namespace sind::cli

namespace sind::cli {

void add_enter_command(CLI::App& app, const CommandRunner& run)
{
  auto cluster = std::make_shared<std::string>();
  auto* enter = app.add_subcommand(
    "enter", "Open a login shell on the cluster's submitter, or its controller when it has none, in /data");
  enter->add_option("cluster", *cluster, "Cluster name (default: \"default\")");

  enter->callback([cluster, run] {
    run([cluster](Context& context) { return run_on_login_node(context, *cluster, {"bash", "-l"}); });
  });
}

} // namespace sind::cli
