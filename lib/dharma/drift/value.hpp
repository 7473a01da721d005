#pragma once
// Drift's compact JSON value: what the actual state is read into (a
// 16 MB state holds tens of thousands of attribute trees). A Value is 16
// bytes; strings are views into the state file's buffer where they have no
// escapes (decoded into the arena where they do), lists and objects are
// arrays in the arena, objects sorted by key (looked up by binary search,
// iterated in key order like nlohmann's std::map). Nothing is allocated
// per node and nothing is freed but the arena as a whole. Numbers keep
// nlohmann's three kinds (signed, unsigned, float) so that converting to
// nlohmann::json at the edges (findings, templates) gives the value
// nlohmann::json::parse would have built.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <memory_resource>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "dharma/util/mapped_file.hpp"

namespace dharma::drift {

struct Member;

class Value {
 public:
  enum class Kind : std::uint8_t {
    null,
    boolean,
    integer,
    unsigned_integer,
    floating,
    string,
    array,
    object
  };

  Value() noexcept : m_int(0) {}  // null
  static Value boolean(bool value);
  static Value integer(std::int64_t value);
  static Value unsigned_integer(std::uint64_t value);
  static Value floating(double value);
  static Value string(std::string_view text);  // `text` must outlive the value (a buffer or the arena)
  static Value array(const Value* items, std::uint32_t size);
  static Value object(const Member* members, std::uint32_t size);  // `members` sorted by key, unique

  Kind kind() const { return m_kind; }
  bool is_null() const { return m_kind == Kind::null; }
  bool is_boolean() const { return m_kind == Kind::boolean; }
  bool is_number() const {
    return m_kind == Kind::integer || m_kind == Kind::unsigned_integer || m_kind == Kind::floating;
  }
  bool is_integer() const { return m_kind == Kind::integer || m_kind == Kind::unsigned_integer; }
  bool is_string() const { return m_kind == Kind::string; }
  bool is_array() const { return m_kind == Kind::array; }
  bool is_object() const { return m_kind == Kind::object; }

  bool as_bool() const { return m_bool; }
  std::int64_t as_int() const { return m_int; }
  std::uint64_t as_unsigned() const { return m_unsigned; }
  double as_double() const { return m_double; }
  long double as_long_double() const;  // any number, as nlohmann's get<long double>()
  std::string_view as_string() const { return {m_text, m_size}; }

  // Lists and objects: their element count; 0 for anything else.
  std::size_t size() const { return is_array() || is_object() ? m_size : 0; }
  bool empty() const { return size() == 0; }
  const Value& operator[](std::size_t index) const { return m_items[index]; }  // an array's item
  const Value* begin_items() const { return is_array() ? m_items : nullptr; }
  const Value* end_items() const { return is_array() ? m_items + m_size : nullptr; }
  const Member* begin_members() const { return is_object() ? m_members : nullptr; }
  const Member* end_members() const;

  // The member `key` of an object; nullptr when absent or not an object.
  const Value* find(std::string_view key) const;
  // nlohmann's type_name(): "null", "boolean", "number", "string", "array", "object".
  const char* type_name() const;

