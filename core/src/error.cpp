#include <sind/error.hpp>

namespace sind {

// Out-of-line destructors anchor each error type's type information in
// libsind-core, so every plugin throws and sind catches the same types.
Error::~Error() = default;
UsageError::~UsageError() = default;
EngineUnreachable::~EngineUnreachable() = default;
EngineError::~EngineError() = default;
PluginError::~PluginError() = default;

} // namespace sind
