#include "commands/get_commands.hpp"
#include "context.hpp"

#include <sind/coredns.hpp>
#include <sind/error.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

namespace sind::cli {
namespace {

struct CorednsFlags
{
  std::string format = "corefile";
  std::string base_configmap; // a file, "-" for standard input, or empty for the default
  std::string output = "human";
};

// Return the base ConfigMap and a name for it in error messages.
std::pair<std::string, std::string> read_base_configmap(const std::string& path)
{
  if (path.empty()) {
    return {default_coredns_configmap(), "the default ConfigMap"};
  }

  std::ostringstream content;
  if (path == "-") {
    content << std::cin.rdbuf();
    return {content.str(), "standard input"};
  }

  std::ifstream file(path);
  if (!file) {
    throw UsageError("--base-configmap " + path + " not found or not readable; give a ConfigMap YAML file, or - for "
                     "standard input");
  }
  content << file.rdbuf();
  return {content.str(), path};
}

int get_coredns_config(Context& context, const CorednsFlags& flags)
{
  if (!flags.base_configmap.empty() && flags.format != "configmap") {
    throw UsageError("--base-configmap applies to --format configmap only");
  }

  // read the base first, so that bad input fails before the engine is asked
  std::pair<std::string, std::string> base;
  if (flags.format == "configmap") {
    base = read_base_configmap(flags.base_configmap);
  }

  const auto mesh = require_mesh(context);
  const auto block = render_stub_zone(mesh.dns_zone, mesh.dns_ip);
  const auto configmap =
    flags.format == "configmap" ? merge_stub_zone(base.first, base.second, mesh.dns_zone, block) : "";

  if (flags.output == "json") {
    nlohmann::json result{{"zone", mesh.dns_zone}, {"dns_ip", mesh.dns_ip}, {"corefile", block}};
    if (flags.format == "configmap") {
      result["configmap"] = configmap;
    }
    context.out() << result.dump(2) << '\n';
  } else {
    context.out() << (flags.format == "configmap" ? configmap : block);
  }
  return 0;
}

} // namespace

void add_get_coredns_command(CLI::App& get, const CommandRunner& run)
{
  auto flags = std::make_shared<CorednsFlags>();
  auto* command = get.add_subcommand(
    "coredns-config", "Print the CoreDNS stub zone that forwards the realm's zone to its DNS server");
  command
    ->add_option("--format", flags->format,
                 "corefile: the Corefile server block; configmap: the CoreDNS ConfigMap with the block merged in, "
                 "for 'kubectl apply -f -'")
    ->check(CLI::IsMember({"corefile", "configmap"}))
    ->capture_default_str();
  command->add_option("--base-configmap", flags->base_configmap,
                      "ConfigMap YAML to merge into, '-' for standard input "
                      "(default: kubeadm's CoreDNS ConfigMap, as kind creates it)");
  add_output_option(*command, flags->output);
  command->callback([flags, run] { run([flags](Context& context) { return get_coredns_config(context, *flags); }); });
}

} // namespace sind::cli
