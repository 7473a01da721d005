#include "dharma/cost/text_table.hpp"

#include <algorithm>

#include "dharma/util/printable.hpp"

namespace dharma::cost {
namespace {

std::size_t display_width(const std::string& text) {
  std::size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++width;
    }
  }
  return width;
}

}  // namespace

std::string TextTable::render() const {
  std::vector<std::size_t> widths(m_columns.size(), 0);
  for (std::size_t i = 0; i < m_columns.size(); ++i) {
    widths[i] = display_width(m_columns[i].header);
  }
  for (const auto& row : m_rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], display_width(util::printable(row[i])));
    }
  }
  std::string out;
  // Cells are laid out as they will be shown: control characters escaped.
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
      const std::string cell = i < cells.size() ? util::printable(cells[i]) : "";
      const std::string padding(widths[i] - display_width(cell), ' ');
      if (i > 0) {
        line += "  ";
      }
      line += m_columns[i].align == Align::right ? padding + cell : cell + padding;
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out += line + '\n';
  };
  std::vector<std::string> headers;
  for (const auto& column : m_columns) {
    headers.push_back(column.header);
  }
  emit(headers);
  for (const auto& row : m_rows) {
    emit(row);
  }
  return out;
}

}  // namespace dharma::cost
