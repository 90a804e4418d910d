#include "commands/commands.hpp"
#include "context.hpp"
#include "service_health.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>

#include <optional>

namespace sind::cli {
namespace {

struct LogsFlags
{
  std::string node;
  std::string service;
  bool follow = false;
  std::optional<unsigned> tail;
};

// The systemd unit behind each service name that `sind logs` accepts.
std::string unit_of(const std::string& service)
{
  if (service == "slurmctld" || service == "slurmd" || service == "munge" || service == "slurmdbd") {
    return service + ".service";
  }
  if (service == "sshd" || service == "ssh") {
    return "ssh.service";
  }
  throw UsageError("unknown service \"" + service + "\"; expected one of slurmctld, slurmd, munge, sshd, slurmdbd");
}

int show_logs(Context& context, const LogsFlags& flags)
{
  const auto address = parse_node_address(flags.node, names::default_cluster);
  const std::string unit = flags.service.empty() ? "" : unit_of(flags.service);

  const auto container = names::node_container(context.realm(), address.cluster, address.node);
  if (!context.runtime().inspect_container(container)) {
    throw Error("node " + address.node + "." + address.cluster + " not found in realm " + context.realm());
  }

  // without a service: the container's own output, as the engine keeps it
  if (unit.empty()) {
    LogOptions options;
    options.follow = flags.follow;
    options.tail = flags.tail;
    context.runtime().logs(container, options, [&](OutputStream stream, std::string_view chunk) {
      (stream == OutputStream::stderr_stream ? context.err() : context.out()) << chunk << std::flush;
      return true;
    });
    return 0;
  }

  InteractiveExecRequest request;
  request.argv = {"journalctl", "--no-pager", "-u", unit};
  if (flags.follow) {
    request.argv.push_back("--follow");
  }
  if (flags.tail) {
    request.argv.push_back("--lines=" + std::to_string(*flags.tail));
  }
  request.tty = false;
  return context.runtime().exec_interactive(container, request);
}

} // namespace

void add_logs_command(CLI::App& app, const CommandRunner& run)
{
  auto flags = std::make_shared<LogsFlags>();
  auto* logs = app.add_subcommand("logs", "Show a node's container output, or the journal of one of its services");
  logs->add_option("node", flags->node, "Node as NODE[.CLUSTER], e.g. worker-0 or controller.dev")->required();
  logs->add_option("service", flags->service, "slurmctld, slurmd, munge, sshd or slurmdbd");
  logs->add_flag("-f,--follow", flags->follow, "Keep printing new output until interrupted");
  logs->add_option("--tail", flags->tail, "Print only the last N lines");

  logs->callback([flags, run] { run([flags](Context& context) { return show_logs(context, *flags); }); });
}

} // namespace sind::cli
