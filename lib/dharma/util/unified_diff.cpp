// Line diff: strip the common head and tail, then a longest-common-subsequence
// table over what is left. Generated files change in small places, so the
// middle is short; when it is not (over ~4M cells), the middle is shown as
// removed and added wholesale, which is still a correct diff, only a larger one.

#include "dharma/util/unified_diff.hpp"

#include <algorithm>
#include <vector>

namespace dharma::util {
namespace {

constexpr std::size_t k_context = 3;
constexpr std::size_t k_max_table_cells = 4'000'000;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start) + "\n\\ No newline at end of file");
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

struct Edit {
  char op;  // ' ', '-', '+'
  std::size_t old_line;
  std::size_t new_line;
};

std::vector<Edit> edit_script(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) {
    ++head;
  }
  std::size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  const std::size_t n = a.size() - head - tail;
  const std::size_t m = b.size() - head - tail;
  std::vector<Edit> edits;
  for (std::size_t i = 0; i < head; ++i) {
    edits.push_back({' ', i, i});
  }
  if ((n + 1) * (m + 1) > k_max_table_cells) {
    for (std::size_t i = 0; i < n; ++i) {
      edits.push_back({'-', head + i, head});
    }
    for (std::size_t j = 0; j < m; ++j) {
      edits.push_back({'+', head + n, head + j});
    }
  } else {
    // lcs[i][j] = LCS length of a[head+i..] and b[head+j..]
    std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;) {
      for (std::size_t j = m; j-- > 0;) {
        lcs[i][j] =
            a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        edits.push_back({' ', head + i, head + j});
        ++i;
        ++j;
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        edits.push_back({'-', head + i, head + j});
        ++i;
      } else {
        edits.push_back({'+', head + i, head + j});
        ++j;
      }
    }
  }
  for (std::size_t k = 0; k < tail; ++k) {
    edits.push_back({' ', head + n + k, head + m + k});
  }
  return edits;
}

}  // namespace

std::string unified_diff(const std::string& old_text, const std::string& new_text,
                         const std::string& old_label, const std::string& new_label) {
  if (old_text == new_text) {
    return {};
  }
  const auto a = lines_of(old_text);
  const auto b = lines_of(new_text);
  const auto edits = edit_script(a, b);
  std::string out = "--- " + old_label + "\n+++ " + new_label + "\n";
  std::size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].op == ' ') {
      ++k;
      continue;
    }
    // A hunk: from k_context lines before this change to k_context after the
    // last change that is no further than 2*k_context unchanged lines away.
    const std::size_t start = k > k_context ? k - k_context : 0;
    std::size_t end = k;
    std::size_t unchanged = 0;
    for (std::size_t x = k; x < edits.size(); ++x) {
      if (edits[x].op == ' ') {
        if (++unchanged > 2 * k_context) {
          break;
        }
      } else {
        unchanged = 0;
        end = x;
      }
    }
    const std::size_t stop = std::min(edits.size(), end + 1 + k_context);
    std::size_t old_count = 0;
    std::size_t new_count = 0;
    for (std::size_t x = start; x < stop; ++x) {
      old_count += edits[x].op != '+' ? 1 : 0;
      new_count += edits[x].op != '-' ? 1 : 0;
    }
    const auto range = [](std::size_t first, std::size_t count) {
      const std::size_t shown = count == 0 ? first : first + 1;
      return std::to_string(shown) + (count == 1 ? "" : "," + std::to_string(count));
    };
    out += "@@ -" + range(edits[start].old_line, old_count) + " +" + range(edits[start].new_line, new_count) +
           " @@\n";
    for (std::size_t x = start; x < stop; ++x) {
      const auto& line = edits[x].op == '+' ? b[edits[x].new_line] : a[edits[x].old_line];
      out += edits[x].op;
      out += line;
      out += '\n';
    }
    k = stop;
  }
  return out;
}

}  // namespace dharma::util
