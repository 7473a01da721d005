#include <iomanip>
#include <sstream>
#include <nlohmann/json.hpp>

#include "dharma/api/blueprint_commands.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {
namespace {

void print_properties(const std::vector<catalog::PropertySchema>& properties, const std::string& prefix,
                      std::ostream& out) {
  for (const auto& property : properties) {
    std::string type = catalog::property_type_name(property.type);
    if (property.items) {
      type += " of " + std::string(catalog::property_type_name(property.items->type));
    }
    if (!property.reference_to.empty()) {
      type += " to " + property.reference_to;
    }
    std::ostringstream line;
    line << "  " << std::left << std::setw(34) << (prefix + property.name) << std::setw(24) << type << ' ';
    if (property.required) {
      line << "required  ";
    } else if (property.default_value) {
      line << "default " << property.default_value->to_display_string() << "  ";
    }
    line << property.description;
    std::string text = line.str();
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << '\n';
    if (!property.properties.empty()) {
      print_properties(property.properties, prefix + property.name + ".", out);
    }
    if (property.items && !property.items->properties.empty()) {
      print_properties(property.items->properties, prefix + property.name + "[].", out);
    }
  }
}

}  // namespace

int blueprint_types(const BlueprintOptions& options, CommandContext& context) {
  const std::string& type = options.name;
  const std::string& format = options.format;
  std::ostream& out = context.out();
  const auto& catalog = context.catalog();
  if (type.empty()) {
    if (format == "json") {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const auto& name : catalog.type_names()) {
        const auto* schema = catalog.find_type(name);
        list.push_back({{"type", name}, {"family", schema->family}, {"description", schema->description}});
      }
      out << list.dump(2) << '\n';
      return 0;
    }
    for (const auto& name : catalog.type_names()) {
      out << std::left << std::setw(30) << name << catalog.find_type(name)->description << '\n';
    }
    return 0;
  }
  const auto* schema = catalog.find_type(type);
  if (schema == nullptr) {
    throw util::Error("unknown resource type " + util::quoted(type) + util::did_you_mean(type, catalog.type_names()));
  }
  out << schema->type << ": " << schema->description << "\nproperties:\n";
  print_properties(schema->properties, "", out);
  out << "attributes: " << util::join(schema->attributes, ", ") << '\n';
  return 0;
}

}  // namespace dharma::api
