#include "dharma/render/hcl_model.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace dharma::render::hcl {

Expression Expression::from_bool(bool value) {
  Expression e;
  e.kind = Kind::boolean;
  e.boolean = value;
  return e;
}

Expression Expression::from_integer(long long value) {
  Expression e;
  e.kind = Kind::number;
  e.text = std::to_string(value);
  return e;
}

Expression Expression::from_number(double value) {
  Expression e;
  e.kind = Kind::number;
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    e.text = std::to_string(static_cast<long long>(value));
    return e;
  }
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  e.text.assign(buffer, result.ptr);
  return e;
}

Expression Expression::from_string(std::string value) {
  Expression e;
  e.kind = Kind::string;
  e.parts.push_back({std::move(value), false});
  return e;
}

Expression Expression::from_template(std::vector<StringPart> parts) {
  Expression e;
  e.kind = Kind::string;
  e.parts = std::move(parts);
  return e;
}

Expression Expression::from_raw(std::string expression) {
  Expression e;
  e.kind = Kind::raw;
  e.text = std::move(expression);
  return e;
}

Expression Expression::from_keyword(std::string word) {
  Expression e;
  e.kind = Kind::keyword;
  e.text = std::move(word);
  return e;
}

Expression Expression::from_list(std::vector<Expression> items) {
  Expression e;
  e.kind = Kind::list;
  e.items = std::move(items);
  return e;
}

Expression Expression::from_object(std::vector<std::pair<std::string, Expression>> entries) {
  Expression e;
  e.kind = Kind::object;
  e.entries = std::move(entries);
  return e;
}

Expression Expression::from_call(std::string function, std::vector<Expression> args) {
  Expression e;
  e.kind = Kind::call;
  e.text = std::move(function);
  e.items = std::move(args);
  return e;
}

bool Expression::is_multiline() const {
  if (kind == Kind::call) {
    for (const auto& item : items) {
      if (item.is_multiline()) {
        return true;
      }
    }
    return false;
  }
  if (kind == Kind::object) {
    return !entries.empty();
  }
  if (kind == Kind::list) {
    for (const auto& item : items) {
      if (item.kind == Kind::object || item.kind == Kind::list || item.is_multiline()) {
        return true;
      }
    }
  }
  return false;
}

void Body::attribute(std::string name, Expression value) {
  items.emplace_back(Attribute{std::move(name), std::move(value)});
}

Block& Body::block(std::string type, std::vector<std::string> labels) {
  items.emplace_back(Block{std::move(type), std::move(labels), {}});
  return std::get<Block>(items.back());
}

void Body::separator() {
  items.emplace_back(Separator{});
}

Block& Document::block(std::string type, std::vector<std::string> labels) {
  blocks.push_back(Block{std::move(type), std::move(labels), {}});
  return blocks.back();
}

bool is_identifier(const std::string& name) {
  // [A-Za-z_][A-Za-z0-9_-]*, by table: it runs for every argument, block and object key written.
  static constexpr auto k_table = [] {
    std::array<unsigned char, 256> table{};  // 1: may start a name, 2: may continue one
    for (int c = 0; c < 256; ++c) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      const bool more = letter || (c >= '0' && c <= '9') || c == '-';
      table[static_cast<std::size_t>(c)] = static_cast<unsigned char>((letter ? 1 : 0) | (more ? 2 : 0));
    }
    return table;
  }();
  if (name.empty() || (k_table[static_cast<unsigned char>(name[0])] & 1) == 0) {
    return false;
  }
  for (const char c : name) {
    if ((k_table[static_cast<unsigned char>(c)] & 2) == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace dharma::render::hcl
