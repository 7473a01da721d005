#include <doctest/doctest.h>

#include "policy_test_support.hpp"

using namespace dharma;
using namespace dharma::policy;
using namespace dharma::policy::testing;

TEST_CASE("policy::evaluate, every operator on a present value") {
  Resource r("storage.bucket",
             "{encrypted: true, size: 10, tls: '1.2', name: shop-assets, zones: [a, b], "
             "labels: {team: web}}");
  CHECK(holds("{path: properties.encrypted, op: exists}", r));
  CHECK_FALSE(holds("{path: properties.encrypted, op: absent}", r));
  CHECK(holds("{path: properties.encrypted, op: equals, value: true}", r));
  CHECK(holds("{path: properties.encrypted, op: not_equals, value: false}", r));
  CHECK(holds("{path: properties.size, op: in, value: [5, 10]}", r));
  CHECK(holds("{path: properties.size, op: not_in, value: [5, 6]}", r));
  CHECK(holds("{path: properties.name, op: matches, value: '^shop-'}", r));
  CHECK(holds("{path: properties.size, op: gt, value: 9.5}", r));
  CHECK(holds("{path: properties.size, op: gte, value: 10}", r));
  CHECK(holds("{path: properties.size, op: lt, value: 11}", r));
  CHECK(holds("{path: properties.size, op: lte, value: 10}", r));
  CHECK(holds("{path: properties.tls, op: gte, value: 1.2}", r));  // numeric strings compare as numbers
  CHECK(holds("{path: properties.zones, op: contains, value: b}", r));
  CHECK(holds("{path: properties.name, op: contains, value: assets}", r));
  CHECK(holds("{path: properties.labels, op: contains, value: team}", r));
  CHECK(holds("{path: properties.zones, op: length, compare: gte, value: 2}", r));
  CHECK(holds("{path: properties.zones, op: length, value: 2}", r));
  CHECK(holds("{path: properties.zones.1, op: equals, value: b}", r));
}

TEST_CASE("policy::evaluate, a missing property is decided in every operator") {
  // The original engine compared `undefined < 1.2` and passed silently.
  Resource r("storage.bucket", "{other: 1}");
  for (const char* op : {"equals", "not_equals", "gt", "gte", "lt", "lte", "contains", "length"}) {
    SUBCASE(op) {
      const std::string check = std::string("{path: properties.tls, op: ") + op + ", value: 1.2}";
      CHECK_FALSE(holds(check, r));
      const std::string lenient =
          std::string("{path: properties.tls, op: ") + op + ", value: 1.2, missing: pass}";
      CHECK(holds(lenient, r));
    }
  }
  CHECK_FALSE(holds("{path: properties.tls, op: in, value: ['1.2']}", r));
  CHECK_FALSE(holds("{path: properties.tls, op: not_in, value: ['1.0']}", r));
  CHECK_FALSE(holds("{path: properties.tls, op: matches, value: '.*'}", r));
  CHECK_FALSE(holds("{path: properties.rules, op: every, where: {path: x, op: exists}}", r));
  CHECK(holds("{path: properties.rules, op: none, where: {path: x, op: exists}, missing: pass}", r));
  CHECK(holds("{path: properties.tls, op: absent}", r));
  CHECK_FALSE(holds("{path: properties.tls, op: exists}", r));
}

TEST_CASE("policy::evaluate, null counts as missing and types never coerce") {
  Resource r("storage.bucket", "{tls: null, flag: 'true', size: '10'}");
  CHECK(holds("{path: properties.tls, op: absent}", r));
  CHECK_FALSE(
      holds("{path: properties.flag, op: equals, value: true}", r));  // a quoted string is not a boolean
  CHECK_FALSE(holds("{path: properties.flag, op: gt, value: 0}", r));
  CHECK(holds("{path: properties.size, op: gt, value: 9}", r));
  CHECK_FALSE(holds("{path: properties.size, op: equals, value: 10}", r));  // but equality stays exact
}

TEST_CASE("policy::evaluate, quantifiers judge list items and map entries") {
  Resource r("network.security_group",
             "{ingress: [{port: 443, cidrs: [0.0.0.0/0]}, {port: 22, cidrs: [10.0.0.0/8]}], env: {LOG: info, "
             "DB_PASSWORD: x}}");
  CHECK(holds("{path: properties.ingress, op: every, where: {path: port, op: gt, value: 0}}", r));
  CHECK(holds("{path: properties.ingress, op: some, where: {path: port, op: equals, value: 22}}", r));
  CHECK(
      holds("{path: properties.ingress, op: none, where: {all: [{path: port, op: equals, value: 22}, "
            "{path: cidrs, op: contains, value: 0.0.0.0/0}]}}",
            r));
  auto result =
      evaluate(*condition_from("{path: properties.ingress, op: none, where: {path: port, op: equals, "
                               "value: 22}}"),
               r.subject, {});
  CHECK_FALSE(result.holds);
  CHECK(result.path == "properties.ingress.1");
  auto secret = evaluate(*condition_from("{path: properties.env, op: none, where: {path: key, op: matches, "
                                         "value: PASSWORD}}"),
                         r.subject, {});
  CHECK_FALSE(secret.holds);
  CHECK(secret.path == "properties.env.DB_PASSWORD");
}

