// Shell completion. The scripts for bash, zsh and fish are thin: each runs
// `sind __complete WORDS...` for the candidates of the next word, and sind
// prints them from its own command tree and, for cluster and node arguments,
// from the live realm. So completion follows the commands without a
// generator step.

#include "commands/commands.hpp"
#include "context.hpp"

#include <sind/cluster.hpp>
#include <sind/error.hpp>

#include <exception>
#include <iostream>
#include <set>

namespace sind::cli {
namespace {

constexpr const char* bash_script = R"SH(# bash completion for sind: source <(sind completion bash)
_sind() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$(sind __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null)" -- "$cur"))
}
complete -F _sind sind
)SH";

constexpr const char* zsh_script = R"SH(#compdef sind
# zsh completion for sind: source <(sind completion zsh)
_sind() {
    local -a candidates
    candidates=(${(f)"$(sind __complete ${words[2,CURRENT-1]} 2>/dev/null)"})
    compadd -a candidates
}
compdef _sind sind
)SH";

constexpr const char* fish_script = R"SH(# fish completion for sind: sind completion fish | source
complete -c sind -f -a '(sind __complete (commandline -opc)[2..-1] 2>/dev/null)'
)SH";

bool takes_value(const CLI::Option& option)
{
  return !option.get_positional() && option.get_type_size_max() > 0;
}

const CLI::Option* find_option(const CLI::App& app, const std::string& word)
{
  for (const CLI::App* level = &app; level; level = level->get_parent()) {
    for (const auto* option : level->get_options()) {
      if (!option->get_positional() && option->check_name(word)) {
        return option;
      }
    }
  }
  return nullptr;
}

// The expected kind of the word after `words`: the subcommands of the command
// reached so far, or the kind of its next positional argument.
struct Expectation
{
  const CLI::App* command = nullptr;
  std::string positional; // name of the next positional argument, if any
  std::string realm;
};

Expectation follow(const CLI::App& root, const std::vector<std::string>& words, std::string realm)
{
  const CLI::App* command = &root;
  std::size_t positionals = 0;

  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& word = words[i];
    if (word.size() > 1 && word[0] == '-') {
      const auto* option = find_option(*command, word.substr(0, word.find('=')));
      if (option && takes_value(*option) && word.find('=') == std::string::npos && i + 1 < words.size()) {
        if (option->check_name("--realm")) {
          realm = words[i + 1];
        }
        ++i;
      }
      continue;
    }

    const auto subcommands = command->get_subcommands([](const CLI::App*) { return true; });
    auto next = std::find_if(subcommands.begin(), subcommands.end(),
                             [&](const CLI::App* sub) { return sub->get_name() == word; });
    if (next != subcommands.end()) {
      command = *next;
      positionals = 0;
    } else {
      ++positionals;
    }
  }

  Expectation expectation{command, "", realm};
  std::size_t index = 0;
  for (const auto* option : command->get_options([](const CLI::Option* o) { return o->get_positional(); })) {
    if (index++ == positionals) {
      expectation.positional = option->get_name();
    }
  }
  return expectation;
}

void print_candidates(const CLI::App& root, const std::vector<std::string>& words, const GlobalOptions& options)
{
  const auto expectation = follow(root, words, options.realm);

  const auto subcommands =
    expectation.command->get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
  for (const auto* sub : subcommands) {
    std::cout << sub->get_name() << '\n';
  }
  if (!subcommands.empty() || expectation.positional.empty()) {
    return;
  }

  // cluster and node arguments complete from the live realm
  GlobalOptions quiet = options;
  quiet.realm = expectation.realm;
  quiet.verbosity = 0;
  std::ostringstream discard;
  Context context(quiet, std::cout, discard);
  ClusterManager clusters(context.runtime(), context.realm(), context.logger());
  if (expectation.positional == "cluster" || expectation.positional == "name") {
    for (const auto& name : clusters.cluster_names()) {
      std::cout << name << '\n';
    }
  } else if (expectation.positional == "node" || expectation.positional == "nodes") {
    for (const auto& node : clusters.nodes()) {
      std::cout << node.name << '.' << node.cluster << '\n';
    }
  }
}

} // namespace

void add_completion_command(CLI::App& app, const CommandRunner& run)
{
  auto shell = std::make_shared<std::string>();
  auto* completion = app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  completion->add_option("shell", *shell, "bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
  completion->callback([shell, run] {
    run([shell](Context& context) {
      const char* script = fish_script;
      if (*shell == "bash") {
        script = bash_script;
      } else if (*shell == "zsh") {
        script = zsh_script;
      }
      context.out() << script;
      return 0;
    });
  });
}

int complete_words(const CLI::App& root, const std::vector<std::string>& words, const GlobalOptions& options)
{
  try {
    print_candidates(root, words, options);
  } catch (const std::exception&) {
    // completion stays silent when the engine is not there or anything else fails
  }
  return 0;
}

} // namespace sind::cli
