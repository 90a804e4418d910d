// sind: Slurm clusters in containers. This file parses the command line and
// prints errors; every verb lives in commands/.

#include "commands/commands.hpp"
#include "context.hpp"
#include "passthrough_arguments.hpp"

#include <sind/error.hpp>
#include <sind/names.hpp>

#include <algorithm>
#include <cstdlib>
#include <iostream>

namespace {

constexpr int exit_usage = 2;

void add_global_options(CLI::App& app, sind::cli::GlobalOptions& options)
{
  options.realm = std::string(sind::names::default_realm);
  app.add_option("--realm", options.realm, "Realm to work in: clusters sharing one DNS zone and SSH relay")
    ->envname("SIND_REALM")
    ->capture_default_str();
  app.add_option("--runtime", options.runtime, "Container engine backend")
    ->envname("SIND_RUNTIME")
    ->check(CLI::IsMember({"auto", "docker", "podman"}))
    ->capture_default_str();
  app.add_flag("-v,--verbose", options.verbosity,
               "Log more: -v phases, -vv operations, -vvv every engine request");
}

// Run `command` with the context built from `options`, and print a
// sind::Error once.
int run_command(const sind::cli::GlobalOptions& options, const std::function<int(sind::cli::Context&)>& command)
{
  try {
    sind::cli::Context context(options, std::cout, std::cerr);
    return command(context);
  } catch (const sind::UsageError& error) {
    std::cerr << "error: " << error.what() << '\n';
    return exit_usage;
  } catch (const sind::Error& error) {
    std::cerr << "error: " << error.what() << '\n';
    return 1;
  }
}

// Parse the global options before the command word of `line` with CLI11,
// and run the command with the words after it unparsed.
int run_passthrough(const sind::cli::PassthroughCommandLine& line)
{
  CLI::App app("sind creates Slurm clusters out of containers.", "sind");
  sind::cli::GlobalOptions options;
  add_global_options(app, options);

  try {
    app.parse(std::vector<std::string>(line.global_options.rbegin(), line.global_options.rend()));
    options.realm_given = app.get_option("--realm")->count() > 0;
  } catch (const CLI::ParseError& error) {
    std::cerr << "error: " << error.what() << " (run 'sind --help' for usage)\n";
    return exit_usage;
  }

  return run_command(options, [&line](sind::cli::Context& context) {
    if (line.command == sind::cli::relay_connect_word) {
      return sind::cli::run_relay_connect(context, line.arguments);
    }
    return sind::cli::run_ssh_command(context, line.arguments);
  });
}

} // namespace

int main(int argc, char** argv)
{
  CLI::App app("sind creates Slurm clusters out of containers.", "sind");
  app.require_subcommand(1);
  app.fallthrough();

  sind::cli::GlobalOptions options;
  add_global_options(app, options);

  // Commands record what to run; it runs after parsing, with one error handler.
  std::function<int(sind::cli::Context&)> command;
  const sind::cli::CommandRunner run = [&command](const std::function<int(sind::cli::Context&)>& body) {
    command = body;
  };
  sind::cli::add_version_command(app, run);
  sind::cli::add_doctor_command(app, run);
  sind::cli::add_create_command(app, run);
  sind::cli::add_delete_command(app, run);
  sind::cli::add_get_command(app, run);
  sind::cli::add_status_command(app, run);
  sind::cli::add_exec_command(app, run);
  sind::cli::add_enter_command(app, run);
  sind::cli::add_logs_command(app, run);
  sind::cli::add_completion_command(app, run);
  sind::cli::add_network_command(app, run);
  sind::cli::add_wait_command(app, run);
  sind::cli::add_power_command(app, run);
  sind::cli::add_ssh_command(app, run);

  // the shell completion scripts ask for the candidates of the next word
  std::vector<std::string> arguments(argv + 1, argv + argc);
  if (!arguments.empty() && arguments.front() == "__complete") {
    for (const auto& [variable, value] : {std::pair{"SIND_REALM", &options.realm}, {"SIND_RUNTIME", &options.runtime}}) {
      if (const char* set = std::getenv(variable); set && *set) {
        *value = set;
      }
    }
    return sind::cli::complete_words(app, {arguments.begin() + 1, arguments.end()}, options);
  }

  // OpenSSH's options and the ProxyCommand's arguments are not sind's
  const auto passthrough =
    sind::cli::split_passthrough_command(arguments, {"ssh", std::string(sind::cli::relay_connect_word)});
  if (passthrough) {
    return run_passthrough(*passthrough);
  }

  // everything after "--" is a command for a node, not for sind
  const auto separator = std::find(arguments.begin(), arguments.end(), "--");
  if (separator != arguments.end()) {
    options.trailing_command.assign(separator + 1, arguments.end());
    options.has_trailing_command = true;
    arguments.erase(separator, arguments.end());
  }
  std::reverse(arguments.begin(), arguments.end()); // CLI11 takes them in reverse order

  try {
    app.parse(arguments);
    options.realm_given = app.get_option("--realm")->count() > 0;

  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::ParseError& error) {
    std::cerr << "error: " << error.what() << " (run 'sind --help' for usage)\n";
    return exit_usage;
  }

  if (options.has_trailing_command && !app.got_subcommand("exec")) {
    std::cerr << "error: unexpected arguments after \"--\"; only sind exec and sind ssh take a command\n";
    return exit_usage;
  }

  return run_command(options, command);
}
