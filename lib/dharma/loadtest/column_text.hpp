#pragma once
// Aligned plain-text columns for the load-test summaries: the first
// `left_columns` columns (names) left-aligned, the others (figures)
// right-aligned, two spaces apart. Cells are
// measured in code points, so names with accents or µ still line up.

#include <string>
#include <vector>

namespace dharma::loadtest {

std::string aligned_columns(const std::vector<std::vector<std::string>>& rows, std::size_t left_columns = 1);

}  // namespace dharma::loadtest
