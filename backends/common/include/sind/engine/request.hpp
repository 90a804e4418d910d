#pragma once

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Poco/Net/NameValueCollection.h>
#include <nlohmann/json.hpp>

namespace sind::engine {

// Query parameters in the order they are sent; values are not yet encoded.
using Query = std::vector<std::pair<std::string, std::string>>;

// Build a request path from `pattern`, replacing each "{}" in order with the
// percent-encoded argument, e.g. format_path("/containers/{}/start", {id}).
// Throws std::invalid_argument when the counts differ (a programming error).
std::string format_path(std::string_view pattern, std::initializer_list<std::string_view> arguments);

// Encode `query` as "a=1&b=x%20y", without the leading "?".
std::string encode_query(const Query& query);

struct Request
{
  std::string method = "GET";
  // Below the API version prefix and escaped already (see format_path).
  std::string path;
  Query query;
  std::optional<std::string> body;
  std::string content_type = "application/json";
  // What sind is doing, e.g. "creating network sind-mesh". It prefixes every
  // error raised for this request.
  std::string context;
  // Prefix the path with "/v<api version>"; false for "/_ping".
  bool versioned = true;
  // Time allowed for each read from the engine. Nothing: the client's default.
  // Zero: wait as long as it takes (event streams, logs that follow).
  std::optional<std::chrono::milliseconds> timeout;
  // Extra headers, e.g. "Connection: Upgrade" for a hijacked exec.
  std::vector<std::pair<std::string, std::string>> headers;
};

// Set `request.body` to the serialized `json`.
void set_json_body(Request& request, const nlohmann::json& json);

struct Response
{
  int status = 0;
  Poco::Net::NameValueCollection headers; // names compare case-insensitively
  std::string body;
  std::string context; // copied from the request, for errors raised later

  // Parse the body as JSON. Throws sind::EngineError when it is not JSON.
  nlohmann::json json() const;
};

// Build the EngineError for an error response: the message comes from the
// engine's {"message": "..."} body, or the body text, or the HTTP reason.
[[noreturn]] void throw_engine_error(int status, const std::string& context, std::string_view body,
                                     std::string_view reason);

} // namespace sind::engine
