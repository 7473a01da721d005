// The subset scanner (yaml/fast_scanner.hpp) against libyaml: whenever the
// scanner accepts a text, the tree it builds is exactly libyaml's (kinds,
// scalar text, quoting, lines, columns) and libyaml reports nothing about the
// text; anything it is unsure of, it declines. Checked over every YAML file in
// the repository, hand-written tricky cases, and generated documents, some
// of them damaged at random.

#include <doctest/doctest.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "dharma/util/diagnostics.hpp"
#include "dharma/util/file.hpp"
#include "dharma/yaml/loader.hpp"
#include "dharma/yaml/loader_paths.hpp"
#include "dharma/yaml/tree_diff.hpp"

using namespace dharma;
namespace fs = std::filesystem;

namespace {

enum class Outcome { declined, same, different };

// Loads `text` both ways; `detail` says how they differ.
Outcome compare(const std::string& text, std::string& detail) {
  const auto fast = yaml::load_with_fast_scanner(text, "t.yaml");
  if (!fast) {
    return Outcome::declined;
  }
  util::Diagnostics diagnostics;
  const auto reference = yaml::load_with_libyaml(text, "t.yaml", diagnostics);
  if (!reference || !diagnostics.all().empty()) {
    detail = "libyaml reports: " +
             (diagnostics.all().empty() ? std::string("no tree") : diagnostics.all().front().message);
    return Outcome::different;
  }
  detail = yaml::first_difference(*fast, *reference);
  return detail.empty() ? Outcome::same : Outcome::different;
}

void check_same_or_declined(const std::string& text) {
  std::string detail;
  const Outcome outcome = compare(text, detail);
  INFO("text:\n" << text << "\n" << detail);
  CHECK(outcome != Outcome::different);
}

void check_same(const std::string& text) {
  std::string detail;
  const Outcome outcome = compare(text, detail);
  INFO("text:\n" << text << "\n" << detail);
  CHECK(outcome == Outcome::same);
}

void check_declined(const std::string& text) {
  std::string detail;
  INFO("text:\n" << text);
  CHECK(compare(text, detail) == Outcome::declined);
}

// Random documents in the shapes blueprints use, and a few they do not.
class Generator {
 public:
  explicit Generator(unsigned seed) : m_random(seed) {}

  std::string document() {
    m_out.clear();
    if (pick(8) == 0) {
      m_out += "---\n";
    }
    if (pick(3) == 0) {
      sequence(0, 0);
    } else {
      mapping(0, 0);
    }
    return m_out;
  }

  // The document with a few characters inserted, removed or replaced.
  std::string damaged(std::string text) {
    static const std::string k_noise = ":-# \n'\"[]{},?&*!|>\\x\t";
    const int changes = 1 + pick(3);
    for (int i = 0; i < changes && !text.empty(); ++i) {
      const std::size_t at = static_cast<std::size_t>(pick(static_cast<int>(text.size())));
      const char c = k_noise[static_cast<std::size_t>(pick(static_cast<int>(k_noise.size())))];
      switch (pick(3)) {
        case 0:
          text.insert(at, 1, c);
          break;
        case 1:
          text.erase(at, 1);
          break;
        default:
          text[at] = c;
          break;
      }
    }
    return text;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_random); }

  void noise_lines(int indent) {
    while (pick(6) == 0) {
      m_out +=
          pick(2) == 0 ? "\n" : std::string(static_cast<std::size_t>(pick(indent + 3)), ' ') + "# note\n";
    }
  }

