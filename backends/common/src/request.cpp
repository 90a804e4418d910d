#include <sind/engine/request.hpp>

#include <stdexcept>

#include <Poco/URI.h>

#include <sind/error.hpp>

namespace sind::engine {
namespace {

// Characters left unencoded besides RFC 3986's unreserved set. Everything else
// in a path argument, "/" included, is percent-encoded, so that a name cannot
// change which resource a path addresses.
constexpr std::string_view path_reserved = "/?#[]@!$&'()*+,;=:% ";
constexpr std::string_view query_reserved = "/?#[]@!$&'()*+,;=:% \"{}";

std::string encode(std::string_view text, std::string_view reserved)
{
  std::string encoded;
  Poco::URI::encode(std::string(text), std::string(reserved), encoded);
  return encoded;
}

std::string trim(std::string_view text)
{
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

} // namespace

std::string format_path(std::string_view pattern, std::initializer_list<std::string_view> arguments)
{
  std::string path;
  auto argument = arguments.begin();
  std::size_t position = 0;
  while (true) {
    const auto placeholder = pattern.find("{}", position);
    if (placeholder == std::string_view::npos) {
      break;
    }
    if (argument == arguments.end()) {
      throw std::invalid_argument("format_path: too few arguments for " + std::string(pattern));
    }
    path.append(pattern.substr(position, placeholder - position));
    path.append(encode(*argument++, path_reserved));
    position = placeholder + 2;
  }
  if (argument != arguments.end()) {
    throw std::invalid_argument("format_path: too many arguments for " + std::string(pattern));
  }

  path.append(pattern.substr(position));
  return path;
}

std::string encode_query(const Query& query)
{
  std::string encoded;
  for (const auto& [name, value] : query) {
    if (!encoded.empty()) {
      encoded += '&';
    }
    encoded += encode(name, query_reserved);
    encoded += '=';
    encoded += encode(value, query_reserved);
  }
  return encoded;
}

void set_json_body(Request& request, const nlohmann::json& json)
{
  request.body = json.dump();
  request.content_type = "application/json";
}

nlohmann::json Response::json() const
{
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& error) {
    throw EngineError(status, context, std::string("invalid JSON in the engine's response: ") + error.what());
  }
}

void throw_engine_error(int status, const std::string& context, std::string_view body, std::string_view reason)
{
  std::string message;
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object() && json.contains("message") && json["message"].is_string()) {
    message = json["message"].get<std::string>();
  } else {
    message = trim(body);
  }

  // keep the message on one line, as the top level prints it as one
  for (auto& character : message) {
    if (character == '\n' || character == '\r') {
      character = ' ';
    }
  }
  if (message.empty()) {
    message = "HTTP " + std::to_string(status) + " " + std::string(reason);
  }
  throw EngineError(status, context, message);
}

} // namespace sind::engine
