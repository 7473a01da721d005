#include <doctest/doctest.h>

#include "dharma/util/placeholder_scan.hpp"
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
  CHECK(find_invalid_utf8("\xc0\xaf").value() == 0);      // overlong '/'
  CHECK(find_invalid_utf8("\xed\xa0\x80").value() == 0);  // UTF-16 surrogate
  CHECK(find_invalid_utf8("\xe2\x82").value() == 0);      // truncated
}

TEST_CASE("glob_match, supports star wildcards") {
  CHECK(glob_match("k8s.*", "k8s.deployment"));
  CHECK(glob_match("database.*", "database.postgres"));
  CHECK_FALSE(glob_match("k8s.*", "network.vpc"));
  CHECK(glob_match("*", "anything"));
  CHECK(glob_match("aws_*_policy", "aws_iam_role_policy"));
}

TEST_CASE("util::xml_escape, escapes markup and blanks characters XML forbids") {
  CHECK(xml_escape("a<b> & \"c\" 'd'") == "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;");
  CHECK(xml_escape("tab\tline\nbell\x07") == "tab\tline\nbell ");
  CHECK(xml_escape("ünïcödé") == "ünïcödé");
  CHECK(xml_escape("") == "");
}

TEST_CASE("util::html_escape, the same with &#39; for an apostrophe") {
  CHECK(html_escape("type 'x' <b>") == "type &#39;x&#39; &lt;b&gt;");
  CHECK(html_escape("bell\x07") == "bell ");
}

TEST_CASE("util::scan_placeholders, splits literal runs from placeholders") {
  std::vector<std::string> pieces;
  const auto literal = [&](std::string text) { pieces.push_back("L:" + text); };
  const auto placeholder = [&](std::string_view text) {
    return [&pieces, text](std::size_t open) {
      const std::size_t close = text.find('}', open);
      pieces.push_back("P:" + std::string(text.substr(open, close + 1 - open)));
      return close + 1;
    };
  };
  SUBCASE("mixed text") {
    const std::string text = "a-${x}-$${y}${z}";
    scan_placeholders(text, literal, placeholder(text));
    CHECK(pieces == std::vector<std::string>{"L:a-", "P:${x}", "L:-${y}", "P:${z}"});
  }
  SUBCASE("no placeholder and empty text") {
    scan_placeholders("plain $${x}", literal, placeholder(""));
    scan_placeholders("", literal, placeholder(""));
    CHECK(pieces == std::vector<std::string>{"L:plain ${x}"});
  }
  SUBCASE("npos stops the scan") {
    scan_placeholders("a${b}c", literal, [&](std::size_t) { return std::string::npos; });
    CHECK(pieces == std::vector<std::string>{"L:a"});
  }
}

TEST_CASE("did_you_mean, matches on shared word parts") {
  const std::vector<std::string> volume{"storage_gb",      "disk_type", "iops",
                                        "throughput_mbps", "zone",      "encrypted",
                                        "kms_key",         "attach_to", "backup_retention_days"};
  SUBCASE("a part in common") {
    CHECK(did_you_mean("size_gb", volume) == " (did you mean 'storage_gb'?)");
  }
  SUBCASE("a misspelt part") {
    CHECK(did_you_mean("retention_dyas", volume) == " (did you mean 'backup_retention_days'?)");
  }
  SUBCASE("an abbreviation of the word") {
    const std::vector<std::string> resources{"vpc", "web", "db", "db_cpu_alarm", "cache", "alb"};
    CHECK(did_you_mean("databse", resources) == " (did you mean 'db'?)");
  }
  SUBCASE("dots and hyphens split too") {
    CHECK(did_you_mean("storage.disk", {"storage.volume", "compute.instance"}) ==
          " (did you mean 'storage.volume'?)");
    CHECK(did_you_mean("web-frontend", {"web_sg", "db_sg"}) == " (did you mean 'web_sg'?)");
  }
}

TEST_CASE("did_you_mean, stays silent for unrelated names") {
  const std::vector<std::string> volume{"storage_gb", "disk_type", "iops", "zone", "encrypted", "kms_key"};
  SUBCASE("no part in common") {
    CHECK(did_you_mean("colour", volume).empty());
    CHECK(did_you_mean("public_ip", volume).empty());
    CHECK(did_you_mean("max_connections", volume).empty());
  }
  SUBCASE("one-letter parts do not count") {
    CHECK(did_you_mean("a_b_c", {"a_x", "b_y"}).empty());
  }
  SUBCASE("a part shared by several candidates is no evidence") {
    CHECK(did_you_mean("max_size", {"max_storage_gb", "max_connections"}).empty());
  }
  SUBCASE("a short candidate is not an abbreviation of a short word") {
    CHECK(did_you_mean("dns", {"db", "web"}).empty());
    CHECK(did_you_mean("db", {"database", "web"}).empty());
  }
}
