#pragma once

// The core implementation of the Network interface, built on a Runtime.

#include <memory>
#include <string>

#include <sind/log.hpp>
#include <sind/network.hpp>
#include <sind/runtime.hpp>

namespace sind {

// Create the Network interface of `realm`. The result refers to `runtime` and
// `logger`, which must outlive it.
//
// A container counts as managed when it carries the sind.realm label, in any
// realm. attach() and detach() throw sind::Error for a managed container.
// attach() also throws for a container that does not exist, a realm without a
// mesh and a cluster that has no network in the realm. detach() treats a
// container that does not exist as not attached.
SIND_API std::unique_ptr<Network> make_realm_network(Runtime& runtime, const std::string& realm, Logger& logger);

} // namespace sind
