// HCL native syntax in `terraform fmt` style.
//
// terraform fmt (hclwrite's formatter) changes only whitespace: it indents
// two spaces per open bracket, puts one space around `=`, and aligns the `=`
// of consecutive lines that each hold a complete `name = value`. A line that
// opens a multi-line value (`tags = {`), a block header, a closing bracket or
// a blank line ends such a run, and the opener keeps a single space. This
// writer reproduces those rules while it emits, so no second pass is needed:
// each body or object is cut into runs of single-line entries and padded to
// the longest key of the run.

#include "dharma/render/hcl_writer.hpp"

#include <cstdio>
#include <string_view>

#include "dharma/util/error.hpp"

namespace dharma::render::hcl {
namespace {

void append_escape(std::string& out, unsigned code_point) {
  char buffer[16];
  if (code_point <= 0xFFFF) {
    std::snprintf(buffer, sizeof buffer, "\\u%04X", code_point);
  } else {
    std::snprintf(buffer, sizeof buffer, "\\U%08X", code_point);
  }
  out += buffer;
}

// Decodes one UTF-8 sequence at `i`; invalid bytes decode to U+FFFD.
unsigned decode_utf8(const std::string& text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  int length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
  if (byte >= 0xF8 || (byte >= 0x80 && byte < 0xC0) || i + static_cast<std::size_t>(length) > text.size()) {
    ++i;
    return 0xFFFD;
  }
  unsigned code_point = length == 1 ? byte : byte & (0x3F >> (length - 1));
  for (int k = 1; k < length; ++k) {
    code_point = (code_point << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  i += static_cast<std::size_t>(length);
  return code_point;
}

// Printable ASCII that is written as it is: everything but the quote, the
// backslash and the two template sigils.
bool is_plain(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x20 && byte < 0x7F && c != '"' && c != '\\' && c != '$' && c != '%';
}

void append_literal(std::string& out, const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = i;
    while (run < text.size() && is_plain(text[run])) {
      ++run;
    }
    if (run > i) {  // a run of plain bytes is copied at once
      out.append(text, i, run - i);
      i = run;
      continue;
    }
    const char c = text[i];
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {
      append_escape(out, decode_utf8(text, i));
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '$':
      case '%':
        // `${` and `%{` start template sequences; doubling the sigil keeps them literal.
        out += c;
        if (i < text.size() && text[i] == '{') {
          out += c;
        }
        break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          append_escape(out, byte);
        } else {
          out += c;
        }
    }
  }
}

// Appends the quoted template to `out` (no string of its own per value).
void append_quoted(std::string& out, const std::vector<StringPart>& parts) {
  out += '"';
  for (const auto& part : parts) {
    if (part.interpolation) {
      out += "${";
      out += part.text;
      out += '}';
    } else {
      append_literal(out, part.text);
    }
  }
  out += '"';
}

std::string quote_template(const std::vector<StringPart>& parts) {
  std::string out;
  append_quoted(out, parts);
  return out;
}

// A bare object key: an identifier with no '-' that is not a keyword.
bool is_bare_key(const std::string& key) {
  const std::string_view view = key;  // compares the size before any byte
  return is_identifier(key) && view.find('-') == std::string_view::npos && view != "true" &&
         view != "false" && view != "null";
}

// The width object_key(key) has, without building it for a bare key.
std::size_t object_key_width(const std::string& key) {
  return is_bare_key(key) ? key.size() : quote(key).size();
}

// The last line of defence: renderers refuse such names with a location
// first, but no name may ever be written where it would become structure.
const std::string& bare_name(const std::string& name) {
  if (!is_identifier(name)) {
    throw util::Error("cannot write " + quote(name) +
                      " as an HCL argument or block name (not an identifier)");
  }
  return name;
}

class Writer {
 public:
  Writer() = default;
  explicit Writer(std::string&& start) : m_out(std::move(start)) {}
  std::string take() { return std::move(m_out); }

  void document(const Document& document) {
    for (std::size_t i = 0; i < document.blocks.size(); ++i) {
      if (i > 0) {
        m_out += '\n';
      }
      block(document.blocks[i], 0);
    }
  }
  // One top-level block, as document() writes each of its blocks.
  void top_level(const Block& one) { block(one, 0); }

 private:
  std::string m_out;

  void indent(int level) { m_out.append(static_cast<std::size_t>(level) * 2, ' '); }

  void append_literal_quoted(const std::string& text) {
    m_out += '"';
    append_literal(m_out, text);
    m_out += '"';
  }

  void block(const Block& block, int level) {
    indent(level);
    m_out += bare_name(block.type);
    for (const auto& label : block.labels) {
      m_out += ' ';
      append_literal_quoted(label);
    }
    if (block.body.empty()) {
      m_out += " {}\n";
      return;
    }
    m_out += " {\n";
    body(block.body, level + 1);
    indent(level);
    m_out += "}\n";
  }

  // Pads single-line attributes within runs; blocks sit between blank lines.
  void body(const Body& body, int level) {
    enum class Last { none, attribute, block, blank } last = Last::none;
    std::size_t run_width = 0;
    bool in_run = false;
    for (std::size_t i = 0; i < body.items.size(); ++i) {
      const auto& item = body.items[i];
      if (std::holds_alternative<Separator>(item)) {
        if (last == Last::attribute || last == Last::block) {
          m_out += '\n';
          last = Last::blank;
        }
        in_run = false;
        continue;
      }
      if (const auto* nested = std::get_if<Block>(&item)) {
        if (last == Last::attribute || last == Last::block) {
          m_out += '\n';
        }
        block(*nested, level);
        last = Last::block;
        in_run = false;
        continue;
      }
      const auto& attribute = std::get<Attribute>(item);
      if (last == Last::block) {
        m_out += '\n';
      }
      if (attribute.value.is_multiline()) {
        in_run = false;
        indent(level);
        m_out += bare_name(attribute.name);
        m_out += " = ";
        value(attribute.value, level);
        m_out += '\n';
      } else {
        if (!in_run) {
          run_width = attribute_run_width(body, i);
          in_run = true;
        }
        indent(level);
        m_out += bare_name(attribute.name);
        m_out.append(run_width - attribute.name.size() + 1, ' ');
        m_out += "= ";
        value(attribute.value, level);
        m_out += '\n';
      }
      last = Last::attribute;
    }
  }

