#include <sind/engine/json_sequence.hpp>

#include <gtest/gtest.h>

namespace sind::test {
namespace {

// Objects as Docker sends them, with braces, quotes and escapes inside strings.
const std::string sequence = R"({"status":"create","id":"a"}
{"status":"x \"}{\" y","Actor":{"Attributes":{"k":"[v]"}}}
  {"list":[1,{"b":"\\"}]}
)";

const std::vector<std::string> expected_objects = {
  R"({"status":"create","id":"a"})",
  R"({"status":"x \"}{\" y","Actor":{"Attributes":{"k":"[v]"}}})",
  R"({"list":[1,{"b":"\\"}]})",
};

std::vector<std::string> drain(engine::JsonSequenceSplitter& splitter)
{
  std::vector<std::string> objects;
  while (auto object = splitter.next()) {
    objects.push_back(*object);
  }
  return objects;
}

TEST(JsonSequenceSplitter, SplitsWholeSequence)
{
  engine::JsonSequenceSplitter splitter;
  splitter.feed(sequence);

  EXPECT_EQ(drain(splitter), expected_objects);
}

TEST(JsonSequenceSplitter, SplitsAtEveryByteBorder)
{
  for (std::size_t split = 0; split <= sequence.size(); ++split) {
    SCOPED_TRACE("split at " + std::to_string(split));
    engine::JsonSequenceSplitter splitter;

    splitter.feed(std::string_view(sequence).substr(0, split));
    auto objects = drain(splitter);
    splitter.feed(std::string_view(sequence).substr(split));
    const auto rest = drain(splitter);
    objects.insert(objects.end(), rest.begin(), rest.end());

    EXPECT_EQ(objects, expected_objects);
  }
}

TEST(JsonSequenceSplitter, SplitsByteByByte)
{
  engine::JsonSequenceSplitter splitter;
  std::vector<std::string> objects;
  for (const char byte : sequence) {
    splitter.feed(std::string_view(&byte, 1));
    const auto ready = drain(splitter);
    objects.insert(objects.end(), ready.begin(), ready.end());
  }

  EXPECT_EQ(objects, expected_objects);
}

} // namespace
} // namespace sind::test
