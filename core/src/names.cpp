#include <sind/names.hpp>

#include <sind/error.hpp>

namespace sind::names {

void validate_dns_label(std::string_view what, std::string_view name)
{
  auto invalid = [&](const std::string& reason) {
    return UsageError("invalid " + std::string(what) + " name \"" + std::string(name) + "\": " + reason);
  };

  if (name.empty()) {
    throw invalid("it is empty");
  }
  if (name.size() > 63) {
    throw invalid("it has " + std::to_string(name.size()) + " characters, at most 63 are allowed");
  }
  if (name.front() < 'a' || name.front() > 'z') {
    throw invalid("it must start with a lowercase letter");
  }
  if (name.back() == '-') {
    throw invalid("it must not end with '-'");
  }
  for (char c : name) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!allowed) {
      throw invalid(std::string("'") + c + "' is not allowed; use lowercase letters, digits and '-'");
    }
  }
}

} // namespace sind::names