  std::string scalar(bool flow) {
    static const std::vector<std::string> k_plain = {"web",
                                                     "a b c",
                                                     "null",
                                                     "~",
                                                     "true",
                                                     "False",
                                                     "12",
                                                     "-3",
                                                     "1.5e3",
                                                     "0x1f",
                                                     "é ü",
                                                     "a#b",
                                                     "x:y",
                                                     "10.0.0.0/8",
                                                     "${vpc.id}",
                                                     "t3.medium",
                                                     "-x",
                                                     "1e400",
                                                     "99999999999999999999",
                                                     "a,b",
                                                     "(p)",
                                                     "_u",
                                                     ".5",
                                                     "$x"};
    static const std::vector<std::string> k_quoted = {"'it''s'",
                                                      "''",
                                                      "\"\"",
                                                      "\"a \\\"b\\\" c\"",
                                                      "\"tab\\tnew\\nline\"",
                                                      "\"\\u00e9\\x41\\U0001F600\"",
                                                      "\"a\\\\b\"",
                                                      "\"\\/\"",
                                                      "' spaced '",
                                                      "\"# not a comment\"",
                                                      "'a: b'",
                                                      "\"${env}\"",
                                                      "\"\\0\"",
                                                      "\"\\e\\a\\b\\f\\v\\r\\ \""};
    if (pick(3) == 0) {
      return k_quoted[static_cast<std::size_t>(pick(static_cast<int>(k_quoted.size())))];
    }
    std::string text = k_plain[static_cast<std::size_t>(pick(static_cast<int>(k_plain.size())))];
    if (flow && text.find_first_of(",:#") != std::string::npos) {
      text = "f";
    }
    return text;
  }

  std::string key() {
    static const std::vector<std::string> k_keys = {"name", "type",  "a",     "b",          "properties",
                                                    "x y",  "\"q\"", "'s k'", "depends_on", "k-1"};
    return k_keys[static_cast<std::size_t>(pick(static_cast<int>(k_keys.size())))];
  }

  std::string flow(int depth) {
    std::string out;
    const int items = pick(4);
    const bool map = pick(2) == 0;
    out += map ? "{" : "[";
    for (int i = 0; i < items; ++i) {
      out += i == 0 ? (pick(3) == 0 ? " " : "") : (pick(4) == 0 ? " , " : ", ");
      if (map) {
        out += key() + ": ";
      }
      out += depth < 2 && pick(4) == 0 ? flow(depth + 1) : scalar(true);
    }
    out += map ? "}" : "]";
    return out;
  }

  void end_of_line() {
    if (pick(5) == 0) {
      m_out += pick(2) == 0 ? "  # comment" : "   ";
    }
    m_out += "\n";
  }

  // A value after "key:" or "- " (the indicator written), of a collection at `indent`.
  void value(int indent, int depth) {
    const int choice = depth > 3 ? pick(3) : pick(6);
    if (choice == 0) {
      m_out += " " + scalar(false);
      end_of_line();
    } else if (choice == 1) {
      m_out += " " + flow(0);
      end_of_line();
    } else if (choice == 2) {
      end_of_line();  // empty
    } else if (choice == 3) {
      end_of_line();
      noise_lines(indent);
      mapping(indent + 2 + pick(2) * 2, depth + 1);
    } else {
      end_of_line();
      noise_lines(indent);
      sequence(indent + (pick(3) == 0 ? 0 : 2), depth + 1);
    }
  }

  void mapping(int indent, int depth) {
    const int entries = 1 + pick(4);
    for (int i = 0; i < entries; ++i) {
      m_out += std::string(static_cast<std::size_t>(indent), ' ') + key() + (pick(8) == 0 ? " :" : ":");
      value(indent, depth);
      noise_lines(indent);
    }
  }

  void sequence(int indent, int depth) {
    const int items = 1 + pick(4);
    for (int i = 0; i < items; ++i) {
      m_out += std::string(static_cast<std::size_t>(indent), ' ') + "-";
      if (depth < 3 && pick(4) == 0) {
        // a mapping in the item: "- key: value" and its other keys below
        m_out += " " + key() + ":";
        value(indent + 2, depth + 1);
        if (pick(2) == 0) {
          m_out += std::string(static_cast<std::size_t>(indent + 2), ' ') + "other:";
          value(indent + 2, depth + 1);
        }
      } else if (depth < 3 && pick(6) == 0) {
        m_out += " - " + scalar(false) + "\n";
      } else {
        value(indent, depth);
      }
      noise_lines(indent);
    }
  }

