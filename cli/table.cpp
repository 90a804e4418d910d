#include "table.hpp"

#include <algorithm>

namespace sind::cli {
namespace {

// Count code points, not bytes, so that check marks line up.
std::size_t display_width(const std::string& text)
{
  return std::count_if(text.begin(), text.end(),
                       [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
}

} // namespace

Table::Table(std::vector<std::string> headers)
  : m_headers(std::move(headers))
{
}

void Table::add_row(std::vector<std::string> cells)
{
  cells.resize(m_headers.size());
  m_rows.push_back(std::move(cells));
}

void Table::print(std::ostream& out) const
{
  std::vector<std::size_t> widths;
  for (const auto& header : m_headers) {
    widths.push_back(display_width(header));
  }
  for (const auto& row : m_rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(row[i]));
    }
  }

  auto print_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      line += cells[i];
      if (i + 1 < cells.size()) {
        line += std::string(widths[i] - display_width(cells[i]) + 3, ' ');
      }
    }
    line.erase(line.find_last_not_of(' ') + 1);
    out << line << '\n';
  };

  print_row(m_headers);
  for (const auto& row : m_rows) {
    print_row(row);
  }
}

} // namespace sind::cli
