#include "dharma/state/sql_script.hpp"

#include <cctype>

#include "dharma/util/error.hpp"
#include "dharma/util/text.hpp"

namespace dharma::state {
namespace {

class Splitter {
 public:
  Splitter(std::string_view script, const std::string& file) : m_text(script), m_file(file) {}

  std::vector<SqlStatement> run() {
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '-' && peek(1) == '-') {
        skip_line_comment();
      } else if (c == '/' && peek(1) == '*') {
        skip_block_comment();
      } else if (c == '\'') {
        start_if_needed();
        const bool escapes = m_pos > 0 && (m_text[m_pos - 1] == 'E' || m_text[m_pos - 1] == 'e') &&
                             (m_pos < 2 || !is_identifier_char(m_text[m_pos - 2]));
        skip_quoted('\'', escapes);
      } else if (c == '"') {
        start_if_needed();
        skip_quoted('"', false);
      } else if (c == '$' && dollar_tag_length() > 0) {
        start_if_needed();
        skip_dollar_quote();
      } else if (c == ';') {
        start_if_needed();
        advance();
        finish();
      } else {
        if (!std::isspace(static_cast<unsigned char>(c))) {
          start_if_needed();
        }
        advance();
      }
    }
    finish();
    return std::move(m_statements);
  }

 private:
  static bool is_identifier_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
  }

  char peek(std::size_t ahead) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }

  void advance() {
    if (m_text[m_pos] == '\n') {
      ++m_line;
      m_column = 1;
    } else {
      ++m_column;
    }
    ++m_pos;
  }

  void start_if_needed() {
    if (m_start == std::string_view::npos) {
      m_start = m_pos;
      m_start_line = m_line;
      m_start_column = m_column;
    }
  }

  void finish() {
    if (m_start != std::string_view::npos) {
      std::string text(m_text.substr(m_start, m_pos - m_start));
      m_statements.push_back({util::trim(text), m_start_line, m_start_column});
      m_start = std::string_view::npos;
    }
  }

  [[noreturn]] void unterminated(const char* what, int line) const {
    throw util::Error(m_file + ":" + std::to_string(line) + ": unterminated " + what);
  }

  void skip_line_comment() {
    while (m_pos < m_text.size() && m_text[m_pos] != '\n') {
      advance();
    }
  }

  void skip_block_comment() {
    const int line = m_line;
    int depth = 0;
    while (m_pos < m_text.size()) {
      if (m_text[m_pos] == '/' && peek(1) == '*') {
        ++depth;
        advance();
      } else if (m_text[m_pos] == '*' && peek(1) == '/') {
        --depth;
        advance();
        if (depth == 0) {
          advance();
          return;
        }
      }
      advance();
    }
    unterminated("/* comment", line);
  }

  void skip_quoted(char quote, bool backslash_escapes) {
    const int line = m_line;
    advance();
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (backslash_escapes && c == '\\') {
        advance();
        if (m_pos < m_text.size()) {
          advance();
        }
        continue;
      }
      advance();
      if (c == quote) {
        if (m_pos < m_text.size() && m_text[m_pos] == quote) {
          advance();  // doubled quote
          continue;
        }
        return;
      }
    }
    unterminated(quote == '\'' ? "string literal" : "quoted identifier", line);
  }

  // Length of a $tag$ opener at m_pos (0 when it is not one, e.g. a $1 parameter).
  std::size_t dollar_tag_length() const {
    if (m_pos > 0 && is_identifier_char(m_text[m_pos - 1])) {
      return 0;
    }
    std::size_t end = m_pos + 1;
    if (end < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[end]))) {
      return 0;
    }
    while (end < m_text.size() && is_identifier_char(m_text[end])) {
      ++end;
    }
    return end < m_text.size() && m_text[end] == '$' ? end - m_pos + 1 : 0;
  }

  void skip_dollar_quote() {
    const int line = m_line;
    const std::size_t length = dollar_tag_length();
    const std::string tag(m_text.substr(m_pos, length));
    for (std::size_t i = 0; i < length; ++i) {
      advance();
    }
    const auto close = m_text.find(tag, m_pos);
    if (close == std::string_view::npos) {
      unterminated("dollar-quoted string", line);
    }
    while (m_pos < close + length) {
      advance();
    }
  }

  std::string_view m_text;
  const std::string& m_file;
  std::size_t m_pos = 0;
  int m_line = 1;
  int m_column = 1;
  std::size_t m_start = std::string_view::npos;
  int m_start_line = 1;
  int m_start_column = 1;
  std::vector<SqlStatement> m_statements;
};

}  // namespace

std::vector<SqlStatement> split_sql(std::string_view script, const std::string& file) {
  return Splitter(script, file).run();
}

bool is_no_transaction(std::string_view script) {
  const auto end = script.find('\n');
  return util::trim(script.substr(0, end)) == "-- dharma:no-transaction";
}

}  // namespace dharma::state
