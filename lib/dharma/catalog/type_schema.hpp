#pragma once
// The property schema of one portable resource type, loaded from
// templates/types/<type>.yaml (docs/catalog.md).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dharma/util/source_location.hpp"
#include "dharma/value/value.hpp"

namespace dharma::catalog {

enum class PropertyType { string, integer, number, boolean, list, map, object, reference, any };

const char* property_type_name(PropertyType type);
std::optional<PropertyType> parse_property_type(const std::string& name);

struct PropertySchema {
  std::string name;
  PropertyType type = PropertyType::any;
  bool required = false;
  std::optional<value::Value> default_value;
  std::optional<double> min;  // numbers: value; strings/lists: not used
  std::optional<double> max;
  std::vector<std::string> allowed;  // enumeration of scalar values (as text)
  std::string description;
  std::string reference_to;                // reference: the target type (may be a glob)
  bool sensitive = false;                  // e.g. a password: masked in `show`
  std::shared_ptr<PropertySchema> items;   // list: schema of each item
  std::shared_ptr<PropertySchema> values;  // map: schema of each value
  std::vector<PropertySchema> properties;  // object: its fields
  util::SourceLocation location;

  const PropertySchema* find_property(const std::string& property) const;
  std::vector<std::string> property_names() const;
};

struct TypeSchema {
  std::string type;    // compute.instance
  std::string family;  // compute
  std::string description;
  std::vector<PropertySchema> properties;
  std::vector<std::string> attributes;  // what ${name.ATTR} may reference
  std::string file;

  const PropertySchema* find_property(const std::string& property) const;
  std::vector<std::string> property_names() const;
  bool has_attribute(const std::string& attribute) const;
};

}  // namespace dharma::catalog
