#include "command_runner.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace sind::test {
namespace {

std::string read_all(int fd)
{
  std::string data;
  char buffer[4096];
  for (ssize_t count; (count = ::read(fd, buffer, sizeof buffer)) > 0;) {
    data.append(buffer, static_cast<std::size_t>(count));
  }
  return data;
}

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& changes)
{
  std::vector<std::string> result;
  for (char** entry = environ; *entry; ++entry) {
    const std::string variable = *entry;
    if (!changes.count(variable.substr(0, variable.find('=')))) {
      result.push_back(variable);
    }
  }
  for (const auto& [name, value] : changes) {
    if (!value.empty()) {
      result.push_back(name + "=" + value);
    }
  }
  return result;
}

// A temporary file that the child writes one stream to.
struct CaptureFile
{
  CaptureFile()
  {
    char path[] = "/tmp/sind-cli-test.XXXXXX";
    fd = ::mkstemp(path);
    ::unlink(path);
  }
  ~CaptureFile() { ::close(fd); }

  std::string contents() const
  {
    ::lseek(fd, 0, SEEK_SET);
    return read_all(fd);
  }

  int fd;
};

// Wait for `pid` to end; send SIGINT after `interrupt_after` and SIGKILL
// 10 s after that. Return its wait status.
int wait_with_deadline(pid_t pid, std::chrono::milliseconds interrupt_after)
{
  using Clock = std::chrono::steady_clock;
  const auto interrupt_at = Clock::now() + interrupt_after;
  const auto kill_at = interrupt_at + std::chrono::seconds(10);
  bool interrupted = false;

  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    const auto now = Clock::now();
    if (now >= kill_at) {
      ::kill(pid, SIGKILL);
    } else if (now >= interrupt_at && !interrupted) {
      ::kill(pid, SIGINT);
      interrupted = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return status;
}

} // namespace

CommandResult run_sind(const std::vector<std::string>& arguments,
                       const std::map<std::string, std::string>& environment, const std::string& stdin_data,
                       std::optional<std::chrono::milliseconds> interrupt_after)
{
  return run_program(SIND_EXECUTABLE, arguments, environment, stdin_data, interrupt_after);
}

CommandResult run_program(const std::string& program, const std::vector<std::string>& arguments,
                          const std::map<std::string, std::string>& environment, const std::string& stdin_data,
                          std::optional<std::chrono::milliseconds> interrupt_after)
{
  std::vector<std::string> argv_storage{program};
  argv_storage.insert(argv_storage.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& argument : argv_storage) {
    argv.push_back(argument.data());
  }
  argv.push_back(nullptr);

  auto env_storage = merged_environment(environment);
  std::vector<char*> envp;
  for (auto& variable : env_storage) {
    envp.push_back(variable.data());
  }
  envp.push_back(nullptr);

  CaptureFile in;
  CaptureFile out;
  CaptureFile err;
  if (::write(in.fd, stdin_data.data(), stdin_data.size()) != static_cast<ssize_t>(stdin_data.size())) {
    throw std::runtime_error("cannot write the standard input of " + argv_storage[0]);
  }
  ::lseek(in.fd, 0, SEEK_SET);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.fd, STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.fd, STDERR_FILENO);

  pid_t pid = 0;
  const int spawn_error = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawn_error != 0) {
    throw std::runtime_error("cannot start " + argv_storage[0]);
  }

  int status = 0;
  if (interrupt_after) {
    status = wait_with_deadline(pid, *interrupt_after);
  } else {
    ::waitpid(pid, &status, 0);
  }
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), out.contents(), err.contents()};
}

} // namespace sind::test
