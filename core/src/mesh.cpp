#include <sind/mesh.hpp>

#include <sind/error.hpp>
#include <sind/names.hpp>
#include <sind/ssh_config.hpp>

#include "exec_checked.hpp"
#include "ipv4.hpp"
#include "parallel.hpp"

#include <functional>

#include <sstream>

namespace sind {
namespace {

// dnsmasq reads every file of this folder as a hosts file; sind writes one
// file per cluster and makes dnsmasq re-read them with SIGHUP.
constexpr const char* dns_hosts_dir = "/etc/sind-dns";

// The SSH volume is the relay's ~/.ssh, so ssh in the relay uses the realm's
// key and known_hosts without options.
constexpr const char* relay_ssh_dir = "/root/.ssh";

} // namespace

Mesh::Mesh(Runtime& runtime, std::string realm, Logger& logger)
  : m_runtime(runtime),
    m_realm(std::move(realm)),
    m_logger(logger)
{
}

Labels Mesh::labels(const std::string& component) const
{
  return {{std::string(names::realm_label), m_realm}, {std::string(names::component_label), component}};
}

std::optional<MeshInfo> Mesh::inspect()
{
  auto network = m_runtime.inspect_network(names::mesh_network(m_realm));
  if (!network) {
    return std::nullopt;
  }

  MeshInfo mesh;
  mesh.realm = m_realm;
  mesh.dns_zone = names::dns_zone(m_realm);
  mesh.network = network->name;
  mesh.subnet = network->subnet;
  mesh.gateway = network->gateway;
  mesh.dns_container = names::dns_container(m_realm);
  mesh.dns_ip = last_host_address(network->subnet);
  mesh.ssh_container = names::ssh_container(m_realm);
  mesh.ssh_volume = names::ssh_volume(m_realm);

  if (auto dns = m_runtime.inspect_container(mesh.dns_container)) {
    mesh.dns_image = dns->image;
  }
  if (auto relay = m_runtime.inspect_container(mesh.ssh_container)) {
    mesh.ssh_image = relay->image;
  }
  return mesh;
}

MeshInfo Mesh::ensure(const std::string& image)
{
  if (!m_runtime.inspect_network(names::mesh_network(m_realm))) {
    create_network();
  }
  auto mesh = *inspect();

  // the DNS server and the relay come up side by side
  auto ensure_running = [this](const std::string& container, const std::function<void()>& create) {
    auto info = m_runtime.inspect_container(container);
    if (!info) {
      create();
    } else if (info->state != ContainerState::running) {
      m_runtime.start_container(container);
    }
  };
  run_parallel({[&] { ensure_running(mesh.dns_container, [&] { create_dns_server(mesh, image); }); },
                [&] { ensure_running(mesh.ssh_container, [&] { create_ssh_relay(mesh, image); }); }});

  return *inspect();
}

// Let the engine pick a free subnet, then pin it: engines assign a fixed
// address (the DNS server's) only on networks whose subnet was given.
std::string Mesh::create_network()
{
  const auto name = names::mesh_network(m_realm);
  m_logger.debug("creating network " + name);

  NetworkSpec probe{name, labels("mesh")};
  m_runtime.create_network(probe);
  auto chosen = m_runtime.inspect_network(name);
  m_runtime.remove_network(name);
  if (!chosen || chosen->subnet.empty()) {
    throw Error("creating network " + name + ": the engine assigned no IPv4 subnet");
  }

  NetworkSpec network{name, labels("mesh")};
  network.subnet = chosen->subnet;
  network.gateway = chosen->gateway;
  return m_runtime.create_network(network);
}

void Mesh::create_dns_server(const MeshInfo& mesh, const std::string& image)
{
  m_logger.debug("creating DNS server " + mesh.dns_container + " at " + mesh.dns_ip);

  ContainerSpec spec;
  spec.name = mesh.dns_container;
  spec.hostname = "dns";
  spec.image = image;
  spec.labels = labels("dns");
  // --local returns NXDOMAIN for unknown names of the zone instead of
  // forwarding them: musl resolvers give up at the first SERVFAIL or REFUSED
  spec.command = {"dnsmasq",
                  "--keep-in-foreground",
                  "--log-facility=-",
                  "--no-hosts",
                  std::string("--addn-hosts=") + dns_hosts_dir,
                  "--local=/" + mesh.dns_zone + "/",
                  "--domain-needed"};
  spec.networks = {{mesh.network, {"dns"}, mesh.dns_ip}};
  m_runtime.create_container(spec);

  m_runtime.upload_files(spec.name, "/etc",
                         {{"sind-dns/README", "# sind writes one hosts file per cluster here.\n"}});
  m_runtime.start_container(spec.name);
}

void Mesh::create_ssh_relay(const MeshInfo& mesh, const std::string& image)
{
  m_logger.debug("creating SSH relay " + mesh.ssh_container);
  m_runtime.create_volume({mesh.ssh_volume, labels("ssh")});

  ContainerSpec spec;
  spec.name = mesh.ssh_container;
  spec.hostname = "ssh";
  spec.image = image;
  spec.labels = labels("ssh");
  spec.command = {"sleep", "infinity"};
  spec.stop_signal = "SIGKILL"; // sleep as PID 1 ignores SIGTERM
  spec.networks = {{mesh.network, {"ssh"}, ""}};
  spec.dns_servers = {mesh.dns_ip};
  spec.dns_search = {mesh.dns_zone};
  spec.mounts = {{Mount::Type::volume, mesh.ssh_volume, relay_ssh_dir, false, ""}};
  m_runtime.create_container(spec);
  m_runtime.start_container(spec.name);

  // a key pair of the realm's own, made once per volume
  const std::string script = "set -e; cd " + std::string(relay_ssh_dir) +
                             "; test -f id_ed25519 || ssh-keygen -q -t ed25519 -N '' -C " +
                             shell_quote("sind@" + m_realm) +
                             " -f id_ed25519; mkdir -p known_hosts.d; touch known_hosts";
  exec_checked(m_runtime, spec.name, {{"sh", "-c", script}}, "generating the realm's SSH key");
}

void Mesh::remove()
{
  m_logger.debug("removing the mesh of realm " + m_realm);
  m_runtime.remove_container(names::ssh_container(m_realm));
  m_runtime.remove_container(names::dns_container(m_realm));
  m_runtime.remove_network(names::mesh_network(m_realm));
  m_runtime.remove_volume(names::ssh_volume(m_realm));
  remove_exported_ssh_config(m_realm);
}

void Mesh::set_dns_records(const std::string& cluster, const std::vector<DnsRecord>& records)
{
  std::string hosts;
  for (const auto& record : records) {
    hosts += record.ip + " " + record.hostname + "\n";
  }

  const std::string file = std::string(dns_hosts_dir) + "/" + cluster + ".hosts";
  const std::string script = records.empty() ? "rm -f " + shell_quote(file) + "; kill -HUP 1"
                                             : "cat > " + shell_quote(file) + "; kill -HUP 1";
  ExecRequest request{{"sh", "-c", script}};
  if (!records.empty()) {
    request.stdin_data = hosts;
  }
  exec_checked(m_runtime, names::dns_container(m_realm), request,
               "updating the DNS records of cluster " + cluster);
}

std::vector<DnsRecord> Mesh::dns_records()
{
  const std::string script =
    std::string("for f in ") + dns_hosts_dir + "/*.hosts; do [ -f \"$f\" ] && cat \"$f\"; done; true";
  auto result = exec_checked(m_runtime, names::dns_container(m_realm), {{"sh", "-c", script}},
                             "reading the DNS records");

  std::vector<DnsRecord> records;
  std::istringstream lines(result.stdout_data);
  for (std::string ip, hostname; lines >> ip >> hostname;) {
    records.push_back({hostname, ip});
  }
  return records;
}

void Mesh::set_known_hosts(const std::string& cluster, const std::vector<std::string>& lines)
{
  std::string content;
  for (const auto& line : lines) {
    content += line + "\n";
  }

  const std::string file = "known_hosts.d/" + cluster;
  const std::string write = lines.empty() ? "rm -f " + shell_quote(file) : "cat > " + shell_quote(file);
  const std::string script = "set -e; cd " + std::string(relay_ssh_dir) + "; mkdir -p known_hosts.d; " + write +
                             "; for f in known_hosts.d/*; do [ -f \"$f\" ] && cat \"$f\"; done > known_hosts.new"
                             "; mv known_hosts.new known_hosts; cat known_hosts";
  ExecRequest request{{"sh", "-c", script}};
  if (!lines.empty()) {
    request.stdin_data = content;
  }
  const auto result = exec_checked(m_runtime, names::ssh_container(m_realm), request,
                                   "updating known_hosts for cluster " + cluster);

  refresh_exported_known_hosts(m_realm, result.stdout_data);
}

void Mesh::connect_relay(const std::string& network)
{
  m_runtime.connect_network(network, {network, {}, ""}, names::ssh_container(m_realm));
}

void Mesh::disconnect_relay(const std::string& network)
{
  m_runtime.disconnect_network(network, names::ssh_container(m_realm), true);
}

std::string Mesh::read_ssh_file(const std::string& file)
{
  auto result = exec_checked(m_runtime, names::ssh_container(m_realm),
                             {{"cat", std::string(relay_ssh_dir) + "/" + file}}, "reading " + file);
  return result.stdout_data;
}

} // namespace sind
