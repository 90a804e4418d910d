#include "passthrough_arguments.hpp"

#include <sind/error.hpp>

#include <algorithm>
#include <string_view>

namespace sind::cli {
namespace {

// The global options of main.cpp that take a value as the next word.
bool global_option_takes_value(const std::string& word)
{
  return word == "--realm" || word == "--runtime";
}

// The letters of OpenSSH 9.2's options that take a value, from its usage
// text: -B -b -c -D -E -e -F -I -i -J -L -l -m -O -o -p -Q -R -S -W -w.
bool ssh_option_takes_value(char letter)
{
  return std::string_view("BbcDEeFIiJLlmOopQRSWw").find(letter) != std::string_view::npos;
}

bool is_option(const std::string& word)
{
  return word.size() > 1 && word[0] == '-';
}

// Copy the option word at `arguments[index]`, and its value when it is the
// next word, to `options`. Return the index of the word after them.
std::size_t take_ssh_option(const std::vector<std::string>& arguments, std::size_t index,
                            std::vector<std::string>& options)
{
  const auto& word = arguments[index];
  options.push_back(word);

  // a cluster of letters such as "-tv" ends at the first one that takes a
  // value, and that value is the rest of the word or else the next word
  for (std::size_t letter = 1; letter < word.size(); ++letter) {
    if (!ssh_option_takes_value(word[letter])) {
      continue;
    }
    if (letter + 1 < word.size()) {
      return index + 1;
    }
    if (index + 1 >= arguments.size()) {
      throw UsageError("ssh option -" + std::string(1, word[letter]) + " needs a value, e.g. sind ssh -" +
                       std::string(1, word[letter]) + " VALUE NODE");
    }
    options.push_back(arguments[index + 1]);
    return index + 2;
  }
  return index + 1;
}

} // namespace

std::optional<PassthroughCommandLine> split_passthrough_command(const std::vector<std::string>& arguments,
                                                                const std::set<std::string>& commands)
{
  std::size_t index = 0;
  while (index < arguments.size() && is_option(arguments[index]) && arguments[index] != "--") {
    index += global_option_takes_value(arguments[index]) ? 2 : 1;
  }
  if (index >= arguments.size() || !commands.contains(arguments[index])) {
    return std::nullopt;
  }

  const auto separator = std::find(arguments.begin(), arguments.end(), "--");
  if (std::find(arguments.begin(), separator, "-h") != separator ||
      std::find(arguments.begin(), separator, "--help") != separator) {
    return std::nullopt;
  }
  const auto after = arguments.begin() + static_cast<std::ptrdiff_t>(index) + 1;

  PassthroughCommandLine line;
  line.global_options.assign(arguments.begin(), arguments.begin() + static_cast<std::ptrdiff_t>(index));
  line.command = arguments[index];
  line.arguments.assign(after, arguments.end());
  return line;
}

SshArguments split_ssh_arguments(const std::vector<std::string>& arguments)
{
  const auto separator = std::find(arguments.begin(), arguments.end(), "--");
  const std::vector<std::string> before(arguments.begin(), separator);

  SshArguments ssh;
  if (separator != arguments.end()) {
    ssh.command.assign(separator + 1, arguments.end());
  }

  std::size_t index = 0;
  while (index < before.size()) {
    if (is_option(before[index])) {
      index = take_ssh_option(before, index, ssh.options);
      continue;
    }
    if (!ssh.node.empty()) {
      throw UsageError("unexpected argument \"" + before[index] + "\" after node \"" + ssh.node +
                       "\"; write the remote command after --, e.g. sind ssh " + ssh.node + " -- hostname");
    }
    ssh.node = before[index];
    ++index;
  }

  if (ssh.node.empty()) {
    throw UsageError("no node given; usage: sind ssh [SSH_OPTIONS] NODE[.CLUSTER] [-- COMMAND...]");
  }
  return ssh;
}

} // namespace sind::cli
