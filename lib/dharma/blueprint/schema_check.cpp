#include "dharma/blueprint/schema_check.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "dharma/expr/expression.hpp"
#include "dharma/util/text.hpp"

namespace dharma::blueprint {
namespace {

using catalog::PropertySchema;
using catalog::PropertyType;

// Which of an object's fields are present: bits in a word for the usual
// handful of fields, a vector beyond 64.
class FieldMarks {
 public:
  explicit FieldMarks(std::size_t size) {
    if (size > 64) {
      m_more.resize(size, false);
    }
  }
  void set(std::size_t i) {
    if (m_more.empty()) {
      m_bits |= std::uint64_t{1} << i;
    } else {
      m_more[i] = true;
    }
  }
  bool test(std::size_t i) const { return m_more.empty() ? ((m_bits >> i) & 1U) != 0 : m_more[i]; }

 private:
  std::uint64_t m_bits = 0;
  std::vector<bool> m_more;
};

class Checker {
 public:
  Checker(const catalog::TypeSchema& schema, util::Diagnostics& diagnostics)
      : m_schema(schema), m_diagnostics(diagnostics) {}

  void check_object(Map& properties, const std::vector<PropertySchema>& fields, const std::string& path,
                    const yaml::Node& owner) {
    // present[i]: some property is named like field i (one pass over the
    // fields per property, instead of one more per field below).
    FieldMarks present(fields.size());
    std::string full;  // path.key when nested; top-level paths are the key itself
    for (auto& [key, value] : properties) {
      const PropertySchema* field = nullptr;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == key) {
          field = &fields[i];  // the last of that name, as a forward scan without a break finds
          present.set(i);
        }
      }
      const std::string& shown = path.empty() ? key : (full = path + "." + key);
      if (field == nullptr) {
        std::vector<std::string> names;  // only for the "did you mean"
        for (const auto& known : fields) {
          names.push_back(known.name);
        }
        error(key_location(value, owner, key), "unknown property " + util::quoted(shown) + " for " +
                                                   m_schema.type + util::did_you_mean(key, names));
        continue;
      }
      check_value(value, *field, shown, owner);
    }
    // Room for the defaults below at once: growing the vector by doubling
    // would leave up to half of it unused for the life of the blueprint.
    std::size_t missing = 0;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      missing += !present.test(i) && !fields[i].required && fields[i].default_value.has_value() ? 1 : 0;
    }
    properties.reserve(properties.size() + missing);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (present.test(i)) {
        continue;
      }
      const PropertySchema& field = fields[i];
      const std::string& shown = path.empty() ? field.name : (full = path + "." + field.name);
      if (field.required) {
        error(owner.location(), "missing required property " + util::quoted(shown) + " for " + m_schema.type +
                                    (field.description.empty() ? "" : " (" + field.description + ")"));
      } else if (field.default_value) {
        Value value = *field.default_value;
        value.sensitive = field.sensitive;
        properties.emplace_back(field.name, std::move(value));
        for (std::size_t later = i + 1; later < fields.size(); ++later) {
          if (fields[later].name == field.name) {
            present.set(later);  // now present for a later field of the same name
          }
        }
      }
    }
  }

 private:
  static util::SourceLocation key_location(const Value& value, const yaml::Node& owner,
                                           const std::string& key) {
    if (const yaml::Node* key_node = owner.find_key(key)) {
      return key_node->location();
    }
    return value.origin != nullptr ? value.location() : owner.location();
  }

  util::SourceLocation where(const Value& value, const yaml::Node& owner) const {
    return value.origin != nullptr ? value.location() : owner.location();
  }

  void error(const util::SourceLocation& location, std::string message) {
    m_diagnostics.error(location, std::move(message));
  }

  void type_error(const Value& value, const yaml::Node& owner, const std::string& path,
                  const std::string& expected) {
    std::string shown;
    if (value.is_scalar() && !value.sensitive) {
      shown = " '" + value.to_display_string() + "'";
    }
    error(where(value, owner), "property " + util::quoted(path) + " of " + m_schema.type + " expects " +
                                   expected + ", got " + value.kind_name() + shown);
  }

  // Swaps in a converted value, keeping where it came from and its sensitivity.
  static void replace_keeping_origin(Value& value, Value converted) {
    converted.origin = value.origin;
    converted.expression = value.expression;
    converted.sensitive = value.sensitive;
    converted.placeholder = value.placeholder;
    value = std::move(converted);
  }

  void check_value(Value& value, const PropertySchema& field, const std::string& path,
                   const yaml::Node& owner) {
    if (field.sensitive) {
      value.sensitive = true;
    }
    if (value.is_null() && value.origin != nullptr) {
      // A null from `${...}` means the expression failed and was reported already.
      const bool failed_expression =
          value.origin->is_scalar() && expr::contains_expression(value.origin->scalar);
      if (field.required && !failed_expression) {
        error(where(value, owner),
              "property " + util::quoted(path) + " of " + m_schema.type + " must not be empty");
      }
      return;
    }
    const Value::Kind kind = value.kind();
    const bool symbolic = kind == Value::Kind::reference || kind == Value::Kind::interpolation;
    switch (field.type) {
      case PropertyType::any:
        return;
      case PropertyType::reference:
        if (!symbolic && kind != Value::Kind::string) {
          type_error(value, owner, path, "a reference such as ${name.id} (to " + field.reference_to + ")");
        }
        return;
      case PropertyType::string:
        if (kind == Value::Kind::integer || kind == Value::Kind::number) {
          replace_keeping_origin(value, Value::string(value.to_display_string()));
        } else if (kind != Value::Kind::string && !symbolic) {
          type_error(value, owner, path, "a string");
          return;
        }
        check_allowed(value, field, path, owner);
        return;
      case PropertyType::integer:
        if (symbolic && kind == Value::Kind::reference) {
          return;
        }
        if (kind == Value::Kind::number && std::floor(value.as_number()) == value.as_number()) {
          // 3e4 or 80.0 is a whole number written as a float: range-check it
          // like an integer (1e23 does not fit one, so it is checked as is).
          const double whole = value.as_number();
          if (std::fabs(whole) < 9.0e18) {
            replace_keeping_origin(value, Value::integer(static_cast<long long>(whole)));
          }
          check_range(value, field, path, owner);
          check_allowed(value, field, path, owner);
          return;
        }
        if (kind != Value::Kind::integer) {
          type_error(value, owner, path, "an integer");
          return;
        }
        check_range(value, field, path, owner);
        check_allowed(value, field, path, owner);
        return;
      case PropertyType::number:
        if (symbolic && kind == Value::Kind::reference) {
          return;
        }
        if (kind != Value::Kind::integer && kind != Value::Kind::number) {
          type_error(value, owner, path, "a number");
          return;
        }
        check_range(value, field, path, owner);
        return;
      case PropertyType::boolean:
        if (kind == Value::Kind::reference) {
          return;
        }
        if (kind != Value::Kind::boolean) {
          type_error(value, owner, path, "true or false");
        }
        return;
      case PropertyType::list:
        if (kind == Value::Kind::reference) {
          return;
        }
        if (kind != Value::Kind::list) {
          type_error(value, owner, path, "a list");
          return;
        }
        if (field.items) {
          auto& items = value.as_list();
          for (std::size_t i = 0; i < items.size(); ++i) {
            check_value(items[i], *field.items, path + "[" + std::to_string(i) + "]", owner);
          }
        }
        return;
      case PropertyType::map:
        if (kind != Value::Kind::map) {
          type_error(value, owner, path, "a mapping");
          return;
        }
        if (field.values) {
          for (auto& [key, item] : value.as_map()) {
            check_value(item, *field.values, path + "." + key, owner);
          }
        }
        return;
      case PropertyType::object:
        if (kind != Value::Kind::map) {
          type_error(value, owner, path, "a mapping");
          return;
        }
        check_object(value.as_map(), field.properties, path, value.origin != nullptr ? *value.origin : owner);
        return;
    }
  }

  void check_range(const Value& value, const PropertySchema& field, const std::string& path,
                   const yaml::Node& owner) {
    const double number = value.as_number();
    const std::string shown = value.sensitive ? "(sensitive value)" : value.to_display_string();
    if (field.min && number < *field.min) {
      error(where(value, owner), "property " + util::quoted(path) + " of " + m_schema.type + " is " + shown +
                                     ", below the minimum " + Value::number(*field.min).to_display_string());
    }
    if (field.max && number > *field.max) {
      error(where(value, owner), "property " + util::quoted(path) + " of " + m_schema.type + " is " + shown +
                                     ", above the maximum " + Value::number(*field.max).to_display_string());
    }
  }

  void check_allowed(const Value& value, const PropertySchema& field, const std::string& path,
                     const yaml::Node& owner) {
    // A placeholder's text is not the secret it stands for: nothing to judge.
    if (field.allowed.empty() || !value.is_scalar() || value.placeholder) {
      return;
    }
    std::string converted;
    const std::string& text =
        value.kind() == Value::Kind::string ? value.as_string() : (converted = value.to_display_string());
    for (const auto& allowed : field.allowed) {
      if (allowed == text) {
        return;
      }
    }
    error(where(value, owner), "property " + util::quoted(path) + " of " + m_schema.type + " is " +
                                   (value.sensitive ? "(sensitive value)" : util::quoted(text)) +
                                   ", expected one of " + util::join(field.allowed, ", ") +
                                   (value.sensitive ? "" : util::did_you_mean(text, field.allowed)));
  }

  const catalog::TypeSchema& m_schema;
  util::Diagnostics& m_diagnostics;
};

}  // namespace

void check_properties(Map& properties, const catalog::TypeSchema& schema, const yaml::Node& resource_node,
                      util::Diagnostics& diagnostics) {
  Checker checker(schema, diagnostics);
  checker.check_object(properties, schema.properties, "", resource_node);
}

}  // namespace dharma::blueprint
