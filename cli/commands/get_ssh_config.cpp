#include "commands/get_commands.hpp"
#include "context.hpp"

#include <sind/ssh_config.hpp>

#include <boost/dll/runtime_symbol_info.hpp>
#include <nlohmann/json.hpp>

namespace sind::cli {
namespace {

// The command that ssh runs as ProxyCommand, before the host and port: this
// sind executable, pinned to the realm, and to the engine when one was chosen.
std::vector<std::string> relay_connect_command(Context& context)
{
  std::vector<std::string> command{boost::dll::program_location().string(), "--realm", context.realm()};
  if (context.options().runtime != "auto") {
    command.insert(command.end(), {"--runtime", context.options().runtime});
  }
  command.push_back(std::string(relay_connect_word));
  return command;
}

int get_ssh_config(Context& context, const std::string& output)
{
  require_running_relay(context, "exporting the SSH settings");

  Mesh mesh(context.runtime(), context.realm(), context.logger());
  const auto path = export_ssh_config(mesh, context.realm(), relay_connect_command(context));

  if (output == "json") {
    context.out() << nlohmann::json{{"path", path.string()}}.dump(2) << '\n';
  } else {
    context.out() << path.string() << '\n';
  }
  return 0;
}

} // namespace

void add_get_ssh_config_command(CLI::App& get, const CommandRunner& run)
{
  auto output = std::make_shared<std::string>("human");
  auto* command = get.add_subcommand(
    "ssh-config",
    "Write an ssh_config, the realm's private key and known_hosts to the realm's state folder and print the "
    "ssh_config's path; use it as 'ssh -F PATH NODE.CLUSTER.REALM.sind' or with 'Include PATH' in ~/.ssh/config");
  add_output_option(*command, *output);
  command->callback([output, run] {
    run([output](Context& context) { return get_ssh_config(context, *output); });
  });
}

} // namespace sind::cli
