// cost::TextTable: columns padded to their widest cell as shown (escaped,
// UTF-8 counted by characters), right-aligned numbers, no trailing spaces,
// compared with a reference that lays a line out cell by cell the plain way.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "dharma/cost/text_table.hpp"
#include "dharma/util/printable.hpp"

using dharma::cost::TextTable;

namespace {

std::size_t characters(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(
      text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

// The table as TextTable laid it out before it avoided copies: each cell
// escaped, padded, the line trimmed.
std::string reference(const std::vector<TextTable::Column>& columns,
                      const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths;
  for (const auto& column : columns) {
    widths.push_back(characters(column.header));
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], characters(dharma::util::printable(row[i])));
    }
  }
  std::string out;
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string cell = i < cells.size() ? dharma::util::printable(cells[i]) : "";
      const std::string padding(widths[i] - characters(cell), ' ');
      line += (i > 0 ? "  " : "") +
              (columns[i].align == TextTable::Align::right ? padding + cell : cell + padding);
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out += line + '\n';
  };
  std::vector<std::string> headers;
  for (const auto& column : columns) {
    headers.push_back(column.header);
  }
  emit(headers);
  for (const auto& row : rows) {
    emit(row);
  }
  return out;
}

}  // namespace

TEST_CASE("TextTable pads escaped and UTF-8 cells by what is shown, right-aligns numbers, trims line ends") {
  const std::vector<TextTable::Column> columns = {{"NAME", TextTable::Align::left},
                                                  {"AMOUNT", TextTable::Align::right},
                                                  {"NOTE", TextTable::Align::left}};
  const std::vector<std::vector<std::string>> rows = {
      {"caf\xc3\xa9", "$1.00", ""},
      {"bell\x07", "$12,345.67", "note with trailing space "},
      {"", "", ""},
      {"short", "", "x"},
      {"a\x1b[2Jb", "$0.00"},
      {"\xc2\x9b", "7", "\xe2\x98\x95 cup", "an extra cell beyond the columns"},
  };
  TextTable table(columns);
  for (const auto& row : rows) {
    table.add_row(row);
  }
  const std::string text = table.render();
  CHECK(text == reference(columns, rows));
  CHECK(text.find("bell\\x07") != std::string::npos);
  CHECK(text.find(" \n") == std::string::npos);
  CHECK(text.rfind("NAME ", 0) == 0);
}
