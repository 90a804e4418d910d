#pragma once

// Realms as a whole: finding them on the engine and deleting one with
// everything in it.

#include <string>
#include <vector>

#include <sind/log.hpp>
#include <sind/runtime.hpp>

namespace sind {

// Return the names of every realm that has a container, network or volume
// with the sind.realm label on the engine, sorted.
SIND_API std::vector<std::string> realm_names(Runtime& runtime);

// Delete a realm: detach the foreign containers attached to its networks
// (they keep running), delete every cluster, then the mesh, whatever else
// carries the realm's label, and the realm's state folder. Return false when
// the engine had nothing of the realm. A realm that does not exist is not an
// error.
SIND_API bool delete_realm(Runtime& runtime, const std::string& realm, Logger& logger);

} // namespace sind
