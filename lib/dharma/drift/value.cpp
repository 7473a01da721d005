#include "dharma/drift/value.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <new>

namespace dharma::drift {
namespace {

// `a < b` as std::string_view compares, deciding on the first byte where it
// can (most keys differ there) instead of calling memcmp for every probe.
bool key_less(std::string_view a, std::string_view b) {
  if (!a.empty() && !b.empty() && a[0] != b[0]) {
    return static_cast<unsigned char>(a[0]) < static_cast<unsigned char>(b[0]);
  }
  return key_compare(a, b) < 0;
}

}  // namespace

Value Value::boolean(bool value) {
  Value v;
  v.m_kind = Kind::boolean;
  v.m_bool = value;
  return v;
}

Value Value::integer(std::int64_t value) {
  Value v;
  v.m_kind = Kind::integer;
  v.m_int = value;
  return v;
}

Value Value::unsigned_integer(std::uint64_t value) {
  Value v;
  v.m_kind = Kind::unsigned_integer;
  v.m_unsigned = value;
  return v;
}

Value Value::floating(double value) {
  Value v;
  v.m_kind = Kind::floating;
  v.m_double = value;
  return v;
}

Value Value::string(std::string_view text) {
  Value v;
  v.m_kind = Kind::string;
  v.m_text = text.data();
  v.m_size = static_cast<std::uint32_t>(text.size());
  return v;
}

Value Value::array(const Value* items, std::uint32_t size) {
  Value v;
  v.m_kind = Kind::array;
  v.m_items = items;
  v.m_size = size;
  return v;
}

Value Value::object(const Member* members, std::uint32_t size) {
  Value v;
  v.m_kind = Kind::object;
  v.m_members = members;
  v.m_size = size;
  return v;
}

long double Value::as_long_double() const {
  switch (m_kind) {
    case Kind::integer:
      return static_cast<long double>(m_int);
    case Kind::unsigned_integer:
      return static_cast<long double>(m_unsigned);
    case Kind::floating:
      return static_cast<long double>(m_double);
    default:
      return 0;
  }
}

const Value* Value::find(std::string_view key) const {
  if (m_kind != Kind::object) {
    return nullptr;
  }
  const Member* end = m_members + m_size;
  if (m_size <= 12) {
    // Most objects are small: a scan that rejects a key on its length or
    // first byte, and compares bytes only for a likely match, costs less
    // than the binary search's full comparisons (keys are unique).
    for (const Member* it = m_members; it != end; ++it) {
      if (it->key.size() == key.size() && (key.empty() || (it->key[0] == key[0] && it->key == key))) {
        return &it->value;
      }
    }
    return nullptr;
  }
  const Member* it = std::lower_bound(
      m_members, end, key, [](const Member& member, std::string_view k) { return key_less(member.key, k); });
  return it != end && it->key == key ? &it->value : nullptr;
}

const char* Value::type_name() const {
  switch (m_kind) {
    case Kind::null:
      return "null";
    case Kind::boolean:
      return "boolean";
    case Kind::integer:
    case Kind::unsigned_integer:
    case Kind::floating:
      return "number";
    case Kind::string:
      return "string";
    case Kind::array:
      return "array";
    case Kind::object:
      return "object";
  }
  return "null";
}

BlockMemory::~BlockMemory() {
  for (void* block : m_blocks) {
    ::operator delete(block);
  }
}

void* BlockMemory::grow(std::size_t bytes, std::size_t alignment) {
  const auto aligned = [alignment](char* at) {
    return reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(at) + alignment - 1) & ~(alignment - 1));
  };
  if (bytes > SIZE_MAX - alignment) {
    throw std::bad_alloc();
  }
  const std::size_t needed = bytes + alignment;
  if (m_blocks.size() == m_blocks.capacity()) {
    // Room for the block before it is allocated (so it is never lost), grown
    // by doubling: reserving one more each time copied the whole list per block.
    m_blocks.reserve(std::max<std::size_t>(16, 2 * m_blocks.size()));
  }
  if (needed > m_largest) {
    // A block of its own; the current block stays the one to fill.
    void* block = ::operator new(needed);
    m_blocks.push_back(block);
    return aligned(static_cast<char*>(block));
  }
  const std::size_t size = std::max(m_next_size, needed);
  m_next = static_cast<char*>(::operator new(size));
  m_blocks.push_back(m_next);
  m_end = m_next + size;
  m_next_size = std::min(m_largest, size + size / 2);
  char* at = aligned(m_next);
  m_next = at + bytes;
  return at;
}