TEST_CASE("policy::evaluate, combinators and the path they blame") {
  Resource r("database.postgres", "{encrypted: false, multi_az: false}");
  CHECK(holds("{not: {path: properties.encrypted, op: equals, value: true}}", r));
  CHECK(
      holds("{any: [{path: properties.encrypted, op: equals, value: true}, {path: type, op: equals, value: "
            "database.postgres}]}",
            r));
  auto failure =
      evaluate(*condition_from("{any: [{all: [{path: type, op: equals, value: storage.bucket}, "
                               "{path: properties.x, op: exists}]}, {all: [{path: type, op: equals, "
                               "value: database.postgres}, {path: properties.multi_az, op: equals, "
                               "value: true}]}]}"),
               r.subject, {});
  CHECK_FALSE(failure.holds);
  CHECK(failure.path == "properties.multi_az");  // the property, not the type guard of the first branch
}

TEST_CASE("policy::evaluate, references are unknown but lists of them are judged through the index") {
  value::Map subnet_a{{"public", value::Value::boolean(false)}};
  value::Map subnet_b{{"public", value::Value::boolean(true)}};
  ResourceIndex index;
  index.properties["a"] = &subnet_a;
  index.properties["b"] = &subnet_b;
  Resource r("database.postgres", "{}");
  r.properties.emplace_back("subnet", value::Value::reference({"a", std::nullopt, false, "id"}));
  r.properties.emplace_back("subnets",
                            value::Value::list({value::Value::reference({"a", std::nullopt, false, "id"}),
                                                value::Value::reference({"b", std::nullopt, false, "id"})}));
  r.subject.index = &index;
  CHECK(holds("{path: properties.subnet, op: exists}", r));
  CHECK_FALSE(holds("{path: properties.subnet, op: equals, value: a}", r));  // unknown before apply
  CHECK(holds("{path: properties.subnet.public, op: equals, value: false}", r));
  CHECK(holds("{path: properties.subnets, op: length, compare: equals, value: 2}", r));
  CHECK_FALSE(
      holds("{path: properties.subnets, op: every, where: {path: public, op: equals, value: false}}", r));
  r.subject.index = nullptr;
  CHECK_FALSE(holds("{path: properties.subnet.public, op: equals, value: false}", r));
}

TEST_CASE("policy::evaluate, operands from parameters, tags and top-level fields") {
  Resource r("storage.bucket", "{}", "{owner: web}");
  value::Map parameters{{"allowed", value::Value::list({value::Value::string("eu-west-1")})}};
  CHECK_FALSE(
      evaluate(*condition_from("{path: region, op: in, param: allowed}", {"allowed"}), r.subject, parameters)
          .holds);
  parameters[0].second.as_list().push_back(value::Value::string("us-east-1"));
  CHECK(
      evaluate(*condition_from("{path: region, op: in, param: allowed}", {"allowed"}), r.subject, parameters)
          .holds);
  CHECK(holds("{path: tags.owner, op: equals, value: web}", r));
  CHECK(holds("{path: type, op: equals, value: storage.bucket}", r));
  CHECK(holds("{path: count, op: equals, value: 1}", r));
}

TEST_CASE("policy::matches, RE2 runs in linear time on patterns that make backtracking engines hang") {
  Resource r("storage.bucket", "{name: " + std::string(100000, 'a') + "b}");
  CHECK_FALSE(holds("{path: properties.name, op: matches, value: '^(a+)+$'}", r));
  CHECK(holds("{path: properties.name, op: matches, value: '(a|aa)+b$'}", r));
}

TEST_CASE("policy::evaluate, a placeholder for an unset secret is unknown, never judged as data") {
  Resource r("database.postgres", "{iam_auth: false, encrypted: true}");
  value::Value placeholder = value::Value::string("<placeholder: sensitive parameter pw has no value>");
  placeholder.sensitive = true;
  placeholder.placeholder = true;
  r.properties.emplace_back("password", placeholder);
  r.properties.emplace_back("users", value::Value::list({value::Value::map({{"password", placeholder}})}));
  const auto judge = [&](const std::string& condition) {
    return evaluate(*condition_from(condition), r.subject, {});
  };
  CHECK(holds("{path: properties.password, op: exists}", r));
  SUBCASE("a comparison on it is unknown, whatever `missing` says") {
    for (const char* condition :
         {"{path: properties.password, op: length, compare: gte, value: 16}",
          "{path: properties.password, op: length, compare: gte, value: 16, missing: pass}",
          "{path: properties.password, op: matches, value: placeholder}",
          "{not: {path: properties.password, op: equals, value: x}}"}) {
      CAPTURE(condition);
      const auto result = judge(condition);
      CHECK(result.unknown);
      CHECK_FALSE(result.holds);
      CHECK(result.path == "properties.password");
    }
  }
  SUBCASE("any and all decide without it when they can") {
    CHECK(judge("{any: [{path: properties.encrypted, op: equals, value: true}, "
                "{path: properties.password, op: length, value: 16}]}")
              .holds);
    CHECK(judge("{any: [{path: properties.iam_auth, op: equals, value: true}, "
                "{path: properties.password, op: length, value: 16}]}")
              .unknown);
    const auto failed = judge(
        "{all: [{path: properties.password, op: length, value: 16}, "
        "{path: properties.iam_auth, op: equals, value: true}]}");
    CHECK_FALSE(failed.unknown);
    CHECK(failed.path == "properties.iam_auth");
    CHECK(judge("{all: [{path: properties.password, op: length, value: 16}, "
                "{path: properties.encrypted, op: equals, value: true}]}")
              .unknown);
  }
  SUBCASE("quantifiers pass the unknown on") {
    CHECK(judge("{path: properties.users, op: every, where: {path: password, op: length, compare: gte, "
                "value: 16}}")
              .unknown);
    CHECK(judge("{path: properties.users, op: none, where: {path: password, op: equals, value: x}}").unknown);
  }
}
