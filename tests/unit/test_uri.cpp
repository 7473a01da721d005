// File paths as URI references (RFC 3986): what SARIF reports name files by.
#include <doctest/doctest.h>

#include "dharma/util/uri.hpp"

using dharma::util::path_to_uri;

TEST_CASE("path_to_uri, relative paths stay relative references") {
  CHECK(path_to_uri("app.yaml") == "app.yaml");
  CHECK(path_to_uri("infra/prod/app.yaml") == "infra/prod/app.yaml");
  CHECK(path_to_uri("../shared/app-v1_2~x.yaml") == "../shared/app-v1_2~x.yaml");
  SUBCASE("a colon is encoded so the first segment cannot read as a scheme") {
    CHECK(path_to_uri("c:app.yaml") == "c%3Aapp.yaml");
  }
}

TEST_CASE("path_to_uri, absolute paths become file URIs") {
  CHECK(path_to_uri("/home/ci/app.yaml") == "file:///home/ci/app.yaml");
  CHECK(path_to_uri("/srv/a:b@c/app.yaml") == "file:///srv/a:b@c/app.yaml");
}

TEST_CASE("path_to_uri, percent-encodes what RFC 3986 does not allow in a path") {
  CHECK(path_to_uri("my dir/app #1.yaml") == "my%20dir/app%20%231.yaml");
  CHECK(path_to_uri("/tmp/100%/a?b.yaml") == "file:///tmp/100%25/a%3Fb.yaml");
  CHECK(path_to_uri("caf\xC3\xA9.yaml") == "caf%C3%A9.yaml");
  CHECK(path_to_uri("a[1]{x}|\\\"<>`^.yaml") == "a%5B1%5D%7Bx%7D%7C%5C%22%3C%3E%60%5E.yaml");
  CHECK(path_to_uri("sub-delims!$&'()*+,;=.yaml") == "sub-delims!$&'()*+,;=.yaml");
}