 private:
  Kind m_kind = Kind::null;
  std::uint32_t m_size = 0;  // string length, item or member count
  union {
    bool m_bool;
    std::int64_t m_int;
    std::uint64_t m_unsigned;
    double m_double;
    const char* m_text;
    const Value* m_items;
    const Member* m_members;
  };
};

struct Member {
  std::string_view key;
  Value value;
};

inline const Member* Value::end_members() const {
  return is_object() ? m_members + m_size : nullptr;
}

// `a` against `b` as std::string_view::compare orders them (bytes unsigned,
// a prefix first), inline and eight bytes at a time: keys are short, and a
// call to memcmp costs more than comparing them.
inline int key_compare(std::string_view a, std::string_view b) {
  const std::size_t common = a.size() < b.size() ? a.size() : b.size();
  std::size_t at = 0;
  for (; at + 8 <= common; at += 8) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a.data() + at, 8);
    std::memcpy(&y, b.data() + at, 8);
    if (x != y) {
      return __builtin_bswap64(x) < __builtin_bswap64(y) ? -1 : 1;
    }
  }
  for (; at < common; ++at) {
    const auto x = static_cast<unsigned char>(a[at]);
    const auto y = static_cast<unsigned char>(b[at]);
    if (x != y) {
      return x < y ? -1 : 1;
    }
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// The members of one object looked up by keys asked in increasing order
// (the keys of another object, which are sorted and unique): a merge walk
// that passes each member once, instead of a search per key. Gives what
// Value::find gives for each key.
class MemberCursor {
 public:
  explicit MemberCursor(const Value& object) : m_at(object.begin_members()), m_end(object.end_members()) {}

  // The member `key`, or nullptr; `key` after every key asked before.
  const Value* find(std::string_view key) {
    const auto first = key.empty() ? -1 : static_cast<int>(static_cast<unsigned char>(key[0]));
    while (m_at != m_end) {
      // Most keys differ in their first byte, which then decides.
      const auto at_first =
          m_at->key.empty() ? -1 : static_cast<int>(static_cast<unsigned char>(m_at->key[0]));
      if (at_first != first) {
        if (at_first > first) {
          return nullptr;
        }
        ++m_at;
        continue;
      }
      const int order = key_compare(m_at->key, key);
      if (order == 0) {
        return &m_at->value;
      }
      if (order > 0) {
        return nullptr;
      }
      ++m_at;
    }
    return nullptr;
  }

 private:
  const Member* m_at;
  const Member* m_end;
};

// A monotonic memory resource (nothing is freed before the whole) whose
// blocks grow by half from `initial` up to `largest`; a request larger
// than that gets a block of its own. Capped blocks fit into the holes the
// heap has where a freed tree was (drift's state is read after the
// renderer's model is freed), where ever larger blocks need fresh memory.
class BlockMemory final : public std::pmr::memory_resource {
 public:
  BlockMemory(std::size_t initial, std::size_t largest) : m_next_size(initial), m_largest(largest) {}
  BlockMemory(const BlockMemory&) = delete;
  BlockMemory& operator=(const BlockMemory&) = delete;
  ~BlockMemory() override;

  // allocate() without the virtual call: the bump of the current block
  // inline, a new block out of line.
  void* take(std::size_t bytes, std::size_t alignment) {
    if (m_next != nullptr) {
      const auto at = (reinterpret_cast<std::uintptr_t>(m_next) + alignment - 1) & ~(alignment - 1);
      const auto end = reinterpret_cast<std::uintptr_t>(m_end);
      if (at <= end && end - at >= bytes) {
        m_next = reinterpret_cast<char*>(at + bytes);
        return reinterpret_cast<char*>(at);
      }
    }
    return grow(bytes, alignment);
  }

 private:
  char* m_next = nullptr;
  char* m_end = nullptr;
  std::size_t m_next_size;
  std::size_t m_largest;
  std::vector<void*> m_blocks;

  void* grow(std::size_t bytes, std::size_t alignment);
  void* do_allocate(std::size_t bytes, std::size_t alignment) override { return take(bytes, alignment); }
  void do_deallocate(void*, std::size_t, std::size_t) override {}
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

// Owns what Values point to: the arena of their nodes and decoded strings,
// and the file buffers their strings view. Kept alive as long as any value.
class ValueArena {
 public:
  // `initial`: the size of the arena's first block (it grows by half from
  // there, up to `largest`).
  explicit ValueArena(std::size_t initial = 1 << 16, std::size_t largest = SIZE_MAX)
      : m_memory(initial, largest) {}
  ValueArena(const ValueArena&) = delete;
  ValueArena& operator=(const ValueArena&) = delete;

  std::pmr::memory_resource* memory() { return &m_memory; }
  // memory()->allocate(bytes, alignment), without the virtual call.
  void* allocate(std::size_t bytes, std::size_t alignment) { return m_memory.take(bytes, alignment); }
  // Takes `text` (moved, so its bytes do not move) and returns a view of it that lives as long as the arena.
  std::string_view keep(std::string text);
  // Takes a mapped file and returns a view of its bytes that lives as long as the arena.
  std::string_view keep(std::unique_ptr<util::MappedFile> file);
  // `text` copied into the arena (inline: desired values copy every name and literal).
  std::string_view copy(std::string_view text) {
    if (text.empty()) {
      return {};
    }
    char* bytes = static_cast<char*>(m_memory.take(text.size(), 1));
    std::memcpy(bytes, text.data(), text.size());
    return {bytes, text.size()};
  }
  // `text` copied into the arena once: a string asked for again gets the
  // earlier copy (desired values repeat the same names, tags and literals
  // across thousands of resources). The earlier copies are found in a
  // small direct-mapped table of recent strings, so a string may now and
  // then be copied twice, never shared wrongly.
  std::string_view intern(std::string_view text);

 private:
  static constexpr std::size_t k_interned = 1024;  // slots of the table, a power of two
  BlockMemory m_memory;
  std::unique_ptr<std::string_view[]> m_interned;  // allocated on the first intern()
  std::vector<std::unique_ptr<std::string>> m_buffers;
  std::vector<std::unique_ptr<util::MappedFile>> m_files;
};

// nlohmann's `a == b` on the trees the values stand for: same kind and
// value, numbers compared across their kinds as nlohmann compares them.
bool same_value(const Value& a, const Value& b);

// `value` as the nlohmann::json json::parse builds for the same text.
nlohmann::json to_json(const Value& value);
// `json` as a Value, its nodes and strings in `arena`.
Value from_json(const nlohmann::json& json, ValueArena& arena);
// Appends the text `to_json(value).dump()` writes (compact, keys in order,
// nlohmann's escapes; a string that is not valid UTF-8 throws as dump() does).
void append_json(std::string& out, const Value& value);

// Builds an object of the members [`first`, `last`) in any order: sorted by
// key, a key given twice keeps its last value (as nlohmann's parser
// does); the members are copied into `arena` (the given ones may be
// reordered).
Value make_object(Member* first, Member* last, ValueArena& arena);
// Builds a list of the items [`first`, `last`), copied into `arena`.
Value make_array(const Value* first, const Value* last, ValueArena& arena);

}  // namespace dharma::drift
