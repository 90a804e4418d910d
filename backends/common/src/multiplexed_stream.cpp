#include <sind/engine/multiplexed_stream.hpp>

#include <algorithm>
#include <utility>

#include <sind/error.hpp>

namespace sind::engine {

StreamDemultiplexer::StreamDemultiplexer(OutputCallback on_output)
  : m_on_output(std::move(on_output))
{
}

bool StreamDemultiplexer::feed(std::string_view data)
{
  while (!data.empty()) {
    // collect the header, which may arrive in pieces
    if (m_payload_left == 0) {
      const auto count = std::min(data.size(), m_header.size() - m_header_size);
      std::copy_n(data.begin(), count, m_header.begin() + static_cast<std::ptrdiff_t>(m_header_size));
      m_header_size += count;
      data.remove_prefix(count);
      if (m_header_size == m_header.size()) {
        parse_header();
      }
      continue;
    }

    // pass on as much of the payload as has arrived
    const auto count = std::min<std::size_t>(data.size(), m_payload_left);
    m_payload_left -= static_cast<std::uint32_t>(count);
    const auto payload = data.substr(0, count);
    data.remove_prefix(count);
    if (!m_on_output(m_stream, payload)) {
      return false;
    }
  }
  return true;
}

void StreamDemultiplexer::parse_header()
{
  const auto type = m_header[0];
  if (type > 3 || m_header[1] != 0 || m_header[2] != 0 || m_header[3] != 0) {
    throw Error("invalid frame header in the engine's multiplexed output stream (stream type " +
                std::to_string(type) + ")");
  }

  // stdin frames do not occur in output; engine errors are shown as stderr
  m_stream = type == 2 || type == 3 ? OutputStream::stderr_stream : OutputStream::stdout_stream;
  m_payload_left = static_cast<std::uint32_t>(m_header[4]) << 24 | static_cast<std::uint32_t>(m_header[5]) << 16 |
                   static_cast<std::uint32_t>(m_header[6]) << 8 | static_cast<std::uint32_t>(m_header[7]);
  m_header_size = 0;
}

} // namespace sind::engine
