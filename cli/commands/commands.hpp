#pragma once

// Each verb registers its subcommand on the application. The callbacks get the
// Context when they run, so nothing is loaded while the command line is parsed.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sind::cli {

class Context;

// Runs a command with the context built from the global options.
using CommandRunner = std::function<void(const std::function<int(Context&)>&)>;

void add_version_command(CLI::App& app, const CommandRunner& run);
void add_doctor_command(CLI::App& app, const CommandRunner& run);
void add_create_command(CLI::App& app, const CommandRunner& run);
void add_delete_command(CLI::App& app, const CommandRunner& run);
void add_get_command(CLI::App& app, const CommandRunner& run);
void add_status_command(CLI::App& app, const CommandRunner& run);
void add_exec_command(CLI::App& app, const CommandRunner& run);
void add_enter_command(CLI::App& app, const CommandRunner& run);
void add_logs_command(CLI::App& app, const CommandRunner& run);
void add_completion_command(CLI::App& app, const CommandRunner& run);

struct GlobalOptions;

// Print the candidates for the word after `words` (the words after "sind"),
// one per line, for the shell completion scripts. Never fails: without an
// engine, cluster and node names are simply not offered.
int complete_words(const CLI::App& root, const std::vector<std::string>& words, const GlobalOptions& options);

// The hidden command that ssh_config's ProxyCommand runs: `sind --realm
// REALM __relay-connect HOST PORT` connects stdin and stdout to HOST:PORT
// from inside the realm's SSH relay.
inline constexpr std::string_view relay_connect_word = "__relay-connect";

// Register `ssh` for help and completion only: main.cpp runs it and
// __relay-connect with run_ssh_command and run_relay_connect, which take the
// words after the command word unparsed.
void add_ssh_command(CLI::App& app, const CommandRunner& run);
int run_ssh_command(Context& context, const std::vector<std::string>& arguments);
int run_relay_connect(Context& context, const std::vector<std::string>& arguments);

void add_network_command(CLI::App& app, const CommandRunner& run);
void add_wait_command(CLI::App& app, const CommandRunner& run);
void add_power_command(CLI::App& app, const CommandRunner& run);

} // namespace sind::cli
