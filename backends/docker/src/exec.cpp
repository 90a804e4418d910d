#include "docker_runtime.hpp"

#include <exception>
#include <thread>

#include <sind/engine/multiplexed_stream.hpp>
#include <sind/engine/tar_writer.hpp>
#include <sind/error.hpp>

#include "container_json.hpp"

namespace sind::docker {

using engine::format_path;
using namespace std::chrono_literals;

std::string describe_command(const std::vector<std::string>& argv)
{
  return argv.empty() ? std::string("(no command)") : argv.front();
}

namespace {

// Read the hijacked connection to its end, splitting stdout from stderr.
void collect_output(engine::HijackedConnection& connection, ExecResult& result)
{
  engine::StreamDemultiplexer demultiplexer([&result](OutputStream stream, std::string_view chunk) {
    (stream == OutputStream::stderr_stream ? result.stderr_data : result.stdout_data).append(chunk);
    return true;
  });

  char buffer[65536];
  while (const auto count = connection.read_some(buffer, sizeof buffer)) {
    demultiplexer.feed(std::string_view(buffer, count));
  }
}

} // namespace

void DockerRuntime::upload_files(const std::string& container, const std::string& destination,
                                 const std::vector<FileEntry>& files)
{
  const auto context =
    "uploading " + std::to_string(files.size()) + " files to " + destination + " in container " + container;
  m_logger.debug(context);

  engine::Request request{.method = "PUT",
                          .path = format_path("/containers/{}/archive", {container}),
                          .query = {{"path", destination}},
                          .body = engine::make_tar(files),
                          .content_type = "application/x-tar",
                          .context = context};
  call(request);
}

std::string DockerRuntime::create_exec(const std::string& container, const nlohmann::json& body,
                                       const std::string& context)
{
  engine::Request request{
    .method = "POST", .path = format_path("/containers/{}/exec", {container}), .context = context};
  engine::set_json_body(request, body);
  return string_at(call(request).json(), "Id");
}

int DockerRuntime::exec_exit_code(const std::string& exec_id, const std::string& context)
{
  // The output can end a moment before the engine records the exit code, so
  // ask again while the exec still counts as running.
  for (int attempt = 0; attempt < 50; ++attempt) {
    const auto state = call({.path = format_path("/exec/{}/json", {exec_id}), .context = context}).json();
    const auto running = state.find("Running");
    const auto exit_code = state.find("ExitCode");
    if ((running == state.end() || !running->get<bool>()) && exit_code != state.end() &&
        exit_code->is_number_integer()) {
      return exit_code->get<int>();
    }
    std::this_thread::sleep_for(20ms);
  }
  throw EngineError(200, context, "the engine reported no exit code 1 s after the output ended");
}

ExecResult DockerRuntime::exec(const std::string& container, const ExecRequest& request)
{
  const auto context = "running " + describe_command(request.argv) + " in container " + container;
  m_logger.debug(context);

  const bool has_stdin = request.stdin_data.has_value();
  const auto exec_id = create_exec(container, {{"Cmd", request.argv},
                                               {"Env", request.env},
                                               {"User", request.user},
                                               {"WorkingDir", request.working_dir},
                                               {"AttachStdin", has_stdin},
                                               {"AttachStdout", true},
                                               {"AttachStderr", true},
                                               {"Tty", false}},
                                     context);

  engine::Request start{.method = "POST", .path = format_path("/exec/{}/start", {exec_id}), .context = context};
  engine::set_json_body(start, {{"Detach", false}, {"Tty", false}});
  auto connection = api().hijack(start);

  // Write stdin in a thread of its own while reading the output here, so that
  // neither side waits for the other with full buffers.
  std::exception_ptr write_error;
  std::thread writer;
  if (has_stdin) {
    writer = std::thread([&connection, &request, &write_error] {
      try {
        connection->write(*request.stdin_data);
        connection->close_write();
      } catch (const Error&) {
        write_error = std::current_exception();
      }
    });
  }

  ExecResult result;
  try {
    collect_output(*connection, result);
  } catch (...) {
    connection->close();
    if (writer.joinable()) {
      writer.join();
    }
    throw;
  }

  // the process ended; a writer still blocked on input it never read is released here
  connection->close();
  if (writer.joinable()) {
    writer.join();
  }
  if (write_error) {
    m_logger.debug(context + ": the command exited before it read all of its input");
  }

  result.exit_code = exec_exit_code(exec_id, context);
  return result;
}

void DockerRuntime::resize_exec(const std::string& exec_id, TerminalSize size)
{
  if (size.rows == 0 || size.columns == 0) {
    return;
  }
  call({.method = "POST",
        .path = format_path("/exec/{}/resize", {exec_id}),
        .query = {{"h", std::to_string(size.rows)}, {"w", std::to_string(size.columns)}},
        .context = "resizing the terminal of exec " + exec_id});
}

} // namespace sind::docker
