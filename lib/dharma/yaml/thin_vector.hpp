#pragma once
// A vector one pointer wide, for the children of a yaml::Node.
//
// A 10,000-resource blueprint is about 180,000 nodes, and most of them
// (scalars, map keys) have no children at all, yet each node carried two
// std::vectors of 24 bytes (items and entries). A ThinVector keeps its size
// and capacity in front of the elements, in the same heap block, so an empty
// one is a null pointer (8 bytes) and a node is 72 bytes instead of 104: 96
// bytes of heap with make_shared's control block instead of 128
// (docs/PERFORMANCE.md, "speed-mem"). It offers the part of std::vector's
// interface the tree's readers and builders use; iterators are pointers.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace dharma::yaml {

template <typename T>
class ThinVector {
 public:
  using value_type = T;
  using size_type = std::size_t;
  using difference_type = std::ptrdiff_t;
  using reference = T&;
  using const_reference = const T&;
  using pointer = T*;
  using const_pointer = const T*;
  using iterator = T*;
  using const_iterator = const T*;

  ThinVector() noexcept = default;
  ThinVector(std::initializer_list<T> values) { assign(values.begin(), values.end()); }
  ThinVector(const ThinVector& other) { assign(other.begin(), other.end()); }
  ThinVector(ThinVector&& other) noexcept : m_block(std::exchange(other.m_block, nullptr)) {}
  ThinVector& operator=(const ThinVector& other) {
    if (this != &other) {
      ThinVector copy(other);
      swap(copy);
    }
    return *this;
  }
  ThinVector& operator=(ThinVector&& other) noexcept {
    ThinVector moved(std::move(other));
    swap(moved);
    return *this;
  }
  ~ThinVector() { release(); }

  void swap(ThinVector& other) noexcept { std::swap(m_block, other.m_block); }

  size_type size() const noexcept { return m_block == nullptr ? 0 : m_block->size; }
  size_type capacity() const noexcept { return m_block == nullptr ? 0 : m_block->capacity; }
  bool empty() const noexcept { return size() == 0; }

  T* data() noexcept { return m_block == nullptr ? nullptr : elements(m_block); }
  const T* data() const noexcept { return m_block == nullptr ? nullptr : elements(m_block); }
  iterator begin() noexcept { return data(); }
  iterator end() noexcept { return data() + size(); }
  const_iterator begin() const noexcept { return data(); }
  const_iterator end() const noexcept { return data() + size(); }
  const_iterator cbegin() const noexcept { return begin(); }
  const_iterator cend() const noexcept { return end(); }

  T& operator[](size_type i) { return data()[i]; }
  const T& operator[](size_type i) const { return data()[i]; }
  T& at(size_type i) {
    if (i >= size()) {
      throw std::out_of_range("ThinVector::at");
    }
    return data()[i];
  }
  const T& at(size_type i) const {
    if (i >= size()) {
      throw std::out_of_range("ThinVector::at");
    }
    return data()[i];
  }
  T& front() { return data()[0]; }
  const T& front() const { return data()[0]; }
  T& back() { return data()[size() - 1]; }
  const T& back() const { return data()[size() - 1]; }

  void reserve(size_type wanted) {
    if (wanted > capacity()) {
      regrow(wanted);
    }
  }

  template <typename... Args>
  T& emplace_back(Args&&... args) {
    if (size() == capacity()) {
      // Construct first: `args` may refer to an element the growth moves.
      T value(std::forward<Args>(args)...);
      regrow(std::max<size_type>(4, 2 * capacity()));
      return place(std::move(value));
    }
    return place(std::forward<Args>(args)...);
  }
  void push_back(const T& value) { emplace_back(value); }
  void push_back(T&& value) { emplace_back(std::move(value)); }
  void pop_back() {
    back().~T();
    --m_block->size;
  }

  void clear() noexcept {
    if (m_block != nullptr) {
      std::destroy(begin(), end());
      m_block->size = 0;
    }
  }

  // Replaces the contents with [first, last), in a block of exactly that size.
  template <typename It>
  void assign(It first, It last) {
    clear();
    const auto count = static_cast<size_type>(std::distance(first, last));
    if (count == 0) {
      return;
    }
    if (count > capacity()) {
      release();
      m_block = allocate(count);
    }
    for (; first != last; ++first) {
      place(*first);
    }
  }

  bool operator==(const ThinVector& other) const {
    return std::equal(begin(), end(), other.begin(), other.end());
  }

 private:
  struct Header {
    std::uint32_t size;
    std::uint32_t capacity;
  };
  static constexpr std::size_t k_offset = (sizeof(Header) + alignof(T) - 1) / alignof(T) * alignof(T);
  static_assert(alignof(T) <= __STDCPP_DEFAULT_NEW_ALIGNMENT__, "plain operator new must align the elements");
  static_assert(std::is_nothrow_move_constructible_v<T>, "growth moves the elements");

  // Constructs one element past the end; capacity must allow it.
  template <typename... Args>
  T& place(Args&&... args) {
    T* slot = ::new (static_cast<void*>(end())) T(std::forward<Args>(args)...);
    ++m_block->size;
    return *slot;
  }

  static T* elements(Header* block) noexcept {
    return std::launder(reinterpret_cast<T*>(reinterpret_cast<char*>(block) + k_offset));
  }
  static const T* elements(const Header* block) noexcept {
    return std::launder(reinterpret_cast<const T*>(reinterpret_cast<const char*>(block) + k_offset));
  }

  static Header* allocate(size_type capacity) {
    if (capacity > std::numeric_limits<std::uint32_t>::max()) {
      throw std::length_error("ThinVector: too many elements");
    }
    void* raw = ::operator new(k_offset + capacity * sizeof(T));
    return ::new (raw) Header{0, static_cast<std::uint32_t>(capacity)};
  }
  static void deallocate(Header* block) noexcept { ::operator delete(block); }

  void release() noexcept {
    if (m_block != nullptr) {
      std::destroy(begin(), end());
      deallocate(m_block);
      m_block = nullptr;
    }
  }

  void regrow(size_type capacity) {
    Header* grown = allocate(capacity);
    const size_type count = size();
    if (count != 0) {
      std::uninitialized_move(begin(), end(), elements(grown));
      grown->size = static_cast<std::uint32_t>(count);
    }
    release();
    m_block = grown;
  }

  Header* m_block = nullptr;
};

}  // namespace dharma::yaml