namespace {

// Two words that together hold every byte of a string of up to 16 bytes (a
// longer one: its first and last 8), with fixed-size loads only.
struct EndWords {
  std::uint64_t head = 0;
  std::uint64_t tail = 0;
};

EndWords end_words(std::string_view text) {
  EndWords words;
  const char* bytes = text.data();
  const std::size_t size = text.size();
  if (size >= 8) {
    std::memcpy(&words.head, bytes, 8);
    std::memcpy(&words.tail, bytes + size - 8, 8);
  } else if (size >= 4) {
    std::uint32_t head = 0;
    std::uint32_t tail = 0;
    std::memcpy(&head, bytes, 4);
    std::memcpy(&tail, bytes + size - 4, 4);
    words.head = head;
    words.tail = tail;
  } else {
    const auto byte = [bytes](std::size_t at) {
      return std::uint64_t{static_cast<unsigned char>(bytes[at])};
    };
    words.head = byte(0) | (byte(size / 2) << 8U) | (byte(size - 1) << 16U);
    words.tail = words.head;
  }
  return words;
}

}  // namespace

std::string_view ValueArena::intern(std::string_view text) {
  if (text.empty()) {
    return {};
  }
  if (m_interned == nullptr) {
    m_interned = std::make_unique<std::string_view[]>(k_interned);
  }
  // The slot: the length and the end words, mixed.
  const EndWords words = end_words(text);
  const std::uint64_t mixed =
      (words.head ^ (words.tail * 0x9e3779b97f4a7c15ULL) ^ text.size()) * 0xff51afd7ed558ccdULL;
  std::string_view& slot = m_interned[(mixed >> 40U) & (k_interned - 1)];
  if (slot.size() == text.size()) {
    if (text.size() <= 16) {
      // Up to 16 bytes the end words are the whole string.
      const EndWords held = end_words(slot);
      if (held.head == words.head && held.tail == words.tail) {
        return slot;
      }
    } else if (std::memcmp(slot.data(), text.data(), text.size()) == 0) {
      return slot;
    }
  }
  slot = copy(text);
  return slot;
}

std::string_view ValueArena::keep(std::string text) {
  m_buffers.push_back(std::make_unique<std::string>(std::move(text)));
  return *m_buffers.back();
}

std::string_view ValueArena::keep(std::unique_ptr<util::MappedFile> file) {
  m_files.push_back(std::move(file));
  return m_files.back()->text();
}

Value make_array(const Value* first, const Value* last, ValueArena& arena) {
  const auto size = static_cast<std::size_t>(last - first);
  if (size == 0) {
    return Value::array(nullptr, 0);
  }
  auto* items = static_cast<Value*>(arena.allocate(size * sizeof(Value), alignof(Value)));
  std::uninitialized_copy(first, last, items);
  return Value::array(items, static_cast<std::uint32_t>(size));
}

namespace {

// A key's first eight bytes as a number that orders as the bytes do (a
// shorter key padded with zeros): two keys whose prefixes differ are in
// their prefixes' order; equal prefixes leave it to the whole keys.
std::uint64_t key_prefix(std::string_view key) {
  std::uint64_t bytes = 0;
  if (!key.empty()) {  // an empty key may view no memory at all (a null data pointer)
    std::memcpy(&bytes, key.data(), key.size() < 8 ? key.size() : 8);
  }
  return __builtin_bswap64(bytes);
}

}  // namespace

