#include "dharma/policy/message.hpp"

#include <algorithm>
#include <string_view>

#include "dharma/policy/policy.hpp"
#include "dharma/util/text.hpp"

namespace dharma::policy {

namespace {

const std::vector<std::string>& resource_fields() {
  static const std::vector<std::string> fields{"name", "type", "provider", "region", "environment"};
  return fields;
}

// Calls `on_placeholder(name)` for each `${name}` and `on_text` for the rest;
// returns false on an unterminated placeholder.
template <typename Text, typename Placeholder>
bool scan(const std::string& text, Text on_text, Placeholder on_placeholder) {
  std::size_t position = 0;
  while (position < text.size()) {
    auto open = text.find("${", position);
    if (open == std::string::npos) {
      on_text(text.substr(position));
      return true;
    }
    on_text(text.substr(position, open - position));
    auto close = text.find('}', open);
    if (close == std::string::npos) {
      return false;
    }
    on_placeholder(text.substr(open + 2, close - open - 2));
    position = close + 1;
  }
  return true;
}

std::string display(const value::Value* value) {
  if (value == nullptr) {
    return "(unset)";
  }
  if (value->sensitive) {
    return "(sensitive)";
  }
  return value->to_display_string();
}

}  // namespace

void validate_message(const std::string& text, const std::vector<std::string>& parameters,
                      const util::SourceLocation& where, util::Diagnostics& diagnostics) {
  bool terminated = scan(
      text, [](const std::string&) {},
      [&](const std::string& name) {
        auto steps = util::split(name, '.');
        const std::string& root = steps.front();
        bool ok = false;
        if (steps.size() == 2 && root == "resource") {
          const auto& fields = resource_fields();
          ok = std::find(fields.begin(), fields.end(), steps[1]) != fields.end();
        } else if (steps.size() == 2 && root == "policy") {
          ok = steps[1] == "id" || steps[1] == "name";
        } else if (steps.size() == 2 && root == "param") {
          ok = std::find(parameters.begin(), parameters.end(), steps[1]) != parameters.end();
        } else if (steps.size() >= 2 && (root == "properties" || root == "tags" || root == "labels")) {
          ok = std::none_of(steps.begin(), steps.end(), [](const std::string& s) { return s.empty(); });
        }
        if (!ok) {
          diagnostics.error(where,
                            "unknown placeholder '${" + name +
                                "}' in message (use ${resource.name|type|provider|region|environment}, "
                                "${policy.id|name}, ${param.NAME}, ${properties.PATH}, ${tags.KEY}, "
                                "${labels.KEY})");
        }
      });
  if (!terminated) {
    diagnostics.error(where, "unterminated '${' in message");
  }
}

std::string render_message(const std::string& text, const Policy& policy, const Subject& subject) {
  std::string out;
  out.reserve(text.size() + 32);
  std::vector<std::string> steps;  // reused for every placeholder
  std::size_t position = 0;
  // The placeholders were checked when the policy was loaded
  // (validate_message); one left unterminated ends the text, as before.
  while (position < text.size()) {
    const auto open = text.find("${", position);
    if (open == std::string::npos) {
      out.append(text, position, std::string::npos);
      break;
    }
    out.append(text, position, open - position);
    const auto close = text.find('}', open);
    if (close == std::string::npos) {
      break;
    }
    const std::string_view name(text.data() + open + 2, close - open - 2);
    position = close + 1;
    steps.clear();
    for (std::size_t start = 0;;) {
      const auto dot = name.find('.', start);
      steps.emplace_back(
          name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
      if (dot == std::string_view::npos) {
        break;
      }
      start = dot + 1;
    }
    if (steps.size() == 2 && steps[0] == "resource") {
      const value::Value* field = nullptr;
      const std::string& which = steps[1];
      if (which == "name" || which == "type" || which == "provider" || which == "region" ||
          which == "environment" || which == "count") {
        steps.erase(steps.begin());
        field = subject.lookup(steps);
      }
      out += display(field);
    } else if (steps.size() == 2 && steps[0] == "policy") {
      out += steps[1] == "id" ? policy.id : policy.name;
    } else if (steps.size() == 2 && steps[0] == "param") {
      out += display(lookup_in(policy.parameter_values, steps, 1));
    } else {
      out += display(subject.lookup(steps));
    }
  }
  return out;
}

}  // namespace dharma::policy
