// The reader is iterative: a stack of open lists and objects, and one
// scratch stack each of items and members shared by all of them (a
// container's children are on top while it is open, and are copied into
// the arena, as one array, when it closes). So nesting depth costs no call
// stack, and the only allocations are the scratch stacks' growth and the
// arena's blocks. What nlohmann rejects is rejected here too: control
// characters and bad escapes in strings, unpaired UTF-16 surrogates,
// overlong or out-of-range UTF-8, numbers outside the JSON grammar or
// beyond a double, trailing text.
//
// With JsonStrings::copy every string is copied into the arena, so the
// text can be freed once read (drift's state reader does: a 16 MB state's
// text is then memory the later passes reuse). Keys repeat in every object
// and many values repeat too ("managed", a region, a type): strings of up
// to 32 bytes go through a small direct-mapped table of the copies made, so
// equal ones share one copy (a slot holds the last string hashed to it).

#include "dharma/drift/json_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "dharma/drift/json_bytes.hpp"

namespace dharma::drift {
namespace {

using namespace json_bytes;

constexpr std::size_t k_max_size = std::numeric_limits<std::uint32_t>::max();

class Reader {
 public:
  Reader(std::string_view text, ValueArena& arena, JsonStrings strings)
      : m_p(text.data()),
        m_end(text.data() + text.size()),
        m_arena(arena),
        m_copy(strings == JsonStrings::copy) {
    // A short text (a policy document read for a comparison) has few
    // strings to share: a smaller table, cleared in less time.
    m_shared.resize(text.size() < k_small_text ? k_small_shared_slots : k_shared_slots);
  }

  // The text in `pieces`, each but the last ending with a newline.
  Reader(const std::vector<std::string>& pieces, ValueArena& arena)
      : m_p(nullptr),
        m_end(nullptr),
        m_arena(arena),
        m_next_piece(pieces.data()),
        m_last_piece(pieces.data() + pieces.size()),
        m_copy(true) {
    m_shared.resize(k_shared_slots);
    next_piece();
  }

  bool run(Value& out) {
    if (m_end - m_p >= 3 && static_cast<unsigned char>(m_p[0]) == 0xEF &&
        static_cast<unsigned char>(m_p[1]) == 0xBB && static_cast<unsigned char>(m_p[2]) == 0xBF) {
      m_p += 3;
    }
    for (;;) {
      Value value;
      bool opened = false;
      if (!read_value(value, opened)) {
        return false;
      }
      if (opened) {
        continue;  // the first child of a new container is next
      }
      // Deliver the value to the containers it completes.
      for (;;) {
        if (m_frames.empty()) {
          skip_space();
          out = value;
          // nlohmann's lexer takes a NUL byte for the end of input: what follows one is never read.
          return m_p == m_end || *m_p == '\0';
        }
        Frame& frame = m_frames.back();
        if (frame.object) {
          m_members.push_back({frame.key, value});
        } else {
          m_items.push_back(value);
        }
        skip_space();
        if (m_p == m_end) {
          return false;
        }
        if (*m_p == ',') {
          ++m_p;
          if (frame.object && !read_key(frame.key)) {
            return false;
          }
          break;
        }
        if (*m_p != (frame.object ? '}' : ']')) {
          return false;
        }
        ++m_p;
        if (!close(value)) {
          return false;
        }
      }
    }
  }

 private:
  struct Frame {
    bool object;
    std::size_t start;     // where its children begin on m_items or m_members
    std::string_view key;  // an object's key whose value is being read
  };

  const char* m_p;
  const char* m_end;
  ValueArena& m_arena;
  // The pieces after the one being read (none for one text). A piece ends
  // with a newline, which no token holds (a string refuses a raw one), so
  // a piece ends between tokens: only skip_space moves to the next.
  const std::string* m_next_piece = nullptr;
  const std::string* m_last_piece = nullptr;

