#include <sind/error.hpp>
#include <sind/nodeset.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using sind::NodeRef;

// Render nodes as "node.cluster" so that a failing case prints readably.
std::vector<std::string> rendered(const std::vector<NodeRef>& nodes)
{
  std::vector<std::string> result;
  for (const auto& node : nodes) {
    result.push_back(node.node + "." + node.cluster);
  }
  return result;
}

TEST(ParseNodeset, ExpandsValidSets)
{
  const struct
  {
    std::string argument;
    std::vector<std::string> expected;
  } cases[] = {
    {"worker-0", {"worker-0.default"}},
    {"worker-0.dev", {"worker-0.dev"}},
    {"worker-[0-3,7].dev", {"worker-0.dev", "worker-1.dev", "worker-2.dev", "worker-3.dev", "worker-7.dev"}},
    {"controller,worker-[0-1]", {"controller.default", "worker-0.default", "worker-1.default"}},
    {"controller.dev,worker-1", {"controller.dev", "worker-1.default"}},
    {"worker-[01-03]", {"worker-01.default", "worker-02.default", "worker-03.default"}},
    {"worker-[8-10]", {"worker-8.default", "worker-9.default", "worker-10.default"}},
    {"worker-[5]", {"worker-5.default"}},
    {"worker-[1,0]", {"worker-1.default", "worker-0.default"}},
    {"worker-[0-1],worker-1,worker-0", {"worker-0.default", "worker-1.default"}},
    {"worker-0,worker-0.dev", {"worker-0.default", "worker-0.dev"}},
    {"rack[1-2]-n[0-1]", {"rack1-n0.default", "rack1-n1.default", "rack2-n0.default", "rack2-n1.default"}},
  };

  for (const auto& test : cases) {
    EXPECT_EQ(rendered(sind::parse_nodeset(test.argument, "default")), test.expected) << test.argument;
  }
}

TEST(ParseNodeset, RejectsInvalidSetsWithReason)
{
  const struct
  {
    std::string argument;
    std::string reason;
  } cases[] = {
    {"", "it is empty"},
    {"worker-[3-1]", "runs backwards; write it as 1-3"},
    {"worker-[0-1", "'[' has no matching ']'"},
    {"worker-0-1]", "']' at position 11 has no matching '['"},
    {"worker-[[0]]", "cannot be nested"},
    {"worker-[]", "brackets [] are empty"},
    {"worker-[0,,1]", "empty range"},
    {"worker-[a-c]", "is not a number"},
    {"worker-[1-]", "lacks a number"},
    {"worker-[0-1.5]", "\"0-1.5\" in brackets is not a number"},
    {"worker-0.dev.sindtest.sind", "use worker-0.dev, not worker-0.dev.sindtest.sind"},
    {"worker-0.dev.sind.sind", "use worker-0.dev, not worker-0.dev.sind.sind"},
    {"worker-0.Dev", "invalid cluster name \"Dev\""},
    {"worker-0.", "invalid cluster name \"\""},
    {"Worker-0", "'W' is not allowed in a node name"},
    {".dev", "a node name is empty"},
    {"worker-0,", "ends with ','"},
    {",worker-0", "empty item"},
    {"worker-0,,worker-1", "empty item"},
    {"worker-[0-99999]", "more than 10000 nodes"},
    {"n[0-999]-[0-999]", "expands to more than 10000 nodes"},
    {"a[0-9999],b[0-9999]", "expands to more than 10000 nodes"},
    {"worker-[1234567890]", "more than 9 digits"},
  };

  for (const auto& test : cases) {
    try {
      sind::parse_nodeset(test.argument, "default");
      ADD_FAILURE() << "accepted \"" << test.argument << "\"";
    } catch (const sind::UsageError& error) {
      const std::string message = error.what();
      EXPECT_NE(message.find("invalid node set \"" + test.argument + "\""), std::string::npos) << message;
      EXPECT_NE(message.find(test.reason), std::string::npos) << test.argument << ": " << message;
    }
  }
}

TEST(ParseNodesets, JoinsArgumentsWithoutDuplicates)
{
  const auto nodes = sind::parse_nodesets({"worker-[0-1]", "worker-1,controller", "worker-0.dev"}, "alpha");

  const std::vector<std::string> expected{"worker-0.alpha", "worker-1.alpha", "controller.alpha", "worker-0.dev"};
  EXPECT_EQ(rendered(nodes), expected);
}

} // namespace
