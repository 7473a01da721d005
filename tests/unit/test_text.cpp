#include <doctest/doctest.h>

#include "dharma/util/text.hpp"

using namespace dharma::util;

TEST_CASE("edit_distance, counts insertions deletions and substitutions") {
  CHECK(edit_distance("size", "sise") == 1);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("did_you_mean, suggests only close candidates") {
  const std::vector<std::string> names{"size", "image", "subnet"};
  CHECK(did_you_mean("sise", names) == " (did you mean 'size'?)");
  CHECK(did_you_mean("completely_different", names).empty());
}

TEST_CASE("find_invalid_utf8, rejects stray and overlong bytes") {
  CHECK_FALSE(find_invalid_utf8("plain ascii and caf\xc3\xa9").has_value());
  CHECK(find_invalid_utf8("ab\xff").value() == 2);
  CHECK(find_invalid_utf8("\xc0\xaf").value() == 0);     // overlong '/'
  CHECK(find_invalid_utf8("\xed\xa0\x80").value() == 0); // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xe2\x82").value() == 0);     // truncated
}

TEST_CASE("glob_match, supports star wildcards") {
  CHECK(glob_match("k8s.*", "k8s.deployment"));
  CHECK(glob_match("database.*", "database.postgres"));
  CHECK_FALSE(glob_match("k8s.*", "network.vpc"));
  CHECK(glob_match("*", "anything"));
  CHECK(glob_match("aws_*_policy", "aws_iam_role_policy"));
}
