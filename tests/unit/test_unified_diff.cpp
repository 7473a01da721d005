#include <doctest/doctest.h>

#include "dharma/util/unified_diff.hpp"

using dharma::util::unified_diff;

TEST_CASE("unified_diff, equal texts give no diff") {
  CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
}

TEST_CASE("unified_diff, shows a change with context") {
  const std::string old_text = "1\n2\n3\n4\n5\n6\n7\n8\n";
  const std::string new_text = "1\n2\n3\n4\nfive\n6\n7\n8\n";
  CHECK(unified_diff(old_text, new_text, "a/f", "b/f") ==
        "--- a/f\n+++ b/f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("unified_diff, new file and missing newline") {
  CHECK(unified_diff("", "x\n", "/dev/null", "b/f") == "--- /dev/null\n+++ b/f\n@@ -0,0 +1 @@\n+x\n");
  CHECK(unified_diff("x", "x\n", "a", "b") ==
        "--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n");
}