  static std::size_t attribute_run_width(const Body& body, std::size_t start) {
    std::size_t width = 0;
    for (std::size_t i = start; i < body.items.size(); ++i) {
      const auto* attribute = std::get_if<Attribute>(&body.items[i]);
      if (attribute == nullptr || attribute->value.is_multiline()) {
        break;
      }
      width = std::max(width, attribute->name.size());
    }
    return width;
  }

  // Writes a value starting mid-line; multi-line values end at their closing bracket.
  void value(const Expression& e, int level) {
    switch (e.kind) {
      case Expression::Kind::null:
        m_out += "null";
        return;
      case Expression::Kind::boolean:
        m_out += e.boolean ? "true" : "false";
        return;
      case Expression::Kind::number:
      case Expression::Kind::raw:
      case Expression::Kind::keyword:
        m_out += e.text;
        return;
      case Expression::Kind::string:
        append_quoted(m_out, e.parts);
        return;
      case Expression::Kind::list:
        list(e, level);
        return;
      case Expression::Kind::object:
        object(e, level);
        return;
      case Expression::Kind::call:
        m_out += e.text;
        m_out += '(';
        for (std::size_t i = 0; i < e.items.size(); ++i) {
          if (i > 0) {
            m_out += ", ";
          }
          value(e.items[i], level);
        }
        m_out += ')';
        return;
    }
  }

  void list(const Expression& e, int level) {
    if (!e.is_multiline()) {
      m_out += '[';
      for (std::size_t i = 0; i < e.items.size(); ++i) {
        if (i > 0) {
          m_out += ", ";
        }
        value(e.items[i], level);
      }
      m_out += ']';
      return;
    }
    m_out += "[\n";
    for (const auto& item : e.items) {
      indent(level + 1);
      value(item, level + 1);
      m_out += ",\n";
    }
    indent(level);
    m_out += ']';
  }

  void object(const Expression& e, int level) {
    if (e.entries.empty()) {
      m_out += "{}";
      return;
    }
    m_out += "{\n";
    std::size_t run_width = 0;
    bool in_run = false;
    for (std::size_t i = 0; i < e.entries.size(); ++i) {
      const auto& [key, entry] = e.entries[i];
      indent(level + 1);
      const std::size_t key_start = m_out.size();
      if (is_bare_key(key)) {
        m_out += key;
      } else {
        append_literal_quoted(key);
      }
      const std::size_t key_width = m_out.size() - key_start;
      if (entry.is_multiline()) {
        in_run = false;
        m_out += " = ";
      } else {
        if (!in_run) {
          run_width = object_run_width(e, i);
          in_run = true;
        }
        m_out.append(run_width - key_width + 1, ' ');
        m_out += "= ";
      }
      value(entry, level + 1);
      m_out += '\n';
    }
    indent(level);
    m_out += '}';
  }

  static std::size_t object_run_width(const Expression& e, std::size_t start) {
    std::size_t width = 0;
    for (std::size_t i = start; i < e.entries.size() && !e.entries[i].second.is_multiline(); ++i) {
      width = std::max(width, object_key_width(e.entries[i].first));
    }
    return width;
  }
};

}  // namespace

std::string quote(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '"';
  append_literal(out, text);
  out += '"';
  return out;
}

std::string object_key(const std::string& key) {
  return is_bare_key(key) ? key : quote(key);
}

namespace {

void append_inline(std::string& out, const Expression& e);

// A list's items or a call's arguments, comma separated.
void append_items(std::string& out, const std::vector<Expression>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    append_inline(out, items[i]);
  }
}

// inline_text's work, appended into one buffer (no string per element).
void append_inline(std::string& out, const Expression& e) {
  switch (e.kind) {
    case Expression::Kind::null:
      out += "null";
      return;
    case Expression::Kind::boolean:
      out += e.boolean ? "true" : "false";
      return;
    case Expression::Kind::number:
    case Expression::Kind::raw:
    case Expression::Kind::keyword:
      out += e.text;
      return;
    case Expression::Kind::string:
      out += quote_template(e.parts);
      return;
    case Expression::Kind::list:
      out += '[';
      append_items(out, e.items);
      out += ']';
      return;
    case Expression::Kind::call:
      out += e.text;
      out += '(';
      append_items(out, e.items);
      out += ')';
      return;
    case Expression::Kind::object:
      if (e.entries.empty()) {
        out += "{}";
        return;
      }
      out += "{ ";
      for (std::size_t i = 0; i < e.entries.size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        out += object_key(e.entries[i].first);
        out += " = ";
        append_inline(out, e.entries[i].second);
      }
      out += " }";
      return;
  }
  out += "null";
}

}  // namespace

std::string inline_text(const Expression& e) {
  std::string out;
  append_inline(out, e);
  return out;
}

std::string write_native(const Document& document) {
  Writer writer;
  writer.document(document);
  return writer.take();
}

void append_native(std::string& out, const Block& block) {
  Writer writer(std::move(out));
  writer.top_level(block);
  out = writer.take();
}

}  // namespace dharma::render::hcl
