#pragma once
// The lists and objects being built from a tree (desired bodies, evaluated
// templates), one stack each for the thread: a nested one's items are on
// top while it is built and are cut back once it is in the arena
// (StackMark), so no vector is allocated per list or object.

#include <cstddef>
#include <vector>

#include "dharma/drift/value.hpp"

namespace dharma::drift {

struct ScratchStacks {
  std::vector<Value> items;
  std::vector<Member> members;
};

ScratchStacks& scratch_stacks();

// Cuts a stack back to `size` when it goes out of scope, however the
// building ends (an exception too).
template <class Stack>
class StackMark {
 public:
  StackMark(Stack& stack, std::size_t size) : m_stack(stack), m_size(size) {}
  ~StackMark() { m_stack.resize(m_size); }
  StackMark(const StackMark&) = delete;
  StackMark& operator=(const StackMark&) = delete;

 private:
  Stack& m_stack;
  std::size_t m_size;
};

}  // namespace dharma::drift
