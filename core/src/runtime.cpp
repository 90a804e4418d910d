#include <sind/runtime.hpp>

namespace sind {

std::string label_value(const Labels& labels, std::string_view key)
{
  auto found = labels.find(std::string(key));
  return found == labels.end() ? "" : found->second;
}

std::string to_string(ContainerState state)
{
  switch (state) {
  case ContainerState::created: return "created";
  case ContainerState::running: return "running";
  case ContainerState::paused: return "paused";
  case ContainerState::restarting: return "restarting";
  case ContainerState::exited: return "exited";
  case ContainerState::removing: return "removing";
  case ContainerState::dead: return "dead";
  case ContainerState::unknown: break;
  }
  return "unknown";
}

} // namespace sind
