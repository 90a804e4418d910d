#include "commands/get_commands.hpp"
#include "context.hpp"
#include "table.hpp"

#include <sind/error.hpp>
#include <sind/mesh.hpp>
#include <sind/realm_network.hpp>

#include <nlohmann/json.hpp>

namespace sind::cli {
namespace {

using nlohmann::json;

struct OutputFlags
{
  std::string output = "human";
};

// One file of the realm's SSH volume and the JSON key it is printed under.
struct SshFile
{
  const char* command;
  const char* file;
  const char* key;
  const char* description;
};

constexpr SshFile ssh_files[] = {
  {"ssh-private-key", "id_ed25519", "private_key", "Print the realm's SSH private key (OpenSSH format)"},
  {"ssh-public-key", "id_ed25519.pub", "public_key", "Print the realm's SSH public key"},
  {"ssh-known-hosts", "known_hosts", "known_hosts",
   "Print the realm's known_hosts: every node's host key under its FQDN and IP"},
};

json mesh_json(const MeshInfo& mesh, const std::vector<RealmNetwork>& networks)
{
  auto cluster_networks = json::array();
  for (const auto& network : networks) {
    if (network.kind == RealmNetwork::Kind::cluster) {
      cluster_networks.push_back({{"cluster", network.cluster},
                                  {"name", network.name},
                                  {"subnet", network.subnet},
                                  {"gateway", network.gateway}});
    }
  }
  return {{"realm", mesh.realm},
          {"network", mesh.network},
          {"subnet", mesh.subnet},
          {"gateway", mesh.gateway},
          {"dns_container", mesh.dns_container},
          {"dns_ip", mesh.dns_ip},
          {"dns_zone", mesh.dns_zone},
          {"dns_image", mesh.dns_image},
          {"ssh_container", mesh.ssh_container},
          {"ssh_volume", mesh.ssh_volume},
          {"ssh_image", mesh.ssh_image},
          {"cluster_networks", cluster_networks}};
}

void print_mesh(std::ostream& out, const MeshInfo& mesh, const std::vector<RealmNetwork>& networks)
{
  Table summary({"REALM", "ZONE", "NETWORK", "SUBNET", "GATEWAY"});
  summary.add_row({mesh.realm, mesh.dns_zone, mesh.network, mesh.subnet, mesh.gateway});
  summary.print(out);
  out << '\n';

  Table services({"SERVICE", "CONTAINER", "IP", "VOLUME", "IMAGE"});
  services.add_row({"dns", mesh.dns_container, mesh.dns_ip, "", mesh.dns_image});
  services.add_row({"ssh", mesh.ssh_container, "", mesh.ssh_volume, mesh.ssh_image});
  services.print(out);
  out << '\n';

  Table clusters({"CLUSTER", "NETWORK", "SUBNET", "GATEWAY"});
  for (const auto& network : networks) {
    if (network.kind == RealmNetwork::Kind::cluster) {
      clusters.add_row({network.cluster, network.name, network.subnet, network.gateway});
    }
  }
  clusters.print(out);
}

int get_mesh(Context& context, const OutputFlags& flags)
{
  const auto mesh = require_mesh(context);
  const auto networks = make_realm_network(context.runtime(), context.realm(), context.logger())->networks();

  if (flags.output == "json") {
    context.out() << mesh_json(mesh, networks).dump(2) << '\n';
  } else {
    print_mesh(context.out(), mesh, networks);
  }
  return 0;
}

// The file content goes to standard output only: never into a log message.
int get_ssh_file(Context& context, const SshFile& file, const OutputFlags& flags)
{
  require_running_relay(context, std::string("reading ") + file.file);
  const auto content = Mesh(context.runtime(), context.realm(), context.logger()).read_ssh_file(file.file);

  if (flags.output == "json") {
    context.out() << json{{file.key, content}}.dump(2) << '\n';
  } else {
    context.out() << content;
  }
  return 0;
}

} // namespace

MeshInfo require_mesh(Context& context)
{
  auto mesh = Mesh(context.runtime(), context.realm(), context.logger()).inspect();
  if (!mesh) {
    throw Error("realm \"" + context.realm() + "\" has no mesh (no DNS server, no SSH relay); create a cluster with "
                "'sind --realm " + context.realm() + " create cluster' first");
  }
  return *mesh;
}

MeshInfo require_running_relay(Context& context, const std::string& purpose)
{
  auto mesh = require_mesh(context);
  const auto relay = context.runtime().inspect_container(mesh.ssh_container);
  if (!relay || relay->state != ContainerState::running) {
    throw Error(purpose + " failed: the SSH relay " + mesh.ssh_container + " is " +
                (relay ? to_string(relay->state) : "missing") + ", not running");
  }
  return mesh;
}

void add_get_mesh_commands(CLI::App& get, const CommandRunner& run)
{
  auto mesh_flags = std::make_shared<OutputFlags>();
  auto* mesh = get.add_subcommand(
    "mesh", "Show the realm's mesh: its network, DNS server, SSH relay and the cluster networks");
  add_output_option(*mesh, mesh_flags->output);
  mesh->callback([mesh_flags, run] {
    run([mesh_flags](Context& context) { return get_mesh(context, *mesh_flags); });
  });

  for (const auto& file : ssh_files) {
    auto flags = std::make_shared<OutputFlags>();
    auto* command = get.add_subcommand(file.command, file.description);
    add_output_option(*command, flags->output);
    command->callback([flags, run, &file] {
      run([flags, &file](Context& context) { return get_ssh_file(context, file, *flags); });
    });
  }

  add_get_ssh_config_command(get, run);
}

} // namespace sind::cli