  // Moves to the next piece that is not empty; false when there is none.
  bool next_piece() {
    while (m_next_piece != m_last_piece) {
      const std::string& piece = *m_next_piece++;
      if (!piece.empty()) {
        m_p = piece.data();
        m_end = piece.data() + piece.size();
        return true;
      }
    }
    return false;
  }
  std::vector<Frame> m_frames;
  std::vector<Value> m_items;
  std::vector<Member> m_members;
  std::string m_decoded;  // a string with escapes, being decoded
  // Whether every string is copied (JsonStrings::copy); else only keys and decoded strings are.
  bool m_copy;
  // The short strings copied so far, by hash: in copy mode every one, in
  // view mode the keys, which repeat in every object (a state's attribute
  // names) and which lookups compare again and again: one hot copy of each
  // instead of views scattered over the whole text.
  static constexpr std::size_t k_shared_slots = 4096;
  static constexpr std::size_t k_small_shared_slots = 256;
  static constexpr std::size_t k_small_text = 64 * 1024;
  static constexpr std::size_t k_shared_length = 32;
  std::vector<std::string_view> m_shared;

  // `text` (a view of the input or of m_decoded) as the values keep it.
  std::string_view keep(std::string_view text, bool decoded, bool key) {
    if (!m_copy && !key) {
      return decoded ? m_arena.copy(text) : text;
    }
    if (text.size() > k_shared_length) {
      return m_arena.copy(text);
    }
    std::string_view& slot = m_shared[slot_of(text) & (m_shared.size() - 1)];
    if (slot.size() != text.size() || !same_short(slot.data(), text.data(), text.size())) {
      slot = m_arena.copy(text);
    }
    return slot;
  }

  static bool space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

  // Indented JSON puts a newline and a run of spaces before most tokens:
  // the spaces are skipped many at a time (skip_spaces). Most calls find a
  // token at once: a byte above ' ' is never whitespace.
  void skip_space() {
    do {
      while (m_p != m_end) {
        const char c = *m_p;
        if (static_cast<unsigned char>(c) > ' ') {
          return;
        }
        if (c == ' ') {
          m_p = skip_spaces(m_p + 1, m_end);
        } else if (space(c)) {
          ++m_p;
        } else {
          return;
        }
      }
    } while (m_p == m_end && next_piece());
  }

  // Objects of one shape, the same keys in the same order (a state's
  // attributes of one resource type, its tags, its instances), are sorted
  // once: a shape remembers the order make_object puts their members in.
  // Keys are shared copies in the arena (keep()), so a key at the same
  // address with the same size is the same key, and a shape is known by
  // its keys' addresses. A slot holds the last shape hashed to it.
  struct Shape {
    std::vector<std::string_view> keys;  // as read
    std::vector<std::uint32_t> order;    // the positions of the members kept, in key order
  };
  static constexpr std::size_t k_shape_slots = 256;
  static constexpr std::size_t k_shape_size = 64;  // larger objects are sorted as they come
  // Objects closed before shapes are used: a short document has too few
  // objects to repay the table and the learning.
  static constexpr std::size_t k_objects_before_shapes = 64;
  std::vector<Shape> m_shapes;
  std::size_t m_objects = 0;
  // By depth, the plain keys of the last object read there by position
  // (read_key); an unknown one has no data.
  static constexpr std::size_t k_predicted_keys = 64;
  std::vector<std::vector<std::string_view>> m_predicted;

  // make_object(first, last, m_arena), through the shape of the keys.
  Value object_of(Member* first, Member* last) {
    const auto size = static_cast<std::size_t>(last - first);
    if (size < 2 || size > k_shape_size || m_objects < k_objects_before_shapes) {
      ++m_objects;
      return make_object(first, last, m_arena);
    }
    std::uint64_t hash = size;
    for (const Member* it = first; it != last; ++it) {
      hash = (hash ^ reinterpret_cast<std::uintptr_t>(it->key.data())) * 0x9E3779B97F4A7C15ULL;
    }
    if (m_shapes.empty()) {
      m_shapes.resize(k_shape_slots);
    }
    Shape& shape = m_shapes[(hash ^ (hash >> 32U)) & (k_shape_slots - 1)];
    bool known = shape.keys.size() == size;
    for (std::size_t i = 0; known && i < size; ++i) {
      known = shape.keys[i].data() == first[i].key.data() && shape.keys[i].size() == first[i].key.size();
    }
    if (!known) {
      learn(shape, first, size);
    }
    const std::size_t kept = shape.order.size();
    auto* members = static_cast<Member*>(m_arena.allocate(kept * sizeof(Member), alignof(Member)));
    for (std::size_t i = 0; i < kept; ++i) {
      new (members + i) Member(first[shape.order[i]]);
    }
    return Value::object(members, static_cast<std::uint32_t>(kept));
  }

