#include "dharma/drift/scratch_stacks.hpp"

namespace dharma::drift {

ScratchStacks& scratch_stacks() {
  thread_local ScratchStacks stacks;
  return stacks;
}

}  // namespace dharma::drift