Value make_object(Member* first, Member* last, ValueArena& arena) {
  const auto given = static_cast<std::size_t>(last - first);
  // Most objects arrive sorted (Terraform writes keys in order): check first.
  const bool sorted = std::adjacent_find(first, last, [](const Member& a, const Member& b) {
                        return !key_less(a.key, b.key);
                      }) == last;
  if (!sorted && given <= 64) {
    // Insertion sort of (prefix, position) pairs, stable and without the
    // buffer std::stable_sort allocates; most comparisons are of two numbers.
    struct Entry {
      std::uint64_t prefix;
      std::uint32_t position;
    };
    Entry entries[64];
    for (std::size_t i = 0; i < given; ++i) {
      const Entry moving{key_prefix(first[i].key), static_cast<std::uint32_t>(i)};
      std::size_t hole = i;
      for (; hole > 0; --hole) {
        const Entry& before = entries[hole - 1];
        if (moving.prefix > before.prefix ||
            (moving.prefix == before.prefix && key_compare(first[i].key, first[before.position].key) >= 0)) {
          break;
        }
        entries[hole] = before;
      }
      entries[hole] = moving;
    }
    // Of equal keys, the last given wins: keep the last of each run.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < given; ++i) {
      if (i + 1 < given && entries[i + 1].prefix == entries[i].prefix &&
          first[entries[i + 1].position].key == first[entries[i].position].key) {
        continue;
      }
      entries[kept++] = entries[i];
    }
    auto* members = static_cast<Member*>(arena.allocate(kept * sizeof(Member), alignof(Member)));
    for (std::size_t i = 0; i < kept; ++i) {
      new (members + i) Member(first[entries[i].position]);
    }
    return Value::object(members, static_cast<std::uint32_t>(kept));
  }
  if (!sorted) {
    std::stable_sort(first, last, [](const Member& a, const Member& b) { return key_less(a.key, b.key); });
    // Of equal keys, the last given wins: keep the last of each run.
    Member* out = first;
    for (Member* it = first; it != last; ++it) {
      if (it + 1 != last && (it + 1)->key == it->key) {
        continue;
      }
      *out++ = *it;
    }
    last = out;
  }
  const auto size = static_cast<std::size_t>(last - first);
  if (size == 0) {
    return Value::object(nullptr, 0);
  }
  auto* members = static_cast<Member*>(arena.allocate(size * sizeof(Member), alignof(Member)));
  std::uninitialized_copy(first, last, members);
  return Value::object(members, static_cast<std::uint32_t>(size));
}

bool same_value(const Value& a, const Value& b) {
  using Kind = Value::Kind;
  if (a.is_number() && b.is_number() && a.kind() != b.kind()) {
    if (a.kind() == Kind::floating || b.kind() == Kind::floating) {
      const Value& other = a.kind() == Kind::floating ? b : a;
      const double number = a.kind() == Kind::floating ? a.as_double() : b.as_double();
      return other.kind() == Kind::integer ? static_cast<double>(other.as_int()) == number
                                           : static_cast<double>(other.as_unsigned()) == number;
    }
    return a.as_int() == static_cast<std::int64_t>(b.as_unsigned());  // one signed, one unsigned
  }
  if (a.kind() != b.kind()) {
    return false;
  }
  switch (a.kind()) {
    case Kind::null:
      return true;
    case Kind::boolean:
      return a.as_bool() == b.as_bool();
    case Kind::integer:
      return a.as_int() == b.as_int();
    case Kind::unsigned_integer:
      return a.as_unsigned() == b.as_unsigned();
    case Kind::floating:
      return a.as_double() == b.as_double();
    case Kind::string:
      return a.as_string() == b.as_string();
    case Kind::array:
      if (a.size() != b.size()) {
        return false;
      }
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same_value(a[i], b[i])) {
          return false;
        }
      }
      return true;
    case Kind::object:
      if (a.size() != b.size()) {
        return false;
      }
      for (const Member *x = a.begin_members(), *y = b.begin_members(); x != a.end_members(); ++x, ++y) {
        if (x->key != y->key || !same_value(x->value, y->value)) {
          return false;
        }
      }
      return true;
  }
  return false;
}

