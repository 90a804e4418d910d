#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sind/runtime.hpp>

namespace sind::engine {

// Splits Docker's multiplexed stream (attach, exec and logs without a TTY)
// into stdout and stderr. Each frame is an 8-byte header (stream type: 0 stdin,
// 1 stdout, 2 stderr, 3 engine error; three zero bytes; big-endian uint32
// payload length) followed by the payload. Frames may be split across feeds
// anywhere; payload bytes are passed on as soon as they arrive. A TTY stream
// has no framing and needs no demultiplexer.
class StreamDemultiplexer
{
public:
  explicit StreamDemultiplexer(OutputCallback on_output);

  // Consume `data`. Return false once the callback returned false; the rest
  // of `data` is then ignored. Throws sind::Error on a malformed header.
  bool feed(std::string_view data);

  // Whether the data fed so far ends at a frame border.
  bool at_frame_border() const noexcept { return m_header_size == 0 && m_payload_left == 0; }

private:
  void parse_header();

  OutputCallback m_on_output;
  std::array<unsigned char, 8> m_header{};
  std::size_t m_header_size = 0;
  std::uint32_t m_payload_left = 0;
  OutputStream m_stream = OutputStream::stdout_stream;
};

} // namespace sind::engine
