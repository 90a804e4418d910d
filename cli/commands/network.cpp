#include "commands/commands.hpp"

namespace sind::cli {

void add_network_command(CLI::App&, const CommandRunner&) {}

} // namespace sind::cli
