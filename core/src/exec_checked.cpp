#include "exec_checked.hpp"

#include <sind/error.hpp>

namespace sind {
namespace {

std::string last_line(const std::string& text)
{
  auto end = text.find_last_not_of(" \n\r\t");
  if (end == std::string::npos) {
    return "";
  }
  auto start = text.rfind('\n', end);
  return text.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

} // namespace

ExecResult exec_checked(Runtime& runtime, const std::string& container, const ExecRequest& request,
                        const std::string& purpose)
{
  auto result = runtime.exec(container, request);
  if (result.exit_code == 0) {
    return result;
  }

  std::string output = last_line(result.stderr_data);
  if (output.empty()) {
    output = last_line(result.stdout_data);
  }
  const std::string command = request.argv.empty() ? "" : request.argv.front();
  throw Error(purpose + ": " + command + " in " + container + " exited with " +
              std::to_string(result.exit_code) + (output.empty() ? "" : ": " + output));
}

std::string shell_quote(const std::string& word)
{
  std::string quoted = "'";
  for (char c : word) {
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return quoted + "'";
}

} // namespace sind
