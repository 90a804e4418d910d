#include <sind/error.hpp>
#include <sind/ssh_config.hpp>

#include <gtest/gtest.h>

namespace sind {
namespace {

const SshConfigPaths paths{"/state/sind/dev/ssh_config", "/state/sind/dev/id_ed25519",
                           "/state/sind/dev/known_hosts"};

bool contains(const std::string& text, const std::string& part)
{
  return text.find(part) != std::string::npos;
}

TEST(RenderSshConfig, MatchesRealmZone)
{
  const auto config = render_ssh_config("dev", paths, {"/usr/bin/sind", "--realm", "dev", "__relay-connect"});

  EXPECT_TRUE(contains(config, "\nHost *.dev.sind\n")) << config;
  EXPECT_TRUE(contains(config, "\n  User root\n")) << config;
  EXPECT_TRUE(contains(config, "\n  StrictHostKeyChecking yes\n")) << config;
}

TEST(RenderSshConfig, NamesExportedFiles)
{
  const auto config = render_ssh_config("dev", paths, {"sind"});

  EXPECT_TRUE(contains(config, "\n  IdentityFile \"/state/sind/dev/id_ed25519\"\n")) << config;
  EXPECT_TRUE(contains(config, "\n  UserKnownHostsFile \"/state/sind/dev/known_hosts\"\n")) << config;
}

TEST(RenderSshConfig, ProxyCommandEndsWithHostAndPort)
{
  const auto config = render_ssh_config("dev", paths, {"/usr/bin/sind", "--realm", "dev", "__relay-connect"});

  EXPECT_TRUE(contains(config, "\n  ProxyCommand '/usr/bin/sind' '--realm' 'dev' '__relay-connect' %h %p\n")) << config;
}

TEST(RenderSshConfig, QuotesAndEscapesUnusualPaths)
{
  const SshConfigPaths odd{"/a b/ssh_config", "/a b/100%/id_ed25519", "/a b/known_hosts"};

  const auto config = render_ssh_config("dev", odd, {"/opt/my tools/sind"});

  EXPECT_TRUE(contains(config, "IdentityFile \"/a b/100%%/id_ed25519\"")) << config;
  EXPECT_TRUE(contains(config, "ProxyCommand '/opt/my tools/sind' %h %p")) << config;
}

TEST(RenderSshConfig, RejectsQuoteInPath)
{
  const SshConfigPaths quoted{"/a/ssh_config", "/a\"b/id_ed25519", "/a/known_hosts"};

  EXPECT_THROW(render_ssh_config("dev", quoted, {"sind"}), Error);
}

} // namespace
} // namespace sind
