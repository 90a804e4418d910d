#pragma once

// Shared set-up of the conformance suite: the runtime under test, one booted
// system container that most tests use, and labels that let the next run find
// and remove what a crashed run left behind.

#include <sind/runtime.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace sind::test {

// Loads the runtime and boots the shared system container once per process,
// before the first test; removes what the process created after the last.
class ConformanceEnvironment : public ::testing::Environment
{
public:
  void SetUp() override;
  void TearDown() override;
};

class RuntimeConformance : public ::testing::Test
{
protected:
  static Runtime& runtime() { return *s_runtime; }

  // A running system container from the node image, booted once per suite.
  static const std::string& node() { return s_node; }

  // Labels for everything the suite creates; they name this process as owner.
  static Labels labels();

  // A name that no other run uses, e.g. "sind-conformance-4242-net".
  static std::string unique_name(const std::string& what);

  // Create a container from the node image that runs `command` instead of
  // systemd, without starting it.
  static std::string create_plain_container(const std::string& what,
                                            const std::vector<std::string>& command);

private:
  friend class ConformanceEnvironment;

  static std::shared_ptr<Runtime> s_runtime;
  static std::string s_node;
};

// Remove everything labelled by an earlier run of the suite whose process is
// gone, and everything of this process when `own` is set.
void remove_test_resources(Runtime& runtime, bool own);

} // namespace sind::test