nlohmann::json to_json(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null:
      return nullptr;
    case Value::Kind::boolean:
      return value.as_bool();
    case Value::Kind::integer:
      return value.as_int();
    case Value::Kind::unsigned_integer:
      return value.as_unsigned();
    case Value::Kind::floating:
      return value.as_double();
    case Value::Kind::string:
      return std::string(value.as_string());
    case Value::Kind::array: {
      nlohmann::json items = nlohmann::json::array();
      auto& list = items.get_ref<nlohmann::json::array_t&>();
      list.reserve(value.size());
      for (const Value* it = value.begin_items(); it != value.end_items(); ++it) {
        list.push_back(to_json(*it));
      }
      return items;
    }
    case Value::Kind::object: {
      nlohmann::json object = nlohmann::json::object();
      auto& map = object.get_ref<nlohmann::json::object_t&>();
      for (const Member* it = value.begin_members(); it != value.end_members(); ++it) {
        map.emplace_hint(map.end(), std::string(it->key), to_json(it->value));
      }
      return object;
    }
  }
  return nullptr;
}

namespace {

// A JSON string as nlohmann's dump() writes it: ASCII escaped here, and a
// string with any byte above 0x7F written by nlohmann itself (it checks the
// UTF-8 and throws on bad bytes), so the text is always dump()'s.
void append_json_string(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      out += nlohmann::json(std::string(text)).dump();
      return;
    }
  }
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
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
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          static const char* const hex = "0123456789abcdef";
          out += "\\u00";
          out += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
          out += hex[static_cast<unsigned char>(c) & 0xF];
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace

void append_json(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::null:
      out += "null";
      return;
    case Value::Kind::boolean:
      out += value.as_bool() ? "true" : "false";
      return;
    case Value::Kind::integer:
      out += std::to_string(value.as_int());
      return;
    case Value::Kind::unsigned_integer:
      out += std::to_string(value.as_unsigned());
      return;
    case Value::Kind::floating:
      out += nlohmann::json(value.as_double()).dump();  // nlohmann's shortest round-trip form
      return;
    case Value::Kind::string:
      append_json_string(out, value.as_string());
      return;
    case Value::Kind::array:
      out += '[';
      for (const Value* it = value.begin_items(); it != value.end_items(); ++it) {
        if (it != value.begin_items()) {
          out += ',';
        }
        append_json(out, *it);
      }
      out += ']';
      return;
    case Value::Kind::object:
      out += '{';
      for (const Member* it = value.begin_members(); it != value.end_members(); ++it) {
        if (it != value.begin_members()) {
          out += ',';
        }
        append_json_string(out, it->key);
        out += ':';
        append_json(out, it->value);
      }
      out += '}';
      return;
  }
}

Value from_json(const nlohmann::json& json, ValueArena& arena) {
  using Type = nlohmann::json::value_t;
  switch (json.type()) {
    case Type::boolean:
      return Value::boolean(json.get<bool>());
    case Type::number_integer:
      return Value::integer(json.get<std::int64_t>());
    case Type::number_unsigned:
      return Value::unsigned_integer(json.get<std::uint64_t>());
    case Type::number_float:
      return Value::floating(json.get<double>());
    case Type::string:
      return Value::string(arena.copy(json.get_ref<const std::string&>()));
    case Type::array: {
      std::vector<Value> items;
      items.reserve(json.size());
      for (const auto& item : json) {
        items.push_back(from_json(item, arena));
      }
      return make_array(items.data(), items.data() + items.size(), arena);
    }
    case Type::object: {
      std::vector<Member> members;
      members.reserve(json.size());
      for (const auto& [key, item] : json.get_ref<const nlohmann::json::object_t&>()) {
        members.push_back({arena.copy(key), from_json(item, arena)});
      }
      return make_object(members.data(), members.data() + members.size(), arena);
    }
    default:
      return {};
  }
}

}  // namespace dharma::drift
