#include "dharma/util/connection_url.hpp"

#include "dharma/util/text.hpp"

namespace dharma::util {
namespace {

constexpr std::string_view k_mask = "****";

bool is_uri(std::string_view url) {
  return url.find("://") != std::string_view::npos;
}

// [begin, end) of the password inside a URI's userinfo, or npos.
std::pair<std::size_t, std::size_t> uri_password_span(std::string_view url) {
  const auto scheme_end = url.find("://");
  const auto authority = scheme_end + 3;
  const auto authority_end = url.find_first_of("/?#", authority);
  const auto at = url.rfind('@', authority_end == std::string_view::npos ? url.size() : authority_end);
  if (at == std::string_view::npos || at < authority) {
    return {std::string_view::npos, 0};
  }
  const auto colon = url.find(':', authority);
  if (colon == std::string_view::npos || colon > at) {
    return {std::string_view::npos, 0};
  }
  return {colon + 1, at};
}

// [begin, end) of the value of `password=` in libpq key=value form, or npos.
std::pair<std::size_t, std::size_t> keyword_password_span(std::string_view url) {
  std::size_t pos = 0;
  while ((pos = url.find("password", pos)) != std::string_view::npos) {
    const bool word_start = pos == 0 || url[pos - 1] == ' ' || url[pos - 1] == '?' || url[pos - 1] == '&';
    auto value = pos + 8;
    while (value < url.size() && url[value] == ' ') {
      ++value;
    }
    if (word_start && value < url.size() && url[value] == '=') {
      ++value;
      while (value < url.size() && url[value] == ' ') {
        ++value;
      }
      auto end = value;
      if (end < url.size() && url[end] == '\'') {
        end = url.find('\'', end + 1);
        end = end == std::string_view::npos ? url.size() : end + 1;
      } else {
        end = url.find_first_of(" &", value);
        end = end == std::string_view::npos ? url.size() : end;
      }
      return {value, end};
    }
    pos += 8;
  }
  return {std::string_view::npos, 0};
}

std::pair<std::size_t, std::size_t> password_span(std::string_view url) {
  if (is_uri(url)) {
    auto span = uri_password_span(url);
    if (span.first != std::string_view::npos) {
      return span;
    }
  }
  return keyword_password_span(url);  // also URI query parameters (?password=...)
}

}  // namespace

std::string mask_password(std::string_view url) {
  const auto [begin, end] = password_span(url);
  if (begin == std::string_view::npos || begin == end) {
    return std::string(url);
  }
  return std::string(url.substr(0, begin)) + std::string(k_mask) + std::string(url.substr(end));
}

std::string password_of(std::string_view url) {
  const auto [begin, end] = password_span(url);
  if (begin == std::string_view::npos) {
    return "";
  }
  std::string password(url.substr(begin, end - begin));
  if (password.size() >= 2 && password.front() == '\'' && password.back() == '\'') {
    password = password.substr(1, password.size() - 2);
  }
  return password;
}

std::string mask_secrets_in(std::string_view text, std::string_view url) {
  const std::string password = password_of(url);
  std::string masked = password.size() >= 3 ? util::replace_all(text, password, k_mask) : std::string(text);
  // A URL quoted inside the text is masked as a whole as well.
  if (!url.empty()) {
    masked = replace_all(masked, url, mask_password(url));
  }
  return masked;
}

std::string with_database(std::string_view url, std::string_view database) {
  if (!is_uri(url)) {
    return std::string(url) + " dbname=" + std::string(database);  // the last keyword wins in libpq
  }
  const auto authority = url.find("://") + 3;
  const auto path = url.find('/', authority);
  const auto query = url.find('?', authority);
  std::string result;
  if (path == std::string_view::npos || (query != std::string_view::npos && query < path)) {
    const auto cut = query == std::string_view::npos ? url.size() : query;
    result = std::string(url.substr(0, cut)) + "/" + std::string(database) + std::string(url.substr(cut));
  } else {
    const auto path_end = query == std::string_view::npos ? url.size() : query;
    result = std::string(url.substr(0, path + 1)) + std::string(database) + std::string(url.substr(path_end));
  }
  return result;
}

}  // namespace dharma::util
