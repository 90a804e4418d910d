#include <sind/engine/json_sequence.hpp>

namespace sind::engine {

void JsonSequenceSplitter::feed(std::string_view data)
{
  m_buffer.append(data);
}

std::optional<std::string> JsonSequenceSplitter::next()
{
  for (; m_scanned < m_buffer.size(); ++m_scanned) {
    const char character = m_buffer[m_scanned];

    if (m_in_string) {
      if (m_escaped) {
        m_escaped = false;
      } else if (character == '\\') {
        m_escaped = true;
      } else if (character == '"') {
        m_in_string = false;
      }
      continue;
    }

    if (character == '"' && m_depth > 0) {
      m_in_string = true;
    } else if (character == '{' || character == '[') {
      if (m_depth++ == 0) {
        m_start = m_scanned;
      }
    } else if ((character == '}' || character == ']') && m_depth > 0 && --m_depth == 0) {
      auto object = m_buffer.substr(m_start, m_scanned + 1 - m_start);
      m_buffer.erase(0, m_scanned + 1);
      m_scanned = 0;
      m_start = std::string::npos;
      return object;
    }
  }

  // drop text scanned outside any object, so the buffer contains only the unfinished one
  if (m_depth == 0) {
    m_buffer.clear();
    m_scanned = 0;
  }
  return std::nullopt;
}

} // namespace sind::engine
