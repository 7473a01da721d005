#include "dharma/catalog/type_schema.hpp"

#include "dharma/util/find.hpp"

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

const PropertySchema* PropertySchema::find_property(const std::string& property) const {
  return util::find_by(properties, &PropertySchema::name, property);
}
std::vector<std::string> PropertySchema::property_names() const {
  return util::names_of(properties, &PropertySchema::name);
}

const PropertySchema* TypeSchema::find_property(const std::string& property) const {
  return util::find_by(properties, &PropertySchema::name, property);
}
std::vector<std::string> TypeSchema::property_names() const {
  return util::names_of(properties, &PropertySchema::name);
}

bool TypeSchema::has_attribute(const std::string& attribute) const {
  for (const auto& a : attributes) {
    if (a == attribute) {
      return true;
    }
  }
  return false;
}

}  // namespace dharma::catalog
