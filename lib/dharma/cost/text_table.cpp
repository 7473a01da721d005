#include "dharma/cost/text_table.hpp"

#include <algorithm>
#include <string_view>

#include "dharma/util/printable.hpp"

namespace dharma::cost {
namespace {

// Characters, not bytes: UTF-8 continuation bytes take no column.
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++width;
    }
  }
  return width;
}

struct Shown {
  std::string_view text;
  std::size_t width = 0;
};

}  // namespace

std::string TextTable::render() const {
  // Cells are laid out as they will be shown: control characters escaped.
  // A cell of printable ASCII (nearly all) is used where it is.
  std::string escaped;  // the escaped form of the cell being laid out
  auto shown = [&](std::string_view cell) -> Shown {
    if (util::plain_ascii_prefix(cell.data(), cell.size()) == cell.size()) {
      return {cell, cell.size()};  // printable ASCII: one column a byte
    }
    escaped = util::printable(cell);
    return {escaped, display_width(escaped)};
  };
  std::vector<std::size_t> widths(m_columns.size(), 0);
  for (std::size_t i = 0; i < m_columns.size(); ++i) {
    widths[i] = display_width(m_columns[i].header);
  }
  for (const auto& row : m_rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], shown(row[i]).width);
    }
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& cells) {
    const std::size_t start = out.size();
    std::size_t spaces = 0;  // padding not written yet: a line ends without it
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
      const Shown cell = i < cells.size() ? shown(cells[i]) : Shown{};
      const std::size_t padding = widths[i] - cell.width;
      if (i > 0) {
        spaces += 2;
      }
      if (m_columns[i].align == Align::right) {
        spaces += padding;
      }
      if (!cell.text.empty()) {
        out.append(spaces, ' ');
        out.append(cell.text);
        spaces = 0;
      }
      if (m_columns[i].align == Align::left) {
        spaces += padding;
      }
    }
    while (out.size() > start && out.back() == ' ') {
      out.pop_back();  // a cell's own trailing spaces
    }
    out += '\n';
  };
  std::vector<std::string> headers;
  headers.reserve(m_columns.size());
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
