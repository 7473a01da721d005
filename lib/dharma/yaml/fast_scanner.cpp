// The subset scanner (fast_scanner.hpp). It reads the text once, line by
// line, keeping the 0-based line and column libyaml would report. Block
// collections end where libyaml's parser ends them: at the first token of a
// line indented less than the collection (or at the end of the text, on a new
// line), and their end events carry that token's position, which the tree
// builder gives to an empty value waiting before them. Every case it is not
// sure to read exactly as libyaml throws Unsupported.

#include "dharma/yaml/fast_scanner.hpp"

#include <cstring>
#include <string>

namespace dharma::yaml {
namespace {

struct Unsupported {};

[[noreturn]] void give_up() {
  throw Unsupported{};
}

constexpr std::size_t k_max_key = 1000;  // libyaml's simple keys stop at 1024 characters
// The scanner recurses once per open collection; deeper text (only possible
// with LoadLimits::max_depth raised past it) is left to libyaml's parser,
// which keeps its own stack.
constexpr std::size_t k_max_nesting = 1000;

bool is_blank_or_end(std::string_view text, std::size_t at) {
  return at >= text.size() || text[at] == ' ' || text[at] == '\n';
}

bool starts_with_at(std::string_view text, std::size_t at, std::string_view what) {
  return text.compare(at, what.size(), what) == 0;
}

// Whether every character is one the scanner reads as libyaml does: no tab,
// CR, other control character, byte order mark, U+FFFE/U+FFFF or Unicode line
// break (NEL, LS, PS). `ascii`: whether columns are byte offsets. The loader
// has checked that the text is valid UTF-8.
bool plain_characters(std::string_view text, bool& ascii) {
  ascii = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        return false;
      }
      continue;
    }
    ascii = false;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      return false;
    }
    if (starts_with_at(text, i, "\xE2\x80\xA8") || starts_with_at(text, i, "\xE2\x80\xA9") ||
        starts_with_at(text, i, "\xEF\xBB\xBF") || starts_with_at(text, i, "\xEF\xBF\xBE") ||
        starts_with_at(text, i, "\xEF\xBF\xBF")) {
      return false;
    }
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

