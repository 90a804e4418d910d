#include "docker_runtime.hpp"

#include <atomic>
#include <cerrno>
#include <exception>
#include <thread>

#include <poll.h>
#include <unistd.h>

#include <sind/engine/multiplexed_stream.hpp>
#include <sind/engine/terminal.hpp>
#include <sind/error.hpp>

namespace sind::docker {

using engine::format_path;

namespace {

// How often the input loop wakes up to notice that the output ended or that
// the terminal was resized.
constexpr int poll_interval_ms = 100;

void write_all(int fd, std::string_view data)
{
  while (!data.empty()) {
    const auto written = ::write(fd, data.data(), data.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written <= 0) {
      return; // the caller's output was closed; the process keeps running until it ends
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Copy the process's output to our stdout and stderr until it ends.
void copy_output(engine::HijackedConnection& connection, bool tty)
{
  engine::StreamDemultiplexer demultiplexer([](OutputStream stream, std::string_view chunk) {
    write_all(stream == OutputStream::stderr_stream ? STDERR_FILENO : STDOUT_FILENO, chunk);
    return true;
  });

  char buffer[16384];
  while (const auto count = connection.read_some(buffer, sizeof buffer)) {
    const std::string_view chunk(buffer, count);
    if (tty) {
      write_all(STDOUT_FILENO, chunk); // a TTY stream has no framing
    } else {
      demultiplexer.feed(chunk);
    }
  }
}

// Forward one read of stdin. Return false at its end.
bool forward_input(engine::HijackedConnection& connection)
{
  char buffer[4096];
  const auto count = ::read(STDIN_FILENO, buffer, sizeof buffer);
  if (count < 0 && (errno == EINTR || errno == EAGAIN)) {
    return true;
  }
  if (count <= 0) {
    connection.close_write(); // the process reads the end of its input
    return false;
  }
  connection.write(std::string_view(buffer, static_cast<std::size_t>(count)));
  return true;
}

} // namespace

int DockerRuntime::exec_interactive(const std::string& container, const InteractiveExecRequest& request)
{
  const auto context = "running " + describe_command(request.argv) + " interactively in container " + container;
  m_logger.debug(context);

  const auto exec_id = create_exec(container, {{"Cmd", request.argv},
                                               {"Env", request.env},
                                               {"User", request.user},
                                               {"WorkingDir", request.working_dir},
                                               {"AttachStdin", true},
                                               {"AttachStdout", true},
                                               {"AttachStderr", true},
                                               {"Tty", request.tty}},
                                   context);

  // Since API 1.42 the start request sets the first size, so the command does
  // not start on a 0x0 terminal. Older engines get it from the resize below.
  // NOTE: with API 1.41 a command that reads the size at once may still get 0x0.
  nlohmann::json start_body = {{"Detach", false}, {"Tty", request.tty}};
  const auto initial_size = request.tty ? engine::read_window_size(STDOUT_FILENO) : std::nullopt;
  if (initial_size && initial_size->rows > 0 && api_version_at_least(1, 42)) {
    start_body["ConsoleSize"] = {initial_size->rows, initial_size->columns};
  }
  engine::Request start{.method = "POST", .path = format_path("/exec/{}/start", {exec_id}), .context = context};
  engine::set_json_body(start, start_body);
  auto connection = api().hijack(start);

  // restores the terminal on every way out of this function
  engine::RawTerminalGuard raw_terminal(request.tty ? STDIN_FILENO : -1);

  std::atomic<bool> output_ended{false};
  std::exception_ptr output_error;
  std::thread output_thread([&] {
    try {
      copy_output(*connection, request.tty);
    } catch (const Error&) {
      output_error = std::current_exception();
    }
    output_ended = true;
  });

  try {
    // Signal handlers for SIGWINCH would be process-wide state, so the loop
    // compares the window size whenever it wakes up instead.
    std::optional<TerminalSize> last_size;
    bool input_open = true;
    while (!output_ended) {
      if (request.tty) {
        const auto size = engine::read_window_size(STDOUT_FILENO);
        if (size && (!last_size || size->rows != last_size->rows || size->columns != last_size->columns)) {
          last_size = size;
          try {
            resize_exec(exec_id, *size);
          } catch (const EngineError& error) {
            m_logger.debug(std::string("ignoring a failed resize: ") + error.what()); // the exec may have ended
          }
        }
      }

      pollfd input{STDIN_FILENO, POLLIN, 0};
      const int ready = input_open ? ::poll(&input, 1, poll_interval_ms) : ::poll(nullptr, 0, poll_interval_ms);
      if (ready > 0 && (input.revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)) != 0) {
        input_open = forward_input(*connection);
      }
    }
  } catch (...) {
    connection->close();
    output_thread.join();
    throw;
  }

  output_thread.join();
  connection->close();
  if (output_error) {
    std::rethrow_exception(output_error);
  }
  return exec_exit_code(exec_id, context);
}

} // namespace sind::docker
