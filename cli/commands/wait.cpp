#include "commands/commands.hpp"

namespace sind::cli {

void add_wait_command(CLI::App&, const CommandRunner&) {}

} // namespace sind::cli
