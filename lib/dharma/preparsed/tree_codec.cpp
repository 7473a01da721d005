// One node after another in document order (pre-order): a byte for its kind
// and whether it was plain, its line and column as LEB128 varints, its scalar
// text (length, bytes), then for a sequence the item count and the items, for
// a map the entry count and each key followed by its value. Decoding is one
// allocation per node and a copy of each scalar, against libyaml's scanner,
// parser and event builder for the same tree.

#include "dharma/preparsed/tree_codec.hpp"

#include <stdexcept>

namespace dharma::preparsed {
namespace {

constexpr unsigned k_plain_bit = 4U;

void put_varint(std::string& out, unsigned long long value) {
  while (value >= 0x80U) {
    out.push_back(static_cast<char>((value & 0x7fU) | 0x80U));
    value >>= 7U;
  }
  out.push_back(static_cast<char>(value));
}

void put_node(std::string& out, const yaml::Node& node) {
  out.push_back(static_cast<char>(static_cast<unsigned>(node.kind) | (node.plain ? k_plain_bit : 0U)));
  put_varint(out, static_cast<unsigned long long>(node.line));
  put_varint(out, static_cast<unsigned long long>(node.column));
  put_varint(out, node.scalar.size());
  out += node.scalar;
  if (node.kind == yaml::Kind::sequence) {
    put_varint(out, node.items.size());
    for (const auto& item : node.items) {
      put_node(out, *item);
    }
  } else if (node.kind == yaml::Kind::map) {
    put_varint(out, node.entries.size());
    for (const auto& [key, value] : node.entries) {
      put_node(out, *key);
      put_node(out, *value);
    }
  }
}

class Reader {
 public:
  Reader(std::string_view bytes, const std::string* file) : m_bytes(bytes), m_file(file) {}

  yaml::NodePtr node() {
    auto node = std::make_shared<yaml::Node>();
    const unsigned head = byte();
    if ((head & ~(k_plain_bit | 3U)) != 0) {
      throw std::runtime_error("preparsed tree: bad node header");
    }
    node->kind = static_cast<yaml::Kind>(head & 3U);
    node->plain = (head & k_plain_bit) != 0;
    node->file = m_file;
    node->line = static_cast<int>(varint());
    node->column = static_cast<int>(varint());
    const std::size_t length = varint();
    node->scalar.assign(take(length));
    if (node->kind == yaml::Kind::sequence) {
      const std::size_t count = varint();
      node->items.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
        node->items.push_back(this->node());
      }
    } else if (node->kind == yaml::Kind::map) {
      const std::size_t count = varint();
      node->entries.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
        auto key = this->node();
        node->entries.emplace_back(std::move(key), this->node());
      }
    }
    return node;
  }

  bool done() const { return m_at == m_bytes.size(); }

 private:
  unsigned byte() {
    if (m_at >= m_bytes.size()) {
      throw std::runtime_error("preparsed tree: truncated");
    }
    return static_cast<unsigned char>(m_bytes[m_at++]);
  }

  std::size_t varint() {
    std::size_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      const unsigned b = byte();
      value |= static_cast<std::size_t>(b & 0x7fU) << shift;
      if ((b & 0x80U) == 0) {
        return value;
      }
    }
    throw std::runtime_error("preparsed tree: bad number");
  }

  std::string_view take(std::size_t length) {
    if (length > m_bytes.size() - m_at) {
      throw std::runtime_error("preparsed tree: truncated");
    }
    const auto text = m_bytes.substr(m_at, length);
    m_at += length;
    return text;
  }

  std::string_view m_bytes;
  std::size_t m_at = 0;
  const std::string* m_file;
};

}  // namespace

std::string encode_tree(const yaml::Node& root) {
  std::string out;
  put_node(out, root);
  return out;
}

yaml::NodePtr decode_tree(std::string_view bytes, const std::string* file) {
  Reader reader(bytes, file);
  auto root = reader.node();
  if (!reader.done()) {
    throw std::runtime_error("preparsed tree: trailing bytes");
  }
  return root;
}

}  // namespace dharma::preparsed