  // The shape of the `size` members at `first`: their keys, and the order
  // make_object gives (sorted by key, stable, the last of equal keys kept).
  static void learn(Shape& shape, const Member* first, std::size_t size) {
    shape.keys.clear();
    shape.order.clear();
    for (std::size_t i = 0; i < size; ++i) {
      shape.keys.push_back(first[i].key);
      shape.order.push_back(static_cast<std::uint32_t>(i));
    }
    // Insertion sort: stable, and most objects are small.
    auto& order = shape.order;
    for (std::size_t i = 1; i < size; ++i) {
      const std::uint32_t moving = order[i];
      std::size_t hole = i;
      for (; hole > 0 && key_compare(first[moving].key, first[order[hole - 1]].key) < 0; --hole) {
        order[hole] = order[hole - 1];
      }
      order[hole] = moving;
    }
    std::size_t out = 0;
    for (std::size_t i = 0; i < size; ++i) {
      if (i + 1 < size && first[order[i + 1]].key == first[order[i]].key) {
        continue;  // of equal keys the last given wins
      }
      order[out++] = order[i];
    }
    order.resize(out);
  }

  // Closes the innermost container into `value`.
  bool close(Value& value) {
    const Frame frame = m_frames.back();
    m_frames.pop_back();
    if (frame.object) {
      if (m_members.size() - frame.start > k_max_size) {
        return false;
      }
      value = object_of(m_members.data() + frame.start, m_members.data() + m_members.size());
      m_members.resize(frame.start);
    } else {
      if (m_items.size() - frame.start > k_max_size) {
        return false;
      }
      value = make_array(m_items.data() + frame.start, m_items.data() + m_items.size(), m_arena);
      m_items.resize(frame.start);
    }
    return true;
  }

  // A scalar into `value`, or an empty container, or (`opened`) the start of
  // a container whose first child comes next.
  bool read_value(Value& value, bool& opened) {
    skip_space();
    if (m_p == m_end) {
      return false;
    }
    switch (*m_p) {
      case '{':
        ++m_p;
        m_frames.push_back({true, m_members.size(), {}});
        skip_space();
        if (m_p != m_end && *m_p == '}') {
          ++m_p;
          return close(value);
        }
        opened = true;
        return read_key(m_frames.back().key);
      case '[':
        ++m_p;
        m_frames.push_back({false, m_items.size(), {}});
        skip_space();
        if (m_p != m_end && *m_p == ']') {
          ++m_p;
          return close(value);
        }
        opened = true;
        return true;
      case '"': {
        std::string_view text;
        if (!read_string(text)) {
          return false;
        }
        value = Value::string(text);
        return true;
      }
      case 't':
        value = Value::boolean(true);
        return literal("true");
      case 'f':
        value = Value::boolean(false);
        return literal("false");
      case 'n':
        value = Value();
        return literal("null");
      default:
        return read_number(value);
    }
  }

