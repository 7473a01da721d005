#include "dharma/yaml/writer.hpp"

#include <cctype>
#include <cstdio>

#include "dharma/util/text.hpp"

namespace dharma::yaml {
namespace {

using Json = nlohmann::ordered_json;

bool is_reserved_word(const std::string& text) {
  static const char* const k_words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"};
  const std::string lower = util::to_lower(text);
  for (const char* word : k_words) {
    if (lower == word) {
      return true;
    }
  }
  return lower == ".inf" || lower == "-.inf" || lower == ".nan";
}

bool looks_like_number(const std::string& text) {
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

// Characters a reader or a terminal would act on that are not ASCII: C1
// controls (U+0080..U+009F; YAML 1.1 readers such as go-yaml, kubectl's, take
// NEL for a line break), LINE and PARAGRAPH SEPARATOR (line breaks too) and
// the BOM (a stream marker). In a plain scalar they could end a key and start
// structure. The escape that writes one inside double quotes (the same
// character to any reader), or an empty string.
std::string unicode_escape(const std::string& text, std::size_t i) {
  const auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0u;
  if (static_cast<unsigned char>(text[i]) == 0xC2 && next >= 0x80 && next < 0xA0) {
    if (next == 0x85) {
      return "\\N";
    }
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02x", next);
    return buffer;
  }
  if (text.compare(i, 3, "\xE2\x80\xA8") == 0) {
    return "\\L";
  }
  if (text.compare(i, 3, "\xE2\x80\xA9") == 0) {
    return "\\P";
  }
  if (text.compare(i, 3, "\xEF\xBB\xBF") == 0) {
    return "\\uFEFF";
  }
  return {};
}

bool plain_is_safe(const std::string& text) {
  // `<<` is YAML 1.1's merge key: as a plain key it would pull in another mapping.
  if (is_reserved_word(text) || looks_like_number(text) || text == "<<") {
    return false;
  }
  if (std::string("-?:,[]{}#&*!|>'\"%@`= ").find(text.front()) != std::string::npos) {
    return false;
  }
  if (text.back() == ' ' || text.back() == ':') {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f || text.compare(i, 2, ": ") == 0 || text.compare(i, 2, " #") == 0 ||
        !unicode_escape(text, i).empty()) {
      return false;
    }
  }
  return true;
}

bool plain_is_conservatively_safe(const std::string& text) {
  // YAML 1.1 readers accept more number forms than 1.2: anything that starts
  // like a number is quoted.
  const char first = text[0];
  if ((first >= '0' && first <= '9') || first == '.' || first == '+' || first == '-' ||
      is_reserved_word(text)) {
    return false;
  }
  for (const char c : text) {
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
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const auto c = static_cast<unsigned char>(ch);
    if (const std::string escape = unicode_escape(text, i); !escape.empty()) {
      out += escape;
      i += c == 0xC2 ? 1 : 2;
      continue;
    }
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
          out += ch;  // UTF-8 is valid YAML text
        }
    }
  }
  return out + "\"";
}

bool is_empty_container(const Json& value) {
  return (value.is_object() || value.is_array()) && value.empty();
}

class Writer {
 public:
  explicit Writer(Quoting quoting) : m_quoting(quoting) {}

  std::string document(const Json& value) {
    if (is_empty_container(value)) {
      return value.is_object() ? "{}\n" : "[]\n";
    }
    if (!value.is_object() && !value.is_array()) {
      return scalar(value) + "\n";
    }
    node(value, 0);
    return std::move(m_out);
  }

 private:
  std::string scalar(const Json& value) const {
    if (value.is_string()) {
      return quote_scalar(value.get<std::string>(), m_quoting);
    }
    return value.is_null() ? "null" : value.dump();
  }

  void map(const Json& value, int indent, bool first_inline) {
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (!(first && first_inline)) {
        m_out.append(static_cast<std::size_t>(indent), ' ');
      }
      first = false;
      m_out += quote_scalar(key, m_quoting) + ":";
      if (is_empty_container(item)) {
        m_out += item.is_object() ? " {}\n" : " []\n";
      } else if (item.is_object()) {
        m_out += '\n';
        map(item, indent + 2, false);
      } else if (item.is_array()) {
        m_out += '\n';
        node(item, indent);  // sequences sit at their key's indentation
      } else {
        m_out += ' ' + scalar(item) + '\n';
      }
    }
  }

  void node(const Json& value, int indent) {
    if (value.is_object()) {
      map(value, indent, false);
      return;
    }
    for (const auto& item : value) {
      m_out.append(static_cast<std::size_t>(indent), ' ');
      m_out += "- ";
      if (is_empty_container(item)) {
        m_out += item.is_object() ? "{}\n" : "[]\n";
      } else if (item.is_object()) {
        map(item, indent + 2, true);
      } else if (item.is_array()) {
        m_out += '\n';
        node(item, indent + 2);
      } else {
        m_out += scalar(item) + '\n';
      }
    }
  }

  Quoting m_quoting;
  std::string m_out;
};

}  // namespace

std::string quote_scalar(const std::string& text, Quoting quoting) {
  if (text.empty()) {
    return "\"\"";
  }
  const bool plain =
      quoting == Quoting::when_needed ? plain_is_safe(text) : plain_is_conservatively_safe(text);
  return plain ? text : double_quoted(text);
}

std::string to_yaml(const nlohmann::ordered_json& document, Quoting quoting) {
  return Writer(quoting).document(document);
}

}  // namespace dharma::yaml
