#pragma once

// Marks a type whose type information must be shared across the plugin
// boundary. Plugins are built with hidden visibility; without this, an
// exception thrown in a plugin could not be caught by its type in sind.
#define SIND_API __attribute__((visibility("default")))
