#include "dharma/yaml/writer.hpp"

#include <cctype>
#include <cstdio>

namespace dharma::yaml {
namespace {

bool looks_like_number(const std::string& text) {
  if (text.empty()) {
    return false;
  }
  std::size_t i = (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (i >= text.size()) {
    return false;
  }
  bool digit = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      digit = true;
    } else if (c != '.' && c != 'e' && c != 'E' && c != '_' && c != '+' && c != '-' && c != 'x' && c != 'o') {
      return false;
    }
  }
  return digit;
}

bool needs_quotes(const std::string& text) {
  if (text.empty()) {
    return true;
  }
  static const char* const k_reserved[] = {"true", "false", "yes", "no", "on", "off", "null", "~", "y", "n",
                                           "True", "False", "Yes", "No", "On", "Off", "Null", "NULL", "TRUE",
                                           "FALSE", "YES", "NO", "ON", "OFF", "Y", "N", ".inf", ".nan", "-.inf"};
  for (const char* word : k_reserved) {
    if (text == word) {
      return true;
    }
  }
  if (looks_like_number(text)) {
    return true;
  }
  const char first = text.front();
  if (std::string("-?:,[]{}#&*!|>'\"%@`= ").find(first) != std::string::npos) {
    return true;
  }
  if (text.back() == ' ' || text.back() == ':') {
    return true;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
    if (text.compare(i, 2, ": ") == 0 || text.compare(i, 2, " #") == 0) {
      return true;
    }
  }
  return false;
}

void write(const nlohmann::ordered_json& value, int indent, std::string& out, bool in_sequence);

void write_scalar(const nlohmann::ordered_json& value, std::string& out) {
  if (value.is_string()) {
    out += quote_scalar(value.get<std::string>());
  } else if (value.is_null()) {
    out += "null";
  } else {
    out += value.dump();
  }
}

bool is_empty_container(const nlohmann::ordered_json& value) {
  return (value.is_object() || value.is_array()) && value.empty();
}

void write_map(const nlohmann::ordered_json& value, int indent, std::string& out, bool first_inline) {
  bool first = true;
  for (const auto& [key, item] : value.items()) {
    if (!(first && first_inline)) {
      out.append(static_cast<std::size_t>(indent), ' ');
    }
    first = false;
    out += quote_scalar(key) + ":";
    if (is_empty_container(item)) {
      out += item.is_object() ? " {}\n" : " []\n";
    } else if (item.is_object()) {
      out += "\n";
      write(item, indent + 2, out, false);
    } else if (item.is_array()) {
      out += "\n";
      write(item, indent, out, false);
    } else {
      out += " ";
      write_scalar(item, out);
      out += "\n";
    }
  }
}

void write(const nlohmann::ordered_json& value, int indent, std::string& out, bool /*in_sequence*/) {
  if (value.is_object()) {
    write_map(value, indent, out, false);
    return;
  }
  if (value.is_array()) {
    for (const auto& item : value) {
      out.append(static_cast<std::size_t>(indent), ' ');
      out += "- ";
      if (is_empty_container(item)) {
        out += item.is_object() ? "{}\n" : "[]\n";
      } else if (item.is_object()) {
        write_map(item, indent + 2, out, true);
      } else if (item.is_array()) {
        out += "\n";
        write(item, indent + 2, out, true);
      } else {
        write_scalar(item, out);
        out += "\n";
      }
    }
    return;
  }
  out.append(static_cast<std::size_t>(indent), ' ');
  write_scalar(value, out);
  out += "\n";
}

}  // namespace

std::string quote_scalar(const std::string& text) {
  if (!needs_quotes(text)) {
    return text;
  }
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
          out += buffer;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string to_yaml(const nlohmann::ordered_json& document) {
  std::string out;
  if (is_empty_container(document)) {
    return document.is_object() ? "{}\n" : "[]\n";
  }
  write(document, 0, out, false);
  return out;
}

}  // namespace dharma::yaml
