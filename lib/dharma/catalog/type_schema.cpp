#include "dharma/catalog/type_schema.hpp"

namespace dharma::catalog {

const char* property_type_name(PropertyType type) {
  switch (type) {
    case PropertyType::string:
      return "string";
    case PropertyType::integer:
      return "integer";
    case PropertyType::number:
      return "number";
    case PropertyType::boolean:
      return "boolean";
    case PropertyType::list:
      return "list";
    case PropertyType::map:
      return "map";
    case PropertyType::object:
      return "object";
    case PropertyType::reference:
      return "reference";
    case PropertyType::any:
      return "any";
  }
  return "any";
}

std::optional<PropertyType> parse_property_type(const std::string& name) {
  for (auto type : {PropertyType::string, PropertyType::integer, PropertyType::number, PropertyType::boolean,
                    PropertyType::list, PropertyType::map, PropertyType::object, PropertyType::reference,
                    PropertyType::any}) {
    if (name == property_type_name(type)) {
      return type;
    }
  }
  return std::nullopt;
}

namespace {
template <typename Properties>
const PropertySchema* find_in(const Properties& properties, const std::string& name) {
  for (const auto& property : properties) {
    if (property.name == name) {
      return &property;
    }
  }
  return nullptr;
}
template <typename Properties>
std::vector<std::string> names_of(const Properties& properties) {
  std::vector<std::string> names;
  names.reserve(properties.size());
  for (const auto& property : properties) {
    names.push_back(property.name);
  }
  return names;
}
}  // namespace

const PropertySchema* PropertySchema::find_property(const std::string& property) const {
  return find_in(properties, property);
}
std::vector<std::string> PropertySchema::property_names() const { return names_of(properties); }

const PropertySchema* TypeSchema::find_property(const std::string& property) const {
  return find_in(properties, property);
}
std::vector<std::string> TypeSchema::property_names() const { return names_of(properties); }

bool TypeSchema::has_attribute(const std::string& attribute) const {
  for (const auto& a : attributes) {
    if (a == attribute) {
      return true;
    }
  }
  return false;
}

}  // namespace dharma::catalog
