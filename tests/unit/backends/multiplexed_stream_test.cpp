#include <sind/engine/multiplexed_stream.hpp>

#include <gtest/gtest.h>

#include <sind/error.hpp>

namespace sind::test {
namespace {

std::string frame(unsigned char type, std::string_view payload)
{
  const auto size = static_cast<std::uint32_t>(payload.size());
  std::string header = {static_cast<char>(type), 0, 0, 0, static_cast<char>(size >> 24),
                        static_cast<char>(size >> 16), static_cast<char>(size >> 8), static_cast<char>(size)};
  return header + std::string(payload);
}

struct Collected
{
  std::string stdout_data;
  std::string stderr_data;
};

engine::StreamDemultiplexer make_demultiplexer(Collected& collected)
{
  return engine::StreamDemultiplexer([&collected](OutputStream stream, std::string_view chunk) {
    (stream == OutputStream::stderr_stream ? collected.stderr_data : collected.stdout_data).append(chunk);
    return true;
  });
}

// stdout, stderr, an empty frame, a frame longer than 255 bytes and an engine error
const std::string stream = frame(1, "hello ") + frame(2, "oops\n") + frame(1, "") + frame(1, std::string(300, 'x')) +
                           frame(3, "engine error\n") + frame(1, "world\n");
const std::string expected_stdout = "hello " + std::string(300, 'x') + "world\n";
const std::string expected_stderr = "oops\nengine error\n";

TEST(StreamDemultiplexer, SplitsStdoutAndStderr)
{
  Collected collected;
  auto demultiplexer = make_demultiplexer(collected);

  EXPECT_TRUE(demultiplexer.feed(stream));

  EXPECT_EQ(collected.stdout_data, expected_stdout);
  EXPECT_EQ(collected.stderr_data, expected_stderr);
  EXPECT_TRUE(demultiplexer.at_frame_border());
}

TEST(StreamDemultiplexer, HandlesSplitAtEveryByteBorder)
{
  for (std::size_t split = 0; split <= stream.size(); ++split) {
    SCOPED_TRACE("split at " + std::to_string(split));
    Collected collected;
    auto demultiplexer = make_demultiplexer(collected);

    demultiplexer.feed(std::string_view(stream).substr(0, split));
    demultiplexer.feed(std::string_view(stream).substr(split));

    EXPECT_EQ(collected.stdout_data, expected_stdout);
    EXPECT_EQ(collected.stderr_data, expected_stderr);
  }
}

TEST(StreamDemultiplexer, HandlesOneByteAtATime)
{
  Collected collected;
  auto demultiplexer = make_demultiplexer(collected);

  for (const char byte : stream) {
    demultiplexer.feed(std::string_view(&byte, 1));
  }

  EXPECT_EQ(collected.stdout_data, expected_stdout);
  EXPECT_EQ(collected.stderr_data, expected_stderr);
}

TEST(StreamDemultiplexer, ReportsPartialFrame)
{
  Collected collected;
  auto demultiplexer = make_demultiplexer(collected);

  demultiplexer.feed(frame(1, "abc").substr(0, 9));

  EXPECT_FALSE(demultiplexer.at_frame_border());
  EXPECT_EQ(collected.stdout_data, "a");
}

TEST(StreamDemultiplexer, StopsWhenCallbackReturnsFalse)
{
  int calls = 0;
  engine::StreamDemultiplexer demultiplexer([&calls](OutputStream, std::string_view) {
    ++calls;
    return false;
  });

  EXPECT_FALSE(demultiplexer.feed(frame(1, "a") + frame(1, "b")));
  EXPECT_EQ(calls, 1);
}

TEST(StreamDemultiplexer, RejectsInvalidHeader)
{
  Collected collected;
  auto demultiplexer = make_demultiplexer(collected);

  // TTY output fed by mistake: "hello wo" is no frame header
  EXPECT_THROW(demultiplexer.feed("hello world"), Error);
}

} // namespace
} // namespace sind::test