  std::mt19937 m_random;
  std::string m_out;
};

}  // namespace

TEST_CASE("yaml fast scanner, every YAML file in the repository reads as libyaml reads it") {
  int accepted = 0;
  int files = 0;
  for (const char* folder : {"examples", "templates", "policies", "pricing", "tests", "bench", "docs"}) {
    for (const auto& item : fs::recursive_directory_iterator(fs::path(DHARMA_SOURCE_DIR) / folder)) {
      const auto extension = item.path().extension();
      if (!item.is_regular_file() || (extension != ".yaml" && extension != ".yml") ||
          item.path().string().find("node_modules") != std::string::npos) {  // npm's, not ours
        continue;
      }
      const std::string text = util::read_file(item.path().string());
      std::string detail;
      const Outcome outcome = compare(text, detail);
      INFO(item.path().string() << ": " << detail);
      CHECK(outcome != Outcome::different);
      accepted += outcome == Outcome::same ? 1 : 0;
      ++files;
    }
  }
  MESSAGE("fast scanner accepted " << accepted << " of " << files << " files");
  CHECK(files > 200);
  CHECK(accepted * 2 > files);  // the scanner does take the common shapes
}

TEST_CASE("yaml fast scanner, block and flow shapes read exactly as libyaml reads them") {
  check_same("a: 1\nb: two\n");
  check_same("a: 1\nb: two");                     // no final line break
  check_same("key: value # comment\nnext: x\n");  // a comment after a value
  check_same("a: b#c\nd: 'e' # f\n");
  check_same("- - x\n  - y\n- z\n");
  check_same("- a: 1\n  b: 2\n- c: 3\n");
  check_same("-   a: 1\n    b: [x, {y: z}]\n");
  check_same("a:\n- 1\n- 2\nb: 3\n");  // an indentless sequence
  check_same("a:\n  - 1\n  -\n  - {}\n");
  check_same("a:\nb:\n  c:\nd:\n");  // empty values, placed where the next token starts
  check_same("a:\n  b:\n");
  check_same("a:\n  b:\n# trailing comment");
  check_same("- \n-\n- x\n");
  check_same("a:\n  -\nb: 1\n");
  check_same("- a:\n- b\n");
  check_same("---\na: 1\n");
  check_same("--- # start\nx: [1, 2]\n");
  check_same("  a: 1\n  b: 2\n");  // an indented root
  check_same("a: {b: c, 'd': \"e\", f: [1, 2, [3]]}\n");
  check_same("a: []\nb: {}\nc: [ ]\nd: { }\n");
  check_same("a: \"x\\ty\\n\\\\ \\\"q\\\" \\u00e9 \\x41 \\U0001F600 \\/ \\0\"\n");
  check_same("a: 'it''s' \nb: ''\nc: \"\"\n");
  check_same("\"a\": 1\n'b c': 2\n");
  check_same("a: http://x.example:80/p?q=1\nb: arn:aws:iam::1:role/r\n");
  check_same("a:    spaced value    \n");
  check_same("é: ü\nb: [é, ü]\nc: x  # ünïcode comment\n");  // columns count characters
  check_same("a: null\nb: ~\nc: Null\nd: true\ne: -5\nf: 1.5e3\n");
  check_same("a: b\n\n\n# c\n\nd: e\n");
  check_same("a:\n  b:\n    c: 1\n  d: 2\ne: 3\n");
  check_same("a: ${vpc.id}\nb: \"${x}\"\n");
  check_same("k :  v\n");
  check_same("- [a, b]\n- {c: d}\n");
}

