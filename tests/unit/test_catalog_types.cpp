// Checks the shipped catalog data (templates/types/*.yaml), not the loader:
// the loader accepts any well-formed schema, but guard policies and price
// rules rely on more than well-formedness. Every v1 type must be present,
// references must point at types that exist, defaults must satisfy their own
// schema, one property name must mean one thing across types, and the
// security-relevant defaults must be the safe choice.

#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "dharma/catalog/catalog.hpp"
#include "dharma/util/text.hpp"

using namespace dharma;
using catalog::PropertySchema;
using catalog::PropertyType;

namespace {

const catalog::Catalog& shipped_catalog() {
  static util::Diagnostics diagnostics;
  static const catalog::Catalog loaded =
      catalog::Catalog::load(std::string(DHARMA_TEST_DATA_DIR) + "/../templates", diagnostics);
  REQUIRE_MESSAGE(diagnostics.all().empty(),
                  (diagnostics.all().empty() ? "" : util::format_diagnostic(diagnostics.all().front())));
  return loaded;
}

// Calls `visit(path, property)` for every property of every type, nested ones included.
void for_each_property(const std::function<void(const std::string&, const PropertySchema&)>& visit) {
  const auto& types = shipped_catalog();
  std::function<void(const std::string&, const PropertySchema&)> walk = [&](const std::string& path,
                                                                            const PropertySchema& property) {
    visit(path, property);
    if (property.items) {
      walk(path + "[]", *property.items);
    }
    if (property.values) {
      walk(path + ".*", *property.values);
    }
    for (const auto& field : property.properties) {
      walk(path + "." + field.name, field);
    }
  };
  for (const auto& name : types.type_names()) {
    for (const auto& property : types.find_type(name)->properties) {
      walk(name + ":" + property.name, property);
    }
  }
}

bool default_fits(const PropertySchema& property) {
  const value::Value& value = *property.default_value;
  using Kind = value::Value::Kind;
  switch (property.type) {
    case PropertyType::string:
      return value.kind() == Kind::string;
    case PropertyType::integer:
      return value.kind() == Kind::integer;
    case PropertyType::number:
      return value.kind() == Kind::integer || value.kind() == Kind::number;
    case PropertyType::boolean:
      return value.kind() == Kind::boolean;
    case PropertyType::list:
      return value.kind() == Kind::list;
    case PropertyType::map:
    case PropertyType::object:
      return value.kind() == Kind::map;
    case PropertyType::reference:
      return false;  // a default cannot know which resource to point at
    case PropertyType::any:
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("Catalog::load, ships exactly the v1 portable types") {
  const std::vector<std::string> expected{"cache.redis",
                                          "compute.autoscaling_group",
                                          "compute.function",
                                          "compute.instance",
                                          "compute.kubernetes_cluster",
                                          "database.mysql",
                                          "database.postgres",
                                          "identity.role",
                                          "k8s.configmap",
                                          "k8s.cronjob",
                                          "k8s.deployment",
                                          "k8s.hpa",
                                          "k8s.ingress",
                                          "k8s.namespace",
                                          "k8s.network_policy",
                                          "k8s.pdb",
                                          "k8s.secret_ref",
                                          "k8s.service",
                                          "k8s.service_account",
                                          "k8s.statefulset",
                                          "network.dns_record",
                                          "network.load_balancer",
                                          "network.nat_gateway",
                                          "network.security_group",
                                          "network.subnet",
                                          "network.vpc",
                                          "storage.bucket",
                                          "storage.volume"};
  CHECK(shipped_catalog().type_names() == expected);
}

TEST_CASE("Catalog types, family and attributes") {
  const auto& types = shipped_catalog();
  for (const auto& name : types.type_names()) {
    CAPTURE(name);
    const auto* type = types.find_type(name);
    const std::string prefix = name.substr(0, name.find('.'));
    CHECK(type->family == (prefix == "k8s" ? "kubernetes" : prefix));
    CHECK_FALSE(type->description.empty());
    CHECK(type->has_attribute("id"));
    auto attributes = type->attributes;
    std::sort(attributes.begin(), attributes.end());
    CHECK(std::adjacent_find(attributes.begin(), attributes.end()) == attributes.end());
  }
}

TEST_CASE("Catalog properties, references point at existing types") {
  const auto names = shipped_catalog().type_names();
  for_each_property([&](const std::string& path, const PropertySchema& property) {
    if (property.type != PropertyType::reference) {
      return;
    }
    CAPTURE(path);
    CAPTURE(property.reference_to);
    CHECK(std::any_of(names.begin(), names.end(), [&](const std::string& name) {
      return util::glob_match(property.reference_to, name);
    }));
  });
}

TEST_CASE("Catalog properties, well-formed bounds, defaults and containers") {
  for_each_property([](const std::string& path, const PropertySchema& property) {
    CAPTURE(path);
    CHECK_FALSE((property.required && property.default_value.has_value()));
    if (property.min && property.max) {
      CHECK(*property.min <= *property.max);
    }
    if (property.min || property.max) {
      CHECK((property.type == PropertyType::integer || property.type == PropertyType::number));
    }
    CHECK((property.type == PropertyType::list) == (property.items != nullptr));
    CHECK((property.type == PropertyType::map) == (property.values != nullptr));
    CHECK((property.type == PropertyType::object) == !property.properties.empty());
    if (property.sensitive) {
      CHECK(property.type == PropertyType::string);
      CHECK_FALSE(property.default_value.has_value());
    }
    if (!property.default_value) {
      return;
    }
    CHECK(default_fits(property));
    const auto& value = *property.default_value;
    if (value.kind() == value::Value::Kind::integer) {
      CHECK(value.as_number() >= property.min.value_or(value.as_number()));
      CHECK(value.as_number() <= property.max.value_or(value.as_number()));
    }
    if (!property.allowed.empty()) {
      const std::string text = value.to_display_string();
      CHECK(std::find(property.allowed.begin(), property.allowed.end(), text) != property.allowed.end());
    }
  });
}

TEST_CASE("Catalog properties, one name has one type in every catalog type") {
  // Policies and prices read properties by name across types (`encrypted`,
  // `storage_gb`, `size`...), so a name must not change meaning between types.
  std::map<std::string, std::pair<PropertyType, std::string>> seen;
  const auto& types = shipped_catalog();
  for (const auto& name : types.type_names()) {
    for (const auto& property : types.find_type(name)->properties) {
      CAPTURE(name + ":" + property.name);
      const auto [entry, inserted] = seen.emplace(property.name, std::make_pair(property.type, name));
      if (!inserted) {
        INFO("first declared in " << entry->second.second);
        CHECK(catalog::property_type_name(entry->second.first) ==
              std::string(catalog::property_type_name(property.type)));
      }
    }
  }
}

TEST_CASE("Catalog properties, security defaults are the safe choice") {
  const std::map<std::string, bool> safe{{"encrypted", true},
                                         {"public", false},
                                         {"public_ip", false},
                                         {"transit_encryption", true},
                                         {"public_access_block", true},
                                         {"require_tls", true},
                                         {"imdsv2", true},
                                         {"private_endpoint", true},
                                         {"run_as_non_root", true},
                                         {"privileged", false},
                                         {"allow_privilege_escalation", false},
                                         {"read_only_root_filesystem", true},
                                         {"host_network", false},
                                         {"drop_all_capabilities", true},
                                         {"automount_service_account_token", false},
                                         {"automount_token", false},
                                         {"force_destroy", false},
                                         {"audit_logging", true},
                                         {"monitoring", true},
                                         {"versioning", true}};
  std::size_t checked = 0;
  for_each_property([&](const std::string& path, const PropertySchema& property) {
    const std::string leaf = property.name;
    const auto found = safe.find(leaf);
    if (found == safe.end()) {
      return;
    }
    CAPTURE(path);
    REQUIRE(property.default_value.has_value());
    REQUIRE(property.default_value->kind() == value::Value::Kind::boolean);
    CHECK(property.default_value->as_bool() == found->second);
    ++checked;
  });
  CHECK(checked > 40);
}

TEST_CASE("Catalog properties, secrets are marked sensitive") {
  for_each_property([](const std::string& path, const PropertySchema& property) {
    if (property.name == "password" || property.name == "auth_token") {
      CAPTURE(path);
      CHECK(property.sensitive);
    }
  });
}
