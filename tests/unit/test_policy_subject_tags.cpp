// `tags.<key>` looked up through a subject's own tags and labels (no merged
// copy, speed-gc2) against the map merge_tags builds: the same value, or
// none, for every key and nested path, with keys repeated in either map.

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dharma/policy/subject.hpp"

using namespace dharma;
using namespace dharma::policy;
using value::Value;

TEST_CASE("policy::Subject, tags looked up without merging agree with the merged map") {
  const Value nested = Value::map({{"inner", Value::string("deep")}});
  const std::vector<value::Map> maps{
      {},
      {{"owner", Value::string("label-owner")}, {"team", Value::string("a")}},
      {{"owner", Value::string("tag-owner")}, {"cost", Value::integer(3)}},
      {{"team", Value::string("b")}, {"team", Value::string("c")}, {"nested", nested}},
      {{"owner", Value::null()}, {"env", Value::string("prod")}, {"owner", Value::string("second")}},
  };
  std::vector<std::vector<std::string>> paths{
      {"tags"}, {"tags", "nested", "inner"}, {"tags", "nested", "x"}, {"tags", "owner", "x"}};
  for (const char* key : {"owner", "team", "cost", "nested", "env", "missing"}) {
    paths.push_back({"tags", key});
  }
  std::size_t found = 0;
  for (const auto& labels : maps) {
    for (const auto& own : maps) {
      Subject merged;
      merged.labels = &labels;
      merged.tags = merge_tags(labels, own);
      Subject lazy;
      lazy.labels = &labels;
      lazy.own_tags = &own;
      for (const auto& path : paths) {
        const Value* expected = merged.lookup(path);
        const Value* got = lazy.lookup(path);
        CAPTURE(path.back());
        REQUIRE((expected == nullptr) == (got == nullptr));
        if (expected != nullptr) {
          ++found;
          CHECK(got->same_data(*expected));
          CHECK(got->to_display_string() == expected->to_display_string());
        }
      }
    }
  }
  CHECK(found > 50);
}
