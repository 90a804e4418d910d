// libFuzzer target for the node set parser: any input must either expand
// into at most max_nodeset_size valid names or raise sind::UsageError.

#include <sind/error.hpp>
#include <sind/nodeset.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view argument(reinterpret_cast<const char*>(data), size);
  try {
    const auto nodes = sind::parse_nodeset(argument, "default");
    if (nodes.empty() || nodes.size() > sind::max_nodeset_size) {
      std::abort();
    }
    for (const auto& node : nodes) {
      if (node.node.empty() || node.cluster.empty()) {
        std::abort();
      }
    }
  } catch (const sind::UsageError&) {
    // rejected input is the expected outcome for most of the corpus
  }
  return 0;
}
