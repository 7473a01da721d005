// xml_escape and html_escape (declared in text.hpp): one escaper for the
// JUnit report and the HTML cost page, which differ only in the entity for '.

#include "dharma/util/text.hpp"

namespace dharma::util {
namespace {

std::string escape_markup(std::string_view text, std::string_view apostrophe) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += apostrophe;
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) {
  return escape_markup(text, "&apos;");
}

std::string html_escape(std::string_view text) {
  return escape_markup(text, "&#39;");
}

}  // namespace dharma::util