TEST_CASE("yaml fast scanner, columns on a long line outside ASCII count characters") {
  // Columns count characters; counting each token's from the line's start
  // would make this 400,000-item line quadratic.
  std::string text = "a: [";
  for (int i = 0; i < 400000; ++i) {
    text += i == 0 ? "é" : ", é";
  }
  text += "]\n";
  const auto tree = yaml::load_with_fast_scanner(text, "t.yaml");
  REQUIRE(tree != nullptr);
  const yaml::Node* list = tree->find("a");
  REQUIRE(list != nullptr);
  REQUIRE(list->items.size() == 400000);
  CHECK(list->items.back()->column == 5 + 3 * 399999);
}

TEST_CASE("yaml fast scanner, nesting past its own limit is left to libyaml") {
  yaml::LoadLimits limits;
  limits.max_depth = 5000;
  const std::string deep = std::string(1500, '[') + std::string(1500, ']') + "\n";
  CHECK(yaml::load_with_fast_scanner("a: " + deep, "t.yaml", limits) == nullptr);
  util::Diagnostics diagnostics;
  const auto loaded = yaml::load("a: " + deep, "t.yaml", diagnostics, limits);
  CHECK(loaded != nullptr);
  CHECK(diagnostics.all().empty());
  const std::string within = "a: " + std::string(900, '[') + std::string(900, ']') + "\n";
  const auto fast = yaml::load_with_fast_scanner(within, "t.yaml", limits);
  util::Diagnostics reference_diagnostics;
  const auto reference = yaml::load_with_libyaml(within, "t.yaml", reference_diagnostics, limits);
  REQUIRE(fast != nullptr);
  REQUIRE(reference != nullptr);
  CHECK(yaml::first_difference(*fast, *reference).empty());
}

TEST_CASE("yaml fast scanner, declines what it does not read itself") {
  check_declined("a: &x 1\nb: *x\n");  // anchors and aliases
  check_declined("a: !!str 1\n");      // tags
  check_declined("a: |\n  text\n");    // block scalars
  check_declined("a: >\n  text\n");
  check_declined("? complex\n: value\n");
  check_declined("a: multi\n  line plain\n");
  check_declined("a: \"multi\n  line quoted\"\n");
  check_declined("a: [1,\n  2]\n");    // a flow collection over lines
  check_declined("a:\tb\n");           // tabs
  check_declined("a: b\r\nc: d\r\n");  // CRLF
  check_declined(
      "\xEF\xBB\xBF"
      "a: b\n");                        // a byte order mark
  check_declined("a: 1\n---\nb: 2\n");  // a second document
  check_declined("a: 1\n...\n");
  check_declined("");
  check_declined("# only a comment\n");
  check_declined("just a scalar\n");
  check_declined("a: 1\na: 2\n");  // a duplicate key: libyaml's path reports it
  check_declined("a: 99999999999999999999\n");
  check_declined("a: b: c\n");  // errors are libyaml's to report
  check_declined("a: [1, 2,]\n");
  check_declined("a: {b}\n");
  check_declined("a:\n  b: 1\n c: 2\n");
  check_declined("- a\nb: 1\n");
  check_declined("a: \"\\N\"\n");
  check_declined("a: \"\\uD800\"\n");
  check_declined("a: 'x'y\n");
  check_declined("a: [x]y\n");
  check_declined("a: -\n");
}

TEST_CASE("yaml fast scanner, generated and damaged documents read as libyaml reads them or are declined") {
  Generator generator(17);
  int accepted = 0;
  constexpr int k_documents = 3000;
  for (int i = 0; i < k_documents; ++i) {
    const std::string text = generator.document();
    std::string detail;
    const Outcome outcome = compare(text, detail);
    INFO("document " << i << ":\n" << text << "\n" << detail);
    CHECK(outcome != Outcome::different);
    accepted += outcome == Outcome::same ? 1 : 0;
    check_same_or_declined(generator.damaged(text));
  }
  MESSAGE("fast scanner accepted " << accepted << " of " << k_documents << " generated documents");
  CHECK(accepted * 4 > k_documents);
}
