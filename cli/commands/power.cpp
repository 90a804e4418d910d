#include "commands/commands.hpp"

namespace sind::cli {

void add_power_command(CLI::App&, const CommandRunner&) {}

} // namespace sind::cli
