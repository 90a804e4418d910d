#include "docker_runtime.hpp"

#include <sind/engine/json_sequence.hpp>
#include <sind/error.hpp>

#include "container_json.hpp"

namespace sind::docker {

using engine::format_path;
using namespace std::chrono_literals;

namespace {

// Whether `reference` names a tag or digest. Without one, the engine would
// pull every tag of the repository.
bool has_tag_or_digest(const std::string& reference)
{
  if (reference.find('@') != std::string::npos) {
    return true;
  }
  const auto last_slash = reference.rfind('/');
  const auto name = last_slash == std::string::npos ? reference : reference.substr(last_slash + 1);
  return name.find(':') != std::string::npos;
}

// Turn one progress message into a line such as "3f4ca61aafcd: Downloading [=>   ] 1.2MB/30MB".
std::string describe_progress(const nlohmann::json& message)
{
  std::string line;
  const auto id = string_at(message, "id");
  if (!id.empty()) {
    line = id + ": ";
  }
  line += string_at(message, "status");

  const auto progress = string_at(message, "progress");
  if (!progress.empty()) {
    line += " " + progress;
  }
  return line;
}

} // namespace

bool DockerRuntime::image_exists(const std::string& reference)
{
  return inspect_image(reference).has_value();
}

std::optional<ImageInfo> DockerRuntime::inspect_image(const std::string& reference)
{
  const auto response = call_unless_missing(
    {.path = format_path("/images/{}/json", {reference}), .context = "inspecting image " + reference});
  if (!response) {
    return std::nullopt;
  }
  return parse_image(response->json());
}

void DockerRuntime::pull_image(const std::string& reference, const ProgressCallback& on_progress)
{
  const auto context = "pulling image " + reference;
  m_logger.debug(context);

  const auto full_reference = has_tag_or_digest(reference) ? reference : reference + ":latest";
  auto stream = api().open_stream({.method = "POST",
                                   .path = "/images/create",
                                   .query = {{"fromImage", full_reference}},
                                   .context = context,
                                   .timeout = 0ms});

  // the engine responds with 200 at once and reports failures inside the progress stream
  engine::JsonSequenceSplitter splitter;
  char buffer[16384];
  while (const auto count = stream->read_some(buffer, sizeof buffer)) {
    splitter.feed(std::string_view(buffer, count));
    while (const auto text = splitter.next()) {
      const auto message = nlohmann::json::parse(*text, nullptr, false);
      const auto error = string_at(message, "error");
      if (!error.empty()) {
        throw EngineError(stream->status(), context, error);
      }
      if (on_progress) {
        on_progress(describe_progress(message));
      }
    }
  }
}

} // namespace sind::docker
