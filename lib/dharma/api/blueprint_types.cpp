#include <algorithm>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "dharma/api/blueprint_commands.hpp"
#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::api {
namespace {

struct PropertyRow {
  std::string name;  // with its parent's prefix: security_context.run_as_user
  std::string type;
  std::string rest;  // required / default, then the description
};

void collect_rows(const std::vector<catalog::PropertySchema>& properties, const std::string& prefix,
                  std::vector<PropertyRow>& rows) {
  for (const auto& property : properties) {
    PropertyRow row{prefix + property.name, catalog::property_type_name(property.type), ""};
    if (property.items) {
      row.type += " of " + std::string(catalog::property_type_name(property.items->type));
    }
    if (!property.reference_to.empty()) {
      row.type += " to " + property.reference_to;
    }
    if (property.required) {
      row.rest = "required  ";
    } else if (property.default_value) {
      row.rest = "default " + property.default_value->to_display_string() + "  ";
    }
    row.rest += property.description;
    rows.push_back(std::move(row));
    if (!property.properties.empty()) {
      collect_rows(property.properties, prefix + property.name + ".", rows);
    }
    if (property.items && !property.items->properties.empty()) {
      collect_rows(property.items->properties, prefix + property.name + "[].", rows);
    }
  }
}

// One line per property, nested ones with their dotted path; the name and
// type columns are as wide as their longest entry plus two spaces.
void print_properties(const std::vector<catalog::PropertySchema>& properties, std::ostream& out) {
  std::vector<PropertyRow> rows;
  collect_rows(properties, "", rows);
  std::size_t name_width = 0;
  std::size_t type_width = 0;
  for (const auto& row : rows) {
    name_width = std::max(name_width, row.name.size() + 2);
    type_width = std::max(type_width, row.type.size() + 2);
  }
  for (const auto& row : rows) {
    std::ostringstream line;
    line << "  " << std::left << std::setw(static_cast<int>(name_width)) << row.name
         << std::setw(static_cast<int>(type_width)) << row.type << row.rest;
    std::string text = line.str();
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << '\n';
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
    throw util::Error("unknown resource type " + util::quoted(type) +
                      util::did_you_mean(type, catalog.type_names()));
  }
  out << schema->type << ": " << schema->description << "\nproperties:\n";
  print_properties(schema->properties, out);
  out << "attributes: " << util::join(schema->attributes, ", ") << '\n';
  return 0;
}

}  // namespace dharma::api
