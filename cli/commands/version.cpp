#include "commands/commands.hpp"
#include "context.hpp"

#include <sind/plugin.hpp>

#include <nlohmann/json.hpp>

namespace sind::cli {

void add_version_command(CLI::App& app, const CommandRunner& run)
{
  auto* command = app.add_subcommand("version", "Print the version of sind and of its plugin API");
  auto json = std::make_shared<bool>(false);
  command->add_flag("--json", *json, "Print the version as a JSON object");

  command->callback([json, run] {
    run([json](Context& context) {
      if (*json) {
        const nlohmann::json version = {{"version", SIND_VERSION},
                                        {"plugin_api_version", plugin_api_version}};
        context.out() << version.dump() << '\n';
      } else {
        context.out() << "sind " << SIND_VERSION << " (plugin API " << plugin_api_version << ")\n";
      }
      return 0;
    });
  });
}

} // namespace sind::cli