  // `"key"` then `:`, at an object's start or after a comma.
  bool read_key(std::string_view& key) {
    skip_space();
    if (m_p == m_end || *m_p != '"') {
      return false;
    }
    // The key the object read before at this depth had at this position
    // (objects of one shape repeat): when the text holds it, quoted, it is
    // that key, without a scan or a hash. Only plain keys are predicted
    // (no escape, no byte from 0x80 up, so no quote, backslash or control
    // character): their bytes between two quotes are exactly what
    // read_string accepts and gives.
    const std::size_t index = m_members.size() - m_frames.back().start;
    std::string_view* predicted = nullptr;
    // Not in a short document (as shapes): too few objects to repay the table.
    if (index < k_predicted_keys && m_objects >= k_objects_before_shapes) {
      const std::size_t depth = m_frames.size() - 1;
      if (m_predicted.size() <= depth) {
        m_predicted.resize(depth + 1);
      }
      auto& keys = m_predicted[depth];
      if (keys.size() <= index) {
        keys.resize(index + 1);
      }
      predicted = &keys[index];
    }
    const std::size_t size = predicted == nullptr ? 0 : predicted->size();
    if (predicted != nullptr && predicted->data() != nullptr &&
        static_cast<std::size_t>(m_end - m_p) >= size + 2 && m_p[size + 1] == '"' &&
        same_bytes(m_p + 1, predicted->data(), size)) {
      key = *predicted;
      m_p += size + 2;
    } else {
      bool plain = false;
      if (!read_string(key, true, &plain)) {
        return false;
      }
      if (predicted != nullptr) {
        *predicted = plain ? key : std::string_view();
      }
    }
    skip_space();
    if (m_p == m_end || *m_p != ':') {
      return false;
    }
    ++m_p;
    return true;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word) {
      return false;
    }
    m_p += word.size();
    return true;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  bool read_number(Value& value) {
    const char* start = m_p;
    const bool negative = m_p != m_end && *m_p == '-';
    if (negative) {
      ++m_p;
    }
    if (m_p == m_end || !digit(*m_p)) {
      return false;
    }
    if (*m_p == '0') {
      ++m_p;
    } else {
      while (m_p != m_end && digit(*m_p)) {
        ++m_p;
      }
    }
    bool integer = true;
    if (m_p != m_end && *m_p == '.') {
      integer = false;
      ++m_p;
      if (m_p == m_end || !digit(*m_p)) {
        return false;
      }
      while (m_p != m_end && digit(*m_p)) {
        ++m_p;
      }
    }
    if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
      integer = false;
      ++m_p;
      if (m_p != m_end && (*m_p == '+' || *m_p == '-')) {
        ++m_p;
      }
      if (m_p == m_end || !digit(*m_p)) {
        return false;
      }
      while (m_p != m_end && digit(*m_p)) {
        ++m_p;
      }
    }
    // As nlohmann: a whole number that fits is signed (negative) or unsigned, anything else a double.
    if (integer) {
      if (negative) {
        std::int64_t number = 0;
        const auto [end, error] = std::from_chars(start, m_p, number);
        if (error == std::errc() && end == m_p) {
          value = Value::integer(number);
          return true;
        }
      } else {
        std::uint64_t number = 0;
        const auto [end, error] = std::from_chars(start, m_p, number);
        if (error == std::errc() && end == m_p) {
          value = Value::unsigned_integer(number);
          return true;
        }
      }
    }
    double number = 0;
    const auto [end, error] = std::from_chars(start, m_p, number);
    if (error == std::errc::result_out_of_range) {
      // Underflow (strtod gives 0 or a subnormal, as nlohmann keeps) or overflow (refused below).
      const std::string token(start, m_p);
      number = std::strtod(token.c_str(), nullptr);
    } else if (error != std::errc() || end != m_p) {
      return false;
    }
    if (!std::isfinite(number)) {
      return false;
    }
    value = Value::floating(number);
    return true;
  }

  static bool continuation(unsigned char c, unsigned char low = 0x80, unsigned char high = 0xBF) {
    return c >= low && c <= high;
  }

  // One UTF-8 sequence at m_p (its lead byte >= 0x80), as nlohmann checks it.
  bool skip_utf8() {
    const auto* p = reinterpret_cast<const unsigned char*>(m_p);
    const auto left = static_cast<std::size_t>(m_end - m_p);
    const unsigned char lead = p[0];
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    if (left < length || !continuation(p[1], low, high)) {
      return false;
    }
    for (std::size_t i = 2; i < length; ++i) {
      if (!continuation(p[i])) {
        return false;
      }
    }
    m_p += length;
    return true;
  }

  bool read_hex4(unsigned& code) {
    if (m_end - m_p < 4) {
      return false;
    }
    code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *m_p++;
      code <<= 4U;
      if (c >= '0' && c <= '9') {
        code |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        code |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        code |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        return false;
      }
    }
    return true;
  }

