// "Did you mean" suggestions. Two ways a name can be close to what was meant:
//
//  * a typo of the whole name ('sise' for 'size'): edit distance, allowing
//    about one edit per three characters, as ninja's SpellcheckString does;
//  * the same idea in other words ('size_gb' for 'storage_gb', 'databse' for
//    'db'): names split into word parts on `_`, `.` and `-`, and a candidate
//    scores one for each part of `word` that matches one of its parts. Parts
//    match when equal, when one is a typo of the other (both four characters
//    or more; one edit, two from seven characters), or when the candidate's part abbreviates the word's ('db'
//    in 'database': same first letter, its letters in order, at most half as long).
//
// Word parts are only a fallback, and only a unique best candidate is
// suggested: when two candidates share as many parts, a guess between them is
// noise, unless exactly one of them has all its own parts matched. Parts of
// one character never count, so 'a_b' suggests nothing.

#include <algorithm>
#include <cctype>

#include "dharma/util/text.hpp"

namespace dharma::util {
namespace {

std::vector<std::string> word_parts(std::string_view name) {
  std::vector<std::string> parts;
  std::string current;
  for (const char c : name) {
    if (c == '_' || c == '.' || c == '-') {
      if (!current.empty()) {
        parts.push_back(current);
      }
      current.clear();
    } else {
      current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  if (!current.empty()) {
    parts.push_back(current);
  }
  return parts;
}

std::size_t typo_limit(std::string_view word) {
  return std::max<std::size_t>(1, (word.size() + 2) / 3);
}

bool abbreviates(const std::string& short_part, const std::string& long_part) {
  if (short_part.size() < 2 || short_part.size() * 2 > long_part.size() || short_part[0] != long_part[0]) {
    return false;
  }
  std::size_t at = 0;
  for (const char c : short_part) {
    at = long_part.find(c, at);
    if (at == std::string::npos) {
      return false;
    }
    ++at;
  }
  return true;
}

bool parts_match(const std::string& word_part, const std::string& candidate_part) {
  if (word_part.size() < 2 || candidate_part.size() < 2) {
    return false;
  }
  if (word_part == candidate_part) {
    return true;
  }
  const std::size_t allowed_edits = word_part.size() >= 7 ? 2 : 1;
  if (word_part.size() >= 4 && candidate_part.size() >= 4 &&
      edit_distance(word_part, candidate_part) <= allowed_edits) {
    return true;
  }
  return abbreviates(candidate_part, word_part);
}

struct PartScore {
  std::size_t shared = 0;  // parts of the word matched in the candidate
  bool whole = false;      // and every part of the candidate was matched
};

PartScore score_parts(const std::vector<std::string>& word, const std::vector<std::string>& candidate) {
  PartScore score;
  std::vector<bool> used(candidate.size(), false);
  for (const auto& part : word) {
    bool found = false;
    for (std::size_t i = 0; i < candidate.size(); ++i) {
      if (parts_match(part, candidate[i])) {
        used[i] = true;
        found = true;
      }
    }
    score.shared += found ? 1 : 0;
  }
  score.whole = score.shared > 0 && std::all_of(used.begin(), used.end(), [](bool u) { return u; });
  return score;
}

std::optional<std::string> closest_by_edits(std::string_view word,
                                            const std::vector<std::string>& candidates) {
  const std::size_t limit = typo_limit(word);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    const std::size_t distance = edit_distance(word, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

// The unique candidate with the most shared parts; among several, the one
// whose own parts are all matched ('db' rather than 'db_cpu_alarm' for
// 'databse'), if only one is.
std::optional<std::string> closest_by_parts(std::string_view word,
                                            const std::vector<std::string>& candidates) {
  const auto parts = word_parts(word);
  std::size_t best_shared = 0;
  std::vector<std::pair<std::string, bool>> best;  // candidate, whole
  for (const auto& candidate : candidates) {
    const PartScore score = score_parts(parts, word_parts(candidate));
    if (score.shared == 0 || score.shared < best_shared) {
      continue;
    }
    if (score.shared > best_shared) {
      best_shared = score.shared;
      best.clear();
    }
    if (std::none_of(best.begin(), best.end(), [&](const auto& b) { return b.first == candidate; })) {
      best.emplace_back(candidate, score.whole);
    }
  }
  if (best.size() == 1) {
    return best.front().first;
  }
  std::optional<std::string> whole;
  for (const auto& [candidate, is_whole] : best) {
    if (is_whole) {
      if (whole) {
        return std::nullopt;
      }
      whole = candidate;
    }
  }
  return whole;
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto match = closest_by_edits(word, candidates)) {
    return match;
  }
  return closest_by_parts(word, candidates);
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  if (auto match = closest_match(word, candidates)) {
    return " (did you mean '" + *match + "'?)";
  }
  return "";
}

}  // namespace dharma::util
