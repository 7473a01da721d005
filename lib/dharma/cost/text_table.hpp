#pragma once
// An aligned plain-text table: columns padded to their widest cell (UTF-8
// aware), numbers right-aligned, no trailing spaces.

#include <string>
#include <vector>

namespace dharma::cost {

class TextTable {
 public:
  enum class Align { left, right };
  struct Column {
    std::string header;
    Align align = Align::left;
  };

  explicit TextTable(std::vector<Column> columns) : m_columns(std::move(columns)) {}
  void add_row(std::vector<std::string> cells) { m_rows.push_back(std::move(cells)); }
  std::string render() const;

 private:
  std::vector<Column> m_columns;
  std::vector<std::vector<std::string>> m_rows;
};

}  // namespace dharma::cost
