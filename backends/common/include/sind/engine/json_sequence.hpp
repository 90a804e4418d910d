#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sind::engine {

// Splits a byte stream of JSON objects sent one after another (Docker's event
// stream and pull progress) into single objects, whatever the chunk borders.
// Text between objects, such as newlines, is skipped.
class JsonSequenceSplitter
{
public:
  void feed(std::string_view data);

  // Return the next complete object's text, or nothing until more data is fed.
  std::optional<std::string> next();

private:
  std::string m_buffer;
  std::size_t m_scanned = 0; // bytes of m_buffer already scanned
  std::size_t m_start = std::string::npos; // where the current object starts
  int m_depth = 0;
  bool m_in_string = false;
  bool m_escaped = false;
};

} // namespace sind::engine
