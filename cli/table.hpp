#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace sind::cli {

// A table for human output: upper-case headers, columns aligned with at least
// three spaces between them, as kind and Docker print theirs.
class Table
{
public:
  explicit Table(std::vector<std::string> headers);

  void add_row(std::vector<std::string> cells);
  void print(std::ostream& out) const;

private:
  std::vector<std::string> m_headers;
  std::vector<std::vector<std::string>> m_rows;
};

} // namespace sind::cli