void append_utf8(std::string& out, unsigned long code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// A scalar read but not yet sent: its text points into the input or into the
// scanner's buffer (valid until the next scalar is read).
struct Scalar {
  std::string_view text;
  yaml_scalar_style_t style = YAML_PLAIN_SCALAR_STYLE;
  yaml_mark_t start{};
  yaml_mark_t end{};
};

class Scanner {
 public:
  Scanner(std::string_view text, EventSink& sink, bool ascii) : m_text(text), m_sink(sink), m_ascii(ascii) {}

  void run() {
    if (!next_token()) {
      give_up();  // an empty document: libyaml's null
    }
    emit(YAML_DOCUMENT_START_EVENT, mark(), mark());
    block_collection(column());
    if (next_token()) {
      give_up();  // something after the root collection
    }
    const yaml_mark_t end = stream_end(0);
    emit(YAML_DOCUMENT_END_EVENT, end, end);
    emit(YAML_STREAM_END_EVENT, end, end);
  }

 private:
  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  bool at_end() const { return m_pos >= m_text.size(); }
  bool at_line_end() const { return at_end() || m_text[m_pos] == '\n'; }
  bool at_block_entry() const { return peek() == '-' && is_blank_or_end(m_text, m_pos + 1); }

  // Columns count characters. Outside ASCII they are counted on from the
  // last position asked for on the same line (positions mostly grow), so a
  // long line costs its length once, not once per token.
  yaml_mark_t mark_at(std::size_t at) const {
    if (m_ascii) {
      return {at, m_line, at - m_line_start};
    }
    if (m_counted_line_start != m_line_start || m_counted_at > at) {
      m_counted_line_start = m_line_start;
      m_counted_at = m_line_start;
      m_counted_column = 0;
    }
    for (; m_counted_at < at; ++m_counted_at) {
      m_counted_column += (static_cast<unsigned char>(m_text[m_counted_at]) & 0xC0) != 0x80 ? 1 : 0;
    }
    return {at, m_line, m_counted_column};
  }
  yaml_mark_t mark() const { return mark_at(m_pos); }
  std::size_t column() const { return mark().column; }

  // Where libyaml ends a block collection at `indent` open at the end of the
  // text: those indented deeper than the text's last column end there, the
  // others after the new line it then forces when the last line has text.
  yaml_mark_t stream_end(std::size_t indent) const {
    yaml_mark_t end = mark();
    if (end.column != 0 && indent <= end.column) {
      end.column = 0;
      ++end.line;
    }
    return end;
  }

  void emit(yaml_event_type_t type, const yaml_mark_t& start, const yaml_mark_t& end) {
    if (type == YAML_MAPPING_START_EVENT || type == YAML_SEQUENCE_START_EVENT) {
      if (++m_nesting > k_max_nesting) {
        give_up();
      }
    } else if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
      --m_nesting;
    }
    yaml_event_t event;
    std::memset(&event, 0, sizeof event);
    event.type = type;
    event.start_mark = start;
    event.end_mark = end;
    m_sink.event(event);
  }

  void emit(const Scalar& scalar) {
    yaml_event_t event;
    std::memset(&event, 0, sizeof event);
    event.type = YAML_SCALAR_EVENT;
    event.start_mark = scalar.start;
    event.end_mark = scalar.end;
    // libyaml's events are not const; the builder only reads the text.
    event.data.scalar.value = reinterpret_cast<yaml_char_t*>(const_cast<char*>(scalar.text.data()));
    event.data.scalar.length = scalar.text.size();
    event.data.scalar.plain_implicit = scalar.style == YAML_PLAIN_SCALAR_STYLE ? 1 : 0;
    event.data.scalar.quoted_implicit = scalar.style == YAML_PLAIN_SCALAR_STYLE ? 0 : 1;
    event.data.scalar.style = scalar.style;
    m_sink.event(event);
  }

  // An empty value: libyaml marks it where its indicator ends.
  void emit_empty(const yaml_mark_t& at) { emit(Scalar{{}, YAML_PLAIN_SCALAR_STYLE, at, at}); }

  void skip_spaces() {
    while (m_pos < m_text.size() && m_text[m_pos] == ' ') {
      ++m_pos;
    }
  }

  // After a token: spaces, then perhaps a comment, then the line's end.
  void finish_line() {
    const std::size_t before = m_pos;
    skip_spaces();
    if (peek() == '#') {
      if (m_pos == before) {
        give_up();
      }
      while (!at_line_end()) {
        ++m_pos;
      }
    }
    if (!at_line_end()) {
      give_up();
    }
  }

  // Moves to the next token past line ends, blank lines and comment lines
  // (or stays on the token it is at); false at the end of the text. A
  // document marker is allowed once, before the first token.
  bool next_token() {
    while (true) {
      if (at_end()) {
        return false;
      }
      if (m_text[m_pos] == '\n') {
        ++m_pos;
        ++m_line;
        m_line_start = m_pos;
        continue;
      }
      skip_spaces();
      if (at_line_end()) {
        continue;
      }
      if (m_text[m_pos] == '#') {
        while (!at_line_end()) {
          ++m_pos;
        }
        continue;
      }
      if (m_pos == m_line_start &&
          (starts_with_at(m_text, m_pos, "---") || starts_with_at(m_text, m_pos, "...")) &&
          is_blank_or_end(m_text, m_pos + 3)) {
        if (!m_first_token || m_text[m_pos] == '.') {
          give_up();
        }
        m_first_token = false;
        m_pos += 3;
        finish_line();
        continue;
      }
      m_first_token = false;
      return true;
    }
  }

  // A block node on its own line (or after "- "): a mapping or a sequence.
  void block_collection(std::size_t indent) {
    if (at_block_entry()) {
      block_sequence(indent, false);
      return;
    }
    if (peek() == '[' || peek() == '{') {
      give_up();
    }
    const Scalar key = scalar(false);
    if (!take_colon(key)) {
      give_up();
    }
    block_mapping(indent, key);
  }

  // After a key: spaces, ':' and a blank. Consumes them when they are there.
  bool take_colon(const Scalar& key) {
    std::size_t at = m_pos;
    while (at < m_text.size() && m_text[at] == ' ') {
      ++at;
    }
    if (at < m_text.size() && m_text[at] == ':' && is_blank_or_end(m_text, at + 1)) {
      if (at - key.start.index > k_max_key) {
        give_up();
      }
      m_pos = at + 1;
      return true;
    }
    return false;
  }

  void refuse_colon() const {
    std::size_t at = m_pos;
    while (at < m_text.size() && m_text[at] == ' ') {
      ++at;
    }
    if (at < m_text.size() && m_text[at] == ':') {
      give_up();
    }
  }

  void block_mapping(std::size_t indent, Scalar key) {
    emit(YAML_MAPPING_START_EVENT, key.start, key.start);
    while (true) {
      emit(key);
      mapping_value(indent);
      if (!next_token()) {
        const yaml_mark_t end = stream_end(indent);
        emit(YAML_MAPPING_END_EVENT, end, end);
        return;
      }
      const std::size_t at = column();
      if (at < indent) {
        emit(YAML_MAPPING_END_EVENT, mark(), mark());
        return;
      }
      if (at > indent || at_block_entry() || peek() == '[' || peek() == '{') {
        give_up();
      }
      key = scalar(false);
      if (!take_colon(key)) {
        give_up();
      }
    }
  }

  // Just after a key's ':'.
  void mapping_value(std::size_t indent) {
    const yaml_mark_t after_colon = mark();
    skip_spaces();
    if (at_line_end() || peek() == '#') {
      finish_line();
      if (!next_token()) {
        emit_empty(after_colon);
        return;
      }
      const std::size_t at = column();
      if (at > indent) {
        block_collection(at);
      } else if (at == indent && at_block_entry()) {
        block_sequence(indent, true);
      } else {
        emit_empty(after_colon);
      }
      return;
    }
    same_line_value(indent);
  }

  // A flow collection or scalar after "key: " or "- ", to the end of its line.
  void same_line_value(std::size_t indent) {
    if (at_block_entry()) {
      give_up();
    }
    if (peek() == '[' || peek() == '{') {
      flow_node();
    } else {
      emit(scalar(false));
    }
    refuse_colon();
    finish_line();
    // A line indented deeper would continue a plain scalar, or be an error.
    if (next_token() && column() > indent) {
      give_up();
    }
  }

  void block_sequence(std::size_t indent, bool indentless) {
    emit(YAML_SEQUENCE_START_EVENT, mark(), mark());
    while (true) {
      ++m_pos;  // the '-'
      const yaml_mark_t after_dash = mark();
      skip_spaces();
      if (at_line_end() || peek() == '#') {
        finish_line();
        if (next_token() && column() > indent) {
          block_collection(column());
        } else {
          emit_empty(after_dash);
        }
      } else if (at_block_entry()) {
        block_sequence(column(), false);
      } else if (peek() == '[' || peek() == '{') {
        same_line_value(indent);
      } else {
        const std::size_t at = column();
        const Scalar item = scalar(false);
        if (take_colon(item)) {
          block_mapping(at, item);
        } else {
          emit(item);
          refuse_colon();
          finish_line();
          if (next_token() && column() > indent) {
            give_up();
          }
        }
      }
      if (!next_token()) {
        const yaml_mark_t end = stream_end(indent);
        emit(YAML_SEQUENCE_END_EVENT, end, end);
        return;
      }
      const std::size_t at = column();
      if (at > indent || (at == indent && !at_block_entry() && !indentless)) {
        give_up();
      }
      if (at < indent || !at_block_entry()) {
        emit(YAML_SEQUENCE_END_EVENT, mark(), mark());
        return;
      }
    }
  }

  void flow_node() {
    if (peek() == '[') {
      flow_sequence();
    } else if (peek() == '{') {
      flow_mapping();
    } else {
      emit(scalar(true));
    }
  }

  void flow_sequence() {
    emit(YAML_SEQUENCE_START_EVENT, mark(), mark());
    ++m_pos;
    skip_spaces();
    while (peek() != ']') {
      flow_node();
      skip_spaces();
      if (peek() == ',') {
        ++m_pos;
        skip_spaces();
        if (peek() == ']') {
          give_up();  // a trailing comma
        }
      } else if (peek() != ']') {
        give_up();
      }
    }
    emit(YAML_SEQUENCE_END_EVENT, mark(), mark());
    ++m_pos;
  }

  void flow_mapping() {
    emit(YAML_MAPPING_START_EVENT, mark(), mark());
    ++m_pos;
    skip_spaces();
    while (peek() != '}') {
      if (peek() == '[' || peek() == '{') {
        give_up();
      }
      const Scalar key = scalar(true);
      skip_spaces();
      if (peek() != ':' || peek(1) != ' ' || m_pos - key.start.index > k_max_key) {
        give_up();
      }
      m_pos += 2;
      skip_spaces();
      emit(key);
      if (peek() == ',' || peek() == '}') {
        give_up();  // an empty value
      }
      flow_node();
      skip_spaces();
      if (peek() == ',') {
        ++m_pos;
        skip_spaces();
        if (peek() == '}') {
          give_up();
        }
      } else if (peek() != '}') {
        give_up();
      }
    }
    emit(YAML_MAPPING_END_EVENT, mark(), mark());
    ++m_pos;
  }

  Scalar scalar(bool flow) {
    if (peek() == '\'') {
      return single_quoted(flow);
    }
    if (peek() == '"') {
      return double_quoted(flow);
    }
    return plain(flow);
  }

  // What may follow a closing quote.
  void after_quote(bool flow) const {
    const char c = peek();
    if (!(c == ' ' || c == '\n' || c == '\0' || c == ':' || (flow && (c == ',' || c == ']' || c == '}')))) {
      give_up();
    }
  }

  Scalar single_quoted(bool flow) {
    Scalar out;
    out.style = YAML_SINGLE_QUOTED_SCALAR_STYLE;
    out.start = mark();
    ++m_pos;
    std::size_t segment = m_pos;
    bool copied = false;
    m_buffer.clear();
    while (true) {
      if (at_line_end()) {
        give_up();  // multi-line
      }
      if (m_text[m_pos] == '\'') {
        if (peek(1) != '\'') {
          break;
        }
        m_buffer.append(m_text.substr(segment, m_pos + 1 - segment));
        m_pos += 2;
        segment = m_pos;
        copied = true;
        continue;
      }
      ++m_pos;
    }
    return finish_quoted(out, segment, copied, flow);
  }

  Scalar double_quoted(bool flow) {
    Scalar out;
    out.style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    out.start = mark();
    ++m_pos;
    std::size_t segment = m_pos;
    bool copied = false;
    m_buffer.clear();
    while (true) {
      if (at_line_end()) {
        give_up();
      }
      const char c = m_text[m_pos];
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        ++m_pos;
        continue;
      }
      m_buffer.append(m_text.substr(segment, m_pos - segment));
      copied = true;
      escape(peek(1));
      segment = m_pos;
    }
    return finish_quoted(out, segment, copied, flow);
  }

  // At the closing quote of `out`: its text is the last segment, after what
  // m_buffer holds when an escape or a doubled quote made a copy.
  Scalar finish_quoted(Scalar& out, std::size_t segment, bool copied, bool flow) {
    if (copied) {
      m_buffer.append(m_text.substr(segment, m_pos - segment));
      out.text = m_buffer;
    } else {
      out.text = m_text.substr(segment, m_pos - segment);
    }
    ++m_pos;
    out.end = mark();
    after_quote(flow);
    return out;
  }

  // At a backslash whose next character is `c`: appends what it stands for.
  void escape(char c) {
    static constexpr std::string_view k_from = "0abtnvfre \"/\\";
    static constexpr std::string_view k_to{"\0\a\b\t\n\v\f\r\x1b \"/\\", 13};
    if (const auto found = k_from.find(c); found != std::string_view::npos && c != '\0') {
      m_buffer.push_back(k_to[found]);
      m_pos += 2;
      return;
    }
    const std::size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits == 0) {
      give_up();  // \N \_ \L \P, a line break, or an error
    }
    unsigned long code = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      const int value = hex_value(peek(2 + i));
      if (value < 0) {
        give_up();
      }
      code = code * 16 + static_cast<unsigned long>(value);
    }
    if ((code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
      give_up();
    }
    append_utf8(m_buffer, code);
    m_pos += 2 + digits;
  }

  bool plain_start() const {
    const auto c = static_cast<unsigned char>(peek());
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) {
      return true;
    }
    if (c == '-') {
      const char next = peek(1);
      return (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') ||
             next == '.';
    }
    static constexpr std::string_view k_safe = "_./$()~+=^;<\\";
    return c != '\0' && k_safe.find(static_cast<char>(c)) != std::string_view::npos;
  }

  // A plain scalar on one line. In a block it ends at ": ", a ':' ending the
  // line, " #" or the line's end; in a flow also at ",[]{}".
  Scalar plain(bool flow) {
    if (!plain_start()) {
      give_up();
    }
    Scalar out;
    out.start = mark();
    const std::size_t start = m_pos;
    std::size_t end = m_pos;
    while (!at_line_end()) {
      const char c = m_text[m_pos];
      if (c == ':' && is_blank_or_end(m_text, m_pos + 1)) {
        break;
      }
      if (c == '#' && m_text[m_pos - 1] == ' ') {
        if (flow) {
          give_up();
        }
        break;
      }
      if (flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) {
        break;
      }
      if (flow && (c == ':' || c == '#' || c == '?')) {
        give_up();
      }
      ++m_pos;
      if (c != ' ') {
        end = m_pos;
      }
    }
    m_pos = end;
    out.text = m_text.substr(start, end - start);
    out.end = mark();
    return out;
  }

  std::string_view m_text;
  EventSink& m_sink;
  bool m_ascii;
  std::size_t m_pos = 0;
  std::size_t m_line = 0;        // 0-based, of m_pos
  std::size_t m_line_start = 0;  // where that line starts
  bool m_first_token = true;
  std::size_t m_nesting = 0;
  std::string m_buffer;  // a quoted scalar's text after escapes
  // mark_at's count of characters: up to m_counted_at on the line starting at
  // m_counted_line_start.
  mutable std::size_t m_counted_line_start = 0;
  mutable std::size_t m_counted_at = 0;
  mutable std::size_t m_counted_column = 0;
};

}  // namespace

bool scan_fast(std::string_view text, EventSink& sink) {
  bool ascii = true;
  if (!plain_characters(text, ascii)) {
    return false;
  }
  try {
    Scanner(text, sink, ascii).run();
    return true;
  } catch (const Unsupported&) {
    return false;
  }
}

}  // namespace dharma::yaml
