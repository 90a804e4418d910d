// `sind ssh` and the hidden `__relay-connect`: both run in the realm's SSH
// relay, whose ~/.ssh contains the realm's key and every node's host key.
// main.cpp passes them their arguments unparsed, because most are OpenSSH's.

#include "commands/commands.hpp"
#include "commands/get_commands.hpp"
#include "context.hpp"
#include "passthrough_arguments.hpp"
#include "terminal_progress.hpp"

#include <sind/cluster.hpp>
#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/nodeset.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

#include <unistd.h>

namespace sind::cli {
namespace {

// Opens a TCP connection from the relay to $1:$2 and copies bytes both ways
// between it and the exec's stdin and stdout. When either side ends, both
// copies stop and the connection closes. Waiting for the server after stdin
// ended could last forever, because bash cannot half-close a /dev/tcp socket
// and ssh may be killed before its disconnect message gets through.
// A background job's stdin is /dev/null unless redirected, hence fd 4. The
// final wait reaps the copies, because the relay's PID 1 (sleep) does not.
constexpr const char* relay_connect_script =
  "exec 4<&0 3<>\"/dev/tcp/$1/$2\" || exit 1\n"
  "cat <&3 &\n"
  "reader=$!\n"
  "cat <&4 >&3 &\n"
  "writer=$!\n"
  "wait -n\n"
  "kill $reader $writer 2>/dev/null\n"
  "wait\n"
  "exit 0\n";

// Quote `word` for the remote login shell, which joins and re-splits what
// ssh sends, so that each word of the command arrives as one argument.
std::string quote_for_remote_shell(const std::string& word)
{
  const bool plain = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
  });
  if (plain) {
    return word;
  }

  std::string quoted = "'";
  for (char c : word) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

NodeInfo find_node(Context& context, const std::string& argument)
{
  const auto refs = parse_nodeset(argument, names::default_cluster);
  if (refs.size() != 1) {
    throw UsageError("sind ssh takes one node, but \"" + argument + "\" names " + std::to_string(refs.size()) +
                     "; name one, e.g. worker-0 or worker-0.CLUSTER");
  }
  const auto& ref = refs.front();

  ClusterManager clusters(context.runtime(), context.realm(), context.logger());
  for (auto& node : clusters.nodes(ref.cluster)) {
    if (node.name == ref.node) {
      return node;
    }
  }
  throw Error("node " + ref.node + "." + ref.cluster + " not found in realm " + context.realm() +
              "; list the nodes with 'sind --realm " + context.realm() + " get nodes'");
}

// Build `ssh [-t] OPTIONS root@FQDN [-- COMMAND...]`. The user's options come
// after -t, so -T among them still wins.
std::vector<std::string> ssh_argv(const SshArguments& ssh, const std::string& fqdn, bool tty)
{
  std::vector<std::string> argv{"ssh"};
  if (tty) {
    argv.push_back("-t");
  }
  argv.insert(argv.end(), ssh.options.begin(), ssh.options.end());
  argv.push_back("root@" + fqdn);

  if (!ssh.command.empty()) {
    argv.push_back("--");
    for (const auto& word : ssh.command) {
      argv.push_back(quote_for_remote_shell(word));
    }
  }
  return argv;
}

void check_port(const std::string& port)
{
  int number = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (error != std::errc() || end != port.data() + port.size() || number < 1 || number > 65535) {
    throw UsageError("invalid port \"" + port + "\"; expected a number from 1 to 65535");
  }
}

void check_host(const std::string& host)
{
  const bool valid = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':';
  });
  if (!valid) {
    throw UsageError("invalid host \"" + host + "\"; expected a DNS name or an IP address");
  }
}

} // namespace

int run_ssh_command(Context& context, const std::vector<std::string>& arguments)
{
  const auto ssh = split_ssh_arguments(arguments);
  const auto node = find_node(context, ssh.node);
  if (node.state != ContainerState::running) {
    throw Error("node " + node.name + "." + node.cluster + " is " + to_string(node.state) + ", not running");
  }
  const auto mesh = require_running_relay(context, "connecting to " + node.fqdn);

  InteractiveExecRequest request;
  request.tty = is_terminal(STDIN_FILENO) && is_terminal(STDOUT_FILENO);
  request.argv = ssh_argv(ssh, node.fqdn, request.tty);
  return context.runtime().exec_interactive(mesh.ssh_container, request);
}

int run_relay_connect(Context& context, const std::vector<std::string>& arguments)
{
  if (arguments.size() != 2) {
    throw UsageError(std::string(relay_connect_word) + " takes a host and a port, as ssh's ProxyCommand passes them");
  }
  check_host(arguments[0]);
  check_port(arguments[1]);
  const auto mesh = require_running_relay(context, "connecting to " + arguments[0] + " port " + arguments[1]);

  // no TTY: the stream carries SSH's binary protocol
  InteractiveExecRequest request;
  request.tty = false;
  request.argv = {"bash", "-c", relay_connect_script, "relay-connect", arguments[0], arguments[1]};
  return context.runtime().exec_interactive(mesh.ssh_container, request);
}

void add_ssh_command(CLI::App& app, const CommandRunner& run)
{
  // main.cpp runs `ssh` before CLI11 parses; this entry serves help and completion
  auto* ssh = app.add_subcommand(
    "ssh", "Open an SSH session to a node through the realm's SSH relay, with OpenSSH's options passed through; "
           "usage: sind ssh [SSH_OPTIONS] NODE[.CLUSTER] [-- COMMAND...]");
  ssh->allow_extras();
  ssh->callback([run] {
    run([](Context&) -> int {
      throw UsageError("write sind's own options before ssh, e.g. sind --realm REALM ssh NODE -- COMMAND");
    });
  });
}

} // namespace sind::cli
