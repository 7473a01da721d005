// A Value's `sensitive` and `placeholder` marks sit in its variant's tail
// padding (value.hpp): whatever the data becomes, by every way a Value's
// data is replaced (assignment from each kind, set() on a map, growing a
// map or list in place, copies and moves), the marks must stay as they were
// set, and the data must be intact.

#include <doctest/doctest.h>

#include <vector>

#include "dharma/value/value.hpp"

using dharma::value::List;
using dharma::value::Map;
using dharma::value::Reference;
using dharma::value::Value;

namespace {

std::vector<Value> one_of_each_kind() {
  return {Value::null(),
          Value::boolean(true),
          Value::integer(-7),
          Value::number(2.5),
          Value::string("a string longer than fifteen bytes, on the heap"),
          Value::list({Value::integer(1), Value::string("x")}),
          Value::map({{"k", Value::string("v")}}),
          Value::reference(Reference{"vpc", 1, false, "id"}),
          Value::interpolation({std::string("at "), Reference{"vpc", std::nullopt, false, "id"}})};
}

void check_marks(const Value& value, bool sensitive, bool placeholder) {
  CHECK(value.sensitive == sensitive);
  CHECK(value.placeholder == placeholder);
}

}  // namespace

TEST_CASE("a value keeps its marks whatever its data becomes") {
  for (const bool sensitive : {false, true}) {
    for (const bool placeholder : {false, true}) {
      for (const auto& from : one_of_each_kind()) {
        for (const auto& to : one_of_each_kind()) {
          Value value = from;
          value.sensitive = sensitive;
          value.placeholder = placeholder;
          Value data = to;
          data.sensitive = !sensitive;
          data.placeholder = !placeholder;
          // Assigning a whole Value copies its marks too; replace only the data.
          const bool keep_sensitive = value.sensitive;
          const bool keep_placeholder = value.placeholder;
          value = data;
          value.sensitive = keep_sensitive;
          value.placeholder = keep_placeholder;
          check_marks(value, sensitive, placeholder);
          CHECK(value.kind() == to.kind());
          CHECK(value.same_data(to));
          value.set("added", Value::string("another string longer than fifteen bytes"));
          check_marks(value, sensitive, placeholder);
          CHECK(value.kind() == Value::Kind::map);
          REQUIRE(value.find("added") != nullptr);
          CHECK(value.find("added")->as_string() == "another string longer than fifteen bytes");
          for (int i = 0; i < 40; ++i) {
            value.as_map().emplace_back("k" + std::to_string(i), Value::integer(i));
          }
          check_marks(value, sensitive, placeholder);
          const Value copy = value;
          check_marks(copy, sensitive, placeholder);
          Value moved = std::move(value);
          check_marks(moved, sensitive, placeholder);
          CHECK(moved.as_map().back().second.as_integer() == 39);
        }
      }
    }
  }
}

TEST_CASE("list items keep their marks when the list grows") {
  List list;
  for (int i = 0; i < 100; ++i) {
    Value item = i % 2 == 0 ? Value::string(std::string(20, 'a')) : Value::integer(i);
    item.sensitive = i % 3 == 0;
    item.placeholder = i % 5 == 0;
    list.push_back(std::move(item));
  }
  Value value = Value::list(std::move(list));
  for (int i = 0; i < 100; ++i) {
    const Value& item = value.as_list()[static_cast<std::size_t>(i)];
    CHECK(item.sensitive == (i % 3 == 0));
    CHECK(item.placeholder == (i % 5 == 0));
    CHECK(item.kind() == (i % 2 == 0 ? Value::Kind::string : Value::Kind::integer));
  }
}
