#include <sind/coredns.hpp>
#include <sind/error.hpp>

#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

namespace {

const std::string zone = "sind.sind";
const std::string block = sind::render_stub_zone(zone, "172.18.255.254");

std::size_t count(const std::string& text, const std::string& part)
{
  std::size_t found = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++found;
  }
  return found;
}

std::string corefile_of(const std::string& configmap)
{
  return YAML::Load(configmap)["data"]["Corefile"].as<std::string>();
}

TEST(RenderStubZone, ForwardsZoneWithErrorsAndCache)
{
  EXPECT_EQ(block, "sind.sind:53 {\n"
                   "    errors\n"
                   "    cache 30\n"
                   "    forward . 172.18.255.254\n"
                   "}\n");
}

TEST(ReplaceServerBlock, AppendsAfterBlankLine)
{
  const auto result = sind::replace_server_block(".:53 {\n    errors\n}\n", zone, block);

  EXPECT_EQ(result, ".:53 {\n    errors\n}\n\n" + block);
}

TEST(ReplaceServerBlock, ReplacesBlockOfSameZone)
{
  const std::string cases[] = {
    "sind.sind:53 {\n    forward . 10.0.0.1\n}\n",
    "sind.sind {\n    forward . 10.0.0.1\n}\n",
    "sind.sind.:53 {\n    forward . 10.0.0.1 {\n        max_concurrent 10\n    }\n}\n",
    "dns://SIND.sind:53 { # old stub\n    forward . 10.0.0.1\n}\n",
  };

  for (const auto& old_block : cases) {
    const auto result = sind::replace_server_block(".:53 {\n    errors\n}\n\n" + old_block, zone, block);

    EXPECT_EQ(result, ".:53 {\n    errors\n}\n\n" + block) << old_block;
  }
}

TEST(ReplaceServerBlock, KeepsOtherZones)
{
  const std::string other = "other.sind:53 {\n    forward . 10.0.0.2\n}\n";
  const std::string shared = "sind.sind example.org {\n    forward . 10.0.0.3\n}\n";

  const auto result = sind::replace_server_block(other + "\n" + shared, zone, block);

  EXPECT_NE(result.find(other), std::string::npos) << result;
  EXPECT_NE(result.find(shared), std::string::npos) << result;
  EXPECT_EQ(count(result, "forward . 172.18.255.254"), 1u) << result;
}

TEST(ReplaceServerBlock, EmptyCorefileGetsBlockAlone)
{
  EXPECT_EQ(sind::replace_server_block("", zone, block), block);
}

TEST(DefaultCorednsConfigmap, IsKubeSystemCoredns)
{
  const auto configmap = YAML::Load(sind::default_coredns_configmap());

  EXPECT_EQ(configmap["kind"].as<std::string>(), "ConfigMap");
  EXPECT_EQ(configmap["metadata"]["name"].as<std::string>(), "coredns");
  EXPECT_EQ(configmap["metadata"]["namespace"].as<std::string>(), "kube-system");
  EXPECT_NE(configmap["data"]["Corefile"].as<std::string>().find("kubernetes cluster.local"), std::string::npos);
}

TEST(MergeStubZone, AddsBlockToDefault)
{
  const auto merged = sind::merge_stub_zone(sind::default_coredns_configmap(), "default", zone, block);
  const auto corefile = corefile_of(merged);

  EXPECT_NE(corefile.find("kubernetes cluster.local"), std::string::npos) << corefile;
  EXPECT_TRUE(corefile.ends_with("\n\n" + block)) << corefile;
  EXPECT_NE(merged.find("Corefile: |"), std::string::npos) << "the Corefile must be a literal block:\n" << merged;
}

TEST(MergeStubZone, ReplacesExistingStubInsteadOfAddingOne)
{
  const auto once = sind::merge_stub_zone(sind::default_coredns_configmap(), "default", zone,
                                          sind::render_stub_zone(zone, "10.9.9.9"));

  const auto twice = sind::merge_stub_zone(once, "first merge", zone, block);
  const auto corefile = corefile_of(twice);

  EXPECT_EQ(count(corefile, "sind.sind:53 {"), 1u) << corefile;
  EXPECT_EQ(corefile.find("10.9.9.9"), std::string::npos) << corefile;
  EXPECT_NE(corefile.find("forward . 172.18.255.254"), std::string::npos) << corefile;
}

TEST(MergeStubZone, DropsServerSetMetadata)
{
  const std::string fetched = "apiVersion: v1\n"
                              "kind: ConfigMap\n"
                              "metadata:\n"
                              "  name: coredns\n"
                              "  namespace: kube-system\n"
                              "  resourceVersion: \"231\"\n"
                              "  uid: 0b9d6c1e-2f7a-4a52-8f3e-6c1f2d3e4a5b\n"
                              "  creationTimestamp: \"2024-05-01T10:00:00Z\"\n"
                              "  labels:\n"
                              "    version: \"1\"\n"
                              "data:\n"
                              "  Corefile: |-\n"
                              "    .:53 {\n"
                              "        errors\n"
                              "    }\n";

  const auto merged = YAML::Load(sind::merge_stub_zone(fetched, "stdin", zone, block));

  EXPECT_FALSE(merged["metadata"]["resourceVersion"]) << "resourceVersion kept";
  EXPECT_FALSE(merged["metadata"]["uid"]) << "uid kept";
  EXPECT_FALSE(merged["metadata"]["creationTimestamp"]) << "creationTimestamp kept";
  EXPECT_EQ(merged["metadata"]["name"].as<std::string>(), "coredns");
  EXPECT_EQ(merged["metadata"]["labels"]["version"].Tag(), "!") << "a quoted value lost its quotes";
}

TEST(MergeStubZone, RejectsInvalidInput)
{
  const std::string cases[] = {
    "key: [unclosed",
    "apiVersion: v1\nkind: Secret\ndata: {}\n",
    "apiVersion: v1\nkind: ConfigMap\ndata:\n  other: x\n",
  };

  for (const auto& input : cases) {
    EXPECT_THROW(sind::merge_stub_zone(input, "base.yaml", zone, block), sind::UsageError) << input;
  }
}

} // namespace
