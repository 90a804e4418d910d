#pragma once

// Direct access to the engine for what a test must check behind sind's back:
// that nothing labelled with a realm remains, or what a container sees.

#include <sind/runtime.hpp>

#include <memory>
#include <string>

namespace sind::test {

// The Docker runtime backend from the build tree, connected.
Runtime& engine();

// Count the containers, networks and volumes that carry sind.realm=<realm>.
std::size_t count_realm_resources(const std::string& realm);

} // namespace sind::test