  void append_utf8(unsigned code) {
    if (code < 0x80) {
      m_decoded += static_cast<char>(code);
    } else if (code < 0x800) {
      m_decoded += static_cast<char>(0xC0 | (code >> 6U));
      m_decoded += static_cast<char>(0x80 | (code & 0x3FU));
    } else if (code < 0x10000) {
      m_decoded += static_cast<char>(0xE0 | (code >> 12U));
      m_decoded += static_cast<char>(0x80 | ((code >> 6U) & 0x3FU));
      m_decoded += static_cast<char>(0x80 | (code & 0x3FU));
    } else {
      m_decoded += static_cast<char>(0xF0 | (code >> 18U));
      m_decoded += static_cast<char>(0x80 | ((code >> 12U) & 0x3FU));
      m_decoded += static_cast<char>(0x80 | ((code >> 6U) & 0x3FU));
      m_decoded += static_cast<char>(0x80 | (code & 0x3FU));
    }
  }

  // One escape after its backslash, decoded onto m_decoded.
  bool read_escape() {
    if (m_p == m_end) {
      return false;
    }
    const char c = *m_p++;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        m_decoded += c;
        return true;
      case 'b':
        m_decoded += '\b';
        return true;
      case 'f':
        m_decoded += '\f';
        return true;
      case 'n':
        m_decoded += '\n';
        return true;
      case 'r':
        m_decoded += '\r';
        return true;
      case 't':
        m_decoded += '\t';
        return true;
      case 'u': {
        unsigned code = 0;
        if (!read_hex4(code)) {
          return false;
        }
        if (code >= 0xDC00 && code <= 0xDFFF) {
          return false;  // a low surrogate with no high one before it
        }
        if (code >= 0xD800 && code <= 0xDBFF) {
          unsigned low = 0;
          if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u') {
            return false;
          }
          m_p += 2;
          if (!read_hex4(low) || low < 0xDC00 || low > 0xDFFF) {
            return false;
          }
          code = 0x10000 + ((code - 0xD800) << 10U) + (low - 0xDC00);
        }
        append_utf8(code);
        return true;
      }
      default:
        return false;
    }
  }

  // A string at its opening quote: in view mode a view into the text when
  // it has no escape and is not a `key` (keep()), else copied into the arena.
  // Inlined into its two callers: a call per string cost more than the scan of most strings.
  // `plain`, when given: whether the string had no escape and no byte from 0x80 up.
  [[gnu::always_inline]] bool read_string(std::string_view& out, bool key = false, bool* plain = nullptr) {
    ++m_p;
    const char* start = m_p;
    bool escaped = false;
    bool wide = false;  // a byte from 0x80 up
    for (;;) {
      m_p = skip_plain(m_p, m_end);
      if (m_p == m_end) {
        return false;
      }
      const auto c = static_cast<unsigned char>(*m_p);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        if (!escaped) {
          m_decoded.clear();
          escaped = true;
        }
        m_decoded.append(start, m_p);
        ++m_p;
        if (!read_escape()) {
          return false;
        }
        start = m_p;
        continue;
      }
      if (c < 0x20) {
        return false;
      }
      if (c >= 0x80) {
        if (!skip_utf8()) {
          return false;
        }
        wide = true;
        continue;
      }
      ++m_p;
    }
    if (escaped) {
      m_decoded.append(start, m_p);
    }
    ++m_p;  // the closing quote
    const std::string_view text =
        escaped ? std::string_view(m_decoded) : std::string_view(start, m_p - 1 - start);
    if (text.size() > k_max_size) {
      return false;
    }
    out = keep(text, escaped, key);
    if (plain != nullptr) {
      *plain = !escaped && !wide;
    }
    return true;
  }
};

}  // namespace

bool read_json(std::string_view text, ValueArena& arena, Value& out, JsonStrings strings) {
  Reader reader(text, arena, strings);
  return reader.run(out);
}

bool read_json_pieces(const std::vector<std::string>& pieces, ValueArena& arena, Value& out) {
  Reader reader(pieces, arena);
  return reader.run(out);
}

}  // namespace dharma::drift
