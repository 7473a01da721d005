#include "dharma/render/yaml_writer.hpp"

#include <cstdio>

#include "dharma/util/text.hpp"

namespace dharma::render::yaml_out {
namespace {

using Json = nlohmann::ordered_json;

bool looks_like_number(const std::string& text) {
  // YAML 1.1 readers (kubectl's) accept more number forms than 1.2: be generous.
  const char first = text[0];
  if ((first >= '0' && first <= '9') || first == '.' || first == '+' || first == '-') {
    return true;
  }
  const std::string lower = util::to_lower(text);
  return lower == ".inf" || lower == ".nan";
}

bool is_reserved_word(const std::string& text) {
  static const char* const k_words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  const std::string lower = util::to_lower(text);
  for (const char* word : k_words) {
    if (lower == word) {
      return true;
    }
  }
  return false;
}

bool can_be_plain(const std::string& text) {
  if (text.empty() || looks_like_number(text) || is_reserved_word(text)) {
    return false;
  }
  for (char c : text) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.' || c == '/';
    if (!safe) {
      return false;
    }
  }
  return true;
}

std::string double_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02X", byte);
          out += buffer;
        } else {
          out += c;  // UTF-8 is valid YAML text
        }
    }
  }
  return out + "\"";
}

std::string scalar_json(const Json& value) {
  if (value.is_string()) {
    return scalar(value.get<std::string>());
  }
  if (value.is_null()) {
    return "null";
  }
  return value.dump();
}

bool is_empty_container(const Json& value) { return (value.is_object() || value.is_array()) && value.empty(); }

void write_node(std::string& out, const Json& value, int indent);

void write_map(std::string& out, const Json& map, int indent, bool first_inline) {
  bool first = true;
  for (const auto& [key, value] : map.items()) {
    if (!(first && first_inline)) {
      out.append(static_cast<std::size_t>(indent), ' ');
    }
    first = false;
    out += scalar(key) + ":";
    if (is_empty_container(value)) {
      out += value.is_object() ? " {}\n" : " []\n";
    } else if (value.is_object()) {
      out += '\n';
      write_map(out, value, indent + 2, false);
    } else if (value.is_array()) {
      out += '\n';
      write_node(out, value, indent);  // sequences sit at their key's indentation
    } else {
      out += ' ' + scalar_json(value) + '\n';
    }
  }
}

void write_node(std::string& out, const Json& value, int indent) {
  if (value.is_object()) {
    write_map(out, value, indent, false);
    return;
  }
  for (const auto& item : value) {
    out.append(static_cast<std::size_t>(indent), ' ');
    out += "- ";
    if (is_empty_container(item)) {
      out += item.is_object() ? "{}\n" : "[]\n";
    } else if (item.is_object()) {
      write_map(out, item, indent + 2, true);
    } else if (item.is_array()) {
      out += '\n';
      write_node(out, item, indent + 2);
    } else {
      out += scalar_json(item) + '\n';
    }
  }
}

}  // namespace

std::string scalar(const std::string& text) { return can_be_plain(text) ? text : double_quoted(text); }

std::string write_yaml(const nlohmann::ordered_json& document) {
  std::string out;
  if (is_empty_container(document) || !(document.is_object() || document.is_array())) {
    return (document.is_object() ? std::string("{}") : scalar_json(document)) + "\n";
  }
  write_node(out, document, 0);
  return out;
}

}  // namespace dharma::render::yaml_out
